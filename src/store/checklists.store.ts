// Published checklist versions and mappings (migration 012): append-only rows, each written with
// its change-log entry in one transaction. Content is stored as canonical JSON with its SHA-256 and
// parsed again with the domain's schemas on reading, so a row that no longer validates stops the
// start instead of reaching a report.
import crypto from 'node:crypto';
import { Checklist, ChecklistMapping, checklistSchema, mappingSchema } from '../domain/checklist';
import { integrityError } from '../errors';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';

export interface StoredChecklistVersion {
  checklist: Checklist;
  sha256: string;
  sourceName: string;
  publishedBy: string;
  publishedAt: string;
  /** How many inspections use this version. */
  usedBy: number;
}

export interface StoredMapping {
  mapping: ChecklistMapping;
  sha256: string;
  sourceName: string;
  publishedBy: string;
  publishedAt: string;
}

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

export function contentHash(value: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

interface VersionRow {
  checklist_id: string;
  version: string;
  content: string;
  sha256: string;
  source_name: string;
  published_by: string;
  published_at: string;
  used_by: number;
}

function parseStored<T>(what: string, text: string, parse: (raw: unknown) => { success: true; data: T } | { success: false }): T {
  const result = parse(JSON.parse(text));
  if (!result.success) throw integrityError(`${what} in de database is ongeldig; herstel de database uit een back-up.`);
  return result.data;
}

/** Every published version, oldest publication first (app/checklists.ts picks the current one of each id). */
export function listChecklistVersions(db: DB): StoredChecklistVersion[] {
  const rows = db
    .prepare(
      `SELECT v.*, (SELECT COUNT(*) FROM inspection_checklists ic WHERE ic.checklist_id = v.checklist_id AND ic.checklist_version = v.version) AS used_by
       FROM checklist_versions v ORDER BY v.id`,
    )
    .all() as VersionRow[];
  return rows.map((r) => ({
    checklist: parseStored(`Kader ${r.checklist_id} versie ${r.version}`, r.content, (raw) => checklistSchema.safeParse(raw)),
    sha256: r.sha256,
    sourceName: r.source_name,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    usedBy: r.used_by,
  }));
}

export function findChecklistVersion(db: DB, id: string, version: string): { sha256: string } | undefined {
  return db.prepare('SELECT sha256 FROM checklist_versions WHERE checklist_id = ? AND version = ?').get(id, version) as { sha256: string } | undefined;
}

/** Append one version; the caller has validated it and checked it is not there yet. */
export function insertChecklistVersion(db: DB, actor: string, checklist: Checklist, sourceName: string): void {
  db.transaction(() => {
    const sha256 = contentHash(checklist);
    db.prepare(
      `INSERT INTO checklist_versions (checklist_id, version, content, sha256, source_name, published_by, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(checklist.id, checklist.version, canonicalJson(checklist), sha256, sourceName, actor, nowIso());
    logChange(db, {
      actor,
      inspectionId: null,
      entity: 'checklist_version',
      entityId: `${checklist.id}@${checklist.version}`,
      action: 'publish',
      new: { checklist: checklist.id, version: checklist.version, title: checklist.title, sha256, sourceName },
    });
  })();
}

interface MappingRow {
  content: string;
  sha256: string;
  source_name: string;
  published_by: string;
  published_at: string;
}

export function listMappings(db: DB): StoredMapping[] {
  const rows = db.prepare('SELECT content, sha256, source_name, published_by, published_at FROM checklist_mappings ORDER BY id').all() as MappingRow[];
  return rows.map((r) => ({
    mapping: parseStored('Een koppeling', r.content, (raw) => mappingSchema.safeParse(raw)),
    sha256: r.sha256,
    sourceName: r.source_name,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
  }));
}

export function findMapping(db: DB, m: ChecklistMapping): { sha256: string } | undefined {
  return db
    .prepare('SELECT sha256 FROM checklist_mappings WHERE from_checklist = ? AND from_version = ? AND to_checklist = ? AND to_version = ?')
    .get(m.from.checklist, m.from.version, m.to.checklist, m.to.version) as { sha256: string } | undefined;
}

export function insertMapping(db: DB, actor: string, m: ChecklistMapping, sourceName: string): void {
  db.transaction(() => {
    const sha256 = contentHash(m);
    db.prepare(
      `INSERT INTO checklist_mappings (from_checklist, from_version, to_checklist, to_version, content, sha256, source_name, published_by, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(m.from.checklist, m.from.version, m.to.checklist, m.to.version, canonicalJson(m), sha256, sourceName, actor, nowIso());
    logChange(db, {
      actor,
      inspectionId: null,
      entity: 'checklist_mapping',
      entityId: `${m.from.checklist}@${m.from.version}>${m.to.checklist}@${m.to.version}`,
      action: 'publish',
      new: { from: m.from, to: m.to, sha256, sourceName },
    });
  })();
}

/** The (checklist, version) pairs inspections use, for the upgrade check. */
export function usedVersions(db: DB): Array<{ id: string; version: string; inspections: number }> {
  return db
    .prepare('SELECT checklist_id AS id, checklist_version AS version, COUNT(DISTINCT inspection_id) AS inspections FROM inspection_checklists GROUP BY 1, 2 ORDER BY 1, 2')
    .all() as Array<{ id: string; version: string; inspections: number }>;
}
