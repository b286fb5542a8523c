import { NATIONAL } from '../../src/domain/vocabulary';
import { loadSnapshot, startFollowUp } from '../../src/store/inspections.store';
import { saveFinding } from '../../src/store/national.store';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
let base: string;
beforeAll(async () => { w = await makeWorld(); base = `/onderzoeken/${w.id2022}/landelijk`; });
afterAll(() => w.ctx.cleanup());

const finding = (ck: string, cr: string) => loadSnapshot(w.ctx.db, w.id2022).findings.find((f) => f.checklist === ck && f.criterion === cr);

describe('national page', () => {
  test.each(['beheerder', 'inspecteur'] as const)('when a %s opens it, then roll-ups with counts and edit forms are shown', async (role) => {
    const res = await w.as[role].agent.get(base).expect(200);
    expect(res.text).toMatch(/van \d+ eenheden/);
    expect(res.text).toContain('action="' + base + '/bevindingen"');
    expect(res.text).toContain('Afwijkend oordeel');
  });

  test.each(['lezer', 'buitenstaander'] as const)('when a %s opens it, then it is read-only', async (role) => {
    const res = await w.as[role].agent.get(base).expect(200);
    expect(res.text).toMatch(/van \d+ eenheden/);
    expect(res.text).not.toContain('action="' + base + '/bevindingen"');
  });

  test('without a session, then login', async () => { await w.anon().get(base).expect(303); });

  test('when a team member saves findings, then stored; a stale save gives 409 with both texts', async () => {
    const v = finding('toetsingskader', 'k3')?.version ?? 0;
    await postAs(w, 'inspecteur', `${base}/bevindingen`, { checklist: 'toetsingskader', criterion: 'k3', text: 'Bevinding **een**', version: String(v) }).expect(303);
    expect(finding('toetsingskader', 'k3')!.text).toBe('Bevinding **een**');
    saveFinding(w.ctx.db, 'collega', w.id2022, 'toetsingskader', 'k3', v + 1, 'Tekst van de collega');
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `${base}/bevindingen`, { checklist: 'toetsingskader', criterion: 'k3', text: 'Mijn bevinding', version: String(v + 1) }).expect(409);
    expect(res.text).toContain('Tekst van de collega');
    expect(res.text).toContain('Mijn bevinding');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when findings name an unknown criterion, then 400 and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    await postAs(w, 'inspecteur', `${base}/bevindingen`, { checklist: 'toetsingskader', criterion: 'k99', text: 'x', version: '0' }).expect(400);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when a deelconclusie is saved, then stored', async () => {
    const cur = loadSnapshot(w.ctx.db, w.id2022).conclusions.find((c) => c.checklist === 'toetsingskader' && c.group === 'leren');
    await postAs(w, 'inspecteur', `${base}/deelconclusies`, { checklist: 'toetsingskader', group: 'leren', text: 'Deelconclusie leren', version: String(cur?.version ?? 0) }).expect(303);
    expect(loadSnapshot(w.ctx.db, w.id2022).conclusions.find((c) => c.group === 'leren')!.text).toBe('Deelconclusie leren');
  });

  test('when an override lacks a motivation, then 400 with the message, input kept, nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const cur = loadSnapshot(w.ctx.db, w.id2022).overrides.find((o) => o.group === 'uniform' && o.scope === NATIONAL);
    const res = await postAs(w, 'inspecteur', `${base}/afwijkingen`, { checklist: 'toetsingskader', group: 'uniform', verdict: 'nagekomen', motivation: '  ', version: String(cur?.version ?? 0) }).expect(400);
    expect(res.text).toContain('Een afwijkend oordeel vraagt een motivering.');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when an override is set and removed, then the page shows both verdicts and then the computed one', async () => {
    const cur = loadSnapshot(w.ctx.db, w.id2022).overrides.find((o) => o.checklist === 'toetsingskader' && o.group === 'uniform' && o.scope === NATIONAL);
    if (cur) await postAs(w, 'inspecteur', `${base}/afwijkingen`, { checklist: 'toetsingskader', group: 'uniform', remove: '1', version: String(cur.version) }).expect(303);
    await postAs(w, 'inspecteur', `${base}/afwijkingen`, { checklist: 'toetsingskader', group: 'uniform', verdict: 'niet_nagekomen', motivation: 'Landelijk beeld weegt zwaarder', version: '0' }).expect(303);
    const o = loadSnapshot(w.ctx.db, w.id2022).overrides.find((x) => x.group === 'uniform' && x.scope === NATIONAL)!;
    expect(o).toMatchObject({ verdict: 'niet_nagekomen', motivation: 'Landelijk beeld weegt zwaarder' });
    const page = await w.as.lezer.agent.get(base).expect(200);
    expect(page.text).toContain('afwijkend vastgesteld; berekend oordeel');
    const home = await w.as.lezer.agent.get(`/onderzoeken/${w.id2022}`).expect(200);
    expect(home.text).toContain('Afwijkend vastgesteld; berekend');
    await postAs(w, 'inspecteur', `${base}/afwijkingen`, { checklist: 'toetsingskader', group: 'uniform', remove: '1', version: String(o.version) }).expect(303);
    expect(loadSnapshot(w.ctx.db, w.id2022).overrides.some((x) => x.group === 'uniform' && x.scope === NATIONAL)).toBe(false);
  });

  test('when the page is opened, then the overall conclusion is a link to the outline\'s Conclusies section, not a form', async () => {
    const outline = loadSnapshot(w.ctx.db, w.id2022).outline;
    const s = (outline.find((x) => x.body.includes('{{conclusies}}')) ?? outline.find((x) => x.title === 'Conclusies'))!;
    const res = await w.as.inspecteur.agent.get(base).expect(200);
    expect(res.text).toContain(`href="/onderzoeken/${w.id2022}/rapport/secties/${s.id}"`);
    expect(res.text).not.toContain(`action="${base}/conclusie"`);
    await postAs(w, 'inspecteur', `${base}/conclusie`, { conclusie: 'x', version: '1' }).expect(404);
  });

  test('when recommendations are added, edited, moved and deleted, then each step is stored', async () => {
    const before = loadSnapshot(w.ctx.db, w.id2022).recommendations.length;
    const bad = await postAs(w, 'inspecteur', `${base}/aanbevelingen`, { checklist: 'toetsingskader', group: 'leren', text: '' }).expect(400);
    expect(bad.text).toContain('De aanbeveling is verplicht.');
    await postAs(w, 'inspecteur', `${base}/aanbevelingen`, { checklist: 'toetsingskader', group: 'leren', text: 'Nieuwe aanbeveling' }).expect(303);
    let recs = loadSnapshot(w.ctx.db, w.id2022).recommendations;
    expect(recs.length).toBe(before + 1);
    const added = recs.find((r) => r.text === 'Nieuwe aanbeveling')!;
    await postAs(w, 'inspecteur', `${base}/aanbevelingen/${added.id}`, { group: 'uniform', text: 'Gewijzigde aanbeveling', version: String(added.version) }).expect(303);
    const edited = loadSnapshot(w.ctx.db, w.id2022).recommendations.find((r) => r.id === added.id)!;
    expect(edited).toMatchObject({ group: 'uniform', text: 'Gewijzigde aanbeveling' });
    const stale = await postAs(w, 'inspecteur', `${base}/aanbevelingen/${added.id}`, { group: 'uniform', text: 'Mijn tekst', version: String(added.version) }).expect(409);
    expect(stale.text).toContain('Gewijzigde aanbeveling');
    if (before > 0) {
      const posBefore = loadSnapshot(w.ctx.db, w.id2022).recommendations.findIndex((r) => r.id === added.id);
      await postAs(w, 'inspecteur', `${base}/aanbevelingen/${added.id}/verplaatsen`, { richting: 'omhoog' }).expect(303);
      expect(loadSnapshot(w.ctx.db, w.id2022).recommendations.findIndex((r) => r.id === added.id)).toBe(posBefore - 1);
    }
    await postAs(w, 'inspecteur', `${base}/aanbevelingen/${added.id}/verplaatsen`, { richting: 'zijwaarts' }).expect(400);
    await postAs(w, 'inspecteur', `${base}/aanbevelingen/${added.id}/verwijderen`, {}).expect(303);
    recs = loadSnapshot(w.ctx.db, w.id2022).recommendations;
    expect(recs.some((r) => r.id === added.id)).toBe(false);
  });

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when a %s posts any national form, then %i and nothing changes', async (role, status) => {
    const fp = dbFingerprint(w.ctx);
    const rec = loadSnapshot(w.ctx.db, w.id2022).recommendations.at(0);
    await postAs(w, role, `${base}/bevindingen`, { checklist: 'toetsingskader', criterion: 'k1', text: 'x', version: '0' }).expect(status);
    await postAs(w, role, `${base}/deelconclusies`, { checklist: 'toetsingskader', group: 'leren', text: 'x', version: '0' }).expect(status);
    await postAs(w, role, `${base}/afwijkingen`, { checklist: 'toetsingskader', group: 'leren', verdict: 'nagekomen', motivation: 'x', version: '0' }).expect(status);
    await postAs(w, role, `${base}/aanbevelingen`, { checklist: 'toetsingskader', group: 'leren', text: 'x' }).expect(status);
    if (rec) {
      await postAs(w, role, `${base}/aanbevelingen/${rec.id}`, { group: 'leren', text: 'x', version: String(rec.version) }).expect(status);
      await postAs(w, role, `${base}/aanbevelingen/${rec.id}/verplaatsen`, { richting: 'omlaag' }).expect(status);
      await postAs(w, role, `${base}/aanbevelingen/${rec.id}/verwijderen`, {}).expect(status);
    }
    await postAs(w, role, `${base}/opvolging`, { recommendationRef: 'A1', status: 'opgevolgd', motivation: 'x', version: '0' }).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
    await w.anon().post(`${base}/bevindingen`).type('form').send({}).expect(401);
  });
});

describe('follow-up of recommendations', () => {
  test('when a follow-up records what became of an earlier recommendation, then it is stored with its evidence', async () => {
    const id = startFollowUp(w.ctx.db, w.ctx.catalogue, 'test', w.id2022, { title: 'Vervolg N', year: 2027, fieldworkStart: null, fieldworkEnd: null });
    const prevRecs = loadSnapshot(w.ctx.db, id).predecessorRecommendations;
    expect(prevRecs.length).toBeGreaterThan(0);
    const page = await w.as.inspecteur.agent.get(`/onderzoeken/${id}/landelijk`).expect(200);
    expect(page.text).toContain('Opvolging van de aanbevelingen uit');
    const bad = await postAs(w, 'inspecteur', `/onderzoeken/${id}/landelijk/opvolging`, { recommendationRef: prevRecs[0].ref, status: 'misschien', motivation: 'Blijft staan', version: '0' }).expect(400);
    expect(bad.text).toContain('Kies hoe de aanbeveling is opgevolgd.');
    expect(bad.text).toContain('Blijft staan');
    await postAs(w, 'inspecteur', `/onderzoeken/${id}/landelijk/opvolging`, { recommendationRef: prevRecs[0].ref, status: 'deels_opgevolgd', motivation: 'Deels gedaan', version: '0' }).expect(303);
    expect(loadSnapshot(w.ctx.db, id).followups[0]).toMatchObject({ recommendationRef: prevRecs[0].ref, status: 'deels_opgevolgd', motivation: 'Deels gedaan', version: 1 });
    const stale = await postAs(w, 'inspecteur', `/onderzoeken/${id}/landelijk/opvolging`, { recommendationRef: prevRecs[0].ref, status: 'opgevolgd', motivation: 'Anders', version: '0' }).expect(409);
    expect(stale.text).toContain('Deels gedaan');
  });
});
