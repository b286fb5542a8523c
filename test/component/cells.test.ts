import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
let path: string;
const key = () => ({ inspectionId: w.id2022, checklist: 'toetsingskader', criterion: 'k2', unit: 'NN' });

beforeAll(async () => {
  w = await makeWorld();
  path = `/onderzoeken/${w.id2022}/cellen/toetsingskader/k2/NN`;
});
afterAll(() => w.ctx.cleanup());

describe('cell page', () => {
  test('when an inspector on the team opens a cell, then criterion, guidance and the verdict form are shown', async () => {
    const res = await w.as.inspecteur.agent.get(path).expect(200);
    expect(res.text).toContain('intakegesprek');
    expect(res.text).toContain('name="verdict"');
    expect(res.text).toContain('name="version"');
  });

  test.each(['lezer', 'buitenstaander'] as const)('when a %s opens a cell, then it is read-only', async (role) => {
    const res = await w.as[role].agent.get(path).expect(200);
    expect(res.text).not.toContain('name="verdict"');
    expect(res.text).toContain('Criterium');
  });

  test('without a session, then the cell redirects to the login page', async () => {
    const res = await w.anon().get(path).expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  test('when a cell does not exist, then 404', async () => {
    await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/cellen/toetsingskader/k99/NN`).expect(404);
    await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/cellen/toetsingskader/k2/XX`).expect(404);
  });

  test('when an inspector on the team saves a verdict, then it is stored and the motivation is rendered sanitised', async () => {
    const before = getCell(w.ctx.db, key());
    const res = await postAs(w, 'inspecteur', path, { verdict: 'ten_dele', motivation: 'Zie **verslag** <script>alert(1)</script>', workflow: 'ter_review', version: String(before.version) });
    expect(res.status).toBe(303);
    const after = getCell(w.ctx.db, key());
    expect(after).toMatchObject({ verdict: 'ten_dele', workflow: 'ter_review', version: before.version + 1, updatedBy: USERS.inspecteur.email });
    const page = await w.as.inspecteur.agent.get(path).expect(200);
    expect(page.text).toContain('<strong>verslag</strong>');
    expect(page.text).not.toContain('<script>alert(1)</script>');
  });

  test.each(['beheerder'] as const)('when a %s saves a verdict, then it is stored', async (role) => {
    const before = getCell(w.ctx.db, key());
    await postAs(w, role, path, { verdict: 'nagekomen', motivation: 'Beheerder', workflow: 'gereed', version: String(before.version) }).expect(303);
    expect(getCell(w.ctx.db, key()).verdict).toBe('nagekomen');
  });

  test('when a lezer posts a verdict, then 403 and nothing changes', async () => {
    const fp = dbFingerprint(w.ctx);
    const v = getCell(w.ctx.db, key()).version;
    await postAs(w, 'lezer', path, { verdict: 'niet_nagekomen', motivation: 'x', workflow: 'gereed', version: String(v) }).expect(403);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when an inspector outside the team posts a verdict, then 404 and nothing changes', async () => {
    const fp = dbFingerprint(w.ctx);
    const v = getCell(w.ctx.db, key()).version;
    await postAs(w, 'buitenstaander', path, { verdict: 'niet_nagekomen', motivation: 'x', workflow: 'gereed', version: String(v) }).expect(404);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('without a session a post is refused with 401 and nothing changes', async () => {
    const fp = dbFingerprint(w.ctx);
    await w.anon().post(path).type('form').send({ verdict: 'nagekomen', motivation: '', workflow: 'gereed', version: '1' }).expect(401);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the verdict is not on the scale, then 400 with a Dutch message, the input kept and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const v = getCell(w.ctx.db, key()).version;
    const res = await postAs(w, 'inspecteur', path, { verdict: 'prima', motivation: 'Mijn tekst die blijft', workflow: 'gereed', version: String(v) }).expect(400);
    expect(res.text).toContain('Kies een oordeel.');
    expect(res.text).toContain('Mijn tekst die blijft');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the form carries an unknown field, then 400 and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const v = getCell(w.ctx.db, key()).version;
    const res = await postAs(w, 'inspecteur', path, { verdict: 'nagekomen', motivation: '', workflow: 'gereed', version: String(v), updatedBy: 'iemand' }).expect(400);
    expect(res.text).toContain('Onbekende velden');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when someone else saved in between, then 409 shows the stored version (who/when) and keeps the user input', async () => {
    const seen = getCell(w.ctx.db, key()).version;
    saveVerdict(w.ctx.db, 'collega@demo.toetsing.local', key(), seen, { verdict: 'niet_nagekomen', motivation: 'Versie van de collega', workflow: 'in_behandeling' });
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', path, { verdict: 'nagekomen', motivation: 'Mijn eigen onopgeslagen tekst', workflow: 'gereed', version: String(seen) }).expect(409);
    expect(res.text).toContain('Versie van de collega');
    expect(res.text).toContain('collega@demo.toetsing.local');
    expect(res.text).toContain('Mijn eigen onopgeslagen tekst');
    expect(res.text).toContain(`name="version" value="${seen + 1}"`);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when an inspector links evidence with an excerpt, edits the excerpt and unlinks it, then each step is stored', async () => {
    const evidence = w.ctx.db.prepare('SELECT id FROM evidence WHERE inspection_id = ? ORDER BY id LIMIT 1').get(w.id2022) as { id: number };
    const cell = getCell(w.ctx.db, key());
    const already = cell.links.some((l) => l.evidenceId === evidence.id);
    if (already) await postAs(w, 'inspecteur', `${path}/koppelingen/${evidence.id}/verwijderen`, {}).expect(303);
    await postAs(w, 'inspecteur', `${path}/koppelingen`, { evidenceId: String(evidence.id), excerpt: 'Eerste citaat' }).expect(303);
    expect(getCell(w.ctx.db, key()).links).toContainEqual({ evidenceId: evidence.id, excerpt: 'Eerste citaat' });
    await postAs(w, 'inspecteur', `${path}/koppelingen`, { evidenceId: String(evidence.id), excerpt: 'Gewijzigd citaat' }).expect(303);
    expect(getCell(w.ctx.db, key()).links).toContainEqual({ evidenceId: evidence.id, excerpt: 'Gewijzigd citaat' });
    const page = await w.as.lezer.agent.get(path).expect(200);
    expect(page.text).toContain('Gewijzigd citaat');
    await postAs(w, 'inspecteur', `${path}/koppelingen/${evidence.id}/verwijderen`, {}).expect(303);
    expect(getCell(w.ctx.db, key()).links.some((l) => l.evidenceId === evidence.id)).toBe(false);
  });

  test('when a link names evidence of no inspection, then 400 with a message and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `${path}/koppelingen`, { evidenceId: '999999', excerpt: 'citaat blijft' }).expect(400);
    expect(res.text).toContain('Deze bron bestaat niet in dit onderzoek.');
    expect(res.text).toContain('citaat blijft');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when a %s links evidence, then %i and nothing changes', async (role, status) => {
    const fp = dbFingerprint(w.ctx);
    await postAs(w, role, `${path}/koppelingen`, { evidenceId: '1', excerpt: 'x' }).expect(status);
    await postAs(w, role, `${path}/koppelingen/1/verwijderen`, {}).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});
