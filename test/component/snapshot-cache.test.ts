// The store keeps snapshots while an inspection is unchanged (for speed at scale); these tests
// hold it to never showing stale or shared-mutable data.
import { inspectionStatus } from '../../src/domain/status';
import { importDocument, exportDocument } from '../../src/store/documents';
import { loadSnapshot } from '../../src/store/inspections.store';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { inspectionIdByRef, makeCtx, TestCtx } from '../helpers/context';

let ctx: TestCtx;
let id: number;
const key = () => ({ inspectionId: id, checklist: 'toetsingskader', criterion: 'k1', unit: loadSnapshot(ctx.db, id).units[0] });

beforeAll(() => {
  ctx = makeCtx({ demo: true });
  id = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
});
afterAll(() => ctx.cleanup());

test('when nothing changed, then the same snapshot and the same status come back', () => {
  const a = loadSnapshot(ctx.db, id);
  expect(loadSnapshot(ctx.db, id)).toBe(a);
  expect(inspectionStatus(a, ctx.catalogue)).toBe(inspectionStatus(a, ctx.catalogue));
});

test('when a verdict is saved, then the next snapshot and status show it', () => {
  const before = loadSnapshot(ctx.db, id);
  const cell = getCell(ctx.db, key());
  const next = cell.verdict === 'nagekomen' ? 'niet_nagekomen' : 'nagekomen';
  saveVerdict(ctx.db, 'test', key(), cell.version, { verdict: next, motivation: 'gewijzigd', workflow: 'gereed' });
  const after = loadSnapshot(ctx.db, id);
  expect(after).not.toBe(before);
  const v = after.verdicts.find((x) => x.checklist === 'toetsingskader' && x.criterion === 'k1' && x.unit === key().unit)!;
  expect(v.verdict).toBe(next);
  expect(inspectionStatus(after, ctx.catalogue)).not.toBe(inspectionStatus(before, ctx.catalogue));
});

test('when a shared snapshot is changed by a reader, then it refuses (frozen), so no other reader sees it', () => {
  const s = loadSnapshot(ctx.db, id);
  expect(() => { (s.verdicts as unknown as unknown[]).push({}); }).toThrow(/not extensible/);
  expect(() => { (s.verdicts[0] as { verdict: string }).verdict = 'x'; }).toThrow(/read only/);
});

test('when read inside a write transaction that rolls back, then the cache never holds the rolled-back state', () => {
  const committed = loadSnapshot(ctx.db, id);
  const cell = getCell(ctx.db, key());
  expect(() =>
    ctx.db.transaction(() => {
      saveVerdict(ctx.db, 'test', key(), cell.version, { verdict: 'ten_dele', motivation: 'wordt teruggedraaid', workflow: 'gereed' });
      const inside = loadSnapshot(ctx.db, id);
      expect(Object.isFrozen(inside)).toBe(false);
      expect(inside.verdicts.some((v) => v.motivation === 'wordt teruggedraaid')).toBe(true);
      throw new Error('rollback');
    })(),
  ).toThrow('rollback');
  const after = loadSnapshot(ctx.db, id);
  expect(after).toBe(committed);
  expect(after.verdicts.some((v) => v.motivation === 'wordt teruggedraaid')).toBe(false);
});

test('when another inspection changes, then this one stays cached; when its predecessor changes, it is read again', () => {
  const followUp = loadSnapshot(ctx.db, id);
  const pred = exportDocument(ctx.db, ctx.catalogue, followUp.predecessor!.id);
  const fu = exportDocument(ctx.db, ctx.catalogue, id);
  const predId = importDocument(ctx.db, ctx.catalogue, 'test', { ...pred, inspection: { ...pred.inspection, ref: 'kopie-voorganger', predecessorRef: null, status: 'concept', finalisedAt: null }, recommendationFollowups: [] });
  expect(loadSnapshot(ctx.db, id)).toBe(followUp);

  const copyId = importDocument(ctx.db, ctx.catalogue, 'test', { ...fu, inspection: { ...fu.inspection, ref: 'kopie-vervolg', predecessorRef: 'kopie-voorganger', status: 'concept', finalisedAt: null } });
  const copy = loadSnapshot(ctx.db, copyId);
  expect(loadSnapshot(ctx.db, copyId)).toBe(copy);
  const predKey = { inspectionId: predId, checklist: 'toetsingskader', criterion: 'k1', unit: loadSnapshot(ctx.db, predId).units[0] };
  const cell = getCell(ctx.db, predKey);
  saveVerdict(ctx.db, 'test', predKey, cell.version, { verdict: cell.verdict, motivation: 'voorganger gewijzigd', workflow: cell.workflow });
  expect(loadSnapshot(ctx.db, copyId)).not.toBe(copy);
});
