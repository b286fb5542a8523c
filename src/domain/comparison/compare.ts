// Comparing two inspections: per criterion × unit the earlier and later verdict and the direction
// of change, the same per toezegging (per unit and nationally), what became of the earlier
// recommendations, and the complaint statistics over time. Pure: snapshots and the catalogue in,
// a plain result out. Screens, exports and the CLI show it.
//
// A comparison is the alignment (align.ts) of two points, read as changes. A criterion without an
// earlier or later counterpart (added, dropped, not in the mapping, or its whole checklist used on
// one side only) is a row of "niet vergelijkbaar" cells, so a reader sees the whole yardstick.
// Two inspections without a shared (or mapped) checklist are refused, not shown as empty.
import type { Catalogue } from '../checklist';
import type { InspectionSnapshot } from '../inspection';
import { invalid } from '../../errors';
import { align, criterionRef, head } from './align';
import { followupSource, recommendationOutcomes } from './recommendations';
import { directionBetween } from './sides';
import { headlineOf, progressOf } from './progress';
import { mergeStatistics } from './statistics';
import type { AlignedChecklist, AlignedRow, CellChange, Change, ChecklistComparison, Comparison, Counts, CriterionRow, GroupRow, RowRelation, Side } from './types';
import { DIRECTIONS } from './vocabulary';

function tally(changes: Array<{ direction: Change['direction'] }>): Counts {
  const counts = Object.fromEntries(DIRECTIONS.map((d) => [d, 0])) as Counts;
  for (const c of changes) counts[c.direction]++;
  return counts;
}

function change(sides: Array<Side | null>): Change {
  const [earlier, later] = sides;
  return { earlier, later, direction: directionBetween(earlier, later) };
}

function cellChanges(cells: Array<{ unit: string; sides: Array<Side | null> }>): CellChange[] {
  return cells.map((c) => ({ unit: c.unit, ...change(c.sides) }));
}

function relationOf(row: AlignedRow, c: AlignedChecklist): RowRelation {
  const [earlier, later] = c.lineages;
  if (row.vanished) return row.vanished;
  if (!later) return 'only_earlier';
  if (!earlier) return 'only_later';
  return earlier.relation.get(row.criterion.id) ?? 'unmapped';
}

function checklistComparison(c: AlignedChecklist): ChecklistComparison {
  const [earlier, later] = c.lineages;
  const rows: CriterionRow[] = c.rows.map((r) => {
    const cells = cellChanges(r.cells);
    return {
      key: r.key,
      group: r.group,
      earlierCriteria: r.vanished ? [r.criterion] : earlier ? (earlier.sources.get(r.criterion.id) ?? []).map((id) => criterionRef(earlier.from, id)) : [],
      laterCriterion: r.vanished || !later ? null : r.criterion,
      relation: relationOf(r, c),
      cells,
      counts: tally(cells),
    };
  });
  const groups: GroupRow[] = c.groups.map((g) => {
    const units = cellChanges(g.units);
    return {
      group: g.group,
      comparable: g.national.every((s) => s !== null),
      units,
      national: change(g.national),
      counts: tally(units),
      criterionCounts: tally(rows.filter((r) => r.group.id === g.group.id).flatMap((r) => r.cells)),
    };
  });
  return {
    earlier: earlier?.from ?? null,
    later: later ? c.target : null,
    mappings: earlier?.path ?? [],
    rows,
    groups,
    counts: tally(rows.flatMap((r) => r.cells)),
    unitGroupCounts: tally(groups.flatMap((g) => g.units)),
    nationalCounts: tally(groups.map((g) => g.national)),
  };
}

/** Paired checklists first, then those of the earlier inspection only, then of the later only. */
function pairingOrder(c: AlignedChecklist): number {
  const [earlier, later] = c.lineages;
  return earlier && later ? 0 : earlier ? 1 : 2;
}

/**
 * `between`: when the later inspection is not the direct follow-up of the earlier one, the
 * inspection that is (its follow-ups say what became of the earlier recommendations).
 */
export function compareInspections(
  catalogue: Catalogue,
  earlier: InspectionSnapshot,
  later: InspectionSnapshot,
  between?: InspectionSnapshot,
  options: { reordered?: boolean } = {},
): Comparison {
  if (earlier.id === later.id) throw invalid('Kies twee verschillende onderzoeken om te vergelijken.');
  const aligned = align(catalogue, [earlier, later]);
  if (!aligned.checklists.some((c) => pairingOrder(c) === 0)) {
    throw invalid(
      `‘${earlier.title}’ (${earlier.year}) en ‘${later.title}’ (${later.year}) zijn niet te vergelijken: ze hebben geen toetsingskader gemeen en er is geen koppeling (mapping) tussen hun kaders. Kies twee onderzoeken met hetzelfde kader, of leg een koppeling vast in criteria/mappings/.`,
    );
  }
  const checklists = [...aligned.checklists].sort((a, b) => pairingOrder(a) - pairingOrder(b)).map(checklistComparison);
  const source = followupSource(earlier, later, between);
  return {
    earlier: head(earlier),
    later: head(later),
    units: aligned.units,
    checklists,
    counts: tally(checklists.flatMap((c) => c.rows.flatMap((r) => r.cells))),
    followupsRecorded: source !== null,
    followupsIn: source ? head(source) : null,
    recommendations: recommendationOutcomes(catalogue, earlier, source),
    statistics: mergeStatistics([earlier, later]),
    headline: headlineOf({ checklists }),
    progress: progressOf({ checklists, units: aligned.units }),
    reordered: options.reordered ?? false,
    figures: { earlier: earlier.statistics, later: later.statistics },
  };
}

/** What orders two inspections in time: the year, then the start of fieldwork, then the chain of follow-ups. */
export interface Dated {
  id: number;
  year: number;
  predecessorId: number | null;
  fieldworkStart?: string | null;
}

/** True when `a` comes after `b`: a pair given as (a, b) is then in reverse order. */
export function isAfter(a: Dated, b: Dated): boolean {
  if (a.year !== b.year) return a.year > b.year;
  if (a.predecessorId === b.id) return true;
  if (b.predecessorId === a.id) return false;
  return Boolean(a.fieldworkStart && b.fieldworkStart && a.fieldworkStart > b.fieldworkStart);
}
