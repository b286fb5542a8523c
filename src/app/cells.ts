// Use cases of one cell (one unit × one criterion): open it with everything its page shows, save
// its verdict against the version the user saw, link and unlink evidence.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { allCriteria, Checklist, checklistVersion, Criterion, findCriterion, NOT_ASSESSED } from '../domain/checklist';
import type { EvidenceRecord, InspectionSnapshot, InspectionSummary, VerdictRecord } from '../domain/inspection';
import type { Workflow } from '../domain/vocabulary';
import { invalid, isKind, notFound } from '../errors';
import { url } from '../present';
import { loadSnapshot } from '../store/inspections.store';
import { CellKey, getCell, linkEvidence, saveVerdict, unlinkEvidence } from '../store/verdicts.store';
import { openInspection, rightsOn, AccessMode } from './inspection-access';
import { personNames } from './users';
import { noteIndex } from './review-notes';
import { cellNoteKey } from '../domain/review-notes';
import { reviewBoxes } from './review';

export interface CellAddress {
  inspectionId: number;
  checklistId: string;
  criterionId: string;
  unit: string;
}

export interface OpenedCell {
  inspection: InspectionSummary;
  checklist: Checklist;
  criterion: Criterion & { groupId: string };
  key: CellKey;
}

/** Resolve a cell address for the actor: an unknown checklist, criterion or unit is "not found". */
export function resolveCell(ctx: Ctx, actor: Actor, a: CellAddress, mode: AccessMode): OpenedCell {
  const inspection = openInspection(ctx, actor, a.inspectionId, mode);
  const ref = inspection.checklists.find((c) => c.id === a.checklistId);
  const checklist = ref ? checklistVersion(ctx.catalogue, ref) : undefined;
  if (!checklist) throw notFound('Deze checklist hoort niet bij dit onderzoek');
  const criterion = findCriterion(checklist, a.criterionId);
  if (!criterion) throw notFound('Dit criterium bestaat niet');
  if (!inspection.units.includes(a.unit)) throw notFound('Deze eenheid hoort niet bij dit onderzoek');
  return { inspection, checklist, criterion, key: { inspectionId: inspection.id, checklist: a.checklistId, criterion: a.criterionId, unit: a.unit } };
}

/** Links to the cells before and after this one in its row (criteria) and column (units). */
function neighbourCells(c: OpenedCell) {
  const criteria = allCriteria(c.checklist);
  const units = c.inspection.units;
  const ci = criteria.findIndex((cr) => cr.id === c.key.criterion);
  const ui = units.indexOf(c.key.unit);
  const href = (criterion: string, unit: string) => url.cell(c.inspection.id, c.key.checklist, criterion, unit);
  const criterionAt = (i: number) => (i >= 0 && i < criteria.length ? { href: href(criteria[i].id, c.key.unit), label: `${c.checklist.shortTitle} ${criteria[i].number}` } : null);
  const unitAt = (i: number) => (i >= 0 && i < units.length ? { href: href(c.key.criterion, units[i]), label: units[i] } : null);
  return { prevCriterion: criterionAt(ci - 1), nextCriterion: criterionAt(ci + 1), prevUnit: unitAt(ui - 1), nextUnit: unitAt(ui + 1) };
}

/** Which way "Opslaan en volgende" goes: down the column (next unit) or along the row (next criterion). */
export type NextBy = 'eenheid' | 'criterium';

/** The address of the cell after this one, or null at the end of the row or column. */
export function nextCellHref(c: OpenedCell, by: NextBy): string | null {
  const nav = neighbourCells(c);
  return (by === 'criterium' ? nav.nextCriterion : nav.nextUnit)?.href ?? null;
}

function predecessorCell(ctx: Ctx, inspection: InspectionSummary, key: CellKey): VerdictRecord | null {
  if (!inspection.predecessorId) return null;
  try {
    return getCell(ctx.db, { ...key, inspectionId: inspection.predecessorId });
  } catch (e) {
    if (isKind(e, 'not_found')) return null;
    throw e;
  }
}

/**
 * What the cell pages look up in a snapshot, indexed once per snapshot object: the store hands out
 * the same frozen snapshot while the inspection is unchanged, so at 16 connections on a 6,000-cell,
 * 2,000-source inspection the pages no longer scan and sort every list on every view.
 */
interface SnapshotIndex {
  cells: Map<string, VerdictRecord>;
  evidenceById: Map<number, EvidenceRecord>;
  /** Per unit: the sources nearest first (see rankedSources), built on first use. */
  ranked: Map<string, Array<{ e: EvidenceRecord; rank: number }>>;
}
const indexes = new WeakMap<InspectionSnapshot, SnapshotIndex>();
const cellId = (checklist: string, criterion: string, unit: string) => `${checklist}\u0000${criterion}\u0000${unit}`;

function indexOf(snapshot: InspectionSnapshot): SnapshotIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    index = {
      cells: new Map(snapshot.verdicts.map((v) => [cellId(v.checklist, v.criterion, v.unit), v])),
      evidenceById: new Map(snapshot.evidence.map((e) => [e.id, e])),
      ranked: new Map(),
    };
    // An unfrozen snapshot (read inside a transaction) may still change: index it for this call only.
    if (Object.isFrozen(snapshot)) indexes.set(snapshot, index);
  }
  return index;
}

function cellOf(snapshot: InspectionSnapshot, key: CellKey): VerdictRecord {
  const cell = indexOf(snapshot).cells.get(cellId(key.checklist, key.criterion, key.unit));
  if (!cell) throw notFound('Deze cel bestaat niet in dit onderzoek');
  return cell;
}

/**
 * Every source of the inspection, nearest to the unit first: about this unit (rank 0), then about
 * no unit in particular (1), then about other units only (2); within a rank by reference order.
 */
function rankedSources(snapshot: InspectionSnapshot, unit: string) {
  const index = indexOf(snapshot);
  let ranked = index.ranked.get(unit);
  if (!ranked) {
    // Array.prototype.sort is stable: within a rank the sources keep their order (by reference).
    ranked = snapshot.evidence.map((e) => ({ e, rank: e.units.includes(unit) ? 0 : e.units.length === 0 ? 1 : 2 })).sort((a, b) => a.rank - b.rank);
    index.ranked.set(unit, ranked);
  }
  return ranked;
}

/** A source as the pickers show it: marked when it is about other units only. */
const offered = ({ e, rank }: { e: EvidenceRecord; rank: number }) => ({ ...e, otherUnits: rank === 2 });

/**
 * The cell page lists every linkable source while there are at most this many; beyond that only
 * the nearest ones (this unit's, then those about no unit), and the sources page finds the rest.
 * On a large inspection (2,000 sources) the full list made the page 300 kB and its rendering the
 * bulk of the cell page's cost, for a list nobody scrolls through.
 */
export const INLINE_SOURCES = 100;

/** What the cell page offers to link, and how many linkable sources there are in all. */
function inlinePicker(snapshot: InspectionSnapshot, cell: VerdictRecord) {
  const linked = new Set(cell.links.map((l) => l.evidenceId));
  const ranked = rankedSources(snapshot, cell.unit);
  const linkableTotal = ranked.length - ranked.filter((r) => linked.has(r.e.id)).length;
  const all = linkableTotal <= INLINE_SOURCES;
  const linkable: Array<ReturnType<typeof offered>> = [];
  for (const r of ranked) {
    if (linkable.length >= INLINE_SOURCES || (!all && r.rank === 2)) break;
    if (!linked.has(r.e.id)) linkable.push(offered(r));
  }
  return { linkable, linkableTotal };
}

/** Sources per page on the sources page. */
export const SOURCES_PER_PAGE = 50;

export interface SourceQuery {
  /** Words that must all occur in the source's reference, title or unit codes (case does not matter). */
  zoek: string;
  /** 1-based. */
  pagina: number;
}

/** The sources page of a cell: every linkable source matching the search, nearest first, a page at a time. */
export function cellSourcesView(ctx: Ctx, actor: Actor, c: OpenedCell, q: SourceQuery) {
  const snapshot = loadSnapshot(ctx.db, c.inspection.id);
  const cell = cellOf(snapshot, c.key);
  const linked = new Set(cell.links.map((l) => l.evidenceId));
  const words = q.zoek.toLocaleLowerCase('nl').split(/\s+/).filter((w) => w !== '');
  const matches = rankedSources(snapshot, c.key.unit).filter(({ e }) => {
    if (linked.has(e.id)) return false;
    const text = `${e.ref} ${e.title} ${e.units.join(' ')}`.toLocaleLowerCase('nl');
    return words.every((w) => text.includes(w));
  });
  const pages = Math.max(1, Math.ceil(matches.length / SOURCES_PER_PAGE));
  const page = Math.min(Math.max(1, q.pagina), pages);
  return {
    ...c,
    ...rightsOn(actor, c.inspection),
    unit: c.key.unit,
    cell,
    zoek: q.zoek,
    matches: matches.length,
    sources: matches.slice((page - 1) * SOURCES_PER_PAGE, page * SOURCES_PER_PAGE).map(offered),
    page,
    pages,
  };
}
export type CellSourcesView = ReturnType<typeof cellSourcesView>;

/** Everything the cell page shows. */
export function cellView(ctx: Ctx, actor: Actor, c: OpenedCell) {
  const snapshot = loadSnapshot(ctx.db, c.inspection.id);
  const cell = cellOf(snapshot, c.key);
  const { evidenceById } = indexOf(snapshot);
  const group = c.checklist.groups.find((g) => g.id === c.criterion.groupId);
  if (!group) throw notFound('Dit criterium bestaat niet');
  return {
    ...c,
    ...rightsOn(actor, c.inspection),
    group,
    unit: c.key.unit,
    cell,
    links: cell.links.flatMap((l) => {
      const evidence = evidenceById.get(l.evidenceId);
      return evidence ? [{ ...l, evidence }] : [];
    }),
    ...inlinePicker(snapshot, cell),
    predecessor: snapshot.predecessor,
    previous: predecessorCell(ctx, c.inspection, c.key),
    notAssessed: NOT_ASSESSED,
    nav: neighbourCells(c),
    personName: personNames(ctx),
    notePanel: noteIndex(ctx, actor, c.inspection, snapshot).panel('cell', cellNoteKey(c.key.checklist, c.key.criterion, c.key.unit)),
    review: reviewBoxes(ctx, actor, c.inspection, snapshot).cell(c.key),
  };
}
export type CellView = ReturnType<typeof cellView>;

export interface VerdictChange {
  verdict: string;
  motivation: string;
  workflow: Workflow;
  /** The version the user started from. */
  version: number;
}

/** The codes a verdict of this checklist may take, "niet beoordeeld" first. */
export function verdictCodes(checklist: Checklist): [string, ...string[]] {
  return [NOT_ASSESSED, ...checklist.scale.levels.map((l) => l.code)];
}

export function saveCell(ctx: Ctx, actor: Actor, c: OpenedCell, change: VerdictChange): VerdictRecord {
  const { version, ...input } = change;
  if (!verdictCodes(c.checklist).includes(input.verdict)) throw invalid('Kies een oordeel.', 'verdict');
  return saveVerdict(ctx.db, actor.email, c.key, version, input);
}

/**
 * Link a source to the cell; when the page also sent the verdict the user typed (the "Koppelen"
 * button submits the verdict form too), save that first if it differs from the stored one, so
 * linking never throws away unsaved input. A stale version refuses both.
 */
export function linkCellEvidence(ctx: Ctx, actor: Actor, c: OpenedCell, evidenceId: number, excerpt: string, change?: VerdictChange): void {
  let cell = getCell(ctx.db, c.key);
  if (change && (change.verdict !== cell.verdict || change.motivation !== cell.motivation || change.workflow !== cell.workflow)) {
    cell = saveCell(ctx, actor, c, change);
  }
  try {
    linkEvidence(ctx.db, actor.email, c.inspection.id, cell.id, evidenceId, excerpt);
  } catch (e) {
    if (isKind(e, 'not_found')) throw invalid('Deze bron bestaat niet in dit onderzoek.', 'evidenceId');
    throw e;
  }
}

export function unlinkCellEvidence(ctx: Ctx, actor: Actor, c: OpenedCell, evidenceId: number): void {
  const cell = getCell(ctx.db, c.key);
  unlinkEvidence(ctx.db, actor.email, c.inspection.id, cell.id, evidenceId);
}
