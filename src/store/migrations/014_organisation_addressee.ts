// Whom the inspectorate addresses its recommendations to ("de korpschef" for the police), per
// organisation. It is the organisation's current head of function, not part of a unit-set
// version: a concept report follows it, a vastgesteld report keeps the files it was stored with.
// NULL: none given; the report then speaks without an addressee. Filled from criteria/units.yaml
// at the first start after the upgrade (seedUnits), so the police's reports read as before.
export const sql = `
ALTER TABLE organisations ADD COLUMN addressee TEXT CHECK (addressee IS NULL OR length(trim(addressee)) BETWEEN 1 AND 100);
`;
