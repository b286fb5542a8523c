// End to end in real headless Chromium: an inspector starts a follow-up of the 2022 inspection,
// judges cells, adds a PDF as evidence and links it, and sees matrix and national roll-up change;
// then a lezer sees the result and is refused a change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { getCell } from '../../src/store/verdicts.store';
import { changeLogCount, inspectionIdByRef, USERS } from '../helpers/context';
import { minimalPdf } from '../helpers/files';
import { loginAs, newPage, Running, startAll, submit } from './browser';

let r: Running;
let pdfPath: string;
beforeAll(async () => {
  r = await startAll();
  pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-e2e-')), 'verslag-intake.pdf');
  fs.writeFileSync(pdfPath, minimalPdf('Verslag intake Noord-Nederland'));
});
afterAll(async () => {
  await r.stop();
  fs.rmSync(path.dirname(pdfPath), { recursive: true, force: true });
});

async function judge(page: Page, inspectionId: number, criterion: string, unit: string, verdict: string, motivation: string) {
  await page.goto(`${r.url}/onderzoeken/${inspectionId}/cellen/toetsingskader/${criterion}/${unit}`);
  await page.click(`input[name=verdict][value=${verdict}]`);
  await page.type('#motivation', motivation);
  await page.select('#workflow', 'gereed');
  await submit(page, 'form[action$="/' + unit + '"] button[type=submit]');
  expect(await page.$eval('[role=status]', (e) => e.textContent)).toContain('Het oordeel is opgeslagen.');
}

const text = (page: Page) => page.evaluate(() => document.body.innerText);

test('an inspector carries out a follow-up and a lezer sees it but cannot change it', async () => {
  const page = await newPage(r);
  await loginAs(r, page, USERS.inspecteur.email);
  const id2022 = inspectionIdByRef(r.ctx, 'recht-van-klagen-2022');

  // Start the follow-up from the inspection home.
  await page.goto(`${r.url}/onderzoeken/${id2022}`);
  await Promise.all([page.waitForNavigation(), page.click(`a[href="/onderzoeken/${id2022}/vervolg"]`)]);
  await page.$eval('#f-title', (e) => { (e as HTMLInputElement).value = ''; });
  await page.type('#f-title', 'Recht van klagen, vervolg 2026');
  await page.$eval('#f-year', (e) => { (e as HTMLInputElement).value = ''; });
  await page.type('#f-year', '2026');
  await submit(page, 'button[type=submit].button--primary');
  const newId = Number(/\/onderzoeken\/(\d+)$/.exec(page.url())![1]);
  expect(newId).not.toBe(id2022);
  expect(await text(page)).toContain('0 van 322 cellen beoordeeld');

  await page.goto(`${r.url}/onderzoeken/${newId}/landelijk`);
  expect(await text(page)).toContain('14 van 14 eenheden niet beoordeeld');

  // The cell page shows the earlier verdict beside the new one.
  await page.goto(`${r.url}/onderzoeken/${newId}/cellen/toetsingskader/k1/NN`);
  expect(await page.$eval('.card--previous', (e) => (e as HTMLElement).innerText)).toContain('Vorig onderzoek (2022)');

  await judge(page, newId, 'k1', 'NN', 'nagekomen', 'Klachtbehandelaars bellen **binnen een week**.');
  await judge(page, newId, 'k2', 'NN', 'ten_dele', 'Het doel van de klacht wordt niet altijd vastgelegd.');
  await judge(page, newId, 'k1', 'AMS', 'niet_nagekomen', 'Geen contact met de klager vastgelegd.');
  expect(await page.$eval('.prose', (e) => e.innerHTML)).toContain('Geen contact met de klager vastgelegd.');

  // Evidence: a real PDF, judged by its content.
  await page.goto(`${r.url}/onderzoeken/${newId}/bronnen/nieuw`);
  await page.select('#f-type', 'document');
  await page.type('#f-title', 'Verslag intake Noord-Nederland');
  await page.click('input[name=units][value=NN]');
  const input = await page.$('#f-bestand');
  await (input as unknown as { uploadFile: (p: string) => Promise<void> }).uploadFile(pdfPath);
  await submit(page, 'form[enctype] button[type=submit]');
  expect(await text(page)).toContain('De bron is opgeslagen.');
  expect(await text(page)).toContain('verslag-intake.pdf');
  const evidenceId = Number(/bronnen\/(\d+)/.exec(page.url())![1]);

  // Link it to a cell with an excerpt, from the evidence page.
  await page.select('#l-criterium', 'toetsingskader/k1');
  await page.select('#l-eenheid', 'NN');
  await page.type('#l-excerpt', 'p. 1: de klager is binnen een week gebeld');
  await submit(page, 'form[action$="/koppelingen"] button[type=submit]');
  expect(await page.$eval('#cellen', (e) => (e as HTMLElement).innerText)).toContain('p. 1: de klager is binnen een week gebeld');
  expect(getCell(r.ctx.db, { inspectionId: newId, checklist: 'toetsingskader', criterion: 'k1', unit: 'NN' }).links).toEqual([{ evidenceId, excerpt: 'p. 1: de klager is binnen een week gebeld' }]);

  // The matrix and the national roll-up changed.
  await page.goto(`${r.url}/onderzoeken/${newId}/matrix`);
  const matrix = await page.$eval('.matrix', (e) => e.textContent);
  expect(matrix).toContain('Toetsingskader 1, NN: Nagekomen; gereed; 1 bron');
  expect(matrix).toContain('Toetsingskader 2, NN: Ten dele nagekomen; gereed; geen bron');
  expect(matrix).toContain('Toetsingskader 1, AMS: Niet nagekomen; gereed; geen bron');
  await page.goto(`${r.url}/onderzoeken/${newId}/landelijk`);
  const national = await text(page);
  expect(national).toContain('1 van 14 eenheden ten dele nagekomen, 1 niet nagekomen, 12 niet beoordeeld');
  expect(national).toContain('1 van 14 eenheden nagekomen, 1 niet nagekomen, 12 niet beoordeeld');
  await page.close();

  // A lezer sees the result, gets no forms, and a forged POST is refused without a change.
  const lezer = await newPage(r);
  await loginAs(r, lezer, USERS.lezer.email);
  await lezer.goto(`${r.url}/onderzoeken/${newId}/cellen/toetsingskader/k1/NN`);
  const cellText = await text(lezer);
  expect(cellText).toContain('Nagekomen');
  expect(await lezer.$eval('.prose', (e) => e.innerHTML)).toContain('<strong>binnen een week</strong>');
  expect(cellText).toContain('p. 1: de klager is binnen een week gebeld');
  expect(await lezer.$('input[name=verdict]')).toBeNull();
  const before = changeLogCount(r.ctx);
  const status = await lezer.evaluate(async (url) => {
    const csrf = document.querySelector('meta[name=csrf-token]')!.getAttribute('content')!;
    const body = new URLSearchParams({ _csrf: csrf, verdict: 'niet_nagekomen', motivation: 'gewijzigd door lezer', workflow: 'gereed', version: '2' });
    return (await fetch(url, { method: 'POST', body })).status;
  }, `${r.url}/onderzoeken/${newId}/cellen/toetsingskader/k1/NN`);
  expect(status).toBe(403);
  expect(changeLogCount(r.ctx)).toBe(before);
  expect(getCell(r.ctx.db, { inspectionId: newId, checklist: 'toetsingskader', criterion: 'k1', unit: 'NN' }).verdict).toBe('nagekomen');
  const dl = await lezer.evaluate(async (url) => (await fetch(url)).status, `${r.url}/onderzoeken/${newId}/bronnen/${evidenceId}/bestand`);
  expect(dl).toBe(404);
  await lezer.close();
});
