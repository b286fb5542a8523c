// Checklists and mappings in the database, versioned (issue 17). Decision: both tables are
// APPEND-ONLY. A published version never changes and is never removed, whether an inspection uses
// it yet or not: a changed framework is published as a new version. That is stricter than "immutable
// once used" and needs no use case that checks usage before replacing, so no code path can change
// what an inspection (or its stored reports and comparisons) was assessed against. The triggers
// below enforce it in the database itself.
//
// `content` is the validated checklist (mapping) as canonical JSON, `sha256` its hash: a file in
// criteria/ with the same id and version is compared by hash at start (src/app/checklists.ts).
// Inspections that already exist keep referring to (checklist_id, checklist_version) in
// inspection_checklists; their versions are taken over from criteria/ at the first start after the
// upgrade (seedCatalogue), because SQL cannot read the files.
const refuse = (what: string) => `SELECT RAISE(ABORT, '${what} is gepubliceerd en verandert niet; publiceer een nieuwe versie')`;

export const sql = `
CREATE TABLE checklist_versions (
  id INTEGER PRIMARY KEY,
  checklist_id TEXT NOT NULL,
  version TEXT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  source_name TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  UNIQUE (checklist_id, version)
);

CREATE TABLE checklist_mappings (
  id INTEGER PRIMARY KEY,
  from_checklist TEXT NOT NULL,
  from_version TEXT NOT NULL,
  to_checklist TEXT NOT NULL,
  to_version TEXT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  source_name TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  UNIQUE (from_checklist, from_version, to_checklist, to_version),
  FOREIGN KEY (from_checklist, from_version) REFERENCES checklist_versions (checklist_id, version),
  FOREIGN KEY (to_checklist, to_version) REFERENCES checklist_versions (checklist_id, version)
);

CREATE TRIGGER checklist_versions_no_update BEFORE UPDATE ON checklist_versions
  BEGIN ${refuse('een kaderversie')}; END;
CREATE TRIGGER checklist_versions_no_delete BEFORE DELETE ON checklist_versions
  BEGIN ${refuse('een kaderversie')}; END;
CREATE TRIGGER checklist_mappings_no_update BEFORE UPDATE ON checklist_mappings
  BEGIN ${refuse('een koppeling')}; END;
CREATE TRIGGER checklist_mappings_no_delete BEFORE DELETE ON checklist_mappings
  BEGIN ${refuse('een koppeling')}; END;
`;
