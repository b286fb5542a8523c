// Review approvals (issue 13): a team member other than the last author approves a cell's verdict
// or a report section on the version they saw. The approval keeps that version, so a later change
// (a higher version) voids it visibly without touching this row. One approval per target; approving
// again after a change replaces it. The inspection says whether review is required before
// vaststelling. Guarded like every table of an inspection.
import { finalisedById, guards } from './002_integrity';

export const sql = `
CREATE TABLE review_approvals (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('cell', 'section')),
  target_key TEXT NOT NULL,
  target_version INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  UNIQUE (inspection_id, target_kind, target_key)
);
ALTER TABLE inspections ADD COLUMN review_required INTEGER NOT NULL DEFAULT 0 CHECK (review_required IN (0, 1));
${guards('review_approvals', finalisedById, 'inspection_id')}
`;
