// Review approvals (issue 13) over real HTTP and SQLite: an approval is voided by a change and the
// matrix shows it; nobody approves their own change; a stale approval is refused; review required
// makes unreviewed work a blocker; the queue filters; readers and outsiders cannot approve.
import { findBlockers } from '../../src/domain/blockers';
import { cellTargetKey, reviewState, cellTarget, approvalIndex, approvalOf, sectionTarget, sectionTargetKey } from '../../src/domain/review';
import { loadSnapshot } from '../../src/store/inspections.store';
import { updateSection } from '../../src/store/outline.store';
import { createUser } from '../../src/store/users.store';
import { getCell } from '../../src/store/verdicts.store';
import { TEST_PASSWORD, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { Agent, login } from '../helpers/http';
import { makeWorld, postAs, World } from '../helpers/inspector';

const SECOND = 'inspecteur2@demo.toetsing.local';
let w: World;
let second: { agent: Agent; csrf: string };

beforeAll(async () => {
  w = await makeWorld();
  await createUser(w.ctx.db, 'test', { email: SECOND, role: 'inspecteur', password: TEST_PASSWORD });
  second = await login(w.app, SECOND);
});
afterAll(() => w.ctx.cleanup());

const cellPath = (checklist: string, criterion: string, unit: string) => `/onderzoeken/${w.id2022}/cellen/${checklist}/${criterion}/${unit}`;
const stateOf = (checklist: string, criterion: string, unit: string) => {
  const s = loadSnapshot(w.ctx.db, w.id2022);
  const key = cellTargetKey(checklist, criterion, unit);
  const cell = s.verdicts.find((v) => cellTargetKey(v.checklist, v.criterion, v.unit) === key)!;
  return reviewState(cellTarget(cell), approvalOf(approvalIndex(s.approvals), 'cell', key));
};
const blockerKeys = () => findBlockers(loadSnapshot(w.ctx.db, w.id2022), w.ctx.catalogue.checklists).map((b) => b.key);
/** The matrix cell (its <td>) that links to this cell page. */
async function matrixCell(checklist: string, criterion: string, unit: string): Promise<string> {
  const res = await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/matrix?checklist=${checklist}`).expect(200);
  const href = `href="${cellPath(checklist, criterion, unit)}"`;
  const at = res.text.indexOf(href);
  expect(at).toBeGreaterThan(0);
  return res.text.slice(res.text.lastIndexOf('<td', at), res.text.indexOf('</td>', at));
}
function postSecond(path: string, form: Record<string, string | string[]>) {
  return second.agent.post(path).type('form').send({ _csrf: second.csrf, ...form });
}

describe('the demo review', () => {
  test('when the 2022 demo is loaded, then review is required, most cells are approved, one approval was voided and redone, one is voided', () => {
    const s = loadSnapshot(w.ctx.db, w.id2022);
    expect(s.reviewRequired).toBe(true);
    const assessed = s.verdicts.filter((v) => v.verdict !== 'niet_beoordeeld');
    const approved = assessed.filter((v) => stateOf(v.checklist, v.criterion, v.unit) === 'goedgekeurd');
    expect(approved.length / assessed.length).toBeGreaterThan(0.7);
    expect(approved.length).toBeLessThan(assessed.length);
    expect(stateOf('toetsingskader', 'k1', 'NN')).toBe('goedgekeurd');
    expect(stateOf('ombudsman', 'a1', 'NN')).toBe('goedkeuring_vervallen');
    const log = w.ctx.db.prepare("SELECT entity, action FROM change_log WHERE inspection_id = ? AND entity_id IN ('cell:toetsingskader/k1/NN', ?) ORDER BY seq")
      .all(w.id2022, String(getCell(w.ctx.db, { inspectionId: w.id2022, checklist: 'toetsingskader', criterion: 'k1', unit: 'NN' }).id)) as Array<{ entity: string; action: string }>;
    expect(log.map((l) => `${l.entity}:${l.action}`)).toEqual(['review_approval:create', 'verdict:update', 'review_approval:update']);
  });
});

describe('approving a cell', () => {
  // k2 NN: written by the first inspector, approved by the second in the demo.
  let k2 = '';
  beforeAll(() => { k2 = cellPath('toetsingskader', 'k2', 'NN'); });
  const key = { inspectionId: 0, checklist: 'toetsingskader', criterion: 'k2', unit: 'NN' };

  test('when a verdict changes after approval, then its state is goedkeuring vervallen, shown in the matrix and on the cell page, and it is a blocker', async () => {
    expect(stateOf('toetsingskader', 'k2', 'NN')).toBe('goedgekeurd');
    expect(await matrixCell('toetsingskader', 'k2', 'NN')).toContain('rv--goedgekeurd');
    expect(blockerKeys()).not.toContain('review_open:cell:toetsingskader/k2/NN');
    const cell = getCell(w.ctx.db, { ...key, inspectionId: w.id2022 });
    await postAs(w, 'inspecteur', k2, { verdict: 'ten_dele', motivation: `${cell.motivation} Aangescherpt.`, workflow: 'gereed', version: String(cell.version) }).expect(303);
    expect(stateOf('toetsingskader', 'k2', 'NN')).toBe('goedkeuring_vervallen');
    const td = await matrixCell('toetsingskader', 'k2', 'NN');
    expect(td).toContain('rv--goedkeuring_vervallen');
    expect(td).toContain('goedkeuring vervallen');
    const page = await second.agent.get(k2).expect(200);
    expect(page.text).toContain('Goedkeuring vervallen');
    expect(page.text).toMatch(/<button type="submit" class="button button--primary">Goedkeuren<\/button>/);
    expect(blockerKeys()).toContain('review_open:cell:toetsingskader/k2/NN');
  });

  test('when the author approves their own change, then 403 and nothing changes', async () => {
    const fp = dbFingerprint(w.ctx);
    const cell = getCell(w.ctx.db, { ...key, inspectionId: w.id2022 });
    const res = await postAs(w, 'inspecteur', `${k2}/goedkeuren`, { version: String(cell.version) });
    expect(res.status).toBe(403);
    expect(res.text).toContain('zelf als laatste gewijzigd');
    expect(dbFingerprint(w.ctx)).toBe(fp);
    const page = await w.as.inspecteur.agent.get(k2).expect(200);
    expect(page.text).not.toContain('>Goedkeuren</button>');
  });

  test('when the version moved on since the page was opened, then 409 and nothing is written', async () => {
    const fp = dbFingerprint(w.ctx);
    const cell = getCell(w.ctx.db, { ...key, inspectionId: w.id2022 });
    const res = await postSecond(`${k2}/goedkeuren`, { version: String(cell.version - 1) });
    expect(res.status).toBe(409);
    expect(res.text).toContain('niets goedgekeurd');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when a %s approves, then %i and nothing changes', async (role, status) => {
    const fp = dbFingerprint(w.ctx);
    const cell = getCell(w.ctx.db, { ...key, inspectionId: w.id2022 });
    await postAs(w, role, `${k2}/goedkeuren`, { version: String(cell.version) }).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when another team member approves the version they saw, then it is gereviewd, logged, shown in the matrix, and the blocker is gone', async () => {
    const cell = getCell(w.ctx.db, { ...key, inspectionId: w.id2022 });
    await postSecond(`${k2}/goedkeuren`, { version: String(cell.version) }).expect(303);
    expect(stateOf('toetsingskader', 'k2', 'NN')).toBe('goedgekeurd');
    expect(await matrixCell('toetsingskader', 'k2', 'NN')).toContain('rv--goedgekeurd');
    expect(blockerKeys()).not.toContain('review_open:cell:toetsingskader/k2/NN');
    const page = await second.agent.get(k2).expect(200);
    expect(page.text).toContain('Goedgekeurd door');
    const history = await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/geschiedenis`).expect(200);
    expect(history.text).toContain('Goedkeuring (review)');
  });

  test('when an approval is already current, then approving again is refused (409)', async () => {
    const cell = getCell(w.ctx.db, { ...key, inspectionId: w.id2022 });
    await postAs(w, 'beheerder', `${k2}/goedkeuren`, { version: String(cell.version) }).expect(409);
  });

  test('when someone other than the approver withdraws, then 403; when the approver does, then it waits for review again', async () => {
    await postAs(w, 'inspecteur', `${k2}/goedkeuring-intrekken`, {}).expect(403);
    await postSecond(`${k2}/goedkeuring-intrekken`, {}).expect(303);
    expect(stateOf('toetsingskader', 'k2', 'NN')).toBe('te_reviewen');
    expect(blockerKeys()).toContain('review_open:cell:toetsingskader/k2/NN');
  });

  test('when an untouched cell is approved, then 400: there is nothing to review', async () => {
    // A cell nobody assessed yet: find one in the demo, else skip quietly.
    const untouched = loadSnapshot(w.ctx.db, w.id2022).verdicts.find((v) => v.verdict === 'niet_beoordeeld' && v.version === 1);
    if (!untouched) return;
    await postSecond(`${cellPath(untouched.checklist, untouched.criterion, untouched.unit)}/goedkeuren`, { version: '1' }).expect(400);
  });
});

describe('approving a section and the setting', () => {
  test('when a section with text changes, then it is a blocker until someone else approves it on the section page', async () => {
    const s = loadSnapshot(w.ctx.db, w.id2022);
    const section = s.outline.find((x) => x.body.trim() !== '')!;
    expect(reviewState(sectionTarget(section), approvalOf(approvalIndex(s.approvals), 'section', sectionTargetKey(section.id)))).toBe('goedgekeurd');
    updateSection(w.ctx.db, SECOND, w.id2022, section.id, section.version, { ...section, body: `${section.body}\n\nEen zin erbij.` });
    expect(blockerKeys()).toContain(`review_open:section:${section.id}`);
    const path = `/onderzoeken/${w.id2022}/rapport/secties/${section.id}`;
    expect((await second.agent.get(path).expect(200)).text).toContain('zelf als laatste gewijzigd');
    await postSecond(`${path}/goedkeuren`, { version: String(section.version + 1) }).expect(403);
    await postAs(w, 'inspecteur', `${path}/goedkeuren`, { version: String(section.version) }).expect(409);
    await postAs(w, 'inspecteur', `${path}/goedkeuren`, { version: String(section.version + 1) }).expect(303);
    expect(blockerKeys()).not.toContain(`review_open:section:${section.id}`);
  });

  test('when review is not required, then unreviewed work blocks nothing; a lezer cannot change the setting', async () => {
    const setting = `/onderzoeken/${w.id2022}/review/instelling`;
    expect(blockerKeys().some((k) => k.startsWith('review_open:'))).toBe(true);
    await postAs(w, 'lezer', setting, {}).expect(403);
    await postAs(w, 'inspecteur', setting, {}).expect(303);
    expect(loadSnapshot(w.ctx.db, w.id2022).reviewRequired).toBe(false);
    expect(blockerKeys().some((k) => k.startsWith('review_open:'))).toBe(false);
    await postAs(w, 'inspecteur', setting, { verplicht: 'ja' }).expect(400);
    await postAs(w, 'inspecteur', setting, { verplicht: '1' }).expect(303);
    expect(loadSnapshot(w.ctx.db, w.id2022).reviewRequired).toBe(true);
  });
});

describe('the review queue', () => {
  const queue = (q = '') => `/onderzoeken/${w.id2022}/review${q}`;

  test('when the queue is filtered by unit, toezegging or author, then only those items are listed', async () => {
    const all = await w.as.lezer.agent.get(queue()).expect(200);
    expect(all.text).toContain('te reviewen');
    expect(all.text).not.toContain('name="een"');
    const nn = await second.agent.get(queue('?eenheid=NN')).expect(200);
    const titles = [...nn.text.matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.endsWith(' · NN'))).toBe(true);
    const group = await second.agent.get(queue('?groep=toetsingskader%2Fopvolgen')).expect(200);
    expect(group.text).toContain('/cellen/toetsingskader/k2/NN');
    expect(group.text).not.toContain('/cellen/ombudsman/');
    const mine = await second.agent.get(queue(`?auteur=${encodeURIComponent(USERS.inspecteur.email)}`)).expect(200);
    expect(mine.text).toContain('/cellen/toetsingskader/k2/NN');
    const theirs = await second.agent.get(queue(`?auteur=${encodeURIComponent(SECOND)}`)).expect(200);
    expect(theirs.text).not.toContain('/cellen/toetsingskader/k2/NN');
    await second.agent.get(queue('?eenheid=XX')).expect(400);
  });

  test('when items are ticked and "Goedkeur geselecteerde" is pressed, then those are approved and one of the author\'s own is refused', async () => {
    const page = await second.agent.get(queue(`?auteur=${encodeURIComponent(USERS.inspecteur.email)}`)).expect(200);
    const values = [...page.text.matchAll(/name="item" value="([^"]+)"/g)].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(0);
    await postSecond(`/onderzoeken/${w.id2022}/review/goedkeuren`, { item: values, actie: 'geselecteerd' }).expect(303);
    expect(stateOf('toetsingskader', 'k2', 'NN')).toBe('goedgekeurd');
    // One of the second inspector's own cells, posted by hand: refused, with the reason.
    const own = loadSnapshot(w.ctx.db, w.id2022).verdicts.find((v) => v.updatedBy === SECOND && v.workflow === 'ter_review')!;
    const res = await postSecond(`/onderzoeken/${w.id2022}/review/goedkeuren`, { een: `cell:${cellTargetKey(own.checklist, own.criterion, own.unit)}@${own.version}` });
    expect(res.status).toBe(403);
    expect(res.text).toContain('zelf als laatste gewijzigd');
    await postSecond(`/onderzoeken/${w.id2022}/review/goedkeuren`, {}).expect(400);
    await postSecond(`/onderzoeken/${w.id2022}/review/goedkeuren`, { een: 'cell:x@y' }).expect(400);
  });
});

describe('evidence is part of what was approved', () => {
  // An approved cell of the demo, approved by someone else than the inspector who links here.
  const approvedCell = () => {
    const s = loadSnapshot(w.ctx.db, w.id2022);
    return s.verdicts.find((v) => v.checklist === 'toetsingskader' && !(v.criterion === 'k2' && v.unit === 'NN') && v.verdict !== 'niet_beoordeeld'
      && stateOf(v.checklist, v.criterion, v.unit) === 'goedgekeurd')!;
  };
  const unlinkedEvidence = (verdictId: number) => {
    const row = w.ctx.db.prepare('SELECT id FROM evidence WHERE inspection_id = ? AND id NOT IN (SELECT evidence_id FROM evidence_links WHERE verdict_id = ?) ORDER BY id LIMIT 1')
      .get(w.id2022, verdictId) as { id: number };
    return row.id;
  };

  test('when evidence is linked to an approved cell, then the approval is vervallen in the matrix and blocks; the linker may not approve, someone else re-approves', async () => {
    const cell = approvedCell();
    const path = cellPath(cell.checklist, cell.criterion, cell.unit);
    const blocker = `review_open:cell:${cellTargetKey(cell.checklist, cell.criterion, cell.unit)}`;
    expect(blockerKeys()).not.toContain(blocker);
    const evidenceId = unlinkedEvidence(cell.id);

    await postAs(w, 'inspecteur', `${path}/koppelingen`, { evidenceId: String(evidenceId), excerpt: 'blz. 2' }).expect(303);

    expect(stateOf(cell.checklist, cell.criterion, cell.unit)).toBe('goedkeuring_vervallen');
    const td = await matrixCell(cell.checklist, cell.criterion, cell.unit);
    expect(td).toContain('rv--goedkeuring_vervallen');
    expect(td).toContain('goedkeuring vervallen');
    expect(blockerKeys()).toContain(blocker);
    const linked = getCell(w.ctx.db, { inspectionId: w.id2022, checklist: cell.checklist, criterion: cell.criterion, unit: cell.unit });
    expect(linked.version).toBe(cell.version + 1);
    const own = await postAs(w, 'inspecteur', `${path}/goedkeuren`, { version: String(linked.version) });
    expect(own.status).toBe(403);
    expect(own.text).toContain('zelf als laatste gewijzigd');

    await postSecond(`${path}/goedkeuren`, { version: String(linked.version) }).expect(303);
    expect(stateOf(cell.checklist, cell.criterion, cell.unit)).toBe('goedgekeurd');
    expect(blockerKeys()).not.toContain(blocker);
  });

  test('when evidence is unlinked from an approved cell, then the approval is vervallen until it is approved again', async () => {
    const cell = approvedCell();
    const path = cellPath(cell.checklist, cell.criterion, cell.unit);
    const evidenceId = unlinkedEvidence(cell.id);
    await postAs(w, 'inspecteur', `${path}/koppelingen`, { evidenceId: String(evidenceId), excerpt: '' }).expect(303);
    await postSecond(`${path}/goedkeuren`, { version: String(cell.version + 1) }).expect(303);
    expect(stateOf(cell.checklist, cell.criterion, cell.unit)).toBe('goedgekeurd');

    await postAs(w, 'inspecteur', `${path}/koppelingen/${evidenceId}/verwijderen`, {}).expect(303);

    expect(stateOf(cell.checklist, cell.criterion, cell.unit)).toBe('goedkeuring_vervallen');
    expect(await matrixCell(cell.checklist, cell.criterion, cell.unit)).toContain('rv--goedkeuring_vervallen');
    expect(blockerKeys()).toContain(`review_open:cell:${cellTargetKey(cell.checklist, cell.criterion, cell.unit)}`);
    await postSecond(`${path}/goedkeuren`, { version: String(cell.version + 2) }).expect(303);
    expect(stateOf(cell.checklist, cell.criterion, cell.unit)).toBe('goedgekeurd');
  });

  test('when the same excerpt is saved again, then nothing changed and the approval stands', async () => {
    const cell = loadSnapshot(w.ctx.db, w.id2022).verdicts.find((v) => v.links.length > 0 && stateOf(v.checklist, v.criterion, v.unit) === 'goedgekeurd')!;
    const link = cell.links[0];
    await postAs(w, 'inspecteur', `${cellPath(cell.checklist, cell.criterion, cell.unit)}/koppelingen`, { evidenceId: String(link.evidenceId), excerpt: link.excerpt }).expect(303);
    expect(stateOf(cell.checklist, cell.criterion, cell.unit)).toBe('goedgekeurd');
  });
});
