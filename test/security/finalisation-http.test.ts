// Vaststelling through the web app, with the real report renderer: blockers accepted by one
// inspector, finalised by another, the national and per-unit PDFs stored with their SHA-256 and
// marked final; afterwards edits are refused and a correction becomes a new revision.
import type { Express } from 'express';
import { inspectionStatus } from '../../src/domain/status';
import { closeEngine } from '../../src/reports';
import { acceptBlocker, listFinalReports, storedReport } from '../../src/store/finalisation.store';
import { getInspection, loadSnapshot } from '../../src/store/inspections.store';
import { buildApp } from '../../src/web/app';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';
import { pdfText } from '../helpers/pdf';
import { binary } from './support';

let ctx: TestCtx;
let app: Express;
let id: number;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  app = buildApp(ctx);
  id = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
  // Only team members finalise: the beheerder who finalises here is on the team.
  ctx.db.prepare('INSERT INTO inspection_team (inspection_id, email) VALUES (?, ?)').run(id, USERS.beheerder.email);
});
afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
});

const blockers = () => inspectionStatus(loadSnapshot(ctx.db, id), ctx.catalogue).blockers;

test('when blockers are open, then the page lists them and finalising answers 409 without rendering anything', async () => {
  const { agent, csrf } = await login(app, USERS.beheerder.email);
  const page = await agent.get(`/onderzoeken/${id}/vaststellen`).expect(200);
  expect(page.text).toContain(blockers()[0].message.replace(/"/g, '&#34;'));
  const res = await agent.post(`/onderzoeken/${id}/vaststellen`).type('form').send({ _csrf: csrf });
  expect(res.status).toBe(409);
  expect(getInspection(ctx.db, id).status).toBe('concept');
});

test('when an acceptance is posted without motivation, then 400 with the message next to the field', async () => {
  const { agent, csrf } = await login(app, USERS.inspecteur.email);
  const res = await agent.post(`/onderzoeken/${id}/vaststellen/aanvaarden`).type('form').send({ _csrf: csrf, blokkade: blockers()[0].key, motivering: '' });
  expect(res.status).toBe(400);
  expect(res.text).toContain('Geef een motivering');
});

test('when one inspector accepted every blocker and another finalises, then the reports are stored, final, hashed, and the inspection is closed to edits', async () => {
  const { agent: inspector, csrf: icsrf } = await login(app, USERS.inspecteur.email);
  const [first, ...rest] = blockers();
  await inspector.post(`/onderzoeken/${id}/vaststellen/aanvaarden`).type('form').send({ _csrf: icsrf, blokkade: first.key, motivering: 'Aanvaard na overleg' }).expect(303);
  for (const b of rest) acceptBlocker(ctx.db, ctx.catalogue, USERS.inspecteur.email, id, b.key, 'Aanvaard na overleg');

  // The inspector who accepted cannot finalise themself.
  expect((await inspector.post(`/onderzoeken/${id}/vaststellen`).type('form').send({ _csrf: icsrf })).status).toBe(409);

  const { agent, csrf } = await login(app, USERS.beheerder.email);
  await agent.post(`/onderzoeken/${id}/vaststellen`).type('form').send({ _csrf: csrf }).expect(303);
  const i = getInspection(ctx.db, id);
  expect(i.status).toBe('vastgesteld');
  const reports = listFinalReports(ctx.db, id);
  expect(reports.map((r) => r.unit)).toEqual([null, ...[...i.units].sort()]);
  const national = storedReport(ctx.db, id, null)!;
  expect(national.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(national.pdf);
  expect(text).toMatch(/Vastgesteld op/);
  expect(text).not.toMatch(/CONCEPT/);

  const page = await agent.get(`/onderzoeken/${id}/vaststellen`).expect(200);
  expect(page.text).toContain(national.sha256);
  // Downloads serve exactly the stored bytes.
  const dl = await agent.get(`/onderzoeken/${id}/rapport.pdf`).buffer(true).parse(binary).expect(200);
  expect(Buffer.compare(dl.body as Buffer, national.pdf)).toBe(0);
  const unitDl = await agent.get(`/onderzoeken/${id}/eenheden/${i.units[0]}/rapport.pdf`).buffer(true).parse(binary).expect(200);
  expect(Buffer.compare(unitDl.body as Buffer, storedReport(ctx.db, id, i.units[0])!.pdf)).toBe(0);
  expect(page.text).toContain('Heropenen als nieuwe revisie');

  // Edits through the web app are refused now.
  const cell = `/onderzoeken/${id}/cellen/toetsingskader/k1/${i.units[0]}`;
  const edit = await agent.post(cell).type('form').send({ _csrf: csrf, verdict: 'voldoet', motivation: 'na vaststelling', workflow: 'gereed', version: '1' });
  expect(edit.status).toBeGreaterThanOrEqual(400);
  expect(edit.status).toBeLessThan(500);
  expect(getInspection(ctx.db, id).status).toBe('vastgesteld');
  expect((await agent.post(`/onderzoeken/${id}/vaststellen`).type('form').send({ _csrf: csrf })).status).toBe(409);

  // A correction: a new revision, the final version untouched.
  const noReason = await agent.post(`/onderzoeken/${id}/heropenen`).type('form').send({ _csrf: csrf, reden: '' });
  expect(noReason.status).toBe(400);
  const reopened = await agent.post(`/onderzoeken/${id}/heropenen`).type('form').send({ _csrf: csrf, reden: 'Correctie van een cijfer in hoofdstuk 3' }).expect(303);
  const rid = Number(/\/onderzoeken\/(\d+)$/.exec(reopened.headers.location)![1]);
  expect(getInspection(ctx.db, rid)).toMatchObject({ status: 'concept', ref: 'klachtbehandeling-2026-illustratief-r2' });
  expect(storedReport(ctx.db, id, null)!.sha256).toBe(national.sha256);
  const revPage = await agent.get(`/onderzoeken/${rid}/vaststellen`).expect(200);
  expect(revPage.text).toContain('Correctie van een cijfer in hoofdstuk 3');
}, 180_000);
