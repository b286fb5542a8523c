// Real-browser set-up for the end-to-end tests: the app on 127.0.0.1 (port 0) over a temporary
// data directory with the demo and the test accounts, and one headless Chromium.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { Browser, Page } from 'puppeteer';
import { buildApp } from '../../src/web/app';
import { resetLoginLimits } from '../../src/web/routes/auth.routes';
import { addUsers, makeCtx, TEST_PASSWORD, TestCtx } from '../helpers/context';
import { passSecondFactorInBrowser } from '../helpers/second-factor';

export interface Running {
  ctx: TestCtx;
  url: string;
  browser: Browser;
  stop: () => Promise<void>;
}

/** `sessionIdleMs`: a shorter idle time for the page's session warning (see src/web/session.ts). */
export async function startAll(options: { sessionIdleMs?: number } = {}): Promise<Running> {
  const ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  const app = buildApp(ctx);
  if (options.sessionIdleMs) app.set('sessionIdleMs', options.sessionIdleMs);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await puppeteer.launch({
    headless: true,
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  return {
    ctx,
    url,
    browser,
    stop: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ctx.cleanup();
    },
  };
}

export async function newPage(r: Running, width = 1400): Promise<Page> {
  const ctx = await r.browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.setViewport({ width, height: 900 });
  return page;
}

/** Log in through the real form, as a user would. */
export async function loginAs(r: Running, page: Page, email: string): Promise<void> {
  resetLoginLimits();
  await page.goto(`${r.url}/login`);
  await page.type('#email', email);
  await page.type('#password', TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  // A beheerder sets up the second factor at the first sign-in and enters a code at later ones.
  await passSecondFactorInBrowser(page, email);
}

/** Submit the form that holds `selector` and wait for the next page. */
export async function submit(page: Page, buttonSelector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(buttonSelector)]);
}
