// Bulk pages: many cells of one inspection on one page – all criteria of one unit, or all units on
// one criterion – saved with one button. Each row is saved on its own against the version the user
// saw (its own transaction and change-log entry), so a row someone else changed in the meantime is
// refused as a conflict while the other rows are still saved.
import crypto from 'node:crypto';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { allCriteria, Checklist, checklistVersion, findCriterion } from '../domain/checklist';
import type { InspectionSummary, VerdictRecord } from '../domain/inspection';
import { unitNameOf } from '../domain/units';
import { notFound, StaleVersionError } from '../errors';
import { url } from '../present';
import { loadSnapshot } from '../store/inspections.store';
import { CellKey, saveVerdict, VerdictInput } from '../store/verdicts.store';
import type { VerdictChange } from './cells';
import { AccessMode, openInspection, rightsOn } from './inspection-access';
import { reviewMarks, showsReview } from './review';
import { reviewMark } from '../present/review';

export type BulkAxis = { kind: 'unit'; unit: string } | { kind: 'criterion'; criterionId: string };

export interface BulkAddress {
  inspectionId: number;
  /** For a unit page: the checklist asked for, '' for the inspection's first. */
  checklistId: string;
  axis: BulkAxis;
}

/** One row of a bulk page: a cell, named by what varies along the page. */
export interface BulkRowDef {
  /** The row's key in form field names: the criterion id (unit page) or the unit code (criterion page). */
  key: string;
  cell: CellKey;
  /** Short name, used in every field label of the row ("TK 1.2", "NN"). */
  label: string;
  /** The criterion text or the unit's name. */
  text: string;
  /** The criterion's group heading (unit page), to group the rows. */
  group: string;
}

export interface OpenedBulk {
  inspection: InspectionSummary;
  checklist: Checklist;
  axis: BulkAxis;
  /** What the page is about ("NN · Noord-Nederland", "TK 1.2"). */
  subject: string;
  /** The criterion's text on a criterion page. */
  subjectText: string;
  /** The criterion's sub-points (criterion page), part of its norm. */
  subjectSubpoints: string[];
  rows: BulkRowDef[];
}

/** Resolve a bulk page for the actor: an unknown checklist, criterion or unit is "not found". */
export function openBulk(ctx: Ctx, actor: Actor, a: BulkAddress, mode: AccessMode): OpenedBulk {
  const inspection = openInspection(ctx, actor, a.inspectionId, mode);
  const wanted = a.checklistId || (inspection.checklists.at(0)?.id ?? '');
  const ref = inspection.checklists.find((c) => c.id === wanted);
  const checklist = ref ? checklistVersion(ctx.catalogue, ref) : undefined;
  if (!checklist) throw notFound('Deze checklist hoort niet bij dit onderzoek');
  const keyOf = (criterion: string, unit: string): CellKey => ({ inspectionId: inspection.id, checklist: checklist.id, criterion, unit });
  if (a.axis.kind === 'unit') {
    const unit = a.axis.unit;
    if (!inspection.units.includes(unit)) throw notFound('Deze eenheid hoort niet bij dit onderzoek');
    const groups = new Map(checklist.groups.map((g) => [g.id, `${g.number}. ${g.title}`]));
    return {
      inspection, checklist, axis: a.axis,
      subject: `${unit} · ${unitNameOf(ctx.catalogue, inspection, unit)}`,
      subjectText: '',
      subjectSubpoints: [],
      rows: allCriteria(checklist).map((cr) => ({
        key: cr.id, cell: keyOf(cr.id, unit), label: `${checklist.shortTitle} ${cr.number}`, text: cr.text, group: groups.get(cr.groupId) ?? '',
      })),
    };
  }
  const criterion = findCriterion(checklist, a.axis.criterionId);
  if (!criterion) throw notFound('Dit criterium bestaat niet');
  return {
    inspection, checklist, axis: a.axis,
    subject: `${checklist.shortTitle} ${criterion.number}`,
    subjectText: criterion.text,
    subjectSubpoints: criterion.subpoints ?? [],
    rows: inspection.units.map((unit) => ({ key: unit, cell: keyOf(criterion.id, unit), label: unit, text: unitNameOf(ctx.catalogue, inspection, unit), group: '' })),
  };
}

/** The stored cells of the page's rows, by row key, from the (cached) snapshot. */
function storedCells(ctx: Ctx, b: OpenedBulk): Map<string, VerdictRecord> {
  const snapshot = loadSnapshot(ctx.db, b.inspection.id);
  const byCell = new Map(
    snapshot.verdicts.filter((v) => v.checklist === b.checklist.id).map((v) => [`${v.criterion}\u0000${v.unit}`, v]),
  );
  const out = new Map<string, VerdictRecord>();
  for (const r of b.rows) {
    const v = byCell.get(`${r.cell.criterion}\u0000${r.cell.unit}`);
    if (v) out.set(r.key, v);
  }
  return out;
}

/**
 * A short fingerprint of a row's values as the page showed them. Sent back with the row, it tells
 * a row the user left alone from one they changed, so a row only someone else changed since is
 * neither a conflict nor saved back over their version.
 */
export function shownAs(v: VerdictInput): string {
  return crypto.createHash('sha256').update(JSON.stringify([v.verdict, v.motivation, v.workflow])).digest('hex').slice(0, 16);
}

/** Everything a bulk page shows: per row its stored cell and the link to the cell page. */
export function bulkView(ctx: Ctx, actor: Actor, b: OpenedBulk) {
  const cells = storedCells(ctx, b);
  const snapshot = loadSnapshot(ctx.db, b.inspection.id);
  const reviewOf = showsReview(snapshot) ? reviewMarks(snapshot) : null;
  return {
    ...b,
    ...rightsOn(actor, b.inspection),
    rows: b.rows.flatMap((r) => {
      const cell = cells.get(r.key);
      const review = reviewOf ? reviewMark(reviewOf(r.cell.checklist, r.cell.criterion, r.cell.unit)) : null;
      return cell ? [{ ...r, stored: cell, shown: shownAs(cell), href: url.cell(r.cell.inspectionId, r.cell.checklist, r.cell.criterion, r.cell.unit), review }] : [];
    }),
  };
}
export type BulkView = ReturnType<typeof bulkView>;

export type RowOutcome =
  | { kind: 'saved' }
  | { kind: 'unchanged' }
  /** Someone else saved the row since the user's version; `current` is theirs. */
  | { kind: 'conflict'; current: VerdictRecord };

export interface BulkChange extends VerdictChange {
  /** shownAs() of the values the page showed, when the page sent it. */
  shown?: string;
}

const sameAs = (stored: VerdictRecord, change: VerdictChange) =>
  stored.verdict === change.verdict && stored.motivation === change.motivation && stored.workflow === change.workflow;

/**
 * Save the (already validated) rows of a bulk page. A row the user left as shown, or equal to what
 * is stored, is left alone, so it writes no change-log entry; every other row is saved in its own
 * transaction.
 */
export function saveBulk(ctx: Ctx, actor: Actor, b: OpenedBulk, changes: ReadonlyMap<string, BulkChange>): Map<string, RowOutcome> {
  const cells = storedCells(ctx, b);
  const outcomes = new Map<string, RowOutcome>();
  for (const r of b.rows) {
    const change = changes.get(r.key);
    const stored = cells.get(r.key);
    if (!change || !stored) continue;
    const { version, shown, ...input } = change;
    if (shown === shownAs(input) || sameAs(stored, change)) {
      outcomes.set(r.key, { kind: 'unchanged' });
      continue;
    }
    try {
      saveVerdict(ctx.db, actor.email, r.cell, version, input);
      outcomes.set(r.key, { kind: 'saved' });
    } catch (e) {
      if (!(e instanceof StaleVersionError)) throw e;
      outcomes.set(r.key, { kind: 'conflict', current: e.current as VerdictRecord });
    }
  }
  return outcomes;
}
