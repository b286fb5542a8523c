// Use cases of one cell (one unit × one criterion): open it with everything its page shows, save
// its verdict against the version the user saw, link and unlink evidence.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { allCriteria, Checklist, checklistVersion, Criterion, findCriterion, NOT_ASSESSED } from '../domain/checklist';
import type { EvidenceRecord, InspectionSummary, VerdictRecord } from '../domain/inspection';
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
 * The sources that may still be linked: those about this unit first, then those about no unit in
 * particular, then those about other units only, marked so the page can say so.
 */
function linkableSources(evidence: EvidenceRecord[], unit: string) {
  const rank = (e: EvidenceRecord) => (e.units.includes(unit) ? 0 : e.units.length === 0 ? 1 : 2);
  // Array.prototype.sort is stable: within a rank the sources keep their order (by reference).
  return evidence.map((e) => ({ ...e, otherUnits: rank(e) === 2 })).sort((a, b) => rank(a) - rank(b));
}

/** Everything the cell page shows. */
export function cellView(ctx: Ctx, actor: Actor, c: OpenedCell) {
  const snapshot = loadSnapshot(ctx.db, c.inspection.id);
  const cell = snapshot.verdicts.find((v) => v.checklist === c.key.checklist && v.criterion === c.key.criterion && v.unit === c.key.unit);
  if (!cell) throw notFound('Deze cel bestaat niet in dit onderzoek');
  const evidenceById = new Map(snapshot.evidence.map((e) => [e.id, e]));
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
    linkable: linkableSources(snapshot.evidence.filter((e) => !cell.links.some((l) => l.evidenceId === e.id)), c.key.unit),
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
