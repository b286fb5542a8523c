// The review rules (src/domain/review.ts) as pure functions, and the review's export → import →
// export round trip: approvals survive although the versions of an import start again at 1.
import type { Actor } from '../../src/domain/access';
import { approvalRefusal, cellTarget, reviewState, sectionTarget, type ApprovalRecord } from '../../src/domain/review';
import { exportDocument, importDocument } from '../../src/store/documents';
import { loadSnapshot } from '../../src/store/inspections.store';
import { approve } from '../../src/store/review.store';
import { inspectionIdByRef, makeCtx } from '../helpers/context';

const approval = (version: number): ApprovalRecord => ({ targetKind: 'cell', targetKey: 'tk/k1/NN', targetVersion: version, approvedBy: 'b@x.nl', approvedAt: '2023-01-01T00:00:00.000Z' });

describe('review state', () => {
  test('when a cell was never touched, then there is nothing to review', () => {
    expect(reviewState(cellTarget({ verdict: 'niet_beoordeeld', version: 1, updatedBy: null }), undefined)).toBe('niets_te_reviewen');
  });
  test('when a cell has a verdict (even an imported version 1) or was changed, then it waits for review', () => {
    expect(reviewState(cellTarget({ verdict: 'nagekomen', version: 1, updatedBy: 'a@x.nl' }), undefined)).toBe('te_reviewen');
    expect(reviewState(cellTarget({ verdict: 'niet_beoordeeld', version: 3, updatedBy: 'a@x.nl' }), undefined)).toBe('te_reviewen');
  });
  test('when the approval is on the current version, then gereviewd; on an older one, then voided', () => {
    const cell = cellTarget({ verdict: 'nagekomen', version: 4, updatedBy: 'a@x.nl' });
    expect(reviewState(cell, approval(4))).toBe('goedgekeurd');
    expect(reviewState(cell, approval(3))).toBe('goedkeuring_vervallen');
  });
  test('when a section has no text, then there is nothing to review; with text it waits', () => {
    expect(reviewState(sectionTarget({ body: '  ', version: 2, updatedBy: 'a@x.nl' }), undefined)).toBe('niets_te_reviewen');
    expect(reviewState(sectionTarget({ body: 'Tekst', version: 1, updatedBy: 'a@x.nl' }), undefined)).toBe('te_reviewen');
  });
});

describe('who may approve', () => {
  const inspection = { team: ['a@x.nl', 'b@x.nl'], status: 'concept' as const };
  const actor = (email: string, role: Actor['role'] = 'inspecteur'): Actor => ({ id: 1, email, role });
  const changedByA = cellTarget({ verdict: 'nagekomen', version: 2, updatedBy: 'A@x.nl' });

  test('when a team member other than the last author approves, then it is allowed', () => {
    expect(approvalRefusal(actor('b@x.nl'), inspection, changedByA, undefined)).toBeNull();
    expect(approvalRefusal(actor('boss@x.nl', 'beheerder'), inspection, changedByA, undefined)).toBeNull();
  });
  test('when the last author approves (whatever the case of the address), then it is forbidden', () => {
    expect(approvalRefusal(actor('a@x.nl'), inspection, changedByA, undefined)?.kind).toBe('forbidden');
  });
  test('when someone off the team, a reader or anyone on a vastgesteld inspection approves, then it is forbidden', () => {
    expect(approvalRefusal(actor('c@x.nl'), inspection, changedByA, undefined)?.kind).toBe('forbidden');
    expect(approvalRefusal(actor('b@x.nl', 'lezer'), inspection, changedByA, undefined)?.kind).toBe('forbidden');
    expect(approvalRefusal(actor('b@x.nl'), { ...inspection, status: 'vastgesteld' }, changedByA, undefined)?.kind).toBe('forbidden');
  });
  test('when the current version is approved already, then conflict; when there is nothing to review, then invalid', () => {
    expect(approvalRefusal(actor('b@x.nl'), inspection, changedByA, approval(2))?.kind).toBe('conflict');
    expect(approvalRefusal(actor('b@x.nl'), inspection, cellTarget({ verdict: 'niet_beoordeeld', version: 1, updatedBy: null }), undefined)?.kind).toBe('invalid');
  });
});

describe('export and import of the review', () => {
  test('when an inspection with current and voided approvals of cells and sections is exported, imported and exported, then the document is unchanged', () => {
    const ctx = makeCtx({ demo: true });
    try {
      const id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
      // A section approved on an older version too (voided), beside the demo's cell approvals.
      const s = loadSnapshot(ctx.db, id);
      const empty = s.outline.find((x) => x.body.trim() === '' && x.version === 1);
      if (empty) approve(ctx.db, 'inspecteur2@demo.toetsing.local', id, { kind: 'section', key: String(empty.id), version: 1 });
      const first = exportDocument(ctx.db, ctx.catalogue, id);
      expect(first.review?.required).toBe(true);
      const approvals = first.review?.approvals ?? [];
      expect(approvals.some((a) => a.target === 'cell' && a.current)).toBe(true);
      expect(approvals.some((a) => a.target === 'cell' && !a.current)).toBe(true);
      expect(approvals.some((a) => a.target === 'section' && a.current)).toBe(true);

      const copy = importDocument(ctx.db, ctx.catalogue, 'test', { ...first, inspection: { ...first.inspection, ref: 'kopie-2022' } });
      const again = exportDocument(ctx.db, ctx.catalogue, copy);
      expect({ ...again, inspection: { ...again.inspection, ref: first.inspection.ref } }).toEqual(first);
      // The states themselves, not only the document: voided stays voided.
      const a = loadSnapshot(ctx.db, id);
      const b = loadSnapshot(ctx.db, copy);
      expect(b.approvals.length).toBe(a.approvals.length);
    } finally {
      ctx.cleanup();
    }
  });

  test('when a document names an approval of a cell that does not exist or twice, then nothing is imported', () => {
    const ctx = makeCtx({ demo: true });
    try {
      const doc = exportDocument(ctx.db, ctx.catalogue, inspectionIdByRef(ctx, 'recht-van-klagen-2022'));
      const before = (ctx.db.prepare('SELECT COUNT(*) AS n FROM inspections').get() as { n: number }).n;
      const bad = { at: '2023-01-01T00:00:00.000Z', by: 'x@y.nl', current: true };
      for (const approvals of [
        [{ target: 'cell', checklist: 'toetsingskader', criterion: 'k99', unit: 'NN', ...bad }],
        [{ target: 'section', section: 499, ...bad }],
        [{ target: 'cell', checklist: 'toetsingskader', criterion: 'k1', unit: 'NN', ...bad }, { target: 'cell', checklist: 'toetsingskader', criterion: 'k1', unit: 'NN', ...bad }],
      ]) {
        expect(() => importDocument(ctx.db, ctx.catalogue, 'test', { ...doc, inspection: { ...doc.inspection, ref: 'kapot' }, review: { required: true, approvals } })).toThrow(/review/);
      }
      expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM inspections').get() as { n: number }).n).toBe(before);
    } finally {
      ctx.cleanup();
    }
  });
});
