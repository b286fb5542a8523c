// Wederhoor on the concept report (issue 13): a round is one concept version sent to the
// inspected party, with the PDF and Word file exactly as sent (and their SHA-256) and the list of
// numbered paragraphs, so a reaction can point to "paragraaf 12" and the text it meant is known
// later, whatever happened to the outline since. Guarded like every table of an inspection; the
// paragraphs are guarded through their round.
//
// Also the evidence type bestuurlijke_reactie: the type CHECK of evidence (001) lists the types.
// The constraint only gets looser, so the table definition in sqlite_schema is edited in place
// (SQLite's documented way, lang_altertable.html "Making Other Kinds Of Table Schema Changes").
// A table rebuild is not possible here: dropping evidence inside the migration's transaction,
// where foreign keys cannot be switched off, would cascade into evidence_units, evidence_links
// and followup_evidence. The runner lifts better-sqlite3's defensive mode for this migration
// (editsSchema) and bumps schema_version so other connections reload the schema.
import { finalisedById, guards } from './002_integrity';

const OLD_TYPES = `'gespreksverslag','groepsgesprek','document','openbare_bron','registratiedata','observatie'`;
const NEW_TYPES = `${OLD_TYPES},'bestuurlijke_reactie'`;
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

const finalisedByRound = (expr: string) =>
  `(SELECT i.status FROM inspections i JOIN wederhoor_rounds r ON r.inspection_id = i.id WHERE r.id = ${expr}) = 'vastgesteld'`;

export const editsSchema = true;

export const sql = `
CREATE TABLE wederhoor_rounds (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  party_organisation TEXT NOT NULL CHECK (length(trim(party_organisation)) > 0),
  party_contact TEXT NOT NULL DEFAULT '',
  sent_on TEXT NOT NULL CHECK (sent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND deadline > sent_on),
  note TEXT NOT NULL DEFAULT '',
  pdf BLOB,
  pdf_sha256 TEXT,
  docx BLOB,
  docx_sha256 TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX wederhoor_rounds_by_inspection ON wederhoor_rounds (inspection_id, id);
${guards('wederhoor_rounds', finalisedById, 'inspection_id')}

CREATE TABLE wederhoor_paragraphs (
  round_id INTEGER NOT NULL REFERENCES wederhoor_rounds(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number > 0),
  section_id INTEGER,
  section_version INTEGER,
  heading TEXT NOT NULL DEFAULT '',
  excerpt TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (round_id, number)
);
${guards('wederhoor_paragraphs', finalisedByRound, 'round_id')}

PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, ${quoted(`type IN (${OLD_TYPES})`)}, ${quoted(`type IN (${NEW_TYPES})`)})
  WHERE type = 'table' AND name = 'evidence';
PRAGMA writable_schema = OFF;
`;
