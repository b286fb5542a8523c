// National-level texts of an inspection: findings per criterion, deelconclusies, roll-up
// overrides, recommendations (ordered), what became of the predecessor's recommendations, and
// complaint statistics.
import { StaleVersionError, invalid, notFound } from '../errors';
import type { RecommendationFollowup } from '../domain/vocabulary';
import type { StatisticRecord } from '../domain/inspection';
import { logChange } from './changelog';
import type { DB } from './db';
import { assertEditable } from './inspections.store';

type Versioned = { version: number } | undefined;

function checkVersion(current: Versioned, baseVersion: number, attempted: unknown): void {
  // A text that does not exist yet has version 0.
  const v = current?.version ?? 0;
  if (v !== baseVersion) throw new StaleVersionError(current ?? null, attempted);
}

/** A text of the national level keyed by checklist and criterion (findings) or group (conclusions). */
const KEYED_TEXTS = {
  finding: { table: 'findings', key: 'criterion_id' },
  conclusion: { table: 'conclusions', key: 'group_id' },
} as const;

function saveKeyedText(db: DB, entity: keyof typeof KEYED_TEXTS, actor: string, inspectionId: number, checklist: string, key: string, baseVersion: number, text: string): void {
  const { table, key: column } = KEYED_TEXTS[entity];
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = db.prepare(`SELECT text, version FROM ${table} WHERE inspection_id = ? AND checklist_id = ? AND ${column} = ?`).get(inspectionId, checklist, key) as
      | { text: string; version: number }
      | undefined;
    checkVersion(cur, baseVersion, { text });
    db.prepare(
      `INSERT INTO ${table} (inspection_id, checklist_id, ${column}, text) VALUES (?, ?, ?, ?)
       ON CONFLICT (inspection_id, checklist_id, ${column}) DO UPDATE SET text = excluded.text, version = version + 1`,
    ).run(inspectionId, checklist, key, text);
    logChange(db, { actor, inspectionId, entity, entityId: `${checklist}/${key}`, action: cur ? 'update' : 'create', old: cur?.text, new: text });
  }).immediate();
}

export function saveFinding(db: DB, actor: string, inspectionId: number, checklist: string, criterion: string, baseVersion: number, text: string): void {
  saveKeyedText(db, 'finding', actor, inspectionId, checklist, criterion, baseVersion, text);
}

export function saveConclusion(db: DB, actor: string, inspectionId: number, checklist: string, group: string, baseVersion: number, text: string): void {
  saveKeyedText(db, 'conclusion', actor, inspectionId, checklist, group, baseVersion, text);
}

/** Set (or with verdict null, remove) an override of a rolled-up verdict. A motivation is required. */
export function saveOverride(
  db: DB,
  actor: string,
  inspectionId: number,
  key: { scope: string; checklist: string; group: string },
  baseVersion: number,
  value: { verdict: string; motivation: string } | null,
): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = db
      .prepare('SELECT id, verdict, motivation, version FROM overrides WHERE inspection_id = ? AND checklist_id = ? AND group_id = ? AND scope = ?')
      .get(inspectionId, key.checklist, key.group, key.scope) as { id: number; verdict: string; motivation: string; version: number } | undefined;
    checkVersion(cur, baseVersion, value);
    if (value === null) {
      if (cur) db.prepare('DELETE FROM overrides WHERE id = ?').run(cur.id);
    } else {
      if (value.motivation.trim() === '') throw invalid('Een afwijkend oordeel vraagt een motivering', 'motivation');
      db.prepare(
        `INSERT INTO overrides (inspection_id, scope, checklist_id, group_id, verdict, motivation) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (inspection_id, checklist_id, group_id, scope) DO UPDATE SET verdict = excluded.verdict, motivation = excluded.motivation, version = version + 1`,
      ).run(inspectionId, key.scope, key.checklist, key.group, value.verdict, value.motivation);
    }
    logChange(db, {
      actor, inspectionId, entity: 'override', entityId: `${key.checklist}/${key.group}/${key.scope}`,
      action: value === null ? 'delete' : cur ? 'update' : 'create',
      old: cur ? { verdict: cur.verdict, motivation: cur.motivation } : undefined, new: value ?? undefined,
    });
  }).immediate();
}

function nextRecommendationRef(db: DB, inspectionId: number): string {
  for (let i = 1; ; i++) {
    const ref = `A${i}`;
    if (!db.prepare('SELECT 1 FROM recommendations WHERE inspection_id = ? AND ref = ?').get(inspectionId, ref)) return ref;
  }
}

export function addRecommendation(db: DB, actor: string, inspectionId: number, input: { checklist: string; group: string; text: string }, ref?: string): number {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    const pos = (db.prepare('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM recommendations WHERE inspection_id = ?').get(inspectionId) as { p: number }).p;
    const theRef = ref ?? nextRecommendationRef(db, inspectionId);
    const info = db.prepare('INSERT INTO recommendations (inspection_id, ref, checklist_id, group_id, position, text) VALUES (?, ?, ?, ?, ?, ?)').run(
      inspectionId, theRef, input.checklist, input.group, pos, input.text,
    );
    logChange(db, { actor, inspectionId, entity: 'recommendation', entityId: theRef, action: 'create', new: input });
    return Number(info.lastInsertRowid);
  }).immediate();
}

function getRecommendation(db: DB, inspectionId: number, id: number) {
  const r = db.prepare('SELECT * FROM recommendations WHERE id = ? AND inspection_id = ?').get(id, inspectionId) as
    | { id: number; ref: string; checklist_id: string; group_id: string; position: number; text: string; version: number }
    | undefined;
  if (!r) throw notFound('Aanbeveling niet gevonden');
  return r;
}

export function updateRecommendation(db: DB, actor: string, inspectionId: number, id: number, baseVersion: number, input: { group: string; text: string }): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = getRecommendation(db, inspectionId, id);
    checkVersion(cur, baseVersion, input);
    db.prepare('UPDATE recommendations SET group_id = ?, text = ?, version = version + 1 WHERE id = ?').run(input.group, input.text, id);
    logChange(db, { actor, inspectionId, entity: 'recommendation', entityId: cur.ref, action: 'update', old: { group: cur.group_id, text: cur.text }, new: input });
  }).immediate();
}

export function deleteRecommendation(db: DB, actor: string, inspectionId: number, id: number): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = getRecommendation(db, inspectionId, id);
    db.prepare('DELETE FROM recommendations WHERE id = ?').run(id);
    logChange(db, { actor, inspectionId, entity: 'recommendation', entityId: cur.ref, action: 'delete', old: { group: cur.group_id, text: cur.text } });
  }).immediate();
}

/** Move a recommendation one place up or down, renumbering positions densely. */
export function moveRecommendation(db: DB, actor: string, inspectionId: number, id: number, direction: 'up' | 'down'): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const list = db.prepare('SELECT id, ref FROM recommendations WHERE inspection_id = ? ORDER BY position, id').all(inspectionId) as Array<{ id: number; ref: string }>;
    const i = list.findIndex((r) => r.id === id);
    if (i < 0) throw notFound('Aanbeveling niet gevonden');
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    const before = list.map((r) => r.ref);
    [list[i], list[j]] = [list[j], list[i]];
    const set = db.prepare('UPDATE recommendations SET position = ?, version = version + 1 WHERE id = ?');
    list.forEach((r, p) => set.run(p + 1, r.id));
    logChange(db, { actor, inspectionId, entity: 'recommendation_order', entityId: inspectionId, action: 'update', old: before, new: list.map((r) => r.ref) });
  }).immediate();
}

export function saveFollowup(
  db: DB,
  actor: string,
  inspectionId: number,
  recommendationRef: string,
  baseVersion: number,
  value: { status: RecommendationFollowup; motivation: string; evidence: number[] },
): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = db.prepare('SELECT status, motivation, version FROM recommendation_followups WHERE inspection_id = ? AND recommendation_ref = ?').get(inspectionId, recommendationRef) as
      | { status: string; motivation: string; version: number }
      | undefined;
    checkVersion(cur, baseVersion, value);
    for (const e of value.evidence) {
      if (!db.prepare('SELECT 1 FROM evidence WHERE id = ? AND inspection_id = ?').get(e, inspectionId)) throw notFound('Bron niet gevonden');
    }
    db.prepare(
      `INSERT INTO recommendation_followups (inspection_id, recommendation_ref, status, motivation) VALUES (?, ?, ?, ?)
       ON CONFLICT (inspection_id, recommendation_ref) DO UPDATE SET status = excluded.status, motivation = excluded.motivation, version = version + 1`,
    ).run(inspectionId, recommendationRef, value.status, value.motivation);
    db.prepare('DELETE FROM followup_evidence WHERE inspection_id = ? AND recommendation_ref = ?').run(inspectionId, recommendationRef);
    const add = db.prepare('INSERT INTO followup_evidence (inspection_id, recommendation_ref, evidence_id) VALUES (?, ?, ?)');
    for (const e of value.evidence) add.run(inspectionId, recommendationRef, e);
    logChange(db, { actor, inspectionId, entity: 'followup', entityId: recommendationRef, action: cur ? 'update' : 'create', old: cur ? { status: cur.status, motivation: cur.motivation } : undefined, new: value });
  }).immediate();
}

/** Replace all complaint statistics of an inspection at once (an import is all or nothing). */
export function replaceStatistics(db: DB, actor: string, inspectionId: number, rows: StatisticRecord[]): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const old = db.prepare('SELECT year, unit_code, afgerond, aannemen, eerste_fase, tweede_fase FROM statistics WHERE inspection_id = ? ORDER BY year, unit_code').all(inspectionId);
    db.prepare('DELETE FROM statistics WHERE inspection_id = ?').run(inspectionId);
    const add = db.prepare('INSERT INTO statistics (inspection_id, year, unit_code, afgerond, aannemen, eerste_fase, tweede_fase) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) add.run(inspectionId, r.year, r.unit ?? '', r.afgerond, r.aannemen, r.eersteFase, r.tweedeFase);
    logChange(db, { actor, inspectionId, entity: 'statistics', entityId: inspectionId, action: 'replace', old, new: rows });
  }).immediate();
}
