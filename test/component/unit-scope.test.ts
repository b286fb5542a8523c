// Units in an inspection over real HTTP and SQLite (issue 17): a new inspection chooses its
// organisation and a subset of its units (with and without JavaScript: the two-step form), units of
// another organisation are refused; the units in scope change until the first verdict, logged with
// before and after and shown on the history page; after a verdict the page explains and a POST is
// 409 with nothing changed.
import { must } from '../../src/errors';
import { publishUnitSet } from '../../src/app/units';
import { USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';
import { findUserByEmail } from '../../src/store/users.store';

let w: World;
const DJI = 'dienst-justitiele-inrichtingen';

beforeAll(async () => {
  w = await makeWorld();
  const admin = must(findUserByEmail(w.ctx.db, USERS.beheerder.email), 'beheerder');
  publishUnitSet(w.ctx, { id: admin.id, email: admin.email, role: 'beheerder' }, {
    organisation: 'Dienst Justitiële Inrichtingen', code: DJI,
    units: [{ code: 'PIV', name: 'PI Vught', kind: 'vestiging' }, { code: 'PIZ', name: 'PI Zwolle', kind: 'vestiging' }, { code: 'JCU', name: 'Justitieel Centrum Utrecht', kind: 'vestiging' }],
  });
});
afterAll(() => { w.ctx.cleanup(); });

const decode = (html: string) => html.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const checklist = () => [...w.ctx.catalogue.checklists.keys()][0];
const unitsOfInspection = (id: number) => w.ctx.db.prepare('SELECT unit_code FROM inspection_units WHERE inspection_id = ? ORDER BY position').pluck().all(id);
const cellsOf = (id: number, unit: string) => w.ctx.db.prepare('SELECT COUNT(*) FROM verdicts WHERE inspection_id = ? AND unit_code = ?').pluck().get(id, unit) as number;

async function create(form: Record<string, string | string[]>): Promise<number> {
  const res = await postAs(w, 'inspecteur', '/onderzoeken/nieuw', {
    title: 'Eenheden-test', year: '2026', fieldworkStart: '', fieldworkEnd: '', checklists: [checklist()], team: [USERS.inspecteur.email], ...form,
  }).expect(303);
  return Number(/\/onderzoeken\/(\d+)$/.exec(must(res.headers.location, 'location'))![1]);
}

describe('a new inspection chooses organisation and units', () => {
  it('when an inspecteur opens the form, then every organisation is offered and the first one\'s units are all ticked', async () => {
    const html = decode((await w.as.inspecteur.agent.get('/onderzoeken/nieuw').expect(200)).text);
    expect(html).toContain('<option value="nationale-politie" selected>Nationale politie</option>');
    expect(html).toContain(`<option value="${DJI}">Dienst Justitiële Inrichtingen</option>`);
    expect(html).toMatch(/<input type="checkbox" name="units" value="NN" checked>/);
    expect(html).toContain(`data-organisation-units="${DJI}" hidden disabled`);
  });

  it('when the form is sent with an organisation and a subset of its units, then the inspection has that unit set and those units in the set\'s order', async () => {
    const id = await create({ organisation: DJI, units: ['JCU', 'PIV'] });
    expect(unitsOfInspection(id)).toEqual(['PIV', 'JCU']);
    const row = w.ctx.db.prepare('SELECT o.code, i.unit_set_version AS v FROM inspections i JOIN organisations o ON o.id = i.organisation_id WHERE i.id = ?').get(id);
    expect(row).toEqual({ code: DJI, v: 1 });
  });

  it('when units of another organisation are sent, then a Dutch message at the units, the input kept, and nothing created', async () => {
    const before = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', '/onderzoeken/nieuw', {
      title: 'Verkeerde eenheden', year: '2026', fieldworkStart: '', fieldworkEnd: '', organisation: DJI, units: ['PIV', 'NN'], checklists: [checklist()], team: [USERS.inspecteur.email],
    }).expect(400);
    const html = decode(res.text);
    expect(html).toContain('Niet bij de eenheden van deze organisatie: NN');
    expect(html).toContain('value="Verkeerde eenheden"');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  it('without JavaScript, when "Eenheden tonen" is pressed, then the form returns with that organisation\'s units ticked and the title kept, and nothing is created', async () => {
    const before = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', '/onderzoeken/nieuw', { stap: 'organisatie', title: 'Twee stappen', year: '2026', organisation: DJI, units: ['NN'], checklists: [checklist()], team: [USERS.inspecteur.email] }).expect(200);
    expect(dbFingerprint(w.ctx)).toBe(before);
    const html = decode(res.text);
    expect(html).toContain('value="Twee stappen"');
    expect(html).toContain(`<option value="${DJI}" selected>`);
    expect(html).toMatch(/<input type="checkbox" name="units" value="PIZ" checked>/);
    expect(html).toContain('data-organisation-units="nationale-politie" hidden disabled');
    // The second step: the form as the browser now sends it (only the enabled checkboxes).
    const id = await create({ title: 'Twee stappen', organisation: DJI, units: ['PIV', 'PIZ', 'JCU'] });
    expect(unitsOfInspection(id)).toEqual(['PIV', 'PIZ', 'JCU']);
  });
});

describe('the units in scope change until the first verdict', () => {
  it('when a team member changes the units before any verdict, then cells follow, the change is logged and shown in the history', async () => {
    const id = await create({ organisation: DJI, units: ['PIV', 'PIZ'] });
    const page = decode((await w.as.inspecteur.agent.get(`/onderzoeken/${id}/eenheden`).expect(200)).text);
    expect(page).toContain('Eenheden in dit onderzoek');
    const version = /name="version" value="(\d+)"/.exec(page)![1];
    const cells = cellsOf(id, 'PIV');
    expect(cells).toBeGreaterThan(0);
    const res = await postAs(w, 'inspecteur', `/onderzoeken/${id}/eenheden`, { units: ['PIV', 'JCU'], version }).expect(303);
    expect(res.headers.location).toBe(`/onderzoeken/${id}/eenheden?opgeslagen=1`);
    expect(unitsOfInspection(id)).toEqual(['PIV', 'JCU']);
    expect(cellsOf(id, 'PIZ')).toBe(0);
    expect(cellsOf(id, 'JCU')).toBe(cells);
    const log = w.ctx.db.prepare("SELECT old_value, new_value FROM change_log WHERE inspection_id = ? AND action = 'scope'").get(id) as { old_value: string; new_value: string };
    expect(JSON.parse(log.old_value)).toEqual({ units: ['PIV', 'PIZ'] });
    expect(JSON.parse(log.new_value)).toEqual({ units: ['PIV', 'JCU'] });
    const history = decode((await w.as.inspecteur.agent.get(`/onderzoeken/${id}/geschiedenis`).expect(200)).text);
    expect(history).toContain('Onderzoek reikwijdte (eenheden) gewijzigd');
    expect(history).toContain('PIV, PIZ');
    expect(history).toContain('PIV, JCU');
  });

  it('when a unit of another organisation or none is chosen, then 400 with a Dutch message and nothing changes', async () => {
    const id = await create({ organisation: DJI, units: ['PIV'] });
    const version = String(w.ctx.db.prepare('SELECT version FROM inspections WHERE id = ?').pluck().get(id));
    const before = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `/onderzoeken/${id}/eenheden`, { units: ['PIV', 'NN'], version }).expect(400);
    expect(decode(res.text)).toContain('Niet bij de eenheden van deze organisatie: NN');
    expect(decode(res.text)).toMatch(/value="NN"|PI Vught/);
    await postAs(w, 'inspecteur', `/onderzoeken/${id}/eenheden`, { version }).expect(400);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  it('when a verdict has been saved, then the page explains why the units no longer change and a POST is 409 with nothing changed', async () => {
    const id = await create({ organisation: DJI, units: ['PIV', 'PIZ'] });
    const version = String(w.ctx.db.prepare('SELECT version FROM inspections WHERE id = ?').pluck().get(id));
    // One saved cell, as the cell page would save it (its motivation only; the verdict may stay "niet beoordeeld").
    w.ctx.db.prepare("UPDATE verdicts SET motivation = 'Eerste aantekening', updated_by = ?, updated_at = '2026-12-01T10:00:00.000Z' WHERE id = (SELECT MIN(id) FROM verdicts WHERE inspection_id = ?)").run(USERS.inspecteur.email, id);
    const page = decode((await w.as.inspecteur.agent.get(`/onderzoeken/${id}/eenheden`).expect(200)).text);
    expect(page).toContain('De eenheden in dit onderzoek liggen vast: er is al één oordeel opgeslagen.');
    expect(page).not.toContain('name="units"');
    const before = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `/onderzoeken/${id}/eenheden`, { units: ['PIV'], version }).expect(409);
    expect(decode(res.text)).toContain('Niet gewijzigd.');
    expect(dbFingerprint(w.ctx)).toBe(before);
    expect(unitsOfInspection(id)).toEqual(['PIV', 'PIZ']);
  });

  it('when a lezer or someone outside the team posts a change, then it is refused and nothing changes', async () => {
    const id = await create({ organisation: DJI, units: ['PIV', 'PIZ'] });
    const version = String(w.ctx.db.prepare('SELECT version FROM inspections WHERE id = ?').pluck().get(id));
    const before = dbFingerprint(w.ctx);
    await postAs(w, 'lezer', `/onderzoeken/${id}/eenheden`, { units: ['PIV'], version }).expect(403);
    await postAs(w, 'buitenstaander', `/onderzoeken/${id}/eenheden`, { units: ['PIV'], version }).expect(404);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });
});
