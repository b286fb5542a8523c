// Whom the inspectorate addresses its recommendations to ("de korpschef" for the police), per
// organisation. It is the organisation's current head of function, not part of a unit-set
// version: a concept report follows it, a vastgesteld report keeps the files it was stored with.
// NULL: none given; the report then speaks without an addressee.
//
// Every database from before this migration holds the police under the code 'nationale-politie'
// (migration 13's seeding, from criteria/units.yaml), and every report it printed addressed "de
// korpschef": that is set here, so its reports read as before even when it runs on a criteria
// folder of its own without an addressee line. A database from before migration 13 has no
// organisations yet at this point: seedUnits gives the organisation its old inspections are tied
// to the same addressee when its units file names none. Other organisations get theirs from
// their units file.
/** Whom every report before this release addressed; also for inspections from before migration 13 (seedUnits). */
export const LEGACY_ADDRESSEE = 'de korpschef';

export const sql = `
ALTER TABLE organisations ADD COLUMN addressee TEXT CHECK (addressee IS NULL OR length(trim(addressee)) BETWEEN 1 AND 100);
UPDATE organisations SET addressee = '${LEGACY_ADDRESSEE}' WHERE code = 'nationale-politie';
`;
