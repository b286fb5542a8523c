// Bulk pages over real HTTP and SQLite: one save for many cells, each row checked against its own
// version, invalid rows kept at the row, read-only for whoever may not change the inspection.
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { changeLogCount, inspectionIdByRef, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
let page: string;
const key = (unit: string) => ({ inspectionId: w.id2022, checklist: 'toetsingskader', criterion: 'k3', unit });
const row = (unit: string, verdict: string, motivation: string, workflow = 'in_behandeling', version = getCell(w.ctx.db, key(unit)).version) => ({
  [`verdict.${unit}`]: verdict, [`motivation.${unit}`]: motivation, [`workflow.${unit}`]: workflow, [`version.${unit}`]: String(version),
});
const logRowsFor = (unit: string) => {
  const id = getCell(w.ctx.db, key(unit)).id;
  return (w.ctx.db.prepare("SELECT COUNT(*) AS n FROM change_log WHERE entity = 'verdict' AND entity_id = ?").get(String(id)) as { n: number }).n;
};

beforeAll(async () => {
  w = await makeWorld();
  page = `/onderzoeken/${w.id2022}/criteria/toetsingskader/k3/oordelen`;
});
afterAll(() => w.ctx.cleanup());

describe('bulk page of one criterion', () => {
  test('when an inspector on the team opens it, then every unit has a labelled row with its version', async () => {
    const res = await w.as.inspecteur.agent.get(page).expect(200);
    for (const unit of ['NN', 'ON', 'KS']) {
      expect(res.text).toContain(`name="verdict.${unit}"`);
      expect(res.text).toContain(`name="version.${unit}"`);
      expect(res.text).toContain(`>Motivering ${unit}</label>`);
    }
    expect(res.text).toContain('Naar de knop Opslaan');
  });

  test('when the criterion has sub-points, then the bulk page shows them under its text, as the cell page does', async () => {
    const res = await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/criteria/toetsingskader/k6/oordelen`).expect(200);
    expect(res.text).toContain('<ul class="criterion-subpoints"><li>Mediationvaardigheden en andere gespreksvaardigheden;</li>');
  });

  test('when one row is stale, then the other rows are saved with a change-log entry and the stale row is shown with both versions', async () => {
    const seenNN = getCell(w.ctx.db, key('NN')).version;
    const untouched = getCell(w.ctx.db, key('MN'));
    saveVerdict(w.ctx.db, USERS.beheerder.email, key('NN'), seenNN, { verdict: 'nagekomen', motivation: 'Tekst van de beheerder', workflow: 'gereed' });
    const logBefore = { ON: logRowsFor('ON'), NH: logRowsFor('NH'), MN: logRowsFor('MN'), NN: logRowsFor('NN') };

    const res = await postAs(w, 'inspecteur', page, {
      ...row('NN', 'niet_nagekomen', 'Mijn tekst over NN', 'ter_review', seenNN),
      ...row('ON', 'ten_dele', 'Deels, zie **verslag**'),
      ...row('NH', 'nagekomen', 'Volledig'),
      ...row('MN', untouched.verdict, untouched.motivation, untouched.workflow),
    }).expect(409);

    expect(res.text).toContain('2 rijen opgeslagen, 1 conflict, 0 fouten');
    expect(getCell(w.ctx.db, key('ON'))).toMatchObject({ verdict: 'ten_dele', motivation: 'Deels, zie **verslag**', updatedBy: USERS.inspecteur.email });
    expect(getCell(w.ctx.db, key('NH')).verdict).toBe('nagekomen');
    expect([logRowsFor('ON'), logRowsFor('NH')]).toEqual([logBefore.ON + 1, logBefore.NH + 1]);
    // The unchanged row wrote nothing; the stale one kept the other person's version.
    expect(getCell(w.ctx.db, key('MN')).version).toBe(untouched.version);
    expect(logRowsFor('MN')).toBe(logBefore.MN);
    expect(getCell(w.ctx.db, key('NN'))).toMatchObject({ verdict: 'nagekomen', motivation: 'Tekst van de beheerder', version: seenNN + 1 });
    expect(logRowsFor('NN')).toBe(logBefore.NN);
    // Both versions are on the page; the user's text is still in the field, ready to save over theirs.
    expect(res.text).toContain('Opgeslagen versie (van een ander)');
    expect(res.text).toContain('Tekst van de beheerder');
    expect(res.text).toMatch(/name="motivation\.NN"[^>]*>Mijn tekst over NN<\/textarea>/);
    expect(res.text).toContain(`name="version.NN" value="${seenNN + 1}"`);
  });

  test('when a row the user left as shown was changed by someone else meanwhile, then it is neither a conflict nor saved back', async () => {
    const html = (await w.as.inspecteur.agent.get(page).expect(200)).text;
    const shown = (unit: string) => /name="shown\.([A-Z]+)" value="([0-9a-f]{16})"/g.exec(html.slice(html.indexOf(`name="shown.${unit}"`)))![2];
    const seen = getCell(w.ctx.db, key('AMS'));
    const other = saveVerdict(w.ctx.db, USERS.beheerder.email, key('AMS'), seen.version, { verdict: 'niet_nagekomen', motivation: 'Door een ander', workflow: 'gereed' });
    await postAs(w, 'inspecteur', page, {
      ...row('AMS', seen.verdict, seen.motivation, seen.workflow, seen.version), 'shown.AMS': shown('AMS'),
      ...row('ZWB', 'ten_dele', 'ZWB deels'),
    }).expect(303);
    expect(getCell(w.ctx.db, key('AMS'))).toEqual(other);
    expect(getCell(w.ctx.db, key('ZWB')).verdict).toBe('ten_dele');
  });

  test('when every row is valid and current, then all are saved and the page says how many', async () => {
    const res = await postAs(w, 'inspecteur', page, { ...row('RT', 'nagekomen', 'RT goed'), ...row('LB', 'ten_dele', 'LB deels') }).expect(303);
    const next = await w.as.inspecteur.agent.get(res.headers.location).expect(200);
    expect(next.text).toContain('2 rijen opgeslagen, 0 conflicten, 0 fouten');
  });

  test('when a row is invalid, then its message is at the row with the input kept, and nothing of that row is saved', async () => {
    const before = getCell(w.ctx.db, key('DH'));
    const res = await postAs(w, 'inspecteur', page, {
      ...row('DH', 'prima', 'Mijn tekst die blijft'),
      ...row('OB', 'nagekomen', 'x'.repeat(50_001)),
      ...row('PA', 'niet_nagekomen', 'PA niet'),
    }).expect(400);
    expect(res.text).toContain('1 rij opgeslagen, 0 conflicten, 2 fouten');
    expect(res.text).toMatch(/id="f-verdict-DH-error">Kies een oordeel uit de schaal/);
    expect(res.text).toMatch(/name="motivation\.DH"[^>]*>Mijn tekst die blijft<\/textarea>/);
    expect(res.text).toContain('De motivering mag hoogstens 50000 tekens zijn.');
    expect(getCell(w.ctx.db, key('DH'))).toEqual(before);
    expect(getCell(w.ctx.db, key('OB')).motivation).not.toHaveLength(50_001);
    expect(getCell(w.ctx.db, key('PA')).verdict).toBe('niet_nagekomen');
  });

  test('when a lezer posts the page, then 403 and nothing changes', async () => {
    const fp = dbFingerprint(w.ctx);
    await postAs(w, 'lezer', page, row('KS', 'nagekomen', 'lezer')).expect(403);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test.each(['lezer', 'buitenstaander'] as const)('when a %s opens it, then it is read-only with the verdicts in words', async (role) => {
    const res = await w.as[role].agent.get(page).expect(200);
    expect(res.text).not.toContain('name="verdict.');
    expect(res.text).toContain('Ten dele nagekomen');
  });
});

describe('bulk page of one unit', () => {
  test('when an inspector saves two criteria of a unit, then both are saved and the others untouched', async () => {
    const unitPage = `/onderzoeken/${w.id2022}/eenheden/KS/oordelen?checklist=toetsingskader`;
    const get = await w.as.inspecteur.agent.get(unitPage).expect(200);
    expect(get.text).toContain('name="verdict.k1"');
    const cell = (criterion: string) => getCell(w.ctx.db, { ...key('KS'), criterion });
    const logs = changeLogCount(w.ctx);
    const fields = (criterion: string, verdict: string) => ({
      [`verdict.${criterion}`]: verdict, [`motivation.${criterion}`]: `KS ${criterion}`, [`workflow.${criterion}`]: 'gereed', [`version.${criterion}`]: String(cell(criterion).version),
    });
    await postAs(w, 'inspecteur', unitPage, { ...fields('k1', 'nagekomen'), ...fields('k2', 'ten_dele') }).expect(303);
    expect([cell('k1').verdict, cell('k2').verdict]).toEqual(['nagekomen', 'ten_dele']);
    expect(changeLogCount(w.ctx)).toBe(logs + 2);
  });

  test('when the inspection is vastgesteld, then the page is read-only and a save changes nothing', async () => {
    const id2015 = inspectionIdByRef(w.ctx, 'klachtbehandeling-2015');
    const unit = (w.ctx.db.prepare('SELECT unit_code FROM inspection_units WHERE inspection_id = ? ORDER BY position LIMIT 1').get(id2015) as { unit_code: string }).unit_code;
    const res = await w.as.inspecteur.agent.get(`/onderzoeken/${id2015}/eenheden/${unit}/oordelen`).expect(200);
    expect(res.text).not.toContain('name="verdict.');
    expect(res.text).toContain('vastgesteld');
    const fp = dbFingerprint(w.ctx);
    const c = getCell(w.ctx.db, { inspectionId: id2015, checklist: 'toetsingskader', criterion: 'k1', unit });
    await postAs(w, 'inspecteur', `/onderzoeken/${id2015}/eenheden/${unit}/oordelen`, {
      'verdict.k1': 'niet_nagekomen', 'motivation.k1': 'te laat', 'workflow.k1': 'gereed', 'version.k1': String(c.version),
    }).expect(409);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});

describe('links to the bulk pages', () => {
  test('when the matrix is shown, then each unit row header and each criterion column header opens its bulk page', async () => {
    const res = await w.as.lezer.agent.get(`/onderzoeken/${w.id2022}/matrix`).expect(200);
    expect(res.text).toContain(`href="/onderzoeken/${w.id2022}/eenheden/NN/oordelen?checklist=toetsingskader"`);
    expect(res.text).toContain(`href="/onderzoeken/${w.id2022}/criteria/toetsingskader/k1/oordelen"`);
  });

  test('when a cell is shown, then it links to all criteria of its unit and all units on its criterion', async () => {
    const res = await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/cellen/toetsingskader/k2/NN`).expect(200);
    expect(res.text).toMatch(/href="\/onderzoeken\/\d+\/eenheden\/NN\/oordelen\?checklist=toetsingskader">Alle criteria van deze eenheid</);
    expect(res.text).toMatch(/href="\/onderzoeken\/\d+\/criteria\/toetsingskader\/k2\/oordelen">Alle eenheden op dit criterium</);
  });
});
