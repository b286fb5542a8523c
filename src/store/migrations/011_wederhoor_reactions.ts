// The reactions of the inspected party to a concept report sent for wederhoor (010), and how the
// inspectorate handled each: overgenomen, gedeeltelijk overgenomen or niet overgenomen, with a
// motivation and, where the text changed, the section's version at the round and after the change.
// A reaction belongs to its inspection through its round, and is guarded like evidence_links
// (through its parent): once the inspection is vastgesteld nothing is added, changed or removed.
import { guards } from './002_integrity';

const finalisedByRound = (expr: string) =>
  `(SELECT i.status FROM inspections i JOIN wederhoor_rounds r ON r.inspection_id = i.id WHERE r.id = ${expr}) = 'vastgesteld'`;

export const sql = `
CREATE TABLE wederhoor_reactions (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES wederhoor_rounds(id),
  position INTEGER NOT NULL,
  paragraph INTEGER,
  passage TEXT NOT NULL DEFAULT '',
  reaction TEXT NOT NULL CHECK (length(trim(reaction)) > 0),
  proposed TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('app', 'formulier')),
  handling TEXT CHECK (handling IS NULL OR handling IN ('overgenomen', 'gedeeltelijk_overgenomen', 'niet_overgenomen')),
  motivation TEXT NOT NULL DEFAULT '',
  section_id INTEGER,
  section_version_before INTEGER,
  section_version_after INTEGER,
  handled_by TEXT,
  handled_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (round_id, position)
);
CREATE INDEX wederhoor_reactions_round ON wederhoor_reactions(round_id, position);
${guards('wederhoor_reactions', finalisedByRound, 'round_id')}
`;
