// Vaststelling: allowed only without blockers or with each accepted by a second inspector;
// afterwards nothing about the inspection can change, in the application or in the database;
// the stored reports are checked against their hash; a correction is a new revision.
import Database from 'better-sqlite3';
import path from 'node:path';
import { inspectionStatus } from '../../src/domain/status';
import { finalisationCheck } from '../../src/domain/finalisation';
import { exportDocument } from '../../src/store/documents';
import { createEvidence, updateEvidence, getEvidence } from '../../src/store/evidence.store';
import {
  acceptBlocker, finaliseInspection, listFinalReports, reopenAsRevision, revisionInfo, stateMark, storedReport,
} from '../../src/store/finalisation.store';
import { getInspection, loadSnapshot, updateInspection } from '../../src/store/inspections.store';
import {
  addRecommendation, replaceStatistics, saveConclusion, saveFinding, saveFollowup, saveOverride,
} from '../../src/store/national.store';
import { getCell, linkEvidence, saveVerdict, unlinkEvidence } from '../../src/store/verdicts.store';
import { verifyChangeLog } from '../../src/store/changelog';
import { inspectionIdByRef, makeCtx, TestCtx } from '../helpers/context';

const A = 'inspecteur@demo.toetsing.local';
// Both on the team of the 2026 demo inspection: only team members finalise.
const B = 'inspecteur2@demo.toetsing.local';
const TEAM = [A, B];
const pdf = (s: string) => Buffer.from(`%PDF-1.7\n${s}\n%%EOF`);

let ctx: TestCtx;
let id: number;

function blockersOf(inspectionId: number) {
  return inspectionStatus(loadSnapshot(ctx.db, inspectionId), ctx.catalogue).blockers;
}

function finalise(actor: string) {
  const units = getInspection(ctx.db, id).units;
  finaliseInspection(ctx.db, ctx.catalogue, actor, id, stateMark(ctx.db, id), [{ unit: null, pdf: pdf('landelijk') }, ...units.map((u) => ({ unit: u, pdf: pdf(u) }))]);
}

beforeEach(() => {
  ctx = makeCtx({ demo: true });
  id = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
});
afterEach(() => ctx.cleanup());

describe('the four-eyes rule', () => {
  const b = (key: string) => ({ key, kind: 'geen_bron' as const, message: key });
  test('when blockers are open, then finalising is not allowed', () => {
    expect(finalisationCheck([b('x')], [], A, TEAM).allowed).toBe(false);
  });
  test('when every blocker is accepted by someone else, then finalising is allowed', () => {
    expect(finalisationCheck([b('x')], [{ blockerKey: 'x', acceptedBy: B, acceptedAt: '', motivation: 'ok' }], A, TEAM).allowed).toBe(true);
  });
  test('when the finaliser accepted a blocker themself, then finalising is not allowed', () => {
    const c = finalisationCheck([b('x')], [{ blockerKey: 'x', acceptedBy: A.toUpperCase(), acceptedAt: '', motivation: 'ok' }], A, TEAM);
    expect(c.allowed).toBe(false);
    expect(c.selfAccepted).toHaveLength(1);
  });
  test('when there are no blockers, then finalising is allowed', () => {
    expect(finalisationCheck([], [], A, TEAM).allowed).toBe(true);
  });
});

test('when blockers remain unaccepted, then finaliseInspection refuses and nothing is stored', () => {
  expect(blockersOf(id).length).toBeGreaterThan(0);
  expect(() => finalise(B)).toThrow(/Vaststellen kan nog niet/);
  expect(getInspection(ctx.db, id).status).toBe('concept');
  expect(listFinalReports(ctx.db, id)).toEqual([]);
});

test('when an acceptance has no motivation or names no current blocker, then it is refused', () => {
  const key = blockersOf(id)[0].key;
  expect(() => acceptBlocker(ctx.db, ctx.catalogue, A, id, key, '   ')).toThrow(/motivering/);
  expect(() => acceptBlocker(ctx.db, ctx.catalogue, A, id, 'geen_bron:verzonnen', 'reden')).toThrow(/bestaat/);
});

describe('after vaststelling', () => {
  beforeEach(() => {
    for (const bl of blockersOf(id)) acceptBlocker(ctx.db, ctx.catalogue, A, id, bl.key, `Aanvaard: ${bl.kind}`);
  });

  test('when the one who accepted the blockers finalises, then it is refused (a second inspector is needed)', () => {
    expect(() => finalise(A)).toThrow(/door uzelf aanvaard/);
  });

  test('when the inspection changed while the reports were rendered, then finalising is refused', () => {
    const mark = stateMark(ctx.db, id);
    saveFinding(ctx.db, A, id, 'toetsingskader', 'k1', 0, 'late wijziging');
    const units = getInspection(ctx.db, id).units;
    expect(() => finaliseInspection(ctx.db, ctx.catalogue, B, id, mark, [{ unit: null, pdf: pdf('x') }, ...units.map((u) => ({ unit: u, pdf: pdf(u) }))])).toThrow(/gewijzigd terwijl/);
  });

  test('when a second inspector finalises, then the status, the time and every report with its SHA-256 are stored and logged', () => {
    finalise(B);
    const i = getInspection(ctx.db, id);
    expect(i.status).toBe('vastgesteld');
    expect(i.finalisedAt).toBeTruthy();
    const reports = listFinalReports(ctx.db, id);
    expect(reports).toHaveLength(1 + i.units.length);
    expect(reports[0].unit).toBeNull();
    expect(storedReport(ctx.db, id, null)!.pdf.equals(pdf('landelijk'))).toBe(true);
    const last = ctx.db.prepare('SELECT action, actor FROM change_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'finalise', actor: B });
    expect(verifyChangeLog(ctx.db).ok).toBe(true);
  });

  describe('every write path of the application', () => {
    beforeEach(() => finalise(B));
    const k = () => ({ inspectionId: id, checklist: 'toetsingskader', criterion: 'k1', unit: getInspection(ctx.db, id).units[0] });
    const ev = () => (ctx.db.prepare('SELECT id FROM evidence WHERE inspection_id = ? LIMIT 1').get(id) as { id: number }).id;
    const writes: Array<[string, () => unknown]> = [
      ['saveVerdict', () => saveVerdict(ctx.db, A, k(), getCell(ctx.db, k()).version, { verdict: 'niet_beoordeeld', motivation: 'x', workflow: 'te_doen' })],
      ['linkEvidence', () => linkEvidence(ctx.db, A, id, getCell(ctx.db, k()).id, ev(), 'x')],
      ['unlinkEvidence', () => unlinkEvidence(ctx.db, A, id, getCell(ctx.db, k()).id, ev())],
      ['createEvidence', () => createEvidence(ctx.db, A, id, { type: 'document', title: 'x', dateFrom: null, dateTo: null, party: '', units: [], description: '', wederhoor: null }, null)],
      ['updateEvidence', () => updateEvidence(ctx.db, A, id, ev(), getEvidence(ctx.db, id, ev()).version, { type: 'document', title: 'x', dateFrom: null, dateTo: null, party: '', units: [], description: '', wederhoor: null })],
      ['updateInspection', () => updateInspection(ctx.db, A, id, getInspection(ctx.db, id).version, { title: 'x' })],
      ['saveFinding', () => saveFinding(ctx.db, A, id, 'toetsingskader', 'k1', 0, 'x')],
      ['saveConclusion', () => saveConclusion(ctx.db, A, id, 'toetsingskader', 'opvolgen', 0, 'x')],
      ['saveOverride', () => saveOverride(ctx.db, A, id, { scope: '*', checklist: 'toetsingskader', group: 'opvolgen' }, 0, { verdict: 'x', motivation: 'x' })],
      ['addRecommendation', () => addRecommendation(ctx.db, A, id, { checklist: 'toetsingskader', group: 'opvolgen', text: 'x' })],
      ['saveFollowup', () => saveFollowup(ctx.db, A, id, 'A1', 0, { status: 'opgevolgd', motivation: 'x', evidence: [] })],
      ['replaceStatistics', () => replaceStatistics(ctx.db, A, id, [])],
      ['acceptBlocker', () => acceptBlocker(ctx.db, ctx.catalogue, A, id, 'x', 'x')],
    ];
    test.each(writes)('when %s is called, then it is refused and nothing changes', (_name, write) => {
      const before = JSON.stringify(exportDocument(ctx.db, ctx.catalogue, id));
      const n = (ctx.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;
      expect(write).toThrow(/vastgesteld/);
      expect(JSON.stringify(exportDocument(ctx.db, ctx.catalogue, id))).toBe(before);
      expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n).toBe(n);
    });
  });

  describe('the database itself, bypassing the application', () => {
    beforeEach(() => finalise(B));
    const sql = (): Array<[string, string]> => {
      const e = `(SELECT id FROM evidence WHERE inspection_id = ${id} LIMIT 1)`;
      const v = `(SELECT id FROM verdicts WHERE inspection_id = ${id} LIMIT 1)`;
      return [
        ['update inspections', `UPDATE inspections SET title = 'x' WHERE id = ${id}`],
        ['delete inspections', `DELETE FROM inspections WHERE id = ${id}`],
        ['update verdicts', `UPDATE verdicts SET verdict = 'x' WHERE inspection_id = ${id}`],
        ['insert verdicts', `INSERT INTO verdicts (inspection_id, unit_code, checklist_id, criterion_id) VALUES (${id}, 'X', 'y', 'z')`],
        ['delete verdicts', `DELETE FROM verdicts WHERE inspection_id = ${id}`],
        ['update evidence', `UPDATE evidence SET title = 'x' WHERE inspection_id = ${id}`],
        ['insert evidence', `INSERT INTO evidence (inspection_id, ref, type, title, created_at) VALUES (${id}, 'Z9', 'document', 'x', 'now')`],
        ['delete evidence_units', `DELETE FROM evidence_units WHERE evidence_id = ${e}`],
        ['insert evidence_links', `INSERT OR IGNORE INTO evidence_links (evidence_id, verdict_id, excerpt) VALUES (${e}, ${v}, 'x')`],
        ['delete evidence_links', `DELETE FROM evidence_links WHERE evidence_id IN (SELECT id FROM evidence WHERE inspection_id = ${id})`],
        ['insert findings', `INSERT INTO findings (inspection_id, checklist_id, criterion_id, text) VALUES (${id}, 'a', 'b', 'x')`],
        ['insert conclusions', `INSERT INTO conclusions (inspection_id, checklist_id, group_id, text) VALUES (${id}, 'a', 'b', 'x')`],
        ['insert overrides', `INSERT INTO overrides (inspection_id, scope, checklist_id, group_id, verdict, motivation) VALUES (${id}, '*', 'a', 'b', 'x', 'x')`],
        ['insert recommendations', `INSERT INTO recommendations (inspection_id, ref, checklist_id, group_id, position, text) VALUES (${id}, 'Z', 'a', 'b', 1, 'x')`],
        ['insert statistics', `INSERT INTO statistics (inspection_id, year, unit_code, afgerond, aannemen, eerste_fase, tweede_fase) VALUES (${id}, 2000, '', 1, 1, 1, 1)`],
        ['insert inspection_team', `INSERT INTO inspection_team (inspection_id, email) VALUES (${id}, 'x@y.z')`],
        ['delete inspection_units', `DELETE FROM inspection_units WHERE inspection_id = ${id}`],
        ['update final_reports', `UPDATE final_reports SET pdf = x'00' WHERE inspection_id = ${id}`],
        ['delete final_reports', `DELETE FROM final_reports WHERE inspection_id = ${id}`],
        ['insert blocker_acceptances', `INSERT INTO blocker_acceptances VALUES (${id}, 'k', 'x', 'now', 'x')`],
      ];
    };
    test('when any table of the inspection is written with plain SQL, then SQLite aborts the statement', () => {
      for (const [name, statement] of sql()) {
        let outcome = `${name}: accepted`;
        try { ctx.db.exec(statement); } catch (e) { outcome = `${name}: ${(e as Error).message}`; }
        expect(outcome).toBe(`${name}: inspection is vastgesteld`);
      }
    });
  });

  test('when the stored bytes of a report were altered behind the application\'s back, then they are not served', () => {
    finalise(B);
    ctx.db.close();
    const raw = new Database(path.join(ctx.dataDir, 'toetsing.sqlite'));
    raw.exec('DROP TRIGGER final_reports_final_update');
    raw.prepare("UPDATE final_reports SET pdf = ? WHERE inspection_id = ? AND unit_code = ''").run(pdf('vervalst'), id);
    raw.close();
    const reopened = new Database(path.join(ctx.dataDir, 'toetsing.sqlite'));
    try {
      expect(() => storedReport(reopened, id, null)).toThrow(/vingerafdruk/);
    } finally { reopened.close(); }
  });

  test('when a finalised inspection is reopened with a reason, then a concept copy <ref>-r2 points back at it, and the final version stays as it was', () => {
    finalise(B);
    const before = JSON.stringify(exportDocument(ctx.db, ctx.catalogue, id));
    expect(() => reopenAsRevision(ctx.db, ctx.catalogue, A, id, '  ')).toThrow(/reden/);
    const rid = reopenAsRevision(ctx.db, ctx.catalogue, A, id, 'Typefout in de motivering van k3');
    const rev = getInspection(ctx.db, rid);
    expect(rev.ref).toBe('klachtbehandeling-2026-illustratief-r2');
    expect(rev.status).toBe('concept');
    expect(revisionInfo(ctx.db, rid)).toMatchObject({ revision: 2, revisionOf: { id }, revisionReason: 'Typefout in de motivering van k3' });
    expect(revisionInfo(ctx.db, id).revisions).toEqual([{ id: rid, ref: rev.ref, revision: 2 }]);
    const copy = exportDocument(ctx.db, ctx.catalogue, rid);
    const orig = JSON.parse(before);
    expect(copy.verdicts).toEqual(orig.verdicts);
    expect(copy.evidence).toEqual(orig.evidence);
    expect(JSON.stringify(exportDocument(ctx.db, ctx.catalogue, id))).toBe(before);
    expect(storedReport(ctx.db, id, null)!.pdf.equals(pdf('landelijk'))).toBe(true);
    // The revision can be edited; a second reopen of the same final version is refused.
    saveFinding(ctx.db, A, rid, 'toetsingskader', 'k1', 0, 'gecorrigeerd');
    expect(() => reopenAsRevision(ctx.db, ctx.catalogue, A, id, 'nog een keer')).toThrow(/al een revisie/);
  });
});

test('when a finalised inspection is imported (the demo\'s 2015 inspection), then the import works and the result is immutable', () => {
  const old = inspectionIdByRef(ctx, 'klachtbehandeling-2015');
  expect(getInspection(ctx.db, old).status).toBe('vastgesteld');
  expect(() => ctx.db.exec(`UPDATE verdicts SET motivation = 'x' WHERE inspection_id = ${old}`)).toThrow(/vastgesteld/);
});
