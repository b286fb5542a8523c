// History in the web app: an inspection's change log and one cell's, newest first, paginated,
// with old → new values in Dutch.
import type { Express } from 'express';
import { buildApp } from '../../src/web/app';
import { saveVerdict, getCell, linkEvidence } from '../../src/store/verdicts.store';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';

let ctx: TestCtx;
let app: Express;
let id: number;
const key = () => ({ inspectionId: id, checklist: 'toetsingskader', criterion: 'k1', unit: getUnit() });
let unit: string;
const getUnit = () => unit;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  app = buildApp(ctx);
  id = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
  unit = (ctx.db.prepare('SELECT unit_code FROM inspection_units WHERE inspection_id = ? ORDER BY position').get(id) as { unit_code: string }).unit_code;
  const cell = getCell(ctx.db, key());
  const saved = saveVerdict(ctx.db, USERS.inspecteur.email, key(), cell.version, { verdict: cell.verdict === 'voldoet' ? 'voldoet_niet' : 'voldoet', motivation: 'Eerste motivering', workflow: 'in_behandeling' });
  saveVerdict(ctx.db, USERS.beheerder.email, key(), saved.version, { verdict: saved.verdict, motivation: 'Tweede motivering met <script>alert(1)</script>', workflow: 'gereed' });
  const ev = ctx.db.prepare('SELECT id FROM evidence WHERE inspection_id = ? LIMIT 1').get(id) as { id: number } | undefined;
  if (ev) linkEvidence(ctx.db, USERS.inspecteur.email, id, cell.id, ev.id, 'passage uit het verslag');
});
afterAll(() => ctx.cleanup());

test('when a reader opens the history of an inspection, then the changes are listed newest first with who and old → new in Dutch', async () => {
  const { agent } = await login(app, USERS.lezer.email);
  const res = await agent.get(`/onderzoeken/${id}/geschiedenis`).expect(200);
  expect(res.text).toContain('Oordeel gewijzigd');
  expect(res.text).toContain(USERS.beheerder.email);
  expect(res.text).toContain('Motivering');
  expect(res.text).toContain('Eerste motivering');
  expect(res.text).toContain('Werkstatus');
  // Newest first: the second save's text comes before the first's.
  expect(res.text.indexOf('Tweede motivering')).toBeLessThan(res.text.lastIndexOf('Eerste motivering'));
  expect(res.text).not.toContain('<script>alert(1)</script>');
  expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('when the history of one cell is opened, then only that cell\'s changes are shown', async () => {
  const { agent } = await login(app, USERS.inspecteur.email);
  const res = await agent.get(`/onderzoeken/${id}/cellen/toetsingskader/k1/${unit}/geschiedenis`).expect(200);
  expect(res.text).toContain('Tweede motivering');
  expect(res.text).not.toContain('geïmporteerd');
  const other = await agent.get(`/onderzoeken/${id}/cellen/toetsingskader/k2/${unit}/geschiedenis`).expect(200);
  expect(other.text).not.toContain('Tweede motivering');
});

test('when the history has more entries than a page, then it is paginated', async () => {
  const { agent } = await login(app, USERS.beheerder.email);
  let cell = getCell(ctx.db, key());
  for (let i = 0; i < 55; i++) cell = saveVerdict(ctx.db, USERS.beheerder.email, key(), cell.version, { verdict: cell.verdict, motivation: `versie ${i}`, workflow: 'gereed' });
  const first = await agent.get(`/onderzoeken/${id}/geschiedenis`).expect(200);
  expect(first.text).toMatch(/Pagina 1 van \d/);
  expect(first.text).toContain('versie 54');
  const second = await agent.get(`/onderzoeken/${id}/geschiedenis?pagina=2`).expect(200);
  expect(second.text).toMatch(/Pagina 2 van \d/);
  expect(second.text).not.toContain('versie 54');
  await agent.get(`/onderzoeken/${id}/geschiedenis?pagina=abc`).expect(200);
});

test('when a cell does not exist, then its history answers 404', async () => {
  const { agent } = await login(app, USERS.beheerder.email);
  await agent.get(`/onderzoeken/${id}/cellen/toetsingskader/k99/${unit}/geschiedenis`).expect(404);
  await agent.get(`/onderzoeken/999999/geschiedenis`).expect(404);
});
