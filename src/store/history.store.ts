// Reading the change log back as history: one inspection's entries, or one cell's (its verdict
// and the evidence links of that verdict), newest first, a page at a time.
import type { ChangeRow } from './changelog';
import type { DB } from './db';

export interface HistoryPage {
  rows: ChangeRow[];
  total: number;
}

export function inspectionHistory(db: DB, inspectionId: number, offset: number, limit: number): HistoryPage {
  const total = (db.prepare('SELECT COUNT(*) AS n FROM change_log WHERE inspection_id = ?').get(inspectionId) as { n: number }).n;
  const rows = db.prepare('SELECT * FROM change_log WHERE inspection_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?').all(inspectionId, limit, offset) as ChangeRow[];
  return { rows, total };
}

const CELL_WHERE = `inspection_id = @inspectionId AND ((entity = 'verdict' AND entity_id = @verdictId) OR (entity = 'evidence_link' AND entity_id LIKE @linkPrefix))`;

export function cellHistory(db: DB, inspectionId: number, verdictId: number, offset: number, limit: number): HistoryPage {
  const p = { inspectionId, verdictId: String(verdictId), linkPrefix: `${verdictId}:%` };
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM change_log WHERE ${CELL_WHERE}`).get(p) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM change_log WHERE ${CELL_WHERE} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all({ ...p, limit, offset }) as ChangeRow[];
  return { rows, total };
}

/** Which checklist each verdict id belongs to, to name verdict values in the checklist's scale. */
export function verdictChecklists(db: DB, inspectionId: number): Map<string, { checklist: string; criterion: string; unit: string }> {
  const rows = db.prepare('SELECT id, checklist_id, criterion_id, unit_code FROM verdicts WHERE inspection_id = ?').all(inspectionId) as Array<{
    id: number; checklist_id: string; criterion_id: string; unit_code: string;
  }>;
  return new Map(rows.map((r) => [String(r.id), { checklist: r.checklist_id, criterion: r.criterion_id, unit: r.unit_code }]));
}
