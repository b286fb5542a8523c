// Verdict cells and their evidence links. Every save checks the version the user started from,
// so a concurrent save is refused with both versions rather than silently overwritten.
import { StaleVersionError, notFound } from '../errors';
import type { VerdictRecord } from '../domain/inspection';
import type { Workflow } from '../domain/vocabulary';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';
import { assertEditable, verdictFromRow } from './inspections.store';

export interface CellKey {
  inspectionId: number;
  checklist: string;
  criterion: string;
  unit: string;
}

function linksOf(db: DB, verdictId: number) {
  return (db.prepare('SELECT evidence_id, excerpt FROM evidence_links WHERE verdict_id = ? ORDER BY evidence_id').all(verdictId) as Array<{
    evidence_id: number; excerpt: string;
  }>).map((l) => ({ evidenceId: l.evidence_id, excerpt: l.excerpt }));
}

export function getCell(db: DB, key: CellKey): VerdictRecord {
  const r = db
    .prepare('SELECT * FROM verdicts WHERE inspection_id = ? AND checklist_id = ? AND criterion_id = ? AND unit_code = ?')
    .get(key.inspectionId, key.checklist, key.criterion, key.unit) as Parameters<typeof verdictFromRow>[0] | undefined;
  if (!r) throw notFound('Deze cel bestaat niet in dit onderzoek');
  return verdictFromRow(r, linksOf(db, r.id));
}

export function getCellById(db: DB, inspectionId: number, verdictId: number): VerdictRecord {
  const r = db.prepare('SELECT * FROM verdicts WHERE id = ? AND inspection_id = ?').get(verdictId, inspectionId) as
    | Parameters<typeof verdictFromRow>[0]
    | undefined;
  if (!r) throw notFound('Deze cel bestaat niet in dit onderzoek');
  return verdictFromRow(r, linksOf(db, r.id));
}

export interface VerdictInput {
  verdict: string;
  motivation: string;
  workflow: Workflow;
}

/** Save a cell. `baseVersion` is the version the user saw; anything else is a conflict. */
export function saveVerdict(db: DB, actor: string, key: CellKey, baseVersion: number, input: VerdictInput): VerdictRecord {
  return db.transaction(() => {
    assertEditable(db, key.inspectionId);
    const before = getCell(db, key);
    if (before.version !== baseVersion) throw new StaleVersionError(before, input);
    db.prepare('UPDATE verdicts SET verdict = ?, motivation = ?, workflow = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
      input.verdict, input.motivation, input.workflow, actor, nowIso(), before.id,
    );
    logChange(db, {
      actor,
      inspectionId: key.inspectionId,
      entity: 'verdict',
      entityId: before.id,
      action: 'update',
      old: { verdict: before.verdict, motivation: before.motivation, workflow: before.workflow },
      new: input,
    });
    return getCell(db, key);
  }).immediate();
}

/**
 * A cell's evidence is part of what a reviewer judged, so changing it is a change of the cell: a
 * new version (which voids an approval of the old one, see domain/review.ts) by the one who made
 * it (who then may not approve it themselves). Runs inside the caller's transaction.
 */
function evidenceChanged(db: DB, actor: string, verdictId: number): void {
  db.prepare('UPDATE verdicts SET updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(actor, nowIso(), verdictId);
}

export function linkEvidence(db: DB, actor: string, inspectionId: number, verdictId: number, evidenceId: number, excerpt: string): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    getCellById(db, inspectionId, verdictId);
    if (!db.prepare('SELECT 1 FROM evidence WHERE id = ? AND inspection_id = ?').get(evidenceId, inspectionId)) throw notFound('Bron niet gevonden');
    const existing = db.prepare('SELECT excerpt FROM evidence_links WHERE evidence_id = ? AND verdict_id = ?').get(evidenceId, verdictId) as
      | { excerpt: string }
      | undefined;
    if (existing) {
      db.prepare('UPDATE evidence_links SET excerpt = ? WHERE evidence_id = ? AND verdict_id = ?').run(excerpt, evidenceId, verdictId);
    } else {
      db.prepare('INSERT INTO evidence_links (evidence_id, verdict_id, excerpt) VALUES (?, ?, ?)').run(evidenceId, verdictId, excerpt);
    }
    if (existing?.excerpt !== excerpt) evidenceChanged(db, actor, verdictId);
    logChange(db, {
      actor, inspectionId, entity: 'evidence_link', entityId: `${verdictId}:${evidenceId}`, action: existing ? 'update' : 'create',
      old: existing ?? undefined, new: { verdictId, evidenceId, excerpt },
    });
  }).immediate();
}

export function unlinkEvidence(db: DB, actor: string, inspectionId: number, verdictId: number, evidenceId: number): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    getCellById(db, inspectionId, verdictId);
    const existing = db.prepare('SELECT excerpt FROM evidence_links WHERE evidence_id = ? AND verdict_id = ?').get(evidenceId, verdictId) as
      | { excerpt: string }
      | undefined;
    if (!existing) throw notFound('Deze koppeling bestaat niet');
    db.prepare('DELETE FROM evidence_links WHERE evidence_id = ? AND verdict_id = ?').run(evidenceId, verdictId);
    evidenceChanged(db, actor, verdictId);
    logChange(db, { actor, inspectionId, entity: 'evidence_link', entityId: `${verdictId}:${evidenceId}`, action: 'delete', old: { verdictId, evidenceId, ...existing } });
  }).immediate();
}

export interface SheetSave {
  verdictId: number;
  /** The version the row was read at; a row whose cell moved on since is skipped, not saved. */
  baseVersion: number;
  input: VerdictInput;
}

/**
 * Save many cells of one inspection in one transaction, one change-log entry per saved cell. Each
 * row is checked against its own version: the stale ones are returned (with the stored cell) and
 * left alone, the others are all saved or, on any other failure, none.
 */
export function saveVerdicts(db: DB, actor: string, inspectionId: number, rows: readonly SheetSave[]): { saved: number; stale: VerdictRecord[] } {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    const update = db.prepare('UPDATE verdicts SET verdict = ?, motivation = ?, workflow = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ?');
    const at = nowIso();
    const stale: VerdictRecord[] = [];
    for (const row of rows) {
      const before = getCellById(db, inspectionId, row.verdictId);
      if (before.version !== row.baseVersion) { stale.push(before); continue; }
      update.run(row.input.verdict, row.input.motivation, row.input.workflow, actor, at, before.id);
      logChange(db, {
        actor, inspectionId, entity: 'verdict', entityId: before.id, action: 'update',
        old: { verdict: before.verdict, motivation: before.motivation, workflow: before.workflow },
        new: row.input,
      });
    }
    return { saved: rows.length - stale.length, stale };
  }).immediate();
}
