// Issue 11 on the server side: linking keeps the typed verdict, "Opslaan en volgende", the
// background keep-alive, and evidence entry from a cell ("alle eenheden", the `cel` parameter).
import { getEvidence, linksOfEvidence } from '../../src/store/evidence.store';
import { getInspection, loadSnapshot } from '../../src/store/inspections.store';
import { getCell } from '../../src/store/verdicts.store';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
const cellPath = (criterion: string, unit: string) => `/onderzoeken/${w.id2022}/cellen/toetsingskader/${criterion}/${unit}`;
const key = (criterion: string, unit: string) => ({ inspectionId: w.id2022, checklist: 'toetsingskader', criterion, unit });

beforeAll(async () => { w = await makeWorld(); });
afterAll(() => w.ctx.cleanup());

/** A source of the inspection not yet linked to the cell. */
function unlinkedSource(criterion: string, unit: string): number {
  const linked = getCell(w.ctx.db, key(criterion, unit)).links.map((l) => l.evidenceId);
  const e = loadSnapshot(w.ctx.db, w.id2022).evidence.find((x) => !linked.includes(x.id));
  if (!e) throw new Error('no unlinked source in the demo');
  return e.id;
}

describe('linking a source from the cell page', () => {
  test('when the verdict form is sent with "Koppelen", then the typed verdict and motivation are saved and the source is linked', async () => {
    const before = getCell(w.ctx.db, key('k3', 'NN'));
    const evidenceId = unlinkedSource('k3', 'NN');
    const res = await postAs(w, 'inspecteur', `${cellPath('k3', 'NN')}/koppelingen`, {
      verdict: 'ten_dele', motivation: 'Getypt vóór het koppelen', workflow: 'ter_review', version: String(before.version), volgende: 'eenheid',
      evidenceId: String(evidenceId), excerpt: 'p. 2',
    }).expect(303);
    expect(res.headers.location).toBe(`${cellPath('k3', 'NN')}?opgeslagen=gekoppeld#bronnen`);
    const after = getCell(w.ctx.db, key('k3', 'NN'));
    expect(after).toMatchObject({ verdict: 'ten_dele', motivation: 'Getypt vóór het koppelen', workflow: 'ter_review', version: before.version + 2 });
    // +1 for the typed verdict, +1 for the link: evidence is part of what a reviewer approved.
    expect(after.links).toContainEqual({ evidenceId, excerpt: 'p. 2' });
  });

  test('when the verdict was not changed, then only the link raises the version (once)', async () => {
    const before = getCell(w.ctx.db, key('k3', 'NN'));
    await postAs(w, 'inspecteur', `${cellPath('k3', 'NN')}/koppelingen`, {
      verdict: before.verdict, motivation: before.motivation, workflow: before.workflow, version: String(before.version), evidenceId: String(unlinkedSource('k3', 'NN')), excerpt: '',
    }).expect(303);
    expect(getCell(w.ctx.db, key('k3', 'NN')).version).toBe(before.version + 1);
  });

  test('when no source is chosen, then nothing is saved and the typed motivation is shown again', async () => {
    const fp = dbFingerprint(w.ctx);
    const before = getCell(w.ctx.db, key('k3', 'NN'));
    const res = await postAs(w, 'inspecteur', `${cellPath('k3', 'NN')}/koppelingen`, {
      verdict: 'nagekomen', motivation: 'Nog niet opgeslagen tekst', workflow: 'gereed', version: String(before.version), evidenceId: '', excerpt: '',
    }).expect(400);
    expect(res.text).toContain('Nog niet opgeslagen tekst');
    expect(res.text).toContain('Kies een bron.');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the verdict is stale, then the link is not made and both versions are shown', async () => {
    const before = getCell(w.ctx.db, key('k3', 'NN'));
    const res = await postAs(w, 'inspecteur', `${cellPath('k3', 'NN')}/koppelingen`, {
      verdict: 'niet_nagekomen', motivation: 'Mijn oude versie', workflow: 'gereed', version: String(before.version - 1), evidenceId: String(unlinkedSource('k3', 'NN')), excerpt: '',
    }).expect(409);
    expect(res.text).toContain('Mijn oude versie');
    expect(getCell(w.ctx.db, key('k3', 'NN'))).toEqual(before);
  });

  test('when a cell lists its sources, then those about its own unit come first and the others say which units they are about', async () => {
    const res = await w.as.inspecteur.agent.get(cellPath('k4', 'AMS')).expect(200);
    const options = [...res.text.matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({ id: Number(m[1]), text: m[2] }));
    const evidence = new Map(loadSnapshot(w.ctx.db, w.id2022).evidence.map((e) => [e.id, e]));
    const rank = (id: number) => { const u = evidence.get(id)!.units; return u.includes('AMS') ? 0 : u.length === 0 ? 1 : 2; };
    expect(options.length).toBeGreaterThan(0);
    expect(options.map((o) => rank(o.id))).toEqual(options.map((o) => rank(o.id)).sort());
    for (const o of options) expect(o.text.includes('over andere eenheden')).toBe(rank(o.id) === 2);
  });
});

describe('"Opslaan en volgende"', () => {
  test('when saved with "volgende" on eenheid, then it goes to the next unit and remembers the choice', async () => {
    const v = getCell(w.ctx.db, key('k5', 'NN')).version;
    const res = await postAs(w, 'inspecteur', cellPath('k5', 'NN'), { verdict: 'nagekomen', motivation: 'a', workflow: 'gereed', version: String(v), actie: 'volgende', volgende: 'eenheid' }).expect(303);
    const units = getInspection(w.ctx.db, w.id2022).units;
    expect(res.headers.location).toBe(`${cellPath('k5', units[units.indexOf('NN') + 1])}?opgeslagen=vorige#oordeel`);
    expect(res.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringContaining('toetsing_volgende=eenheid')]));
  });

  test('when saved with "volgende" on criterium, then it goes to the next criterion and the page offers that choice next time', async () => {
    const v = getCell(w.ctx.db, key('k5', 'NN')).version;
    const res = await postAs(w, 'inspecteur', cellPath('k5', 'NN'), { verdict: 'nagekomen', motivation: 'b', workflow: 'gereed', version: String(v), actie: 'volgende', volgende: 'criterium' }).expect(303);
    expect(res.headers.location).toBe(`${cellPath('k6', 'NN')}?opgeslagen=vorige#oordeel`);
    const page = await w.as.inspecteur.agent.get(cellPath('k6', 'NN')).expect(200);
    expect(page.text).toMatch(/<option value="criterium" selected>/);
  });
});

describe('keep-alive', () => {
  test('when the page calls it with fetch, then it answers JSON and does not redirect', async () => {
    const { agent, csrf } = w.as.inspecteur;
    const res = await agent.post('/sessie/verlengen').set('Accept', 'application/json').set('X-CSRF-Token', csrf).expect(200);
    expect(res.body).toEqual({ idleMs: 30 * 60 * 1000 });
  });

  test('when the form without JavaScript is used, then it goes back to the page', async () => {
    const res = await postAs(w, 'inspecteur', '/sessie/verlengen', { terug: cellPath('k1', 'NN') }).expect(303);
    expect(res.headers.location).toBe(cellPath('k1', 'NN'));
  });

  test('when the CSRF token is missing or there is no session, then it is refused', async () => {
    await w.as.inspecteur.agent.post('/sessie/verlengen').set('Accept', 'application/json').expect(403);
    const res = await w.anon().post('/sessie/verlengen').set('Accept', 'application/json').expect(401);
    expect(res.body.error).toBeTruthy();
  });
});

describe('new evidence from a cell', () => {
  const base = () => `/onderzoeken/${w.id2022}/bronnen`;
  const fields = { type: 'document', title: 'Werkinstructie klachten', dateFrom: '', dateTo: '', party: '', description: '', wederhoorStatus: '', wederhoorDate: '' };
  function upload(form: Record<string, string | string[]>) {
    const { agent, csrf } = w.as.inspecteur;
    let req = agent.post(`${base()}/nieuw`).field('_csrf', csrf);
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) req = req.field(k, one);
    return req;
  }

  test('when opened from a cell, then the unit is filled in and the cell is named', async () => {
    const res = await w.as.inspecteur.agent.get(`${base()}/nieuw?cel=${encodeURIComponent('toetsingskader/k2/AMS')}`).expect(200);
    expect(res.text).toMatch(/name="units" value="AMS" checked/);
    expect(res.text).toContain('name="cel" value="toetsingskader/k2/AMS"');
    expect(res.text).toContain(`href="${cellPath('k2', 'AMS')}"`);
  });

  test('when saved from a cell, then the source is linked to that cell and the user goes back to it', async () => {
    const res = await upload({ ...fields, units: 'AMS', cel: 'toetsingskader/k2/AMS' }).expect(303);
    expect(res.headers.location).toBe(`${cellPath('k2', 'AMS')}?opgeslagen=bron#bronnen`);
    const cell = getCell(w.ctx.db, key('k2', 'AMS'));
    const newest = Math.max(...loadSnapshot(w.ctx.db, w.id2022).evidence.map((e) => e.id));
    expect(cell.links.map((l) => l.evidenceId)).toContain(newest);
  });

  test.each(['https://evil.example/x', '//evil.example', 'toetsingskader/k2/XX', 'toetsingskader/k99/NN', 'anders/k1/NN', '../../../login'])(
    'when the cel parameter is %s, then it is refused and nothing is stored', async (cel) => {
      await w.as.inspecteur.agent.get(`${base()}/nieuw?cel=${encodeURIComponent(cel)}`).expect(400);
      const fp = dbFingerprint(w.ctx);
      const res = await upload({ ...fields, units: 'AMS', cel }).expect(400);
      expect(res.text).toContain('hoort niet bij dit onderzoek');
      expect(res.text).not.toContain('evil.example');
      expect(dbFingerprint(w.ctx)).toBe(fp);
    });

  test('when "alle eenheden" is checked, then the source is about every unit of the inspection', async () => {
    const res = await upload({ ...fields, units: '*' }).expect(303);
    const id = Number(/bronnen\/(\d+)/.exec(res.headers.location)![1]);
    expect([...getEvidence(w.ctx.db, w.id2022, id).units].sort()).toEqual([...getInspection(w.ctx.db, w.id2022).units].sort());
    expect(linksOfEvidence(w.ctx.db, w.id2022, id)).toEqual([]);
  });

  test('when the form is shown, then "alle eenheden" is offered as a real checkbox', async () => {
    const res = await w.as.inspecteur.agent.get(`${base()}/nieuw`).expect(200);
    expect(res.text).toMatch(/<input type="checkbox" name="units" value="\*"> Alle eenheden/);
  });
});
