// The progress measure beside the strict verdict, and the headline counts of a comparison.
//
// A toezegging is "nagekomen" only where every criterion is kept at every unit (rollup.ts), so
// its strict verdict can stay "ten dele" while most criteria improved. The share of assessed
// criterion cells that are kept (and kept or partly kept), earlier and later, shows that
// progress. Counted by shareOf (shares.ts, shared with the trend), laid out here per toezegging and
// unit once: the page, the PDF, the Word file and the summary read it.
//
// The headline counts only what both inspections assessed: a checklist used on one side only
// (the ombudsman points exist only in 2022) is counted apart, so its cells do not show as
// "niet vergelijkbaar" next to the real changes.
import { fraction, shareOf, type Share } from './shares';
import type { CellChange, ChecklistComparison, Comparison, Counts, GroupRef } from './types';
import { DIRECTIONS } from './vocabulary';

export interface SideShares {
  earlier: Share;
  later: Share;
}

export interface UnitProgress extends SideShares {
  unit: string;
}

export interface GroupProgress extends SideShares {
  group: GroupRef;
  units: UnitProgress[];
}

export interface ChecklistProgress {
  checklistId: string;
  groups: GroupProgress[];
}

export interface HeadlineApart {
  checklistId: string;
  /** The checklist's short title, as its section on the page is headed. */
  title: string;
  /** The inspection that used it. */
  only: 'earlier' | 'later';
  /** Its assessed cells on that side. */
  assessed: number;
}

export interface Headline {
  /** Directions of the cells of the checklists both inspections used. */
  counts: Counts;
  /** How many cells those are. */
  cells: number;
  apart: HeadlineApart[];
}

function sharesOf(cells: CellChange[]): SideShares {
  return { earlier: shareOf(cells.map((c) => c.earlier)), later: shareOf(cells.map((c) => c.later)) };
}

/** The share kept as a fraction, null with nothing assessed. */
export function keptShare(s: Share): number | null {
  return fraction(s.kept, s);
}

/** The share kept or partly kept as a fraction, null with nothing assessed. */
export function keptOrPartlyShare(s: Share): number | null {
  return fraction(s.keptOrPartial, s);
}

/**
 * Per toezegging, nationally and per unit, the shares over the criterion cells of the comparison.
 * A split criterion carries its earlier verdict into each part, so there the earlier side counts
 * that verdict once per part: the cells are those of the later checklist's yardstick.
 */
export function checklistProgress(c: ChecklistComparison, units: string[]): ChecklistProgress {
  const checklistId = (c.later ?? c.earlier)?.id ?? '';
  return {
    checklistId,
    groups: c.groups.map((g) => {
      const rows = c.rows.filter((r) => r.group.id === g.group.id);
      return {
        group: g.group,
        ...sharesOf(rows.flatMap((r) => r.cells)),
        units: units.map((unit) => ({ unit, ...sharesOf(rows.flatMap((r) => r.cells.filter((x) => x.unit === unit))) })),
      };
    }),
  };
}

export function progressOf(cmp: Pick<Comparison, 'checklists' | 'units'>): ChecklistProgress[] {
  return cmp.checklists.map((c) => checklistProgress(c, cmp.units));
}

export function headlineOf(cmp: Pick<Comparison, 'checklists'>): Headline {
  const counts = Object.fromEntries(DIRECTIONS.map((d) => [d, 0])) as Counts;
  let cells = 0;
  const apart: HeadlineApart[] = [];
  for (const c of cmp.checklists) {
    if (c.earlier && c.later) {
      for (const d of DIRECTIONS) counts[d] += c.counts[d];
      cells += c.rows.reduce((n, r) => n + r.cells.length, 0);
      continue;
    }
    const only = c.earlier ? 'earlier' : 'later';
    const checklist = c.earlier ?? c.later;
    if (!checklist) continue;
    const assessed = c.rows.flatMap((r) => r.cells).filter((x) => (only === 'earlier' ? x.earlier : x.later)?.rank != null).length;
    apart.push({ checklistId: checklist.id, title: checklist.shortTitle, only, assessed });
  }
  return { counts, cells, apart };
}
