// Review notes (issue 13): a note on a cell, a report section, a piece of evidence or the
// inspection as a whole, with its replies. Guarded like every table of an inspection, the replies
// through their note's inspection, so a vastgesteld inspection's notes cannot change.
import { finalisedById, guards } from './002_integrity';

const finalisedByNote = (expr: string) =>
  `(SELECT i.status FROM inspections i JOIN review_notes n ON n.inspection_id = i.id WHERE n.id = ${expr}) = 'vastgesteld'`;

export const sql = `
CREATE TABLE review_notes (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('cell', 'section', 'evidence', 'inspection')),
  target_key TEXT NOT NULL DEFAULT '',
  addressed_to TEXT,
  body TEXT NOT NULL CHECK (length(trim(body)) > 0),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'opgelost')),
  resolved_by TEXT,
  resolved_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((target_kind = 'inspection') = (target_key = '')),
  CHECK ((status = 'open' AND resolved_by IS NULL AND resolved_at IS NULL) OR (status = 'opgelost' AND resolved_by IS NOT NULL AND resolved_at IS NOT NULL))
);
CREATE INDEX review_notes_by_inspection ON review_notes (inspection_id, target_kind, target_key);
CREATE TABLE review_note_replies (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES review_notes(id),
  author TEXT NOT NULL,
  body TEXT NOT NULL CHECK (length(trim(body)) > 0),
  created_at TEXT NOT NULL
);
CREATE INDEX review_note_replies_by_note ON review_note_replies (note_id, id);
${guards('review_notes', finalisedById, 'inspection_id')}
${guards('review_note_replies', finalisedByNote, 'note_id')}
`;
