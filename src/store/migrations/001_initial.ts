// The first schema. Never edit a migration that has shipped: add the next number instead.
export const sql = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('beheerder','inspecteur','lezer')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  fieldwork_start TEXT,
  fieldwork_end TEXT,
  status TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept','vastgesteld')),
  finalised_at TEXT,
  predecessor_id INTEGER REFERENCES inspections(id),
  illustrative INTEGER NOT NULL DEFAULT 0,
  illustrative_note TEXT NOT NULL DEFAULT '',
  voorwoord TEXT NOT NULL DEFAULT '',
  aanleiding TEXT NOT NULL DEFAULT '',
  onderzoeksvraag TEXT NOT NULL DEFAULT '',
  methode TEXT NOT NULL DEFAULT '',
  conclusie TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE inspection_checklists (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  checklist_id TEXT NOT NULL,
  checklist_version TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, checklist_id)
);

CREATE TABLE inspection_units (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  unit_code TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, unit_code)
);

CREATE TABLE inspection_team (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  email TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (inspection_id, email)
);

CREATE TABLE verdicts (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  unit_code TEXT NOT NULL,
  checklist_id TEXT NOT NULL,
  criterion_id TEXT NOT NULL,
  verdict TEXT NOT NULL DEFAULT 'niet_beoordeeld',
  motivation TEXT NOT NULL DEFAULT '',
  workflow TEXT NOT NULL DEFAULT 'te_doen' CHECK (workflow IN ('te_doen','in_behandeling','ter_review','gereed')),
  updated_by TEXT,
  updated_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (inspection_id, checklist_id, criterion_id, unit_code)
);

CREATE TABLE overrides (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  scope TEXT NOT NULL,
  checklist_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  verdict TEXT NOT NULL,
  motivation TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (inspection_id, checklist_id, group_id, scope)
);

CREATE TABLE findings (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  checklist_id TEXT NOT NULL,
  criterion_id TEXT NOT NULL,
  text TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (inspection_id, checklist_id, criterion_id)
);

CREATE TABLE conclusions (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  checklist_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  text TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (inspection_id, checklist_id, group_id)
);

CREATE TABLE recommendations (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  ref TEXT NOT NULL,
  checklist_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (inspection_id, ref)
);

CREATE TABLE recommendation_followups (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  recommendation_ref TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('opgevolgd','deels_opgevolgd','niet_opgevolgd','niet_meer_van_toepassing')),
  motivation TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (inspection_id, recommendation_ref)
);

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  ref TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('gespreksverslag','groepsgesprek','document','openbare_bron','registratiedata','observatie')),
  title TEXT NOT NULL,
  date_from TEXT,
  date_to TEXT,
  party TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  file_name TEXT,
  file_sha256 TEXT,
  file_mime TEXT,
  file_size INTEGER,
  wederhoor_status TEXT CHECK (wederhoor_status IS NULL OR wederhoor_status IN ('concept','voorgelegd','akkoord','gecorrigeerd')),
  wederhoor_date TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (inspection_id, ref)
);

CREATE TABLE evidence_units (
  evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  unit_code TEXT NOT NULL,
  PRIMARY KEY (evidence_id, unit_code)
);

CREATE TABLE evidence_links (
  evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  verdict_id INTEGER NOT NULL REFERENCES verdicts(id) ON DELETE CASCADE,
  excerpt TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (evidence_id, verdict_id)
);
CREATE INDEX evidence_links_verdict ON evidence_links(verdict_id);

CREATE TABLE followup_evidence (
  inspection_id INTEGER NOT NULL,
  recommendation_ref TEXT NOT NULL,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  PRIMARY KEY (inspection_id, recommendation_ref, evidence_id),
  FOREIGN KEY (inspection_id, recommendation_ref) REFERENCES recommendation_followups(inspection_id, recommendation_ref) ON DELETE CASCADE
);

CREATE TABLE statistics (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  year INTEGER NOT NULL,
  unit_code TEXT NOT NULL DEFAULT '',
  afgerond INTEGER NOT NULL,
  aannemen INTEGER NOT NULL,
  eerste_fase INTEGER NOT NULL,
  tweede_fase INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, year, unit_code)
);

-- The change log: append-only and hash-chained. Each entry's hash covers the previous hash and
-- the entry itself, so a changed or missing entry breaks the chain from there on.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  inspection_id INTEGER,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX change_log_inspection ON change_log(inspection_id, seq);
CREATE INDEX change_log_entity ON change_log(entity, entity_id, seq);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
`;
