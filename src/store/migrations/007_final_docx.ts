// The Word files made at vaststelling, beside the PDFs of final_reports (002): the national
// report and one per unit, with their SHA-256, served as stored. A table of their own, so
// inspections finalised before Word existed simply have no row (their Word file is then made
// from the finalised state on request). Guarded like every table of an inspection: once it is
// vastgesteld, nothing is inserted, changed or deleted.
import { finalisedById, guards } from './002_integrity';

export const sql = `
CREATE TABLE final_docx (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  unit_code TEXT NOT NULL DEFAULT '',
  docx BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (inspection_id, unit_code)
);
${guards('final_docx', finalisedById, 'inspection_id')}
`;
