// Issue 11, item 2 in Chromium: Ctrl+Enter saves and the focus comes back to the field used,
// "Opslaan en volgende" goes on to the next cell, and the matrix link of a cell returns to the
// matrix as it was left (filters kept, the cell's link focused).
import type { Page } from 'puppeteer';
import { getCell } from '../../src/store/verdicts.store';
import { inspectionIdByRef, USERS } from '../helpers/context';
import { loginAs, newPage, Running, startAll, submit } from './browser';

let r: Running;
beforeAll(async () => { r = await startAll(); });
afterAll(async () => { await r.stop(); });

const id = () => inspectionIdByRef(r.ctx, 'recht-van-klagen-2022');
const cellPath = (criterion: string, unit: string) => `/onderzoeken/${id()}/cellen/toetsingskader/${criterion}/${unit}`;
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test('when Ctrl+Enter is pressed in the motivation, then the cell is saved and the focus is back in the motivation', async () => {
  const page = await newPage(r);
  await loginAs(r, page, USERS.inspecteur.email);
  await page.goto(r.url + cellPath('k10', 'NN'));
  await page.$eval('#motivation', (e) => { (e as HTMLTextAreaElement).value = ''; });
  await page.type('#motivation', 'Opgeslagen met het toetsenbord');
  await Promise.all([page.waitForNavigation(), page.keyboard.down('Control').then(() => page.keyboard.press('Enter'))]);
  await page.keyboard.up('Control');
  expect(await page.$eval('[role=status]', (e) => e.textContent)).toContain('Het oordeel is opgeslagen.');
  expect(getCell(r.ctx.db, { inspectionId: id(), checklist: 'toetsingskader', criterion: 'k10', unit: 'NN' }).motivation).toBe('Opgeslagen met het toetsenbord');
  expect(await activeId(page)).toBe('motivation');
  await page.close();
});

test('when "Opslaan en volgende" is used, then the next cell in the chosen direction opens and the choice is kept', async () => {
  const page = await newPage(r);
  await loginAs(r, page, USERS.inspecteur.email);
  await page.goto(r.url + cellPath('k10', 'AMS'));
  await page.select('#volgende', 'criterium');
  await submit(page, 'button[name=actie][value=volgende]');
  expect(new URL(page.url()).pathname).toBe(cellPath('k11', 'AMS'));
  expect(await page.$eval('[role=status]', (e) => e.textContent)).toContain('vorige cel is opgeslagen');
  expect(await page.$eval('#volgende', (e) => (e as HTMLSelectElement).value)).toBe('criterium');
  await page.close();
});

test('when a cell is opened from a filtered matrix, then "Terug naar de matrix" returns to that matrix with the cell focused', async () => {
  const page = await newPage(r);
  await loginAs(r, page, USERS.inspecteur.email);
  const matrix = `/onderzoeken/${id()}/matrix?checklist=toetsingskader`;
  await page.goto(r.url + matrix);
  const link = `a[href="${cellPath('k2', 'AMS')}"]`;
  await submit(page, `.matrix ${link}`);
  await submit(page, 'a[data-matrix-back]');
  expect(page.url()).toBe(r.url + matrix);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(cellPath('k2', 'AMS'));
  await page.close();
});
