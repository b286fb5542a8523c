// The roll-up rules: criteria → toezegging per unit, units → national verdict per criterion and
// per toezegging. Pure functions: the one place a rolled-up verdict is computed. Screens, reports,
// exports and the CLI all show what these return.
import {
  Checklist,
  NOT_ASSESSED,
  codeOfRank,
  rankOf,
} from './checklist';
import { must } from '../errors';
import { NATIONAL } from './vocabulary';

/** How many of the combined verdicts fell in each rank. */
export interface Tally {
  positive: number;
  partial: number;
  negative: number;
  notAssessed: number;
  total: number;
}

export interface Rolled {
  /** What the rule gives. */
  computed: string;
  /** What stands: the override when there is one, otherwise the computed verdict. */
  final: string;
  override: { verdict: string; motivation: string } | null;
  tally: Tally;
  /** False while some of the combined verdicts are not assessed: the result is provisional. */
  complete: boolean;
}

export interface CellVerdict {
  unit: string;
  criterion: string;
  verdict: string;
}

export interface Override {
  scope: string; // unit code, or NATIONAL
  group: string;
  verdict: string;
  motivation: string;
}

export interface RollUp {
  checklistId: string;
  units: string[];
  /** unit → group → rolled verdict */
  unitGroup: Map<string, Map<string, Rolled>>;
  /** criterion → rolled verdict over the units */
  nationalCriterion: Map<string, Rolled>;
  /** group → rolled verdict over the units' group verdicts */
  nationalGroup: Map<string, Rolled>;
}

export function emptyTally(): Tally {
  return { positive: 0, partial: 0, negative: 0, notAssessed: 0, total: 0 };
}

/**
 * Combine verdicts on one scale. The rule, from the inspectorate's reasoning: a commitment is
 * kept (positive) only where every assessed part is kept, not kept (negative) only where no
 * assessed part is kept, and partly kept otherwise. Parts not yet assessed do not count for the
 * verdict, but make it provisional; with nothing assessed the result is "niet beoordeeld".
 */
export function combine(checklist: Checklist, verdicts: string[]): { verdict: string; tally: Tally } {
  const tally = emptyTally();
  for (const v of verdicts) {
    tally.total++;
    const rank = rankOf(checklist.scale, v);
    if (rank === null) tally.notAssessed++;
    else tally[rank]++;
  }
  const assessed = tally.total - tally.notAssessed;
  let verdict: string;
  if (assessed === 0) verdict = NOT_ASSESSED;
  else if (tally.positive === assessed) verdict = codeOfRank(checklist.scale, 'positive');
  else if (tally.negative === assessed) verdict = codeOfRank(checklist.scale, 'negative');
  else verdict = codeOfRank(checklist.scale, 'partial');
  return { verdict, tally };
}

function rolled(checklist: Checklist, verdicts: string[], override: Override | undefined): Rolled {
  const { verdict, tally } = combine(checklist, verdicts);
  return {
    computed: verdict,
    final: override ? override.verdict : verdict,
    override: override ? { verdict: override.verdict, motivation: override.motivation } : null,
    tally,
    complete: tally.notAssessed === 0,
  };
}

/**
 * Roll up one checklist of one inspection. Cells missing from `cells` count as not assessed, so
 * a fresh inspection rolls up to "niet beoordeeld" everywhere rather than failing.
 */
export function rollUp(checklist: Checklist, units: string[], cells: CellVerdict[], overrides: Override[]): RollUp {
  // By unit, then criterion: no key string built per cell (a trend rolls up 25 inspections of 6,000 cells).
  const byCell = new Map<string, Map<string, string>>();
  for (const c of cells) {
    let byCriterion = byCell.get(c.unit);
    if (!byCriterion) byCell.set(c.unit, (byCriterion = new Map<string, string>()));
    byCriterion.set(c.criterion, c.verdict);
  }
  const get = (unit: string, criterion: string) => byCell.get(unit)?.get(criterion) ?? NOT_ASSESSED;
  const overrideOf = (scope: string, group: string) => overrides.find((o) => o.scope === scope && o.group === group);

  const unitGroup = new Map<string, Map<string, Rolled>>();
  for (const unit of units) {
    const perGroup = new Map<string, Rolled>();
    const ofUnit = byCell.get(unit);
    for (const g of checklist.groups) {
      perGroup.set(g.id, rolled(checklist, g.criteria.map((cr) => ofUnit?.get(cr.id) ?? NOT_ASSESSED), overrideOf(unit, g.id)));
    }
    unitGroup.set(unit, perGroup);
  }

  const nationalCriterion = new Map<string, Rolled>();
  for (const g of checklist.groups) {
    for (const cr of g.criteria) {
      nationalCriterion.set(cr.id, rolled(checklist, units.map((u) => get(u, cr.id)), undefined));
    }
  }

  const nationalGroup = new Map<string, Rolled>();
  for (const g of checklist.groups) {
    const ofUnits = units.map((u) => must(unitGroup.get(u)?.get(g.id), `het oordeel van ${u} over ${g.id}`));
    const r = rolled(checklist, ofUnits.map((o) => o.final), overrideOf(NATIONAL, g.id));
    // A unit verdict that is itself provisional keeps the national one provisional.
    r.complete = r.complete && ofUnits.every((o) => o.complete);
    nationalGroup.set(g.id, r);
  }

  return { checklistId: checklist.id, units, unitGroup, nationalCriterion, nationalGroup };
}
