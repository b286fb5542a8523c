// Organisations and their published unit sets (migration 013): append-only versions, each written
// with its change-log entry in one transaction. Content is parsed again with the domain's schema on
// reading, so a row that no longer validates stops the start instead of reaching a report.
import { z } from 'zod';
import type { Catalogue } from '../domain/checklist';
import { Unit, unitSchema, unitSetKey } from '../domain/units';
import { integrityError } from '../errors';
import { logChange } from './changelog';
import { canonicalJson, contentHash } from './checklists.store';
import type { DB } from './db';
import { nowIso } from './db';

export interface StoredOrganisation {
  id: number;
  code: string;
  name: string;
  addressee: string | null;
  createdAt: string;
  createdBy: string;
}

export interface StoredUnitSet {
  organisation: string;
  organisationName: string;
  version: number;
  units: Unit[];
  sha256: string;
  publishedAt: string;
  publishedBy: string;
  /** How many inspections use this version. */
  inspections: number;
}

const unitsSchema = z.array(unitSchema);

/** The hash of what a version publishes: its organisation name and its units. */
export function unitSetHash(organisationName: string, units: readonly Unit[]): string {
  return contentHash({ organisation: organisationName, units });
}

interface OrgRow {
  id: number;
  code: string;
  name: string;
  addressee: string | null;
  created_at: string;
  created_by: string;
}

const orgFromRow = (r: OrgRow): StoredOrganisation => ({ id: r.id, code: r.code, name: r.name, addressee: r.addressee, createdAt: r.created_at, createdBy: r.created_by });

/**
 * Whom the organisation's recommendations went to at `at` (an ISO time): the addressee is not
 * versioned, but every change to it is in the change log with the old and the new value. The last
 * change at or before `at` gives its new value; without one, the first change after gives its old
 * value, or its new one when it was the first addressee ever given (set when the organisation came
 * from its file, often after the inspection was vastgesteld in another system); without any change,
 * it is the current one (undefined when the database lacks the organisation). Only Word files rebuilt for inspections vastgesteld before Word files were
 * stored need this: every later report is stored whole.
 */
export function addresseeAt(db: DB, code: string, at: string): string | null | undefined {
  const rows = db
    .prepare("SELECT at, old_value, new_value FROM change_log WHERE entity = 'organisation' AND entity_id = ? AND new_value LIKE '%\"addressee\"%' ORDER BY seq")
    .all(code) as Array<{ at: string; old_value: string | null; new_value: string | null }>;
  const value = (json: string | null): string | null => {
    const v = json ? (JSON.parse(json) as { addressee?: unknown }).addressee : null;
    return typeof v === 'string' ? v : null;
  };
  const before = rows.filter((r) => r.at <= at).at(-1);
  if (before) return value(before.new_value);
  const after = rows.find((r) => r.at > at);
  if (after) return value(after.old_value) ?? value(after.new_value);
  // undefined: the database does not hold the organisation (yet); the caller asks the catalogue.
  const org = findOrganisation(db, code);
  return org ? org.addressee : undefined;
}

/** Set whom the organisation's recommendations are addressed to (logged); a no-op when it is already that. */
export function setAddressee(db: DB, actor: string, code: string, addressee: string): void {
  const org = findOrganisation(db, code);
  if (!org || org.addressee === addressee) return;
  db.prepare('UPDATE organisations SET addressee = ? WHERE id = ?').run(addressee, org.id);
  logChange(db, { actor, inspectionId: null, entity: 'organisation', entityId: code, action: 'update', old: { addressee: org.addressee }, new: { addressee } });
}

/** Every organisation, oldest first. */
export function listOrganisationRows(db: DB): StoredOrganisation[] {
  return (db.prepare('SELECT * FROM organisations ORDER BY id').all() as OrgRow[]).map(orgFromRow);
}

export function findOrganisation(db: DB, code: string): StoredOrganisation | undefined {
  const r = db.prepare('SELECT * FROM organisations WHERE code = ?').get(code) as OrgRow | undefined;
  return r ? orgFromRow(r) : undefined;
}

interface SetRow {
  code: string;
  organisation_name: string;
  version: number;
  content: string;
  sha256: string;
  published_at: string;
  published_by: string;
  inspections: number;
}

function setFromRow(r: SetRow): StoredUnitSet {
  const parsed = unitsSchema.safeParse(JSON.parse(r.content));
  if (!parsed.success) throw integrityError(`De eenheden van '${r.code}' versie ${r.version} in de database zijn ongeldig; herstel de database uit een back-up.`);
  return {
    organisation: r.code,
    organisationName: r.organisation_name,
    version: r.version,
    units: parsed.data,
    sha256: r.sha256,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    inspections: r.inspections,
  };
}

const SET_SQL = `SELECT o.code, s.organisation_name, s.version, s.content, s.sha256, s.published_at, s.published_by,
    (SELECT COUNT(*) FROM inspections i WHERE i.organisation_id = s.organisation_id AND i.unit_set_version = s.version) AS inspections
  FROM unit_sets s JOIN organisations o ON o.id = s.organisation_id`;

/** Every published set, per organisation (oldest organisation first), versions ascending. */
export function listUnitSets(db: DB): StoredUnitSet[] {
  return (db.prepare(`${SET_SQL} ORDER BY o.id, s.version`).all() as SetRow[]).map(setFromRow);
}

export function listUnitSetsOf(db: DB, code: string): StoredUnitSet[] {
  return (db.prepare(`${SET_SQL} WHERE o.code = ? ORDER BY s.version`).all(code) as SetRow[]).map(setFromRow);
}

/** The newest version of an organisation, or undefined when it has none. */
export function latestUnitSet(db: DB, code: string): StoredUnitSet | undefined {
  const r = db.prepare(`${SET_SQL} WHERE o.code = ? ORDER BY s.version DESC LIMIT 1`).get(code) as SetRow | undefined;
  return r ? setFromRow(r) : undefined;
}

/**
 * Append the next version of an organisation's units (creating the organisation when it is new;
 * a new name is recorded on the organisation and, for good, on this version). Returns the version.
 * The caller has validated the content and checked that it differs from the latest version.
 */
export function insertUnitSet(db: DB, actor: string, file: { code: string; organisation: string; units: Unit[] }, sourceName: string): number {
  return db.transaction(() => {
    let org = findOrganisation(db, file.code);
    if (!org) {
      const info = db.prepare('INSERT INTO organisations (code, name, created_at, created_by) VALUES (?, ?, ?, ?)').run(file.code, file.organisation, nowIso(), actor);
      org = { id: Number(info.lastInsertRowid), code: file.code, name: file.organisation, addressee: null, createdAt: nowIso(), createdBy: actor };
      logChange(db, { actor, inspectionId: null, entity: 'organisation', entityId: file.code, action: 'create', new: { code: file.code, name: file.organisation } });
    } else if (org.name !== file.organisation) {
      db.prepare('UPDATE organisations SET name = ? WHERE id = ?').run(file.organisation, org.id);
      logChange(db, { actor, inspectionId: null, entity: 'organisation', entityId: file.code, action: 'update', old: { name: org.name }, new: { name: file.organisation } });
    }
    const last = db.prepare('SELECT MAX(version) AS v FROM unit_sets WHERE organisation_id = ?').get(org.id) as { v: number | null };
    const version = (last.v ?? 0) + 1;
    const sha256 = unitSetHash(file.organisation, file.units);
    db.prepare(
      'INSERT INTO unit_sets (organisation_id, version, organisation_name, content, sha256, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(org.id, version, file.organisation, canonicalJson(file.units), sha256, nowIso(), actor);
    logChange(db, {
      actor,
      inspectionId: null,
      entity: 'unit_set',
      entityId: `${file.code}@${version}`,
      action: 'publish',
      new: { organisation: file.code, name: file.organisation, version, units: file.units.length, sha256, sourceName },
    });
    return version;
  })();
}

/** Inspections not yet tied to a unit set (from before migration 13). */
export function countUnassignedInspections(db: DB): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM inspections WHERE organisation_id IS NULL').get() as { n: number }).n;
}

/** Tie every inspection without a unit set to one version (the upgrade step; see seedUnits). */
export function assignUnassignedInspections(db: DB, code: string, version: number): number {
  const org = findOrganisation(db, code);
  if (!org) throw integrityError(`Organisatie '${code}' bestaat niet.`);
  return db.prepare('UPDATE inspections SET organisation_id = ?, unit_set_version = ? WHERE organisation_id IS NULL').run(org.id, version).changes;
}

/** How many inspections each organisation has. */
export function inspectionsPerOrganisation(db: DB): Map<string, number> {
  const rows = db
    .prepare('SELECT o.code, COUNT(i.id) AS n FROM organisations o LEFT JOIN inspections i ON i.organisation_id = o.id GROUP BY o.id')
    .all() as Array<{ code: string; n: number }>;
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** The organisation id of a code, for writing an inspection. */
export function organisationId(db: DB, code: string): number | undefined {
  return (db.prepare('SELECT id FROM organisations WHERE code = ?').get(code) as { id: number } | undefined)?.id;
}

/** What changes each time a set is published (both tables only grow, except a name). */
export function unitsMark(db: DB): string {
  // The addressees can change without a new version; there are a handful of organisations.
  const r = db.prepare("SELECT (SELECT COUNT(*) FROM unit_sets) AS s, (SELECT COUNT(*) FROM organisations) AS o, (SELECT group_concat(COALESCE(addressee, ''), '|') FROM organisations) AS a").get() as { s: number; o: number; a: string | null };
  return `${r.s}/${r.o}/${r.a ?? ''}`;
}

/** The organisations and every published set, as the catalogue holds them. */
export function unitCatalogue(db: DB): Pick<Catalogue, 'organisations' | 'unitSets'> {
  const organisations: Catalogue['organisations'] = new Map();
  const unitSets: Catalogue['unitSets'] = new Map();
  for (const o of listOrganisationRows(db)) organisations.set(o.code, { code: o.code, name: o.name, ...(o.addressee !== null ? { addressee: o.addressee } : {}), current: 0 });
  for (const s of listUnitSets(db)) {
    unitSets.set(unitSetKey(s.organisation, s.version), { organisation: s.organisation, organisationName: s.organisationName, version: s.version, units: s.units });
    const o = organisations.get(s.organisation);
    // Ascending versions: the last one seen is the current one.
    if (o) o.current = s.version;
  }
  // An organisation without any version (cannot be made through the app) is not offered.
  for (const [code, o] of organisations) if (o.current === 0) organisations.delete(code);
  return { organisations, unitSets };
}
