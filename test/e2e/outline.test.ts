// The report outline in Chromium: the list reads as an outline (computed numbers, levels indented)
// without sideways scrolling on a wide or a narrow screen, and a section's text is kept as a draft
// when the page is reloaded before saving, then saved with Ctrl+Enter.
import type { Page } from 'puppeteer';
import { listSections } from '../../src/store/outline.store';
import { inspectionIdByRef, USERS } from '../helpers/context';
import { loginAs, newPage, Running, startAll } from './browser';

let r: Running;
let page: Page;
let id: number;
beforeAll(async () => {
  r = await startAll();
  id = inspectionIdByRef(r.ctx, 'recht-van-klagen-2022');
  page = await newPage(r);
  await loginAs(r, page, USERS.inspecteur.email);
});
afterAll(async () => { await r.stop(); });

const paragraph = () => listSections(r.ctx.db, id).find((s) => s.level === 2)!;
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.each([1400, 800])('when the outline is opened %ipx wide, then numbered chapters and indented paragraphs show without sideways scrolling', async (width) => {
  await page.setViewport({ width, height: 900 });
  await page.goto(`${r.url}/onderzoeken/${id}/rapport`);
  const numbers = await page.$$eval('.outline__number', (els) => els.map((e) => e.textContent.trim()));
  expect(numbers).toEqual(expect.arrayContaining(['1', '2', '2.1']));
  const indent = await page.evaluate(() => {
    const left = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().left ?? 0;
    return left('.outline__item--level-2') - left('.outline__item--level-1');
  });
  expect(indent).toBeGreaterThan(10);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});

test('when a section text is typed and the page reloaded before saving, then the draft is offered back, and Ctrl+Enter saves it', async () => {
  await page.setViewport({ width: 1400, height: 900 });
  const s = paragraph();
  const url = `${r.url}/onderzoeken/${id}/rapport/secties/${s.id}`;
  await page.goto(url);
  await page.$eval('#body', (t) => { (t as HTMLTextAreaElement).value = ''; });
  await page.type('#body', 'Getypt en nog niet opgeslagen.');
  page.once('dialog', (d) => { void d.accept(); });
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('.draft-offer button');
  const [restore] = await page.$$('.draft-offer button');
  await restore.click();
  expect(await page.$eval('#body', (t) => (t as HTMLTextAreaElement).value)).toBe('Getypt en nog niet opgeslagen.');
  await page.focus('#body');
  await Promise.all([page.waitForNavigation(), page.keyboard.down('Control').then(() => page.keyboard.press('Enter')).then(() => page.keyboard.up('Control'))]);
  expect(await page.$eval('.alert--success', (e) => e.textContent)).toContain('De sectie is opgeslagen.');
  expect(listSections(r.ctx.db, id).find((x) => x.id === s.id)).toMatchObject({ body: 'Getypt en nog niet opgeslagen.', version: s.version + 1 });
});
