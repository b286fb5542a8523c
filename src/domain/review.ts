// Review (issue 13, four eyes): a team member other than the one who last changed a verdict or a
// report section approves it on the version they saw. The approval keeps that version, so a later
// change voids it without anyone touching the approval: the state is computed, never stored.
// Pure rules: the state of a target, who may approve it, and what an unreviewed inspection blocks
// when its settings require review before vaststelling.
import { z } from 'zod';
import { allCriteria, Checklist, NOT_ASSESSED } from './checklist';
import { Actor, Guarded, mayEdit } from './access';
import type { Blocker } from './blockers';
import type { InspectionSnapshot, VerdictRecord } from './inspection';
import { numberOutline, type SectionRecord } from './outline';
import { UNIT_CODE } from './units';

export type ReviewTargetKind = 'cell' | 'section';

export interface ApprovalRecord {
  targetKind: ReviewTargetKind;
  /** A cell: "checklist/criterion/unit"; a section: its id as text. */
  targetKey: string;
  /** The version of the target the reviewer saw and approved. */
  targetVersion: number;
  approvedBy: string;
  approvedAt: string;
}

export const REVIEW_STATES = ['niets_te_reviewen', 'te_reviewen', 'goedgekeurd', 'goedkeuring_vervallen'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  niets_te_reviewen: 'Niets te reviewen',
  te_reviewen: 'Te reviewen',
  goedgekeurd: 'Gereviewd',
  goedkeuring_vervallen: 'Goedkeuring vervallen',
};

/** The states a review queue lists: work that waits for a reviewer. */
export const WAITING_STATES: readonly ReviewState[] = ['te_reviewen', 'goedkeuring_vervallen'];

export const cellTargetKey = (checklist: string, criterion: string, unit: string): string => `${checklist}/${criterion}/${unit}`;
export const sectionTargetKey = (sectionId: number): string => String(sectionId);

/** A target's review-relevant facts: its version and whether there is any work in it. */
export interface ReviewTarget {
  version: number;
  /** Nothing was ever done to it (an untouched cell, a section without text). */
  untouched: boolean;
  /** Who last changed it; null when unknown (an import without authors). */
  lastChangedBy: string | null;
}

export function cellTarget(cell: Pick<VerdictRecord, 'verdict' | 'version' | 'updatedBy'>): ReviewTarget {
  return { version: cell.version, untouched: cell.verdict === NOT_ASSESSED && cell.version <= 1, lastChangedBy: cell.updatedBy };
}

export function sectionTarget(section: Pick<SectionRecord, 'body' | 'version' | 'updatedBy'>): ReviewTarget {
  return { version: section.version, untouched: section.body.trim() === '', lastChangedBy: section.updatedBy };
}

/** The review state of a target given its approval (if any). */
export function reviewState(target: Pick<ReviewTarget, 'version' | 'untouched'>, approval: Pick<ApprovalRecord, 'targetVersion'> | undefined): ReviewState {
  if (approval?.targetVersion === target.version) return 'goedgekeurd';
  if (target.untouched) return 'niets_te_reviewen';
  return approval ? 'goedkeuring_vervallen' : 'te_reviewen';
}

/** Approvals of a snapshot by "kind:key", for look-ups without a scan per cell. */
export function approvalIndex(approvals: readonly ApprovalRecord[]): Map<string, ApprovalRecord> {
  return new Map(approvals.map((a) => [`${a.targetKind}:${a.targetKey}`, a]));
}

export const approvalOf = (index: ReadonlyMap<string, ApprovalRecord>, kind: ReviewTargetKind, key: string): ApprovalRecord | undefined =>
  index.get(`${kind}:${key}`);

const sameEmail = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/** Why an approval is refused, with the kind of error it is (src/errors.ts kinds). */
export interface ApprovalRefusal {
  kind: 'forbidden' | 'invalid' | 'conflict';
  message: string;
}

/**
 * Whether the actor may approve this target now, and if not, why (in Dutch, for the screen): a
 * team member (or beheerder) on a concept inspection, never the one who last changed it.
 */
export function approvalRefusal(actor: Actor, inspection: Guarded, target: ReviewTarget, approval: ApprovalRecord | undefined): ApprovalRefusal | null {
  if (!mayEdit(actor, inspection)) return { kind: 'forbidden', message: 'Alleen het team van een onderzoek in concept kan goedkeuren.' };
  const state = reviewState(target, approval);
  if (state === 'niets_te_reviewen') return { kind: 'invalid', message: 'Hier is nog niets te reviewen.' };
  if (state === 'goedgekeurd') return { kind: 'conflict', message: 'Deze versie is al goedgekeurd.' };
  if (sameEmail(target.lastChangedBy, actor.email)) {
    return { kind: 'forbidden', message: 'U hebt dit zelf als laatste gewijzigd; een ander teamlid moet het goedkeuren.' };
  }
  return null;
}

/** Whether the actor may withdraw this approval: the approver, or a beheerder, on a concept inspection. */
export function mayWithdraw(actor: Actor, inspection: Guarded, approval: ApprovalRecord | undefined): boolean {
  return approval !== undefined && mayEdit(actor, inspection) && (actor.role === 'beheerder' || sameEmail(approval.approvedBy, actor.email));
}

/**
 * What review required blocks: every assessed cell and every section with text that is not
 * approved on its current version. Nothing when the inspection does not require review.
 */
export function reviewBlockers(snapshot: Pick<InspectionSnapshot, 'reviewRequired' | 'approvals' | 'checklists' | 'units' | 'verdicts' | 'outline'>, checklists: Map<string, Checklist>): Blocker[] {
  if (!snapshot.reviewRequired) return [];
  const index = approvalIndex(snapshot.approvals);
  const cells = new Map(snapshot.verdicts.map((v) => [cellTargetKey(v.checklist, v.criterion, v.unit), v]));
  const out: Blocker[] = [];
  const message = (state: ReviewState) => (state === 'goedkeuring_vervallen' ? 'goedkeuring vervallen na wijziging' : 'nog niet gereviewd');
  for (const ref of snapshot.checklists) {
    const checklist = checklists.get(ref.id);
    if (!checklist) continue;
    for (const cr of allCriteria(checklist)) {
      for (const unit of snapshot.units) {
        const key = cellTargetKey(checklist.id, cr.id, unit);
        const cell = cells.get(key);
        if (!cell || cell.verdict === NOT_ASSESSED) continue;
        const state = reviewState(cellTarget(cell), approvalOf(index, 'cell', key));
        if (state === 'goedgekeurd' || state === 'niets_te_reviewen') continue;
        out.push({
          key: `review_open:cell:${key}`,
          kind: 'review_open',
          unit,
          checklist: checklist.id,
          group: cr.groupId,
          criterion: cr.id,
          message: `${checklist.shortTitle} ${cr.number}, ${unit}: ${message(state)}`,
        });
      }
    }
  }
  for (const { section, heading } of numberOutline(snapshot.outline)) {
    const state = reviewState(sectionTarget(section), approvalOf(index, 'section', sectionTargetKey(section.id)));
    if (state === 'goedgekeurd' || state === 'niets_te_reviewen') continue;
    out.push({ key: `review_open:section:${section.id}`, kind: 'review_open', sectionId: section.id, message: `Rapport, sectie "${heading}": ${message(state)}` });
  }
  return out;
}

// The review in the inspection document: the setting and the approvals. Versions are not carried
// (an import numbers every target from 1 again); an approval says instead whether it is on the
// target's current version, and the import puts it on the imported version or the one before, so
// the state (gereviewd / goedkeuring vervallen) survives export → import → export unchanged.
const by = z.string().min(1).max(254);
const at = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'tijdstip als ISO 8601 (UTC)');
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/);
export const reviewDocSchema = z
  .object({
    required: z.boolean().default(false),
    approvals: z
      .array(
        z.discriminatedUnion('target', [
          z.object({ target: z.literal('cell'), checklist: slug, criterion: slug, unit: z.string().regex(UNIT_CODE), current: z.boolean(), by, at }).strict(),
          /** `section` is the index of the section in the document's outline (0 for the first). */
          z.object({ target: z.literal('section'), section: z.number().int().min(0).max(499), current: z.boolean(), by, at }).strict(),
        ]),
      )
      .max(200_000)
      .default([]),
  })
  .strict();
export type ReviewDoc = z.infer<typeof reviewDocSchema>;

/**
 * The review part of an export, or undefined when there is nothing to say (no setting, no
 * approvals), so documents of inspections without review stay as they were. Approvals in the
 * document's own order: cells as `cellOrder` ranks them, then sections in outline order; one on a
 * target that no longer exists (a removed section) is left out.
 */
export function reviewDoc(s: Pick<InspectionSnapshot, 'reviewRequired' | 'approvals' | 'verdicts' | 'outline'>, cellOrder: (key: string) => number): ReviewDoc | undefined {
  const index = approvalIndex(s.approvals);
  const cells = [...s.verdicts]
    .map((v) => ({ v, key: cellTargetKey(v.checklist, v.criterion, v.unit) }))
    .sort((a, b) => cellOrder(a.key) - cellOrder(b.key))
    .flatMap(({ v, key }) => {
      const a = approvalOf(index, 'cell', key);
      return a ? [{ target: 'cell' as const, checklist: v.checklist, criterion: v.criterion, unit: v.unit, current: a.targetVersion === v.version, by: a.approvedBy, at: a.approvedAt }] : [];
    });
  const sections = s.outline.flatMap((x, i) => {
    const a = approvalOf(index, 'section', sectionTargetKey(x.id));
    return a ? [{ target: 'section' as const, section: i, current: a.targetVersion === x.version, by: a.approvedBy, at: a.approvedAt }] : [];
  });
  const approvals = [...cells, ...sections];
  return s.reviewRequired || approvals.length > 0 ? { required: s.reviewRequired, approvals } : undefined;
}

/** Problems of a document's review part against its own cells and outline (one a line, Dutch). */
export function reviewDocProblems(review: ReviewDoc, cells: ReadonlySet<string>, sectionCount: number): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  review.approvals.forEach((a, i) => {
    const key = a.target === 'cell' ? `cell:${cellTargetKey(a.checklist, a.criterion, a.unit)}` : `section:${a.section}`;
    if (seen.has(key)) problems.push(`review.approvals[${i}]: dezelfde cel of sectie staat er twee keer in`);
    seen.add(key);
    if (a.target === 'cell' && !cells.has(cellTargetKey(a.checklist, a.criterion, a.unit))) {
      problems.push(`review.approvals[${i}]: de cel ${cellTargetKey(a.checklist, a.criterion, a.unit)} bestaat niet in dit onderzoek`);
    }
    if (a.target === 'section' && a.section >= sectionCount) problems.push(`review.approvals[${i}]: de rapportopzet heeft geen sectie ${a.section + 1}`);
  });
  return problems;
}

/** The export's `review` key, present only when there is something to say. */
export function reviewDocPart(s: Parameters<typeof reviewDoc>[0], cellOrder: (key: string) => number): { review?: ReviewDoc } {
  const review = reviewDoc(s, cellOrder);
  return review ? { review } : {};
}
