// Several acceptances per blocker, one per person: the vaststelling rule counts an acceptance by
// any team member other than the finaliser, so two members may each accept the same blocker and
// each withdraw only their own. The table is rebuilt with the wider key; dropping the old table
// drops its triggers, so the finalisation guards of 002 are made again for the new one.
import { finalisedById, guards } from './002_integrity';

export const sql = `
CREATE TABLE blocker_acceptances_new (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  blocker_key TEXT NOT NULL,
  accepted_by TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  motivation TEXT NOT NULL CHECK (length(trim(motivation)) > 0),
  PRIMARY KEY (inspection_id, blocker_key, accepted_by)
);
INSERT INTO blocker_acceptances_new (inspection_id, blocker_key, accepted_by, accepted_at, motivation)
  SELECT inspection_id, blocker_key, accepted_by, accepted_at, motivation FROM blocker_acceptances;
DROP TABLE blocker_acceptances;
ALTER TABLE blocker_acceptances_new RENAME TO blocker_acceptances;
${guards('blocker_acceptances', finalisedById, 'inspection_id')}
`;
