// The matrix: units × criteria of one checklist, grouped by toezegging, with the roll-ups from
// inspectionStatus(). One snapshot read and one status computation per request; the table model is
// flat so its template stays a simple loop even at 100 units × 60 criteria.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { Checklist, NOT_ASSESSED } from '../domain/checklist';
import type { InspectionSnapshot, InspectionSummary } from '../domain/inspection';
import type { Rolled, RollUp } from '../domain/rollup';
import { inspectionStatus } from '../domain/status';
import { WORKFLOW, WORKFLOW_LABELS } from '../domain/vocabulary';
import { unitNameOf } from '../domain/units';
import { must } from '../errors';
import { count, CRITERIA, legend, rolledView, SOURCES, UNITS, url, verdictView, WORKFLOW_GLYPHS } from '../present';
import { loadSnapshot } from '../store/inspections.store';
import { rightsOn } from './inspection-access';
import { cellNoteKey, openNoteCounts } from '../domain/review-notes';
import { openNotesText } from '../present/review-notes';
import { reviewMarks, showsReview } from './review';
import { reviewMark } from '../present/review';

export interface MatrixChecklist {
  checklist: Checklist;
  rollup: RollUp;
}

export interface OpenedMatrix {
  inspection: InspectionSummary;
  snapshot: InspectionSnapshot;
  canEdit: boolean;
  checklists: Checklist[];
  /** The checklist asked for, else the first; none when the inspection has no checklist. */
  entry: MatrixChecklist | undefined;
}

/** The matrix of an (opened) inspection for one of its checklists. */
export function openMatrix(ctx: Ctx, actor: Actor, inspection: InspectionSummary, checklistId: string): OpenedMatrix {
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const status = inspectionStatus(snapshot, ctx.catalogue);
  return {
    inspection,
    snapshot,
    canEdit: rightsOn(actor, inspection).canEdit,
    checklists: status.rollups.map((r) => r.checklist),
    entry: status.rollups.find((r) => r.checklist.id === checklistId) ?? status.rollups[0],
  };
}

/** The values each filter may take (besides '' for "all"). */
export function filterChoices(snapshot: InspectionSnapshot, checklist: Checklist) {
  return {
    eenheid: snapshot.units,
    groep: checklist.groups.map((g) => g.id),
    oordeel: [NOT_ASSESSED, ...checklist.scale.levels.map((l) => l.code)],
    status: [...WORKFLOW],
  };
}

export type MatrixFilters = Record<keyof ReturnType<typeof filterChoices>, string>;

export const NO_FILTERS: MatrixFilters = { eenheid: '', groep: '', oordeel: '', status: '' };

/** What the page shows around the table: the legend of the verdicts and of the workflow marks. */
export function matrixLegend(checklist: Checklist) {
  return {
    legend: legend(checklist),
    workflowGlyphs: WORKFLOW.filter((w) => WORKFLOW_GLYPHS[w]).map((w) => ({ glyph: WORKFLOW_GLYPHS[w], label: WORKFLOW_LABELS[w] })),
  };
}

/** A rolled verdict of a roll-up: the domain computes one for every unit, group and criterion, so a missing one means the data disagree. */
export function rolledAt(rolled: Map<string, Rolled> | undefined, key: string): Rolled {
  return must(rolled?.get(key), `het samengevatte oordeel over ${key}`);
}

/** The table: per group its criteria and national roll-ups, per unit its cells and group roll-ups. */
export function matrixTable(ctx: Ctx, snapshot: InspectionSnapshot, entry: MatrixChecklist, filters: MatrixFilters) {
  const { checklist, rollup } = entry;
  const groups = checklist.groups
    .filter((g) => !filters.groep || g.id === filters.groep)
    .map((g) => ({
      id: g.id, number: g.number, title: g.title, kind: g.kind,
      national: rolledView(checklist, rolledAt(rollup.nationalGroup, g.id), UNITS),
      criteria: g.criteria.map((cr) => ({ id: cr.id, number: cr.number, text: cr.text, bulkHref: url.criterionVerdicts(snapshot.id, checklist.id, cr.id), national: rolledView(checklist, rolledAt(rollup.nationalCriterion, cr.id), UNITS) })),
    }));

  const cells = new Map(snapshot.verdicts.filter((v) => v.checklist === checklist.id).map((v) => [`${v.unit}\u0000${v.criterion}`, v]));
  const cellFilter = Boolean(filters.oordeel || filters.status);
  const openNotes = openNoteCounts(snapshot.notes);
  const reviewOf = showsReview(snapshot) ? reviewMarks(snapshot) : null;
  const rows = snapshot.units
    .filter((u) => !filters.eenheid || u === filters.eenheid)
    .map((unit) => {
      let matches = 0;
      const perGroup = groups.map((g) => ({
        rollup: rolledView(checklist, rolledAt(rollup.unitGroup.get(unit), g.id), CRITERIA),
        cells: g.criteria.map((cr) => {
          const c = cells.get(`${unit}\u0000${cr.id}`);
          const verdict = c?.verdict ?? NOT_ASSESSED;
          const workflow = c?.workflow ?? 'te_doen';
          const evidence = c ? c.links.length : 0;
          const match = (!filters.oordeel || verdict === filters.oordeel) && (!filters.status || workflow === filters.status);
          if (match) matches++;
          const v = verdictView(checklist, verdict);
          const notes = openNotes.get(`cell:${cellNoteKey(checklist.id, cr.id, unit)}`) ?? 0;
          const review = reviewOf ? reviewMark(reviewOf(checklist.id, cr.id, unit)) : null;
          return {
            href: url.cell(snapshot.id, checklist.id, cr.id, unit),
            abbr: v.abbr,
            cls: v.cls + (cellFilter && !match ? ' dim' : ''),
            glyph: WORKFLOW_GLYPHS[workflow],
            evidence: evidence > 0,
            label: `${checklist.shortTitle} ${cr.number}, ${unit}: ${v.label}; ${WORKFLOW_LABELS[workflow].toLowerCase()}; ${count(evidence, SOURCES)}${notes > 0 ? `; ${openNotesText(notes)}` : ''}${review ? `; ${review.label}` : ''}`,
            notes,
            review,
          };
        }),
      }));
      return { unit, name: unitNameOf(ctx.catalogue, snapshot, unit), bulkHref: url.unitVerdicts(snapshot.id, unit, checklist.id), groups: perGroup, matches };
    })
    .filter((r) => !cellFilter || r.matches > 0);

  return { checklist, groups, rows, totalUnits: snapshot.units.length };
}
