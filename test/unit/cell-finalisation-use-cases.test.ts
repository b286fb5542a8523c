// The cell and vaststelling use cases called directly, as a route or a command calls them, on a
// real SQLite file: who may change what is decided there, whatever the caller.
import { cellView, resolveCell, saveCell } from '../../src/app/cells';
import { finalisationView, finalise, reopen } from '../../src/app/finalisation';
import { openInspection } from '../../src/app/inspection-access';
import type { Actor } from '../../src/domain/access';
import { inspectionStatus } from '../../src/domain/status';
import { AppError } from '../../src/errors';
import { getInspection, loadSnapshot } from '../../src/store/inspections.store';
import { findUserByEmail } from '../../src/store/users.store';
import { getCell } from '../../src/store/verdicts.store';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';

let ctx: TestCtx;
let concept: number;
let vastgesteld: number;
const actors = {} as Record<keyof typeof USERS, Actor>;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  for (const role of Object.keys(USERS) as Array<keyof typeof USERS>) actors[role] = findUserByEmail(ctx.db, USERS[role].email)!;
  concept = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  vastgesteld = inspectionIdByRef(ctx, 'klachtbehandeling-2015');
});
afterAll(() => ctx.cleanup());

const address = (inspectionId: number) => ({ inspectionId, checklistId: 'toetsingskader', criterionId: 'k2', unit: 'NN' });
const change = (version: number, verdict = 'niet_nagekomen') => ({ verdict, motivation: 'Via de use case', workflow: 'gereed' as const, version });

/** The error kind (and field) a call fails with. */
function failure(fn: () => unknown): { kind: string; field?: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.field === undefined ? { kind: e.kind } : { kind: e.kind, field: e.field };
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('cells', () => {
  test('when a lezer saves a verdict through the use case, then not found and nothing changes', () => {
    const before = dbFingerprint(ctx);
    const version = getCell(ctx.db, { inspectionId: concept, checklist: 'toetsingskader', criterion: 'k2', unit: 'NN' }).version;
    expect(failure(() => saveCell(ctx, actors.lezer, resolveCell(ctx, actors.lezer, address(concept), 'edit'), change(version)))).toEqual({ kind: 'not_found' });
    expect(dbFingerprint(ctx)).toBe(before);
  });

  test('when an inspector off the team opens a cell for editing, then not found; for reading, then it opens without the right to edit', () => {
    expect(failure(() => resolveCell(ctx, actors.buitenstaander, address(concept), 'edit'))).toEqual({ kind: 'not_found' });
    const view = cellView(ctx, actors.buitenstaander, resolveCell(ctx, actors.buitenstaander, address(concept), 'read'));
    expect(view).toMatchObject({ canEdit: false, worksOn: false, canDownload: false });
  });

  test('when a vastgesteld inspection is opened for editing, then finalised, even for its team', () => {
    for (const actor of [actors.inspecteur, actors.beheerder]) {
      expect(failure(() => resolveCell(ctx, actor, address(vastgesteld), 'edit'))).toEqual({ kind: 'finalised' });
    }
    expect(openInspection(ctx, actors.inspecteur, vastgesteld, 'team').status).toBe('vastgesteld');
  });

  test('when a cell address names a unit, criterion or checklist outside the inspection, then not found', () => {
    for (const wrong of [{ unit: 'XX' }, { criterionId: 'k99' }, { checklistId: 'onbekend' }]) {
      expect(failure(() => resolveCell(ctx, actors.inspecteur, { ...address(concept), ...wrong }, 'read'))).toEqual({ kind: 'not_found' });
    }
  });

  test('when the team saves a verdict off the scale, then invalid at the verdict field and nothing changes', () => {
    const before = dbFingerprint(ctx);
    const c = resolveCell(ctx, actors.inspecteur, address(concept), 'edit');
    expect(failure(() => saveCell(ctx, actors.inspecteur, c, change(getCell(ctx.db, c.key).version, 'prima')))).toEqual({ kind: 'invalid', field: 'verdict' });
    expect(dbFingerprint(ctx)).toBe(before);
  });

  test('when the team saves a verdict on the version it saw, then it is stored as the next version by that inspector', () => {
    const c = resolveCell(ctx, actors.inspecteur, address(concept), 'edit');
    const seen = getCell(ctx.db, c.key).version;
    const saved = saveCell(ctx, actors.inspecteur, c, change(seen));
    expect(saved).toMatchObject({ verdict: 'niet_nagekomen', version: seen + 1, updatedBy: USERS.inspecteur.email });
    expect(cellView(ctx, actors.inspecteur, c)).toMatchObject({ canEdit: true, cell: { motivation: 'Via de use case' } });
  });
});

describe('vaststelling', () => {
  test('when blockers are open, then finalise refuses with a conflict before rendering anything, and nothing changes', async () => {
    expect(inspectionStatus(loadSnapshot(ctx.db, concept), ctx.catalogue).blockers.length).toBeGreaterThan(0);
    const before = dbFingerprint(ctx);
    await expect(finalise(ctx, actors.beheerder, openInspection(ctx, actors.beheerder, concept, 'edit'))).rejects.toMatchObject({ kind: 'conflict' });
    expect(dbFingerprint(ctx)).toBe(before);
  });

  test('when a lezer or an inspector off the team opens the vaststelling page, then they may neither finalise nor reopen', () => {
    for (const actor of [actors.lezer, actors.buitenstaander]) {
      for (const id of [concept, vastgesteld]) {
        expect(finalisationView(ctx, actor, openInspection(ctx, actor, id, 'read'))).toMatchObject({ canAct: false, canReopen: false, canEdit: false });
      }
    }
    expect(finalisationView(ctx, actors.inspecteur, openInspection(ctx, actors.inspecteur, vastgesteld, 'read'))).toMatchObject({ canAct: false, canReopen: true });
  });

  test('when a concept inspection is reopened, then conflict and nothing changes', () => {
    const before = dbFingerprint(ctx);
    expect(failure(() => reopen(ctx, actors.inspecteur, openInspection(ctx, actors.inspecteur, concept, 'team'), 'Correctie'))).toEqual({ kind: 'conflict' });
    expect(dbFingerprint(ctx)).toBe(before);
  });

  test('when its team reopens a vastgesteld inspection, then a concept revision is made and the original stays vastgesteld', () => {
    const id = reopen(ctx, actors.inspecteur, openInspection(ctx, actors.inspecteur, vastgesteld, 'team'), 'Correctie van een oordeel');
    expect(getInspection(ctx.db, id)).toMatchObject({ status: 'concept', ref: 'klachtbehandeling-2015-r2' });
    expect(getInspection(ctx.db, vastgesteld).status).toBe('vastgesteld');
    expect(finalisationView(ctx, actors.inspecteur, openInspection(ctx, actors.inspecteur, id, 'read')).revisions.revisionReason).toBe('Correctie van een oordeel');
  });
});
