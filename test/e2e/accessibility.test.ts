// axe-core in the real browser: no WCAG 2.1 A/AA violations on the main pages. With
// TOETSING_SCREENSHOTS=1 it also refreshes the screenshots in docs/screenshots (1400px wide), so a
// normal test run leaves the work tree untouched.
import fs from 'node:fs';
import path from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer';
import { inspectionIdByRef, USERS } from '../helpers/context';
import { loginAs, newPage, Running, startAll } from './browser';

const SHOTS = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
let r: Running;
let page: Page;
let id: number;

beforeAll(async () => {
  r = await startAll();
  id = inspectionIdByRef(r.ctx, 'recht-van-klagen-2022');
  page = await newPage(r);
  // axe injects its own script; the app's CSP would (rightly) block it.
  await page.setBypassCSP(true);
});
afterAll(async () => { await r.stop(); });

/** The first level-2 section of the demo 2022 outline. */
function firstParagraph(): number {
  return (r.ctx.db.prepare('SELECT id FROM report_sections WHERE inspection_id = ? AND level = 2 ORDER BY position LIMIT 1').get(id) as { id: number }).id;
}

async function violations(p: Page) {
  const result = await new AxePuppeteer(p).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

test('the login page has no WCAG 2.1 A/AA violations', async () => {
  await page.goto(`${r.url}/login`);
  expect(await violations(page)).toEqual([]);
  await loginAs(r, page, USERS.inspecteur.email);
});

const pages: Array<[string, () => string, string | null]> = [
  ['overview', () => '/', null],
  ['inspection home', () => `/onderzoeken/${id}`, null],
  ['matrix', () => `/onderzoeken/${id}/matrix`, 'matrix.png'],
  ['matrix (ombudsman, filtered)', () => `/onderzoeken/${id}/matrix?checklist=ombudsman&oordeel=opgevolgd`, null],
  ['cell', () => `/onderzoeken/${id}/cellen/toetsingskader/k6/AMS`, 'cel.png'],
  ['evidence library', () => `/onderzoeken/${id}/bronnen`, null],
  ['national', () => `/onderzoeken/${id}/landelijk`, null],
  ['texts', () => `/onderzoeken/${id}/teksten`, null],
  ['report outline', () => `/onderzoeken/${id}/rapport`, null],
  ['report section', () => `/onderzoeken/${id}/rapport/secties/${firstParagraph()}`, null],
  ['new inspection', () => '/onderzoeken/nieuw', null],
];

test.each(pages)('the %s page has no WCAG 2.1 A/AA violations', async (_name, url, shot) => {
  // The matrix is shot tall enough to show the national row.
  await page.setViewport({ width: 1400, height: shot === 'matrix.png' ? 1450 : 900 });
  await page.goto(r.url + url());
  expect(await violations(page)).toEqual([]);
  if (shot && process.env.TOETSING_SCREENSHOTS === '1') {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, shot), fullPage: shot === 'cel.png' });
  }
});

test('an evidence page (with a form and with a 400 error) has no WCAG 2.1 A/AA violations', async () => {
  const ev = r.ctx.db.prepare('SELECT id FROM evidence WHERE inspection_id = ? ORDER BY id LIMIT 1').get(id) as { id: number };
  await page.goto(`${r.url}/onderzoeken/${id}/bronnen/${ev.id}`);
  expect(await violations(page)).toEqual([]);
  await page.goto(`${r.url}/onderzoeken/${id}/bronnen/nieuw`);
  await Promise.all([page.waitForNavigation(), page.click('form[enctype] button[type=submit]')]);
  expect(await page.$eval('.field__error', (e) => e.textContent)).toBeTruthy();
  expect(await violations(page)).toEqual([]);
});

test('a report section refused for an unknown block (400, messages at the text) has no WCAG 2.1 A/AA violations', async () => {
  await page.goto(`${r.url}/onderzoeken/${id}/rapport/secties/${firstParagraph()}`);
  await page.$eval('#body', (t) => { (t as HTMLTextAreaElement).value += '\n\n{{onbekend}}\n\nNoot[^zonder]'; });
  await Promise.all([page.waitForNavigation(), page.click('#section-form button[type=submit]')]);
  expect(await page.$eval('#body-error', (e) => e.textContent)).toContain('Onbekend blok');
  expect(await violations(page)).toEqual([]);
});

test('the report outline and a section as a lezer sees them (read-only) have no WCAG 2.1 A/AA violations', async () => {
  const lezer = await newPage(r);
  await lezer.setBypassCSP(true);
  await loginAs(r, lezer, USERS.lezer.email);
  for (const url of [`/onderzoeken/${id}/rapport`, `/onderzoeken/${id}/rapport/secties/${firstParagraph()}`]) {
    await lezer.goto(r.url + url);
    expect(await violations(lezer)).toEqual([]);
  }
});

test('the read-only pages of a lezer and the user administration have no WCAG 2.1 A/AA violations', async () => {
  const lezer = await newPage(r);
  await lezer.setBypassCSP(true);
  await loginAs(r, lezer, USERS.lezer.email);
  for (const url of [`/onderzoeken/${id}/cellen/toetsingskader/k6/AMS`, `/onderzoeken/${id}/landelijk`]) {
    await lezer.goto(r.url + url);
    expect(await violations(lezer)).toEqual([]);
  }
  const admin = await newPage(r);
  await admin.setBypassCSP(true);
  await loginAs(r, admin, USERS.beheerder.email);
  await admin.goto(`${r.url}/beheer/gebruikers`);
  expect(await violations(admin)).toEqual([]);
});
