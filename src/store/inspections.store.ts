// Inspections: create, follow-up, metadata and texts, and the full read model (snapshot).
import { StaleVersionError, conflict, finalised, invalid, must, notFound } from '../errors';
import { allCriteria, Catalogue, checklistVersion, NOT_ASSESSED } from '../domain/checklist';
import type { InspectionTexts } from '../domain/document';
import type {
  EvidenceRecord,
  InspectionSnapshot,
  InspectionSummary,
  RecommendationRecord,
  VerdictRecord,
} from '../domain/inspection';
import type { EvidenceType, InspectionStatus, RecommendationFollowup, Wederhoor, Workflow } from '../domain/vocabulary';
import { logChange } from './changelog';
import { insertOutline, listSections } from './outline.store';
import { listRounds } from './wederhoor.store';
import { listNotes } from './review-notes.store';
import { listApprovals, reviewRequiredOf } from './review.store';
import { reactionRounds } from './wederhoor-reactions.store';
import { defaultOutline, inspectionChecklists } from '../domain/outline';
import { currentUnitSet, defaultOrganisation, organisationNameOf } from '../domain/units';
import { followUpRefusal, followUpScope } from '../domain/follow-up';
import { organisationId } from './units.store';
import type { DB } from './db';
import { nowIso } from './db';

interface InspectionRow {
  id: number;
  ref: string;
  title: string;
  year: number;
  fieldwork_start: string | null;
  fieldwork_end: string | null;
  status: InspectionStatus;
  finalised_at: string | null;
  predecessor_id: number | null;
  illustrative: number;
  illustrative_note: string;
  voorwoord: string;
  aanleiding: string;
  onderzoeksvraag: string;
  methode: string;
  conclusie: string;
  version: number;
  revision: number;
  revision_of: number | null;
  /** From the join in SUMMARY_SQL: the ref of the version this one corrects. */
  revision_of_ref: string | null;
  /** From the join in SUMMARY_SQL: the organisation's code (NULL only before seedUnits ran). */
  organisation_code: string | null;
  unit_set_version: number | null;
}

/** Every summary read joins the version a revision corrects, so a list needs no query per row for it. */
const SUMMARY_SQL =
  'SELECT i.*, o.ref AS revision_of_ref, org.code AS organisation_code FROM inspections i LEFT JOIN inspections o ON o.id = i.revision_of ' +
  'LEFT JOIN organisations org ON org.id = i.organisation_id';

function summaryFromRow(db: DB, r: InspectionRow): InspectionSummary {
  return {
    id: r.id,
    ref: r.ref,
    title: r.title,
    year: r.year,
    fieldworkStart: r.fieldwork_start,
    fieldworkEnd: r.fieldwork_end,
    status: r.status,
    finalisedAt: r.finalised_at,
    predecessorId: r.predecessor_id,
    illustrative: r.illustrative === 1,
    illustrativeNote: r.illustrative_note,
    checklists: db
      .prepare('SELECT checklist_id AS id, checklist_version AS version FROM inspection_checklists WHERE inspection_id = ? ORDER BY position')
      .all(r.id) as Array<{ id: string; version: string }>,
    // Every inspection has one once the database is open (seedUnits); '' / 0 reads as "codes only".
    unitSet: { organisation: r.organisation_code ?? '', version: r.unit_set_version ?? 0 },
    units: (db.prepare('SELECT unit_code FROM inspection_units WHERE inspection_id = ? ORDER BY position').all(r.id) as Array<{ unit_code: string }>).map((u) => u.unit_code),
    team: (db.prepare('SELECT email FROM inspection_team WHERE inspection_id = ? ORDER BY email').all(r.id) as Array<{ email: string }>).map((t) => t.email),
    texts: { voorwoord: r.voorwoord, aanleiding: r.aanleiding, onderzoeksvraag: r.onderzoeksvraag, methode: r.methode, conclusie: r.conclusie },
    version: r.version,
    revision: r.revision,
    revisionOf: r.revision_of !== null && r.revision_of_ref !== null ? { id: r.revision_of, ref: r.revision_of_ref } : null,
  };
}

export function listInspections(db: DB): InspectionSummary[] {
  const rows = db.prepare(`${SUMMARY_SQL} ORDER BY i.year DESC, i.id DESC`).all() as InspectionRow[];
  return rows.map((r) => summaryFromRow(db, r));
}

export function getInspection(db: DB, id: number): InspectionSummary {
  const r = db.prepare(`${SUMMARY_SQL} WHERE i.id = ?`).get(id) as InspectionRow | undefined;
  if (!r) throw notFound('Onderzoek niet gevonden');
  return summaryFromRow(db, r);
}

/** Find by numeric id or by ref: what a user types on the command line. */
export function findInspection(db: DB, idOrRef: string): InspectionSummary {
  const r = (/^\d+$/.test(idOrRef)
    ? db.prepare(`${SUMMARY_SQL} WHERE i.id = ?`).get(Number(idOrRef))
    : db.prepare(`${SUMMARY_SQL} WHERE i.ref = ?`).get(idOrRef)) as InspectionRow | undefined;
  if (!r) throw notFound(`Onderzoek '${idOrRef}' bestaat niet (zie 'toetsing list').`);
  return summaryFromRow(db, r);
}

/** Refuse changes to a finalised inspection. Call inside the writing transaction. */
export function assertEditable(db: DB, inspectionId: number): void {
  const r = db.prepare('SELECT status FROM inspections WHERE id = ?').get(inspectionId) as { status: string } | undefined;
  if (!r) throw notFound('Onderzoek niet gevonden');
  if (r.status === 'vastgesteld') throw finalised();
}

export interface NewInspection {
  ref?: string;
  title: string;
  year: number;
  fieldworkStart: string | null;
  fieldworkEnd: string | null;
  checklists: Array<{ id: string; version: string }>;
  /** The organisation's code; its current unit set is used. Default: the first organisation. */
  organisation?: string;
  units: string[];
  team: string[];
  predecessorId: number | null;
  illustrative?: boolean;
  illustrativeNote?: string;
  texts?: Partial<InspectionTexts>;
}

function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'onderzoek';
}

function uniqueRef(db: DB, base: string): string {
  let ref = base;
  for (let n = 2; db.prepare('SELECT 1 FROM inspections WHERE ref = ?').get(ref); n++) ref = `${base}-${n}`;
  return ref;
}

/**
 * Create an inspection with one verdict row per unit × criterion, all "niet beoordeeld": every
 * cell exists from the start, so each has a version to protect against lost updates.
 */
export function createInspection(db: DB, catalogue: Catalogue, actor: string, input: NewInspection): number {
  return db.transaction(() => {
    for (const c of input.checklists) {
      if (!catalogue.checklists.has(c.id)) throw invalid(`Checklist '${c.id}' bestaat niet`, 'checklists');
      if (!checklistVersion(catalogue, c)) throw invalid(`Checklist '${c.id}' heeft geen gepubliceerde versie ${c.version}`, 'checklists');
    }
    if (input.units.length === 0) throw invalid('Kies minstens één eenheid.', 'units');
    if (input.checklists.length === 0) throw invalid('Kies minstens één checklist.', 'checklists');
    const orgCode = input.organisation ?? defaultOrganisation(catalogue);
    const org = orgCode === undefined ? undefined : catalogue.organisations.get(orgCode);
    if (!org || orgCode === undefined) throw invalid(orgCode === undefined ? 'Er is nog geen organisatie met eenheden' : `Organisatie '${orgCode}' bestaat niet`, 'organisation');
    const unitSet = must(currentUnitSet(catalogue, orgCode), `de eenheden van '${orgCode}'`);
    const orgId = must(organisationId(db, orgCode), `organisatie '${orgCode}'`);
    for (const u of input.units) {
      if (!unitSet.units.some((x) => x.code === u)) throw invalid(`Eenheid '${u}' bestaat niet bij ${unitSet.organisationName}`, 'units');
    }
    if (input.predecessorId !== null && !db.prepare('SELECT 1 FROM inspections WHERE id = ?').get(input.predecessorId)) {
      throw invalid('Het vorige onderzoek bestaat niet');
    }
    const ref = input.ref ? input.ref : uniqueRef(db, `${slugify(input.title)}-${input.year}`);
    if (db.prepare('SELECT 1 FROM inspections WHERE ref = ?').get(ref)) throw conflict(`Er bestaat al een onderzoek met sleutel '${ref}'`, 'ref');
    const t = input.texts ?? {};
    const info = db
      .prepare(
        `INSERT INTO inspections (ref, title, year, fieldwork_start, fieldwork_end, predecessor_id, illustrative, illustrative_note,
           voorwoord, aanleiding, onderzoeksvraag, methode, conclusie, created_at, organisation_id, unit_set_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        ref, input.title, input.year, input.fieldworkStart, input.fieldworkEnd, input.predecessorId,
        input.illustrative ? 1 : 0, input.illustrativeNote ?? '',
        t.voorwoord ?? '', t.aanleiding ?? '', t.onderzoeksvraag ?? '', t.methode ?? '', t.conclusie ?? '', nowIso(),
        orgId, unitSet.version,
      );
    const id = Number(info.lastInsertRowid);
    const addChecklist = db.prepare('INSERT INTO inspection_checklists (inspection_id, checklist_id, checklist_version, position) VALUES (?, ?, ?, ?)');
    input.checklists.forEach((c, i) => addChecklist.run(id, c.id, c.version, i));
    const addUnit = db.prepare('INSERT INTO inspection_units (inspection_id, unit_code, position) VALUES (?, ?, ?)');
    input.units.forEach((u, i) => addUnit.run(id, u, i));
    const addMember = db.prepare('INSERT OR IGNORE INTO inspection_team (inspection_id, email) VALUES (?, ?)');
    for (const e of input.team) addMember.run(id, e);
    const addCell = db.prepare('INSERT INTO verdicts (inspection_id, unit_code, checklist_id, criterion_id, verdict) VALUES (?, ?, ?, ?, ?)');
    for (const c of input.checklists) {
      for (const cr of allCriteria(must(checklistVersion(catalogue, c), `checklist '${c.id}' versie ${c.version}`))) {
        for (const u of input.units) addCell.run(id, u, c.id, cr.id, NOT_ASSESSED);
      }
    }
    logChange(db, { actor, inspectionId: id, entity: 'inspection', entityId: id, action: 'create', new: { ref, ...input, organisation: orgCode, unitSetVersion: unitSet.version } });
    const hasRecommendations = input.predecessorId !== null && db.prepare('SELECT 1 FROM recommendations WHERE inspection_id = ?').get(input.predecessorId) !== undefined;
    insertOutline(db, actor, id, defaultOutline(inspectionChecklists(catalogue, input.checklists), input.texts ?? {}, hasRecommendations, { bestuurlijkeReactie: true }));
    return id;
  }).immediate();
}

/**
 * Start a follow-up: same checklists, organisation, units and team; every verdict starts "niet
 * beoordeeld". It gets the organisation's CURRENT unit set (and checklist versions): a unit that no
 * longer exists is left out.
 */
export function startFollowUp(
  db: DB,
  catalogue: Catalogue,
  actor: string,
  predecessorId: number,
  input: { title: string; year: number; fieldworkStart: string | null; fieldworkEnd: string | null },
): number {
  const prev = getInspection(db, predecessorId);
  const scope = followUpScope(prev, catalogue);
  const refused = followUpRefusal(scope, organisationNameOf(catalogue, prev));
  if (refused) throw invalid(refused);
  return createInspection(db, catalogue, actor, {
    ...input,
    checklists: scope.checklists,
    ...(scope.organisation !== null ? { organisation: scope.organisation } : {}),
    units: scope.units,
    team: prev.team,
    predecessorId,
    texts: { onderzoeksvraag: prev.texts.onderzoeksvraag },
  });
}

export interface InspectionPatch {
  title?: string;
  year?: number;
  fieldworkStart?: string | null;
  fieldworkEnd?: string | null;
  team?: string[];
  texts?: Partial<InspectionTexts>;
}

export function updateInspection(db: DB, actor: string, id: number, baseVersion: number, patch: InspectionPatch): void {
  db.transaction(() => {
    assertEditable(db, id);
    const before = getInspection(db, id);
    if (before.version !== baseVersion) throw new StaleVersionError(before, patch);
    const next = {
      title: patch.title ?? before.title,
      year: patch.year ?? before.year,
      fieldworkStart: patch.fieldworkStart !== undefined ? patch.fieldworkStart : before.fieldworkStart,
      fieldworkEnd: patch.fieldworkEnd !== undefined ? patch.fieldworkEnd : before.fieldworkEnd,
      texts: { ...before.texts, ...(patch.texts ?? {}) },
    };
    db.prepare(
      `UPDATE inspections SET title = ?, year = ?, fieldwork_start = ?, fieldwork_end = ?, voorwoord = ?, aanleiding = ?,
         onderzoeksvraag = ?, methode = ?, conclusie = ?, version = version + 1 WHERE id = ?`,
    ).run(next.title, next.year, next.fieldworkStart, next.fieldworkEnd, next.texts.voorwoord, next.texts.aanleiding,
      next.texts.onderzoeksvraag, next.texts.methode, next.texts.conclusie, id);
    if (patch.team) {
      db.prepare('DELETE FROM inspection_team WHERE inspection_id = ?').run(id);
      const add = db.prepare('INSERT OR IGNORE INTO inspection_team (inspection_id, email) VALUES (?, ?)');
      for (const e of patch.team) add.run(id, e);
    }
    const old = { title: before.title, year: before.year, fieldworkStart: before.fieldworkStart, fieldworkEnd: before.fieldworkEnd, texts: before.texts, team: before.team };
    logChange(db, { actor, inspectionId: id, entity: 'inspection', entityId: id, action: 'update', old, new: { ...next, team: patch.team ?? before.team } });
  }).immediate();
}

interface VerdictRow {
  id: number;
  unit_code: string;
  checklist_id: string;
  criterion_id: string;
  verdict: string;
  motivation: string;
  workflow: Workflow;
  updated_by: string | null;
  updated_at: string | null;
  version: number;
}

export function verdictFromRow(r: VerdictRow, links: VerdictRecord['links']): VerdictRecord {
  return {
    id: r.id,
    unit: r.unit_code,
    checklist: r.checklist_id,
    criterion: r.criterion_id,
    verdict: r.verdict,
    motivation: r.motivation,
    workflow: r.workflow,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    version: r.version,
    links,
  };
}

interface EvidenceRow {
  id: number;
  ref: string;
  type: EvidenceType;
  title: string;
  date_from: string | null;
  date_to: string | null;
  party: string;
  description: string;
  file_name: string | null;
  file_sha256: string | null;
  file_mime: string | null;
  file_size: number | null;
  wederhoor_status: Wederhoor | null;
  wederhoor_date: string | null;
  version: number;
}

export function evidenceFromRow(r: EvidenceRow, units: string[]): EvidenceRecord {
  return {
    id: r.id,
    ref: r.ref,
    type: r.type,
    title: r.title,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    party: r.party,
    units,
    description: r.description,
    file: r.file_sha256 ? { name: r.file_name ?? '', sha256: r.file_sha256, mime: r.file_mime ?? 'application/octet-stream', size: r.file_size ?? 0 } : null,
    wederhoor: r.wederhoor_status ? { status: r.wederhoor_status, date: r.wederhoor_date } : null,
    version: r.version,
  };
}

function recommendationsOf(db: DB, inspectionId: number): RecommendationRecord[] {
  return (db.prepare('SELECT * FROM recommendations WHERE inspection_id = ? ORDER BY position, id').all(inspectionId) as Array<{
    id: number; ref: string; checklist_id: string; group_id: string; position: number; text: string; version: number;
  }>).map((r) => ({ id: r.id, ref: r.ref, checklist: r.checklist_id, group: r.group_id, position: r.position, text: r.text, version: r.version }));
}

/**
 * Snapshots already read, per connection, valid while the inspection's (and its predecessor's)
 * last change-log entry is unchanged: every write logs in its own transaction, so an unchanged
 * mark means unchanged data. Reading one 6,000-cell inspection costs ~200 ms and every page
 * view used to repeat it. Bounded by the cells held, least recently used out first.
 */
const SNAPSHOT_CACHE_CELLS = 200_000;
interface CachedSnapshot { mark: string; snapshot: InspectionSnapshot }
const snapshotCache = new WeakMap<DB, Map<number, CachedSnapshot>>();

function changeMark(db: DB, id: number, predecessorId: number | null): string {
  const last = db.prepare<[number], number | null>('SELECT MAX(seq) AS s FROM change_log WHERE inspection_id = ?').pluck();
  return `${last.get(id) ?? 0}:${predecessorId === null ? '' : last.get(predecessorId) ?? 0}`;
}

/**
 * The mark of an inspection's current data: the hash of its and its predecessor's last change-log
 * entry. Equal marks mean equal snapshots, so a value computed from a snapshot can be kept under
 * it, also beyond the process (on disk): the log is hash-chained, so a hash names one history,
 * and a database restored from a backup and edited again can reach the same seq, never the same hash.
 */
export function durableSnapshotMark(db: DB, id: number, predecessorId: number | null): string {
  const last = db.prepare<[number], string>('SELECT hash FROM change_log WHERE inspection_id = ? ORDER BY seq DESC LIMIT 1').pluck();
  return `${last.get(id) ?? ''}:${predecessorId === null ? '' : last.get(predecessorId) ?? ''}`;
}

/** Whether a cached snapshot is still current; the change log is read only when there is one. */
function fresh(db: DB, id: number, hit: CachedSnapshot | undefined): hit is CachedSnapshot {
  if (hit === undefined) return false;
  return hit.mark === changeMark(db, id, hit.snapshot.predecessorId);
}

/** Cached snapshots are shared between requests: frozen, so no reader can change another's. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The whole inspection in one read: a handful of set-based queries, no query per cell. */
export function loadSnapshot(db: DB, id: number): InspectionSnapshot {
  // Inside a write transaction the data may be uncommitted: read it fresh, cache nothing.
  if (db.inTransaction) return readSnapshot(db, id);
  return db.transaction(() => {
    let cache = snapshotCache.get(db);
    if (!cache) snapshotCache.set(db, (cache = new Map<number, CachedSnapshot>()));
    const hit = cache.get(id);
    if (fresh(db, id, hit)) {
      cache.delete(id);
      cache.set(id, hit);
      return hit.snapshot;
    }
    const snapshot = deepFreeze(readSnapshot(db, id));
    cache.delete(id);
    cache.set(id, { mark: changeMark(db, id, snapshot.predecessorId), snapshot });
    let cells = 0;
    for (const e of cache.values()) cells += e.snapshot.verdicts.length;
    for (const [key, e] of cache) {
      if (cells <= SNAPSHOT_CACHE_CELLS || key === id) break;
      cells -= e.snapshot.verdicts.length;
      cache.delete(key);
    }
    return snapshot;
  })();
}

function overridesOf(db: DB, id: number): InspectionSnapshot['overrides'] {
  return (db.prepare('SELECT * FROM overrides WHERE inspection_id = ? ORDER BY id').all(id) as Array<{
    id: number; scope: string; checklist_id: string; group_id: string; verdict: string; motivation: string; version: number;
  }>).map((o) => ({ id: o.id, scope: o.scope, checklist: o.checklist_id, group: o.group_id, verdict: o.verdict, motivation: o.motivation, version: o.version }));
}

function statisticsOf(db: DB, id: number): InspectionSnapshot['statistics'] {
  return (db.prepare('SELECT * FROM statistics WHERE inspection_id = ? ORDER BY year, unit_code').all(id) as Array<{
    year: number; unit_code: string; afgerond: number; aannemen: number; eerste_fase: number; tweede_fase: number;
  }>).map((s) => ({ year: s.year, unit: s.unit_code === '' ? null : s.unit_code, afgerond: s.afgerond, aannemen: s.aannemen, eersteFase: s.eerste_fase, tweedeFase: s.tweede_fase }));
}

function predecessorOf(db: DB, summary: InspectionSummary): InspectionSnapshot['predecessor'] {
  return summary.predecessorId
    ? (db.prepare('SELECT id, ref, title, year FROM inspections WHERE id = ?').get(summary.predecessorId) as { id: number; ref: string; title: string; year: number })
    : null;
}

/** Shared by every cell of a trend snapshot (150,000 on the large data): one empty list, frozen. */
const NO_LINKS: VerdictRecord['links'] = Object.freeze([]) as unknown as VerdictRecord['links'];

/**
 * A trend over many inspections needs only the verdict codes, the overrides and the figures. This
 * read leaves out motivations, evidence, links and texts (about a tenth of the cost of
 * loadSnapshot on a 6,000-cell inspection), so it serves trends only: its blockers, for one,
 * would be meaningless. Served from the snapshot cache when the full snapshot is there. Its
 * verdicts are in no particular order.
 */
export function loadTrendSnapshot(db: DB, id: number): InspectionSnapshot {
  if (!db.inTransaction) {
    const hit = snapshotCache.get(db)?.get(id);
    if (fresh(db, id, hit)) return hit.snapshot;
  }
  return db.transaction(() => {
    const summary = getInspection(db, id);
    // One JSON text per inspection instead of a row each: 6,000 rows handed over one by one cost
    // about half again as much as SQLite building the text and JSON.parse reading it. In the
    // unique index's order (checklist, criterion, unit), not by id: sorting cost a third more,
    // and a trend looks cells up by key, never by position.
    const json = db
      .prepare<[number], string>('SELECT json_group_array(json_array(id, unit_code, checklist_id, criterion_id, verdict, version)) FROM verdicts WHERE inspection_id = ?')
      .pluck()
      .get(id);
    const verdicts = (JSON.parse(json ?? '[]') as Array<[number, string, string, string, string, number]>)
      .map(([vid, unit, checklist, criterion, verdict, version]): VerdictRecord => ({
        id: vid, unit, checklist, criterion, verdict, motivation: '', workflow: 'te_doen', updatedBy: null, updatedAt: null, version, links: NO_LINKS,
      }));
    return {
      ...summary,
      predecessor: predecessorOf(db, summary),
      verdicts,
      evidence: [],
      overrides: overridesOf(db, id),
      findings: [],
      conclusions: [],
      recommendations: [],
      predecessorRecommendations: [],
      followups: [],
      statistics: statisticsOf(db, id),
      outline: [],
      wederhoorRounds: [],
      notes: [],
      approvals: [],
      reviewRequired: false,
      wederhoorReactions: [],
    };
  })();
}

function readSnapshot(db: DB, id: number): InspectionSnapshot {
  const read = db.transaction(() => {
    const summary = getInspection(db, id);
    const linksByVerdict = new Map<number, VerdictRecord['links']>();
    for (const l of db
      .prepare('SELECT l.verdict_id, l.evidence_id, l.excerpt FROM evidence_links l JOIN verdicts v ON v.id = l.verdict_id WHERE v.inspection_id = ? ORDER BY l.verdict_id, l.evidence_id')
      .iterate(id) as Iterable<{ verdict_id: number; evidence_id: number; excerpt: string }>) {
      const list = linksByVerdict.get(l.verdict_id) ?? [];
      list.push({ evidenceId: l.evidence_id, excerpt: l.excerpt });
      linksByVerdict.set(l.verdict_id, list);
    }
    const verdicts = (db.prepare('SELECT * FROM verdicts WHERE inspection_id = ? ORDER BY id').all(id) as VerdictRow[]).map((r) =>
      verdictFromRow(r, linksByVerdict.get(r.id) ?? []),
    );
    const unitsByEvidence = new Map<number, string[]>();
    for (const u of db
      .prepare('SELECT eu.evidence_id, eu.unit_code FROM evidence_units eu JOIN evidence e ON e.id = eu.evidence_id WHERE e.inspection_id = ? ORDER BY eu.unit_code')
      .iterate(id) as Iterable<{ evidence_id: number; unit_code: string }>) {
      const list = unitsByEvidence.get(u.evidence_id) ?? [];
      list.push(u.unit_code);
      unitsByEvidence.set(u.evidence_id, list);
    }
    const evidence = (db.prepare('SELECT * FROM evidence WHERE inspection_id = ? ORDER BY id').all(id) as EvidenceRow[]).map((r) =>
      evidenceFromRow(r, unitsByEvidence.get(r.id) ?? []),
    );
    const overrides = overridesOf(db, id);
    const findings = (db.prepare('SELECT checklist_id, criterion_id, text, version FROM findings WHERE inspection_id = ?').all(id) as Array<{
      checklist_id: string; criterion_id: string; text: string; version: number;
    }>).map((f) => ({ checklist: f.checklist_id, criterion: f.criterion_id, text: f.text, version: f.version }));
    const conclusions = (db.prepare('SELECT checklist_id, group_id, text, version FROM conclusions WHERE inspection_id = ?').all(id) as Array<{
      checklist_id: string; group_id: string; text: string; version: number;
    }>).map((c) => ({ checklist: c.checklist_id, group: c.group_id, text: c.text, version: c.version }));
    const evidenceByFollowup = new Map<string, number[]>();
    for (const fe of db.prepare('SELECT recommendation_ref, evidence_id FROM followup_evidence WHERE inspection_id = ? ORDER BY evidence_id').iterate(id) as Iterable<{
      recommendation_ref: string; evidence_id: number;
    }>) {
      const list = evidenceByFollowup.get(fe.recommendation_ref) ?? [];
      list.push(fe.evidence_id);
      evidenceByFollowup.set(fe.recommendation_ref, list);
    }
    const followups = (db.prepare('SELECT * FROM recommendation_followups WHERE inspection_id = ? ORDER BY recommendation_ref').all(id) as Array<{
      recommendation_ref: string; status: RecommendationFollowup; motivation: string; version: number;
    }>).map((f) => ({ recommendationRef: f.recommendation_ref, status: f.status, motivation: f.motivation, evidence: evidenceByFollowup.get(f.recommendation_ref) ?? [], version: f.version }));
    const statistics = statisticsOf(db, id);
    const pred = predecessorOf(db, summary);
    return {
      ...summary,
      predecessor: pred,
      verdicts,
      evidence,
      overrides,
      findings,
      conclusions,
      recommendations: recommendationsOf(db, id),
      predecessorRecommendations: pred ? recommendationsOf(db, pred.id) : [],
      followups,
      outline: listSections(db, id),
      wederhoorRounds: listRounds(db, id),
      statistics,
      notes: listNotes(db, id),
      approvals: listApprovals(db, id),
      reviewRequired: reviewRequiredOf(db, id),
      wederhoorReactions: reactionRounds(db, id),
    };
  });
  return read();
}
