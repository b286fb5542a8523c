// The demo's review approvals (illustrative, issue 13). A document holds approvals only as they
// stand; the demo should also show their history (approved, voided by a change, approved again),
// so for a demo inspection that requires review and brings no approvals this makes them through
// the store, as reviewers would: the other team member approves every assessed cell and every
// section with text, except the cells still marked "ter review", which stay in the review queue.
// Two approvals are then voided by a change of the verdict (a motivation made more precise);
// the first is approved again, the second waits for a new look.
import type { Ctx } from '../context';
import { NOT_ASSESSED } from '../domain/checklist';
import { cellTargetKey, sectionTargetKey } from '../domain/review';
import type { InspectionDocument } from '../domain/document';
import { loadSnapshot } from '../store/inspections.store';
import { approve } from '../store/review.store';
import { getCell, saveVerdict } from '../store/verdicts.store';

/** The cells whose approval the demo voids: the first is approved again, the second is left voided. */
const VOIDED = [
  { checklist: 'toetsingskader', criterion: 'k1', unit: 'NN', redo: true },
  { checklist: 'ombudsman', criterion: 'a1', unit: 'NN', redo: false },
];

export function loadDemoReview(ctx: Ctx, doc: InspectionDocument, inspectionId: number): void {
  if (!doc.inspection.illustrative || doc.review?.required !== true || doc.review.approvals.length > 0) return;
  const team = doc.inspection.team;
  if (team.length < 2) return;
  const other = (author: string | null) => team.find((m) => m.toLowerCase() !== (author ?? '').toLowerCase()) ?? team[0];
  const s = loadSnapshot(ctx.db, inspectionId);
  for (const v of s.verdicts) {
    if (v.verdict === NOT_ASSESSED || v.workflow === 'ter_review') continue;
    approve(ctx.db, other(v.updatedBy), inspectionId, { kind: 'cell', key: cellTargetKey(v.checklist, v.criterion, v.unit), version: v.version });
  }
  for (const x of s.outline) {
    if (x.body.trim() === '') continue;
    approve(ctx.db, other(x.updatedBy), inspectionId, { kind: 'section', key: sectionTargetKey(x.id), version: x.version });
  }
  for (const c of VOIDED) {
    const key = { inspectionId, checklist: c.checklist, criterion: c.criterion, unit: c.unit };
    const cell = getCell(ctx.db, key);
    if (cell.verdict === NOT_ASSESSED || cell.workflow === 'ter_review' || cell.updatedBy === null) continue;
    // The author makes the motivation more precise after review: the approval is voided.
    const changed = saveVerdict(ctx.db, cell.updatedBy, key, cell.version, {
      verdict: cell.verdict,
      motivation: `${cell.motivation}\n\n*Aangevuld na review (illustratief).*`,
      workflow: cell.workflow,
    });
    if (c.redo) approve(ctx.db, other(changed.updatedBy), inspectionId, { kind: 'cell', key: cellTargetKey(c.checklist, c.criterion, c.unit), version: changed.version });
  }
}
