// Vaststelling (finalisation) and its guarantees:
//  - blocker_acceptances: a remaining blocker accepted, with a motivation, by a second inspector;
//  - final_reports: the PDF bytes made at vaststelling, with their SHA-256, served as stored;
//  - revision columns: a correction is a new inspection that points at the finalised one;
//  - triggers that refuse every change to a finalised inspection's data in the database itself,
//    so no code path (present or future) can alter what was published.

/** Tables that carry `inspection_id` directly. */
const DIRECT = [
  'inspection_checklists',
  'inspection_units',
  'inspection_team',
  'verdicts',
  'overrides',
  'findings',
  'conclusions',
  'recommendations',
  'recommendation_followups',
  'evidence',
  'followup_evidence',
  'statistics',
  'blocker_acceptances',
  'final_reports',
];

/** Tables that belong to an inspection through a piece of evidence. */
const VIA_EVIDENCE = ['evidence_units', 'evidence_links'];

const refuse = `SELECT RAISE(ABORT, 'inspection is vastgesteld')`;
export const finalisedById = (expr: string) => `(SELECT status FROM inspections WHERE id = ${expr}) = 'vastgesteld'`;
const finalisedByEvidence = (expr: string) =>
  `(SELECT i.status FROM inspections i JOIN evidence e ON e.inspection_id = i.id WHERE e.id = ${expr}) = 'vastgesteld'`;

export function guards(table: string, finalisedWhen: (expr: string) => string, column: string): string {
  return `
CREATE TRIGGER ${table}_final_insert BEFORE INSERT ON ${table} WHEN ${finalisedWhen(`NEW.${column}`)}
  BEGIN ${refuse}; END;
CREATE TRIGGER ${table}_final_update BEFORE UPDATE ON ${table} WHEN ${finalisedWhen(`OLD.${column}`)} OR ${finalisedWhen(`NEW.${column}`)}
  BEGIN ${refuse}; END;
CREATE TRIGGER ${table}_final_delete BEFORE DELETE ON ${table} WHEN ${finalisedWhen(`OLD.${column}`)}
  BEGIN ${refuse}; END;`;
}

export const sql = `
ALTER TABLE inspections ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE inspections ADD COLUMN revision_of INTEGER REFERENCES inspections(id);
ALTER TABLE inspections ADD COLUMN revision_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE blocker_acceptances (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  blocker_key TEXT NOT NULL,
  accepted_by TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  motivation TEXT NOT NULL CHECK (length(trim(motivation)) > 0),
  PRIMARY KEY (inspection_id, blocker_key)
);

CREATE TABLE final_reports (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  unit_code TEXT NOT NULL DEFAULT '',
  pdf BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (inspection_id, unit_code)
);

CREATE TRIGGER inspections_final_update BEFORE UPDATE ON inspections WHEN OLD.status = 'vastgesteld'
  BEGIN ${refuse}; END;
CREATE TRIGGER inspections_final_delete BEFORE DELETE ON inspections WHEN OLD.status = 'vastgesteld'
  BEGIN ${refuse}; END;
${DIRECT.map((t) => guards(t, finalisedById, 'inspection_id')).join('\n')}
${VIA_EVIDENCE.map((t) => guards(t, finalisedByEvidence, 'evidence_id')).join('\n')}
`;
