// Issue 18, point 3: the overview's figures come from a memo of the domain's one computation
// (inspectionStatus), kept under the mark of the data. They must be exactly what the full
// computation gives, before and after a change, and whichever blocker kinds occur.
import { groupBlockers, inspectionList, inspectionOverview, overviewOf } from '../../src/app/status';
import type { Blocker, BlockerKind } from '../../src/domain/blockers';
import { BLOCKER_KIND_LABELS } from '../../src/domain/blockers';
import type { InspectionStatus } from '../../src/domain/status';
import { getCell, saveVerdict, unlinkEvidence } from '../../src/store/verdicts.store';
import { makeWorld, World } from '../helpers/inspector';
import { domainOverviewFigures } from '../helpers/overview';

let w: World;
beforeAll(async () => { w = await makeWorld(); });
afterAll(() => w.ctx.cleanup());

const fullFigures = (id: number) => domainOverviewFigures(w.ctx, id);

describe('the overview figures', () => {
  test('when the demo is shown, then every inspection has exactly the figures of its full status', () => {
    const list = inspectionList(w.ctx);
    expect(list.length).toBeGreaterThan(1);
    for (const i of list) expect(inspectionOverview(w.ctx, i)).toEqual(fullFigures(i.id));
    // Asked again (from the memo), the same.
    for (const i of list) expect(inspectionOverview(w.ctx, i)).toEqual(fullFigures(i.id));
  });

  test('when a verdict is changed after the figures were kept, then the next overview has the new figures', () => {
    const i = inspectionList(w.ctx).find((x) => x.id === w.id2022);
    if (!i) throw new Error('demo inspection missing');
    const before = inspectionOverview(w.ctx, i);
    const key = { inspectionId: i.id, checklist: 'toetsingskader', criterion: 'k1', unit: 'NN' };
    const cell = getCell(w.ctx.db, key);
    // Not assessed any more, and without a source: two kinds change at once.
    saveVerdict(w.ctx.db, 'test@toetsing.local', key, cell.version, { verdict: 'niet_beoordeeld', motivation: '', workflow: cell.workflow });
    for (const l of cell.links) unlinkEvidence(w.ctx.db, 'test@toetsing.local', i.id, cell.id, l.evidenceId);
    const after = inspectionOverview(w.ctx, i);
    expect(after).toEqual(fullFigures(i.id));
    expect(after.assessed).toBe(before.assessed - 1);
    expect(after).not.toEqual(before);
  });

  test('when the status has blockers of every kind, then the overview counts each kind in the order the kinds first occur', () => {
    const kinds = Object.keys(BLOCKER_KIND_LABELS) as BlockerKind[];
    // Every kind, the i-th kind i+1 times, interleaved so the order of first occurrence is tested too.
    const blockers: Blocker[] = [];
    for (let round = 0; round < kinds.length; round++) {
      kinds.forEach((kind, i) => { if (round <= i) blockers.push({ key: `${kind}:${round}`, kind, message: '' }); });
    }
    const status: InspectionStatus = { assessed: 3, total: 10, progress: 0.3, rollups: [], blockers };
    expect(overviewOf(status)).toEqual({ assessed: 3, total: 10, progress: 0.3, blockerCounts: kinds.map((k, i) => [k, i + 1]) });
    expect(overviewOf(status).blockerCounts).toEqual(groupBlockers(blockers).map((g) => [g.kind, g.list.length]));
  });

  test('when the overview page is shown, then it shows the kept figures', async () => {
    const res = await w.as.lezer.agent.get('/').expect(200);
    for (const i of inspectionList(w.ctx)) {
      const o = inspectionOverview(w.ctx, i);
      expect(res.text).toContain(`${o.assessed} van ${o.total}`);
    }
  });
});
