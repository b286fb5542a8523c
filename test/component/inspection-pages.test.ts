// New inspection, follow-up, inspection home, texts and matrix.
import { NOT_ASSESSED } from '../../src/domain/checklist';
import { getInspection, loadSnapshot, startFollowUp } from '../../src/store/inspections.store';
import { USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
beforeAll(async () => { w = await makeWorld(); });
afterAll(() => w.ctx.cleanup());

const newForm = () => ({ title: 'Klachtbehandeling 2027', year: '2027', fieldworkStart: '2027-01-10', fieldworkEnd: '2027-03-01', checklists: ['toetsingskader'], units: ['NN', 'AMS'], team: [USERS.inspecteur.email] });

describe('new inspection', () => {
  test('when an inspector opens the form, then checklists, units (all preselected) and team are offered', async () => {
    const res = await w.as.inspecteur.agent.get('/onderzoeken/nieuw').expect(200);
    expect(res.text).toContain('value="toetsingskader"');
    expect(res.text).toMatch(/value="PA" checked/);
    expect(res.text).toContain(USERS.beheerder.email);
    expect(res.text).not.toContain(`value="${USERS.lezer.email}"`);
  });

  test('when a lezer opens or posts the form, then 403 and nothing changes', async () => {
    await w.as.lezer.agent.get('/onderzoeken/nieuw').expect(403);
    const fp = dbFingerprint(w.ctx);
    await postAs(w, 'lezer', '/onderzoeken/nieuw', newForm()).expect(403);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('without a session, then login is asked and a post is refused', async () => {
    expect((await w.anon().get('/onderzoeken/nieuw').expect(303)).headers.location).toMatch(/^\/login/);
    await w.anon().post('/onderzoeken/nieuw').type('form').send(newForm()).expect(401);
  });

  test('when an inspector creates an inspection, then it exists with its scope and every cell not assessed', async () => {
    const res = await postAs(w, 'inspecteur', '/onderzoeken/nieuw', newForm()).expect(303);
    const id = Number(/\/onderzoeken\/(\d+)$/.exec(res.headers.location)![1]);
    const s = loadSnapshot(w.ctx.db, id);
    expect(s).toMatchObject({ title: 'Klachtbehandeling 2027', year: 2027, units: ['NN', 'AMS'], team: [USERS.inspecteur.email] });
    expect(s.verdicts.length).toBe(16 * 2);
    expect(s.verdicts.every((v) => v.verdict === NOT_ASSESSED)).toBe(true);
    await w.as.buitenstaander.agent.get(`/onderzoeken/${id}`).expect(200);
  });

  test('when the form is wrong, then 400 with Dutch messages next to the fields, input kept, nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', '/onderzoeken/nieuw', { ...newForm(), title: '', year: '20x7', units: [], fieldworkStart: '2027-05-01', fieldworkEnd: '2027-04-01', team: [USERS.beheerder.email] }).expect(400);
    expect(res.text).toContain('De titel is verplicht.');
    expect(res.text).toContain('Vul een jaartal in van vier cijfers.');
    expect(res.text).toContain('Kies minstens één eenheid.');
    expect(res.text).toContain('Neem uzelf op in het team');
    expect(res.text).toContain('value="20x7"');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when a unit outside the catalogue is posted, then 400 and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'beheerder', '/onderzoeken/nieuw', { ...newForm(), units: ['NN', 'XX'] }).expect(400);
    expect(res.text).toContain('Kies eenheden uit de lijst.');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});

describe('follow-up', () => {
  test('when a team member starts a follow-up, then scope and team are copied and verdicts start not assessed', async () => {
    await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/vervolg`).expect(200);
    const res = await postAs(w, 'inspecteur', `/onderzoeken/${w.id2022}/vervolg`, { title: 'Vervolg 2026', year: '2026', fieldworkStart: '', fieldworkEnd: '' }).expect(303);
    const id = Number(/\/onderzoeken\/(\d+)$/.exec(res.headers.location)![1]);
    const prev = getInspection(w.ctx.db, w.id2022);
    const next = loadSnapshot(w.ctx.db, id);
    expect(next.units).toEqual(prev.units);
    expect(next.team).toEqual(prev.team);
    expect(next.checklists.map((c) => c.id)).toEqual(prev.checklists.map((c) => c.id));
    expect(next.predecessorId).toBe(w.id2022);
    expect(next.verdicts.every((v) => v.verdict === NOT_ASSESSED)).toBe(true);
    const cell = await w.as.inspecteur.agent.get(`/onderzoeken/${id}/cellen/toetsingskader/k1/NN`).expect(200);
    const prevCell = loadSnapshot(w.ctx.db, w.id2022).verdicts.find((v) => v.checklist === 'toetsingskader' && v.criterion === 'k1' && v.unit === 'NN')!;
    const previousCard = /<section class="card card--previous"[\s\S]*?<\/section>/.exec(cell.text)![0];
    const label = w.ctx.catalogue.checklists.get('toetsingskader')!.scale.levels.find((l) => l.code === prevCell.verdict)?.label ?? 'Niet beoordeeld';
    expect(previousCard).toContain(`>${label}<`);
    expect(previousCard).not.toContain('Geen motivering vastgelegd');
  });

  test('when a follow-up has a bad year, then 400 with the message and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `/onderzoeken/${w.id2022}/vervolg`, { title: 'Vervolg', year: '1200', fieldworkStart: '', fieldworkEnd: '' }).expect(400);
    expect(res.text).toContain('Het jaar moet tussen 1990 en 2100 liggen.');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when a %s starts a follow-up, then %i and nothing changes', async (role, status) => {
    const fp = dbFingerprint(w.ctx);
    await w.as[role].agent.get(`/onderzoeken/${w.id2022}/vervolg`).expect(status);
    await postAs(w, role, `/onderzoeken/${w.id2022}/vervolg`, { title: 'X', year: '2026', fieldworkStart: '', fieldworkEnd: '' }).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});

describe('inspection home', () => {
  test.each(['beheerder', 'inspecteur', 'buitenstaander', 'lezer'] as const)('when a %s opens the home, then progress, roll-ups with counts and blockers are shown', async (role) => {
    const res = await w.as[role].agent.get(`/onderzoeken/${w.id2022}`).expect(200);
    expect(res.text).toContain('Voortgang');
    expect(res.text).toMatch(/van 13 eenheden|van \d+ eenheden/);
    expect(res.text).toContain('Blokkades voor een definitief rapport');
    expect(res.text).toContain(`/onderzoeken/${w.id2022}/rapport.pdf`);
    expect(res.text.includes(`/onderzoeken/${w.id2022}/teksten`)).toBe(role === 'beheerder' || role === 'inspecteur');
  });

  test('when the inspection is illustrative, then its note is shown as a banner', async () => {
    const row = w.ctx.db.prepare('SELECT id, illustrative_note FROM inspections WHERE illustrative = 1').get() as { id: number; illustrative_note: string } | undefined;
    if (!row) return;
    const res = await w.as.lezer.agent.get(`/onderzoeken/${row.id}`).expect(200);
    expect(res.text).toContain('Illustratief onderzoek.');
  });

  test('without a session, then login; for an unknown id, then 404', async () => {
    await w.anon().get(`/onderzoeken/${w.id2022}`).expect(303);
    await w.as.inspecteur.agent.get('/onderzoeken/999999').expect(404);
    await w.as.inspecteur.agent.get('/onderzoeken/abc').expect(404);
  });
});

describe('texts page (Gegevens)', () => {
  const textsPath = () => `/onderzoeken/${w.id2022}/teksten`;
  const form = (version: number, extra: Record<string, string | string[]> = {}) => {
    const i = getInspection(w.ctx.db, w.id2022);
    return { title: i.title, year: String(i.year), fieldworkStart: i.fieldworkStart ?? '', fieldworkEnd: i.fieldworkEnd ?? '', team: i.team, version: String(version), ...extra };
  };

  test('when a team member opens it, then it edits the data only and points to the outline for the report\'s texts', async () => {
    const res = await w.as.inspecteur.agent.get(textsPath()).expect(200);
    expect(res.text).toContain('Gegevens van het onderzoek');
    expect(res.text).toContain(`href="/onderzoeken/${w.id2022}/rapport"`);
    for (const k of ['voorwoord', 'aanleiding', 'onderzoeksvraag', 'methode', 'conclusie']) expect(res.text).not.toContain(`name="${k}"`);
  });

  test('when a team member saves the data, then they are stored', async () => {
    const v = getInspection(w.ctx.db, w.id2022).version;
    await postAs(w, 'inspecteur', textsPath(), form(v, { fieldworkStart: '2022-03-01' })).expect(303);
    expect(getInspection(w.ctx.db, w.id2022).fieldworkStart).toBe('2022-03-01');
  });

  test('when a report text is sent with the form, then it is refused as an unknown field and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    await postAs(w, 'inspecteur', textsPath(), form(getInspection(w.ctx.db, w.id2022).version, { voorwoord: 'Een nieuw voorwoord.' })).expect(400);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the data were saved by someone else in between, then 409 with both versions', async () => {
    const v = getInspection(w.ctx.db, w.id2022).version;
    await postAs(w, 'beheerder', textsPath(), form(v, { title: 'Titel van de beheerder' })).expect(303);
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', textsPath(), form(v, { title: 'Mijn titel' })).expect(409);
    expect(res.text).toContain('Titel van de beheerder');
    expect(res.text).toContain('Mijn titel');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the title is empty, then 400, input kept, nothing changed', async () => {
    const v = getInspection(w.ctx.db, w.id2022).version;
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', textsPath(), form(v, { title: ' ', fieldworkEnd: '2022-11-30' })).expect(400);
    expect(res.text).toContain('De titel is verplicht.');
    expect(res.text).toContain('value="2022-11-30"');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when a %s opens or posts the data, then %i and nothing changes', async (role, status) => {
    const fp = dbFingerprint(w.ctx);
    await w.as[role].agent.get(textsPath()).expect(status);
    await postAs(w, role, textsPath(), form(getInspection(w.ctx.db, w.id2022).version, { title: 'x' })).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
    await w.anon().post(textsPath()).type('form').send({ title: 'x' }).expect(401);
  });
});

describe('matrix', () => {
  const m = () => `/onderzoeken/${w.id2022}/matrix`;
  test.each(['beheerder', 'inspecteur', 'buitenstaander', 'lezer'] as const)('when a %s opens the matrix, then every unit × criterion cell links to its cell page with its verdict in words', async (role) => {
    const res = await w.as[role].agent.get(m()).expect(200);
    const s = loadSnapshot(w.ctx.db, w.id2022);
    const links = res.text.match(/href="\/onderzoeken\/\d+\/cellen\/toetsingskader\//g) ?? [];
    expect(links.length).toBe(s.units.length * 16);
    expect(res.text).toContain('Landelijk');
    expect(res.text).toMatch(/class="visually-hidden">Toetsingskader 1, NN: (Nagekomen|Ten dele nagekomen|Niet nagekomen|Niet beoordeeld);/);
  });

  test('when the ombudsman checklist is chosen and filters are set, then only matching units and the chosen group show', async () => {
    const res = await w.as.lezer.agent.get(`${m()}?checklist=ombudsman&eenheid=AMS`).expect(200);
    expect(res.text).toContain('Aandachtspunten');
    expect((res.text.match(/\/cellen\/ombudsman\//g) ?? []).length).toBe(7);
    const g = await w.as.lezer.agent.get(`${m()}?checklist=toetsingskader&groep=leren`).expect(200);
    expect(g.text).not.toContain('/cellen/toetsingskader/k1/');
    expect(g.text).toContain('/cellen/toetsingskader/k6/');
  });

  test('when a verdict filter is set, then non-matching cells are dimmed', async () => {
    const res = await w.as.lezer.agent.get(`${m()}?oordeel=nagekomen&status=`).expect(200);
    expect(res.text).toContain(' dim"');
  });

  test('when a filter value is not in the lists, then 400 with the message', async () => {
    const res = await w.as.lezer.agent.get(`${m()}?eenheid=XX&oordeel=prima`).expect(400);
    expect(res.text).toContain('Deze eenheid hoort niet bij het onderzoek.');
    expect(res.text).toContain('Kies een oordeel uit de lijst.');
  });

  test('without a session, then login', async () => {
    await w.anon().get(m()).expect(303);
  });

  test('a follow-up matrix shows every cell not assessed', async () => {
    const id = startFollowUp(w.ctx.db, w.ctx.catalogue, 'test', w.id2022, { title: 'Vervolg M', year: 2027, fieldworkStart: null, fieldworkEnd: null });
    const res = await w.as.inspecteur.agent.get(`/onderzoeken/${id}/matrix`).expect(200);
    expect(res.text).not.toMatch(/class="cell v-(positive|partial|negative)/);
  });
});
