// The report outline: an inspection's written report as ordered sections (title + markdown),
// each versioned like a cell. Inspections that have none yet get the default outline from the
// application at start (src/app/outline.ts ensureOutlines), since it depends on the catalogue.
import { finalisedById, guards } from './002_integrity';

export const sql = `
CREATE TABLE report_sections (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  position INTEGER NOT NULL,
  level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
  kind TEXT NOT NULL CHECK (kind IN ('ongenummerd', 'hoofdstuk', 'bijlage', 'paragraaf')),
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  body TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
  marking TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT,
  updated_at TEXT
);
CREATE INDEX report_sections_by_inspection ON report_sections (inspection_id, position);
${guards('report_sections', finalisedById, 'inspection_id')}
`;
