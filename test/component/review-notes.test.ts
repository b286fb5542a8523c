// Review notes over real HTTP and SQLite: adding one to a cell, a section, a piece of evidence and
// the inspection, replies in order, resolve and reopen, the blocker an open note is, the badges,
// refused input kept, a lezer refused, the change log, notes never in a report, and the export
// round trip (a vastgesteld document brings its notes too).
import { OPERATOR } from '../../src/app/operator';
import { nationalReportModel, unitReportModel } from '../../src/app/reports';
import { findBlockers } from '../../src/domain/blockers';
import { closeEngine, nationalDocument } from '../../src/reports';
import { exportDocument, importDocument } from '../../src/store/documents';
import { loadSnapshot } from '../../src/store/inspections.store';
import { listSections } from '../../src/store/outline.store';
import { createUser } from '../../src/store/users.store';
import { buildApp } from '../../src/web/app';
import { addUsers, inspectionIdByRef, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { Agent, login } from '../helpers/http';

const B = 'inspecteur2@demo.toetsing.local';
type Who = 'a' | 'b' | 'lezer' | 'buitenstaander';
let ctx: TestCtx;
let id: number;
let base: string;
const as = {} as Record<Who, { agent: Agent; csrf: string }>;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  await createUser(ctx.db, 'test', { email: B, role: 'inspecteur', password: TEST_PASSWORD });
  const app = buildApp(ctx);
  as.a = await login(app, USERS.inspecteur.email);
  as.b = await login(app, B);
  as.lezer = await login(app, USERS.lezer.email);
  as.buitenstaander = await login(app, USERS.buitenstaander.email);
  id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  base = `/onderzoeken/${id}/notities`;
});
afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
});

const post = (who: Who, path: string, form: Record<string, string>) => as[who].agent.post(path).type('form').send({ _csrf: as[who].csrf, ...form });
const notes = () => loadSnapshot(ctx.db, id).notes;
const blockers = () => findBlockers(loadSnapshot(ctx.db, id), ctx.catalogue.checklists).filter((b) => b.kind === 'notitie_open');
const CELL = 'toetsingskader/k1/NN';
const cellPage = () => `/onderzoeken/${id}/cellen/toetsingskader/k1/NN`;

async function addCellNote(body: string, aan = USERS.inspecteur.email): Promise<number> {
  const res = await post('b', base, { doel: 'cell', sleutel: CELL, aan, tekst: body });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`${cellPage()}#notities`);
  return notes().at(-1)!.id;
}

describe('a note on a cell', () => {
  let noteId: number;

  test('when inspector B adds a note on a cell, then it is stored, logged, shown on the cell page and blocks vaststelling', async () => {
    const before = blockers().length;
    noteId = await addCellNote('Waarop rust het oordeel *nagekomen* bij NN?');
    const n = notes().find((x) => x.id === noteId)!;
    expect(n).toMatchObject({ targetKind: 'cell', targetKey: CELL, addressedTo: USERS.inspecteur.email, author: B, status: 'open', resolvedBy: null });
    const log = ctx.db.prepare("SELECT actor, action, inspection_id FROM change_log WHERE entity = 'review_note' AND entity_id = ?").all(String(noteId));
    expect(log).toEqual([{ actor: B, action: 'create', inspection_id: id }]);
    const page = await as.a.agent.get(cellPage()).expect(200);
    // Markdown, or plain text when the page's markdown budget ran out (src/markdown.ts): never timing-bound here.
    expect(page.text).toMatch(/Waarop rust het oordeel (<em>nagekomen<\/em>|\*nagekomen\*) bij NN\?/);
    expect(page.text).toContain(`href="${base}/${noteId}"`);
    const bl = blockers();
    expect(bl.length).toBe(before + 1);
    expect(bl.find((b) => b.key === `notitie_open:${noteId}`)).toMatchObject({ unit: 'NN', checklist: 'toetsingskader', criterion: 'k1' });
    expect(bl.find((b) => b.key === `notitie_open:${noteId}`)!.message).toMatch(/^Open reviewnotitie bij \S.*, NN$/);
  });

  test('when the matrix is shown, then the cell carries an open-note badge with its count in words', async () => {
    const res = await as.lezer.agent.get(`/onderzoeken/${id}/matrix?checklist=toetsingskader`).expect(200);
    expect(res.text).toContain('<span class="nb">1</span>');
    expect(res.text).toMatch(/, NN: [^<]*; 1 open notitie[;<]/);
  });

  test('when A and B reply, then the replies are kept in order and the thread shows them in that order', async () => {
    expect((await post('a', `${base}/${noteId}/reacties`, { tekst: 'Op het gespreksverslag B03.' })).status).toBe(303);
    expect((await post('b', `${base}/${noteId}/reacties`, { tekst: 'Dank, duidelijk.' })).status).toBe(303);
    const n = notes().find((x) => x.id === noteId)!;
    expect(n.replies.map((r) => [r.author, r.body])).toEqual([[USERS.inspecteur.email, 'Op het gespreksverslag B03.'], [B, 'Dank, duidelijk.']]);
    const page = await as.lezer.agent.get(`${base}/${noteId}`).expect(200);
    expect(page.text.indexOf('Op het gespreksverslag B03.')).toBeLessThan(page.text.indexOf('Dank, duidelijk.'));
    expect(page.text).not.toContain(`action="${base}/${noteId}/reacties"`);
  });

  test('when B resolves it, then who and when are recorded and the blocker is gone; a stale second resolve changes nothing (409)', async () => {
    const version = notes().find((x) => x.id === noteId)!.version;
    expect((await post('b', `${base}/${noteId}/oplossen`, { version: String(version) })).status).toBe(303);
    const n = notes().find((x) => x.id === noteId)!;
    expect(n).toMatchObject({ status: 'opgelost', resolvedBy: B });
    expect(n.resolvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(blockers().some((b) => b.key === `notitie_open:${noteId}`)).toBe(false);
    const before = dbFingerprint(ctx);
    const stale = await post('a', `${base}/${noteId}/oplossen`, { version: String(version) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('intussen opgelost');
    expect(dbFingerprint(ctx)).toBe(before);
    const matrix = await as.a.agent.get(`/onderzoeken/${id}/matrix?checklist=toetsingskader`).expect(200);
    expect(matrix.text).not.toContain('<span class="nb">');
  });

  test('when A reopens it, then it is open again, logged as reopened, and blocks again', async () => {
    const version = notes().find((x) => x.id === noteId)!.version;
    expect((await post('a', `${base}/${noteId}/heropenen`, { version: String(version) })).status).toBe(303);
    expect(notes().find((x) => x.id === noteId)).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null });
    const actions = (ctx.db.prepare("SELECT action FROM change_log WHERE entity = 'review_note' AND entity_id = ? ORDER BY seq").all(String(noteId)) as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(['create', 'resolve', 'reopen']);
    expect(blockers().some((b) => b.key === `notitie_open:${noteId}`)).toBe(true);
    const history = await as.a.agent.get(`/onderzoeken/${id}/geschiedenis`).expect(200);
    expect(history.text).toContain('Reviewnotitie heropend');
    expect(history.text).toContain('Reactie op reviewnotitie aangemaakt');
    await post('a', `${base}/${noteId}/oplossen`, { version: String(version + 1) }).expect(303);
  });
});

describe('refused input', () => {
  test('when a note is addressed to someone off the team, then it is refused in Dutch, the typed text kept, nothing written', async () => {
    const before = dbFingerprint(ctx);
    const res = await post('a', base, { doel: 'cell', sleutel: CELL, aan: USERS.buitenstaander.email, tekst: 'Mijn **getypte** vraag' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`${USERS.buitenstaander.email} staat niet in het team van dit onderzoek`);
    expect(res.text).toContain('Mijn **getypte** vraag</textarea>');
    expect(res.text).toContain('name="sleutel" value="toetsingskader/k1/NN"');
    expect(dbFingerprint(ctx)).toBe(before);
  });

  test('when the text is empty or the target does not exist, then the form comes back with the message and nothing is written', async () => {
    const before = dbFingerprint(ctx);
    const empty = await post('a', base, { doel: 'cell', sleutel: CELL, aan: '', tekst: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('De notitie is verplicht.');
    const gone = await post('a', base, { doel: 'evidence', sleutel: '999999', aan: '', tekst: 'Over een bron die er niet is' });
    expect(gone.status).toBe(400);
    expect(gone.text).toContain('bestaat niet (meer) in dit onderzoek');
    expect(gone.text).toContain('Over een bron die er niet is</textarea>');
    const odd = await post('a', base, { doel: 'iets', sleutel: '', tekst: 'x', rol: 'beheerder' });
    expect(odd.status).toBe(400);
    expect(dbFingerprint(ctx)).toBe(before);
  });

  test('when a lezer or an inspector off the team tries to add, reply or resolve, then it is refused and nothing changes', async () => {
    const noteId = notes()[0].id;
    const before = dbFingerprint(ctx);
    expect((await post('lezer', base, { doel: 'inspection', sleutel: '', aan: '', tekst: 'Ik lees alleen' })).status).toBe(403);
    expect((await post('lezer', `${base}/${noteId}/reacties`, { tekst: 'x' })).status).toBe(403);
    expect((await post('buitenstaander', base, { doel: 'inspection', sleutel: '', aan: '', tekst: 'Niet mijn team' })).status).toBe(404);
    expect((await post('buitenstaander', `${base}/${noteId}/oplossen`, { version: '1' })).status).toBe(404);
    expect(dbFingerprint(ctx)).toBe(before);
    const page = await as.lezer.agent.get(base).expect(200);
    expect(page.text).not.toContain(`<form method="post" action="${base}"`);
  });
});

describe('markup in a note', () => {
  test('when a note or a reply holds HTML or a script link, then the pages show it as text, never as markup', async () => {
    const payload = '<script>alert(1)</script> <img src=x onerror=alert(2)> [klik](javascript:alert(3))';
    await post('b', base, { doel: 'inspection', sleutel: '', aan: '', tekst: payload }).expect(303);
    const noteId = notes().at(-1)!.id;
    await post('a', `${base}/${noteId}/reacties`, { tekst: payload }).expect(303);
    for (const path of [base, `${base}/${noteId}`]) {
      const res = await as.lezer.agent.get(path).expect(200);
      expect(res.text).not.toMatch(/<script>alert|<img[^>]*onerror|href="javascript:/i);
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    await post('a', `${base}/${noteId}/oplossen`, { version: String(notes().at(-1)!.version) }).expect(303);
  });
});

describe('notes on a section, a piece of evidence and the inspection', () => {
  test('when notes are added there, then the outline, the evidence list and the notes page show them, and the filters work', async () => {
    const section = listSections(ctx.db, id).find((s) => s.level === 2)!;
    const evidence = loadSnapshot(ctx.db, id).evidence[0];
    expect((await post('b', base, { doel: 'section', sleutel: String(section.id), aan: '', tekst: 'Deze alinea mist een bron.' })).headers.location).toBe(`/onderzoeken/${id}/rapport/secties/${section.id}#notities`);
    expect((await post('b', base, { doel: 'evidence', sleutel: String(evidence.id), aan: '', tekst: 'Is dit de definitieve versie?' })).status).toBe(303);
    expect((await post('b', base, { doel: 'inspection', sleutel: '', aan: USERS.inspecteur.email, tekst: 'Planning wederhoor?' })).headers.location).toBe(`${base}?gedaan=toegevoegd`);

    const outline = await as.lezer.agent.get(`/onderzoeken/${id}/rapport`).expect(200);
    expect(outline.text).toContain(`href="/onderzoeken/${id}/rapport/secties/${section.id}#notities">1 open notitie</a>`);
    const sectionPage = await as.a.agent.get(`/onderzoeken/${id}/rapport/secties/${section.id}`).expect(200);
    expect(sectionPage.text).toContain('Deze alinea mist een bron.');
    const list = await as.lezer.agent.get(`/onderzoeken/${id}/bronnen`).expect(200);
    expect(list.text).toContain(`href="/onderzoeken/${id}/bronnen/${evidence.id}#notities">1 open notitie</a>`);
    const evidencePage = await as.a.agent.get(`/onderzoeken/${id}/bronnen/${evidence.id}`).expect(200);
    expect(evidencePage.text).toContain('Is dit de definitieve versie?');

    const mine = await as.a.agent.get(`${base}?aan=mij`).expect(200);
    expect(mine.text).toContain('Planning wederhoor?');
    expect(mine.text).not.toContain('Deze alinea mist een bron.');
    const ofB = await as.b.agent.get(`${base}?aan=mij`).expect(200);
    expect(ofB.text).not.toContain('Planning wederhoor?');
    const resolved = await as.lezer.agent.get(`${base}?status=opgelost`).expect(200);
    expect(resolved.text).toContain('Waarop rust het oordeel');
    expect(resolved.text).not.toContain('Planning wederhoor?');
    const sections = await as.lezer.agent.get(`${base}?status=alle&doel=section`).expect(200);
    expect(sections.text).toContain('Deze alinea mist een bron.');
    expect(sections.text).not.toContain('Planning wederhoor?');
    expect((await as.lezer.agent.get(`${base}?status=kwijt`)).status).toBe(200);
    expect(blockers().map((b) => b.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Open reviewnotitie bij rapport, sectie "/), expect.stringMatching(/^Open reviewnotitie bij bron /), 'Open reviewnotitie bij het onderzoek als geheel']));
  });

  test('when the national and a unit report are made, then no note (nor reply) is in their models or the HTML', () => {
    const model = nationalReportModel(ctx, OPERATOR, id);
    const html = nationalDocument(model).body;
    const unit = JSON.stringify(unitReportModel(ctx, OPERATOR, id, 'NN'));
    expect(notes().length).toBeGreaterThan(4);
    for (const n of notes()) {
      for (const text of [n.body, ...n.replies.map((r) => r.body)]) {
        expect(JSON.stringify(model)).not.toContain(text);
        expect(html).not.toContain(text);
        expect(unit).not.toContain(text);
      }
    }
  });
});

describe('export and import', () => {
  test('when the inspection with notes is exported, imported and exported again, then the document is unchanged', () => {
    const first = exportDocument(ctx.db, ctx.catalogue, id);
    expect(first.reviewNotes?.map((n) => n.target.kind)).toEqual(expect.arrayContaining(['cell', 'section', 'evidence', 'inspection']));
    expect(first.reviewNotes?.some((n) => n.status === 'opgelost' && n.replies.length === 2)).toBe(true);
    const other = makeCtx({ demo: true });
    try {
      const copy = { ...first, inspection: { ...first.inspection, ref: 'kopie-2022' } };
      const newId = importDocument(other.db, other.catalogue, 'test', copy);
      const second = exportDocument(other.db, other.catalogue, newId);
      expect({ ...second, inspection: { ...second.inspection, ref: first.inspection.ref } }).toEqual(first);
    } finally {
      other.cleanup();
    }
  });

  test('when a vastgesteld document brings notes, then they are imported with it; a note on a target it lacks is refused, nothing imported', () => {
    const other = makeCtx({ demo: true });
    try {
      const doc2015 = exportDocument(other.db, other.catalogue, inspectionIdByRef(other, 'klachtbehandeling-2015'));
      expect(doc2015.inspection.status).toBe('vastgesteld');
      const note = { target: { kind: 'inspection' as const }, addressedTo: null, body: 'Afgerond', author: 'a@x.nl', createdAt: '2016-01-01T00:00:00.000Z', status: 'opgelost' as const, resolvedBy: 'b@x.nl', resolvedAt: '2016-01-02T00:00:00.000Z', replies: [{ author: 'b@x.nl', body: 'Ja', createdAt: '2016-01-01T10:00:00.000Z' }] };
      const newId = importDocument(other.db, other.catalogue, 'test', { ...doc2015, inspection: { ...doc2015.inspection, ref: 'kopie-2015' }, reviewNotes: [note] });
      expect(exportDocument(other.db, other.catalogue, newId).reviewNotes).toEqual([note]);
      const before = dbFingerprint(other);
      const bad = { ...doc2015, inspection: { ...doc2015.inspection, ref: 'kopie-2015b' }, reviewNotes: [{ ...note, target: { kind: 'evidence' as const, ref: 'GEEN' } }, { ...note, addressedTo: 'vreemde@x.nl' }] };
      expect(() => importDocument(other.db, other.catalogue, 'test', bad)).toThrow(/bron 'GEEN' bestaat niet in dit document[\s\S]*vreemde@x.nl staat niet in het team/);
      expect(dbFingerprint(other)).toBe(before);
    } finally {
      other.cleanup();
    }
  });
});
