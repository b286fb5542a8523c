// Organisations and their unit sets in the database, versioned (issue 17). Like the checklists
// (012), a published unit set is APPEND-ONLY: a changed set is a new version, so an inspection
// made with version N reads the same unit names for ever, whatever is published later. The
// triggers below enforce it in the database itself.
//
// `content` is the validated units array as canonical JSON; `organisation_name` the organisation's
// name as published with that version (a later rename of the organisation leaves older reports as
// they were); `sha256` the hash of both, compared when criteria/units.yaml is seeded at open.
//
// The inspections get organisation_id and unit_set_version by ALTER TABLE ADD COLUMN (no table
// rebuild: see 010 on cascades). They stay NULL for existing inspections until the first open
// after the upgrade, when seedUnits (src/app/units.ts) assigns them, because SQL cannot read the
// file. That assignment must also reach finalised inspections, which 002's inspections_final_update
// trigger freezes entirely; that trigger is therefore replaced by two:
//  - one on every column that existed before this migration (UPDATE OF lists them), unchanged in
//    effect; a later migration that adds a column to inspections must add it here as well;
//  - one on the two new columns that allows exactly the one assignment from NULL and nothing after.
const refuse = (what: string) => `SELECT RAISE(ABORT, '${what} is gepubliceerd en verandert niet; publiceer een nieuwe versie')`;

const FROZEN_COLUMNS = [
  'id', 'ref', 'title', 'year', 'fieldwork_start', 'fieldwork_end', 'status', 'finalised_at', 'predecessor_id',
  'illustrative', 'illustrative_note', 'voorwoord', 'aanleiding', 'onderzoeksvraag', 'methode', 'conclusie',
  'created_at', 'version', 'revision', 'revision_of', 'revision_reason', 'review_required',
];

export const sql = `
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE unit_sets (
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  organisation_name TEXT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  PRIMARY KEY (organisation_id, version)
);

CREATE TRIGGER unit_sets_no_update BEFORE UPDATE ON unit_sets
  BEGIN ${refuse('een eenhedenversie')}; END;
CREATE TRIGGER unit_sets_no_delete BEFORE DELETE ON unit_sets
  BEGIN ${refuse('een eenhedenversie')}; END;
CREATE TRIGGER organisations_code_fixed BEFORE UPDATE OF id, code ON organisations
  BEGIN SELECT RAISE(ABORT, 'de code van een organisatie verandert niet'); END;
CREATE TRIGGER organisations_no_delete BEFORE DELETE ON organisations
  BEGIN SELECT RAISE(ABORT, 'een organisatie wordt niet verwijderd'); END;

ALTER TABLE inspections ADD COLUMN organisation_id INTEGER REFERENCES organisations(id);
ALTER TABLE inspections ADD COLUMN unit_set_version INTEGER;

DROP TRIGGER inspections_final_update;
CREATE TRIGGER inspections_final_update BEFORE UPDATE OF ${FROZEN_COLUMNS.join(', ')} ON inspections
  WHEN OLD.status = 'vastgesteld'
  BEGIN SELECT RAISE(ABORT, 'inspection is vastgesteld'); END;
CREATE TRIGGER inspections_unit_set_fixed BEFORE UPDATE OF organisation_id, unit_set_version ON inspections
  WHEN OLD.organisation_id IS NOT NULL OR OLD.unit_set_version IS NOT NULL
    OR NEW.organisation_id IS NULL OR NEW.unit_set_version IS NULL
  BEGIN SELECT RAISE(ABORT, 'de eenhedenset van een onderzoek wordt eenmaal vastgelegd en verandert daarna niet'); END;
CREATE TRIGGER inspections_unit_set_exists BEFORE UPDATE OF organisation_id, unit_set_version ON inspections
  WHEN NOT EXISTS (SELECT 1 FROM unit_sets s WHERE s.organisation_id = NEW.organisation_id AND s.version = NEW.unit_set_version)
  BEGIN SELECT RAISE(ABORT, 'die eenhedenset bestaat niet'); END;
CREATE TRIGGER inspections_unit_set_exists_insert BEFORE INSERT ON inspections
  WHEN NEW.organisation_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM unit_sets s WHERE s.organisation_id = NEW.organisation_id AND s.version = NEW.unit_set_version)
  BEGIN SELECT RAISE(ABORT, 'die eenhedenset bestaat niet'); END;
`;
