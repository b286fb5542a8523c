// Review approvals and the inspection's "review required" setting. An approval is written against
// the version of the target the reviewer saw: a target that moved on since is refused with both
// versions (StaleVersionError), so nobody approves work they have not seen. Every write checks the
// inspection is editable and logs its change in the same transaction.
import { cellTarget, sectionTarget, type ApprovalRecord, type ReviewTarget, type ReviewTargetKind } from '../domain/review';
import { StaleVersionError, conflict, notFound } from '../errors';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';
import { assertEditable } from './inspections.store';

interface ApprovalRow {
  target_kind: ReviewTargetKind;
  target_key: string;
  target_version: number;
  approved_by: string;
  approved_at: string;
}

const fromRow = (r: ApprovalRow): ApprovalRecord => ({
  targetKind: r.target_kind,
  targetKey: r.target_key,
  targetVersion: r.target_version,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
});

export function listApprovals(db: DB, inspectionId: number): ApprovalRecord[] {
  return (db
    .prepare('SELECT target_kind, target_key, target_version, approved_by, approved_at FROM review_approvals WHERE inspection_id = ? ORDER BY target_kind, target_key')
    .all(inspectionId) as ApprovalRow[]).map(fromRow);
}

export function reviewRequiredOf(db: DB, inspectionId: number): boolean {
  const r = db.prepare('SELECT review_required FROM inspections WHERE id = ?').get(inspectionId) as { review_required: number } | undefined;
  return r?.review_required === 1;
}

function approvalAt(db: DB, inspectionId: number, kind: ReviewTargetKind, key: string): ApprovalRecord | undefined {
  const r = db
    .prepare('SELECT target_kind, target_key, target_version, approved_by, approved_at FROM review_approvals WHERE inspection_id = ? AND target_kind = ? AND target_key = ?')
    .get(inspectionId, kind, key) as ApprovalRow | undefined;
  return r ? fromRow(r) : undefined;
}

/** The stored version of a target (and the row the stale error shows), read inside the transaction. */
function currentTarget(db: DB, inspectionId: number, kind: ReviewTargetKind, key: string): ReviewTarget {
  if (kind === 'section') {
    const r = /^\d{1,12}$/.test(key)
      ? (db.prepare('SELECT body, version, updated_by FROM report_sections WHERE id = ? AND inspection_id = ?').get(Number(key), inspectionId) as
        | { body: string; version: number; updated_by: string | null }
        | undefined)
      : undefined;
    if (!r) throw notFound('Sectie niet gevonden');
    return sectionTarget({ body: r.body, version: r.version, updatedBy: r.updated_by });
  }
  const [checklist = '', criterion = '', unit = ''] = key.split('/');
  const r = db
    .prepare('SELECT verdict, version, updated_by FROM verdicts WHERE inspection_id = ? AND checklist_id = ? AND criterion_id = ? AND unit_code = ?')
    .get(inspectionId, checklist, criterion, unit) as { verdict: string; version: number; updated_by: string | null } | undefined;
  if (!r) throw notFound('Deze cel bestaat niet in dit onderzoek');
  return cellTarget({ verdict: r.verdict, version: r.version, updatedBy: r.updated_by });
}

export interface ApproveInput {
  kind: ReviewTargetKind;
  key: string;
  /** The version of the target the reviewer saw. */
  version: number;
  /**
   * Checked inside the transaction against the stored target (who last changed it, its state):
   * a refusal message, or null to go ahead. The rules are the domain's; the store only makes sure
   * they see the same row that is approved.
   */
  refuse?: (target: ReviewTarget, approval: ApprovalRecord | undefined) => Error | null;
}

/** Approve a target on the version seen; an earlier (voided) approval of the same target is replaced. */
export function approve(db: DB, actor: string, inspectionId: number, input: ApproveInput): ApprovalRecord {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    const target = currentTarget(db, inspectionId, input.kind, input.key);
    if (target.version !== input.version) throw new StaleVersionError(target, { version: input.version });
    const before = approvalAt(db, inspectionId, input.kind, input.key);
    const refusal = input.refuse?.(target, before);
    if (refusal) throw refusal;
    const at = nowIso();
    db.prepare(
      `INSERT INTO review_approvals (inspection_id, target_kind, target_key, target_version, approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (inspection_id, target_kind, target_key) DO UPDATE SET target_version = excluded.target_version, approved_by = excluded.approved_by, approved_at = excluded.approved_at`,
    ).run(inspectionId, input.kind, input.key, input.version, actor, at);
    logChange(db, {
      actor,
      inspectionId,
      entity: 'review_approval',
      entityId: `${input.kind}:${input.key}`,
      action: before ? 'update' : 'create',
      old: before ? { version: before.targetVersion, approvedBy: before.approvedBy } : undefined,
      new: { version: input.version, approvedBy: actor },
    });
    return { targetKind: input.kind, targetKey: input.key, targetVersion: input.version, approvedBy: actor, approvedAt: at };
  }).immediate();
}

/** Withdraw the approval of a target (`allowed` decides on the stored approval, inside the transaction). */
export function withdrawApproval(db: DB, actor: string, inspectionId: number, kind: ReviewTargetKind, key: string, allowed: (a: ApprovalRecord) => Error | null): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const before = approvalAt(db, inspectionId, kind, key);
    if (!before) throw conflict('Er is geen goedkeuring om in te trekken.');
    const refusal = allowed(before);
    if (refusal) throw refusal;
    db.prepare('DELETE FROM review_approvals WHERE inspection_id = ? AND target_kind = ? AND target_key = ?').run(inspectionId, kind, key);
    logChange(db, {
      actor, inspectionId, entity: 'review_approval', entityId: `${kind}:${key}`, action: 'delete',
      old: { version: before.targetVersion, approvedBy: before.approvedBy },
    });
  }).immediate();
}

/** Set whether review is required before vaststelling; setting the value it already has writes nothing. */
export function setReviewRequired(db: DB, actor: string, inspectionId: number, required: boolean): boolean {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    const before = reviewRequiredOf(db, inspectionId);
    if (before === required) return false;
    db.prepare('UPDATE inspections SET review_required = ? WHERE id = ?').run(required ? 1 : 0, inspectionId);
    logChange(db, { actor, inspectionId, entity: 'inspection', entityId: inspectionId, action: 'update', old: { reviewRequired: before }, new: { reviewRequired: required } });
    return true;
  }).immediate();
}

/**
 * Write the approvals of an imported document: `current` ones on the target's version as imported,
 * voided ones on the version before it (0 for a first version), so the state survives a round trip
 * although the versions themselves do not. Runs inside the import's transaction; the import logs.
 */
export function insertImportedApprovals(
  db: DB,
  inspectionId: number,
  approvals: ReadonlyArray<{ kind: ReviewTargetKind; key: string; current: boolean; by: string; at: string }>,
  required: boolean,
): void {
  if (!db.inTransaction) throw new Error('insertImportedApprovals runs inside the import transaction');
  if (required) db.prepare('UPDATE inspections SET review_required = 1 WHERE id = ?').run(inspectionId);
  const add = db.prepare('INSERT INTO review_approvals (inspection_id, target_kind, target_key, target_version, approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const a of approvals) {
    const { version } = currentTarget(db, inspectionId, a.kind, a.key);
    add.run(inspectionId, a.kind, a.key, a.current ? version : version - 1, a.by, a.at);
  }
}
