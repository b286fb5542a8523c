// The review flow of issue 13 end to end in real headless Chromium: inspector A sets a verdict,
// inspector B adds a note on that cell and approves it, A answers the note and changes the
// verdict (the approval is voided), B resolves the note and approves again. After each step the
// matrix shows the cell's state: te reviewen, an open note, goedgekeurd, goedkeuring vervallen,
// and at the end goedgekeurd without a note.
import type { Page } from 'puppeteer';
import { REVIEW_STATE_LABELS } from '../../src/domain/review';
import { loadSnapshot } from '../../src/store/inspections.store';
import { createUser } from '../../src/store/users.store';
import { inspectionIdByRef, TEST_PASSWORD, USERS } from '../helpers/context';
import { loginAs, newPage, Running, startAll, submit } from './browser';

const A = USERS.inspecteur.email;
const B = 'inspecteur2@demo.toetsing.local';
/** A cell of the 2022 demo that nobody approved yet (the demo holds a few approvals of its own). */
let CELL = { checklist: 'toetsingskader', criterion: 'k2', unit: 'ON' };

// The words of R1's review states as the matrix says them.
const STATE = {
  toReview: REVIEW_STATE_LABELS.te_reviewen.toLowerCase(),
  approved: REVIEW_STATE_LABELS.goedgekeurd.toLowerCase(),
  voided: REVIEW_STATE_LABELS.goedkeuring_vervallen.toLowerCase(),
};

let r: Running;
let id: number;
beforeAll(async () => {
  r = await startAll();
  await createUser(r.ctx.db, 'test', { email: B, role: 'inspecteur', password: TEST_PASSWORD });
  id = inspectionIdByRef(r.ctx, 'recht-van-klagen-2022');
  const s = loadSnapshot(r.ctx.db, id);
  const approved = new Set(s.approvals.filter((x) => x.targetKind === 'cell').map((x) => x.targetKey));
  const free = s.verdicts.find((v) => v.checklist === 'toetsingskader' && v.unit === 'ON' && !approved.has(`${v.checklist}/${v.criterion}/${v.unit}`))!;
  CELL = { checklist: free.checklist, criterion: free.criterion, unit: free.unit };
});
afterAll(async () => { await r.stop(); });

const cellPath = () => `/onderzoeken/${id}/cellen/${CELL.checklist}/${CELL.criterion}/${CELL.unit}`;
const stored = () => loadSnapshot(r.ctx.db, id).verdicts.find((v) => v.checklist === CELL.checklist && v.criterion === CELL.criterion && v.unit === CELL.unit)!;

/** What the matrix says about the cell: its accessible text and whether it carries a note badge. */
async function matrixCell(page: Page): Promise<{ text: string; badge: string | null }> {
  await page.goto(`${r.url}/onderzoeken/${id}/matrix?checklist=${CELL.checklist}`);
  return page.$eval(`td.cell a[href="${cellPath()}"]`, (a) => ({
    text: a.querySelector('.visually-hidden')?.textContent ?? '',
    badge: a.querySelector('.nb')?.textContent ?? null,
  }));
}

async function saveVerdict(page: Page, verdict: string, motivation: string) {
  await page.goto(`${r.url}${cellPath()}`);
  await page.click(`input[name=verdict][value=${verdict}]`);
  await page.$eval('#motivation', (e) => { (e as HTMLTextAreaElement).value = ''; });
  await page.type('#motivation', motivation);
  await submit(page, '#cell-form button[type=submit].button--primary');
  expect(await page.$eval('[role=status]', (e) => e.textContent)).toContain('Het oordeel is opgeslagen.');
}

async function approve(page: Page) {
  await page.goto(`${r.url}${cellPath()}`);
  await submit(page, '#review form.review-approve button[type=submit]');
}

test('A judges, B notes and approves, A answers and changes the verdict, B resolves and approves again; the matrix shows each state', async () => {
  const a = await newPage(r);
  const b = await newPage(r);
  await loginAs(r, a, A);
  await loginAs(r, b, B);

  // Review is required for this inspection (the setting on the review page).
  await a.goto(`${r.url}/onderzoeken/${id}/review`);
  if (!(await a.$eval('#instelling input[name=verplicht]', (e) => e.checked))) {
    await a.click('#instelling input[name=verplicht]');
    await submit(a, '#instelling button[type=submit]');
  }

  // 1. A sets a verdict: te reviewen, no note.
  const first = stored().verdict === 'nagekomen' ? 'ten_dele' : 'nagekomen';
  await saveVerdict(a, first, 'Intake binnen **twee weken** in de steekproef.');
  let m = await matrixCell(a);
  expect(m.text).toContain(STATE.toReview);
  expect(m.badge).toBeNull();

  // 2. B adds a note on that cell, addressed to A: the matrix shows an open note.
  await b.goto(`${r.url}${cellPath()}`);
  await b.click('#notities summary');
  await b.select('#notitie-aan', A);
  await b.type('#notitie-tekst', 'Geldt de termijn van twee weken voor alle dossiers van de steekproef?');
  await submit(b, '#notities form.note-add button[type=submit]');
  expect(b.url()).toBe(`${r.url}${cellPath()}#notities`);
  expect(await b.$eval('#notities', (e) => (e as HTMLElement).innerText)).toContain('Geldt de termijn van twee weken');
  m = await matrixCell(b);
  expect(m.badge).toBe('1');
  expect(m.text).toContain('1 open notitie');
  expect(m.text).toContain(STATE.toReview);

  // 3. B approves the verdict as it stands: goedgekeurd, the note still open.
  await approve(b);
  m = await matrixCell(b);
  expect(m.text).toContain(STATE.approved);
  expect(m.text).not.toContain(STATE.voided);
  expect(m.text).not.toContain(STATE.toReview);
  expect(m.badge).toBe('1');

  // 4. A answers the note from the cell page and changes the verdict: the approval is voided.
  await a.goto(`${r.url}${cellPath()}`);
  await submit(a, '#notities .note__foot a');
  await a.type('#reactie-tekst', 'Nee: in twee dossiers duurde het langer. Ik pas het oordeel aan.');
  await submit(a, `form[action$="/reacties"] button[type=submit]`);
  expect(await a.$eval('#reacties', (e) => (e as HTMLElement).innerText)).toContain('in twee dossiers duurde het langer');
  await saveVerdict(a, 'ten_dele', 'Intake binnen twee weken in de meeste dossiers, niet in alle.');
  m = await matrixCell(a);
  expect(m.text).toContain(STATE.voided);
  expect(m.badge).toBe('1');

  // 5. B reads the answer, resolves the note and approves the new verdict.
  await b.goto(`${r.url}/onderzoeken/${id}/notities?aan=`);
  await submit(b, '.note__foot a');
  expect(await b.$eval('#reacties', (e) => (e as HTMLElement).innerText)).toContain('in twee dossiers duurde het langer');
  await submit(b, 'form[action$="/oplossen"] button[type=submit]');
  expect(await b.$eval('[role=status]', (e) => e.textContent)).toContain('De notitie is opgelost.');
  await approve(b);
  m = await matrixCell(b);
  expect(m.badge).toBeNull();
  expect(m.text).not.toContain('notitie');
  expect(m.text).toContain(STATE.approved);
  expect(m.text).not.toContain(STATE.voided);
  expect(m.text).not.toContain(STATE.toReview);

  const note = loadSnapshot(r.ctx.db, id).notes.find((n) => n.targetKey === `${CELL.checklist}/${CELL.criterion}/${CELL.unit}`)!;
  expect(note).toMatchObject({ author: B, addressedTo: A, status: 'opgelost', resolvedBy: B });
  expect(note.replies.map((x) => x.author)).toEqual([A]);
});
