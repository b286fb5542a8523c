// Keyboard only, in real Chromium: on the bulk page of one criterion an inspector fills two rows
// with Tab and typing, goes back with Shift+Tab to the skip link, jumps to the save button with the skip link and saves with Enter.
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer';
import { getCell } from '../../src/store/verdicts.store';
import { loginAs, newPage, Running, startAll } from './browser';
import { inspectionIdByRef, USERS } from '../helpers/context';

let r: Running;
beforeAll(async () => { r = await startAll(); });
afterAll(async () => { await r.stop(); });

/** Replace the focused text box's content, as a user does: select all, then type. */
async function retype(page: Page, text: string) {
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.type(text);
}

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent ?? '');

/** Tab (or Shift+Tab) until the field with this name, or the link with this text, has the focus. */
async function tabTo(page: Page, name: string, back = false) {
  for (let i = 0; i < 40 && (await focusedName(page)) !== name; i++) {
    if (back) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (back) await page.keyboard.up('Shift');
  }
  expect(await focusedName(page)).toBe(name);
}

test('an inspector fills two rows of a bulk page with the keyboard only and saves them', async () => {
  const id = inspectionIdByRef(r.ctx, 'recht-van-klagen-2022');
  const page = await newPage(r);
  await loginAs(r, page, USERS.inspecteur.email);
  await page.goto(`${r.url}/onderzoeken/${id}/criteria/toetsingskader/k4/oordelen`);

  await tabTo(page, 'verdict.NN');
  await page.keyboard.type('Ten');
  await page.keyboard.press('Tab');
  await retype(page, 'Deels, zie het **verslag**.');
  await tabTo(page, 'verdict.ON');
  await page.keyboard.type('Niet');
  await page.keyboard.press('Tab');
  await retype(page, 'Geen registratie.');

  // The skip link before the table jumps to the save button.
  await tabTo(page, 'Naar de knop Opslaan', true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('bulk-save');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

  expect(await page.$eval('#bulk-summary', (e) => e.textContent)).toContain('2 rijen opgeslagen, 0 conflicten, 0 fouten');
  const cell = (unit: string) => getCell(r.ctx.db, { inspectionId: id, checklist: 'toetsingskader', criterion: 'k4', unit });
  expect(cell('NN')).toMatchObject({ verdict: 'ten_dele', motivation: 'Deels, zie het **verslag**.' });
  expect(cell('ON')).toMatchObject({ verdict: 'niet_nagekomen', motivation: 'Geen registratie.' });
});

test('a bulk page with an invalid row has no WCAG 2.1 A/AA violations', async () => {
  const id = inspectionIdByRef(r.ctx, 'recht-van-klagen-2022');
  const page = await newPage(r);
  await page.setBypassCSP(true);
  await loginAs(r, page, USERS.inspecteur.email);
  await page.goto(`${r.url}/onderzoeken/${id}/eenheden/NN/oordelen?checklist=toetsingskader`);
  await page.$eval('#f-motivation-k1', (e) => { (e as HTMLTextAreaElement).value = 'x'.repeat(50_001); });
  await Promise.all([page.waitForNavigation(), page.click('#bulk-save')]);
  expect(await page.$eval('#bulk-summary', (e) => e.textContent)).toContain('1 fout');
  const result = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))).toEqual([]);
});
