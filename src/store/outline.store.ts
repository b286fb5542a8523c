// The report outline of an inspection: ordered sections, each versioned. Every write checks the
// inspection is editable and logs the change in the same transaction.
import { StaleVersionError, invalid, notFound } from '../errors';
import { kindFor, outlineShapeProblem, SectionInput, SectionKind, SectionLevel, SectionRecord } from '../domain/outline';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';
import { assertEditable } from './inspections.store';

interface SectionRow {
  id: number;
  position: number;
  level: SectionLevel;
  kind: SectionKind;
  title: string;
  body: string;
  required: number;
  marking: string;
  version: number;
  updated_by: string | null;
  updated_at: string | null;
}

function fromRow(r: SectionRow): SectionRecord {
  return {
    id: r.id,
    position: r.position,
    level: r.level,
    kind: r.kind,
    title: r.title,
    body: r.body,
    required: r.required === 1,
    marking: r.marking,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

export function listSections(db: DB, inspectionId: number): SectionRecord[] {
  return (db.prepare('SELECT * FROM report_sections WHERE inspection_id = ? ORDER BY position, id').all(inspectionId) as SectionRow[]).map(fromRow);
}

export function countSections(db: DB, inspectionId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM report_sections WHERE inspection_id = ?').get(inspectionId) as { n: number }).n;
}

/** The fields of a section as the change log keeps them. */
function logged(s: SectionInput) {
  return { level: s.level, kind: s.kind, title: s.title, body: s.body, required: s.required, marking: s.marking };
}

function checkShape(sections: Array<Pick<SectionInput, 'level' | 'title'>>): void {
  const problem = outlineShapeProblem(sections);
  if (problem) throw invalid(problem, 'level');
}

/** Write a whole outline into an inspection that has none (a new inspection, an import, the start-up fill). */
export function insertOutline(db: DB, actor: string, inspectionId: number, sections: SectionInput[], options: { checkEditable?: boolean } = {}): void {
  db.transaction(() => {
    if (options.checkEditable !== false) assertEditable(db, inspectionId);
    if (countSections(db, inspectionId) > 0) throw invalid('Dit onderzoek heeft al een rapportopzet.', 'outline');
    checkShape(sections);
    const add = db.prepare(
      'INSERT INTO report_sections (inspection_id, position, level, kind, title, body, required, marking, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const at = nowIso();
    sections.forEach((s, i) => add.run(inspectionId, i + 1, s.level, kindFor(s.level, s.kind), s.title, s.body, s.required ? 1 : 0, s.marking, actor, at));
    logChange(db, { actor, inspectionId, entity: 'outline', entityId: inspectionId, action: 'create', new: sections.map(logged) });
  }).immediate();
}

function getSection(db: DB, inspectionId: number, id: number): SectionRecord {
  const r = db.prepare('SELECT * FROM report_sections WHERE id = ? AND inspection_id = ?').get(id, inspectionId) as SectionRow | undefined;
  if (!r) throw notFound('Sectie niet gevonden');
  return fromRow(r);
}

function renumber(db: DB, ids: number[]): void {
  const set = db.prepare('UPDATE report_sections SET position = ? WHERE id = ?');
  ids.forEach((id, i) => set.run(i + 1, id));
}

/** Add a section after another (or at the start), returning its id. */
export function addSection(db: DB, actor: string, inspectionId: number, afterId: number | null, input: SectionInput): number {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    const list = listSections(db, inspectionId);
    const at = afterId === null ? 0 : list.findIndex((s) => s.id === afterId) + 1;
    if (afterId !== null && at === 0) throw notFound('Sectie niet gevonden');
    const s = { ...input, kind: kindFor(input.level, input.kind) };
    const shape = [...list.slice(0, at), s, ...list.slice(at)];
    checkShape(shape);
    const info = db
      .prepare('INSERT INTO report_sections (inspection_id, position, level, kind, title, body, required, marking, updated_by, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(inspectionId, s.level, s.kind, s.title, s.body, s.required ? 1 : 0, s.marking, actor, nowIso());
    const id = Number(info.lastInsertRowid);
    renumber(db, [...list.slice(0, at).map((x) => x.id), id, ...list.slice(at).map((x) => x.id)]);
    logChange(db, { actor, inspectionId, entity: 'section', entityId: id, action: 'create', new: { ...logged(s), after: afterId } });
    return id;
  }).immediate();
}

/** Change a section's fields; a stale version is refused with both versions. */
export function updateSection(db: DB, actor: string, inspectionId: number, id: number, baseVersion: number, input: SectionInput): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = getSection(db, inspectionId, id);
    if (cur.version !== baseVersion) throw new StaleVersionError(cur, input);
    const s = { ...input, kind: kindFor(input.level, input.kind) };
    checkShape(listSections(db, inspectionId).map((x) => (x.id === id ? s : x)));
    db.prepare('UPDATE report_sections SET level = ?, kind = ?, title = ?, body = ?, required = ?, marking = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ?').run(
      s.level, s.kind, s.title, s.body, s.required ? 1 : 0, s.marking, actor, nowIso(), id,
    );
    logChange(db, { actor, inspectionId, entity: 'section', entityId: id, action: 'update', old: logged(cur), new: logged(s) });
  }).immediate();
}

/** Move a section one place up or down; the section alone moves, as in a word processor's outline. */
export function moveSection(db: DB, actor: string, inspectionId: number, id: number, direction: 'up' | 'down'): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const list = listSections(db, inspectionId);
    const i = list.findIndex((s) => s.id === id);
    if (i < 0) throw notFound('Sectie niet gevonden');
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    const before = list.map((s) => s.id);
    [list[i], list[j]] = [list[j], list[i]];
    checkShape(list);
    renumber(db, list.map((s) => s.id));
    logChange(db, { actor, inspectionId, entity: 'outline_order', entityId: inspectionId, action: 'update', old: before, new: list.map((s) => s.id) });
  }).immediate();
}

/** Remove a section (its version must be the one the user saw: a text changed meanwhile is not thrown away unseen). */
export function removeSection(db: DB, actor: string, inspectionId: number, id: number, baseVersion: number): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = getSection(db, inspectionId, id);
    if (cur.version !== baseVersion) throw new StaleVersionError(cur, null);
    const rest = listSections(db, inspectionId).filter((s) => s.id !== id);
    checkShape(rest);
    db.prepare('DELETE FROM report_sections WHERE id = ?').run(id);
    renumber(db, rest.map((s) => s.id));
    logChange(db, { actor, inspectionId, entity: 'section', entityId: id, action: 'delete', old: logged(cur) });
  }).immediate();
}
