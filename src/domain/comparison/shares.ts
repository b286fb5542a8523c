// The progress measure beside the strict verdict: of the cells an inspection assessed, the share
// kept (nagekomen) and the share kept at least in part (nagekomen or ten dele). A toezegging's
// strict roll-up can stay "ten dele" while most of its criteria move up; this share shows that.
// One computation for the comparison and the trend, over any list of sides.
import type { Side } from './types';

export interface Share {
  /** Cells with a verdict on the scale (not "niet beoordeeld", not a unit outside the inspection). */
  assessed: number;
  /** Of those, kept (rank positive). */
  kept: number;
  /** Of those, kept or kept in part (rank positive or partial). */
  keptOrPartial: number;
}

/** The share over the given sides; a missing side (no counterpart) is not a cell of this inspection. */
export function shareOf(sides: ReadonlyArray<Side | null | undefined>): Share {
  let assessed = 0;
  let kept = 0;
  let keptOrPartial = 0;
  for (const s of sides) {
    if (!s || s.absent || s.rank === null) continue;
    assessed++;
    if (s.rank === 'positive') kept++;
    if (s.rank === 'positive' || s.rank === 'partial') keptOrPartial++;
  }
  return { assessed, kept, keptOrPartial };
}

/** A share as a fraction 0..1, or null when nothing was assessed (no share, rather than 0 %). */
export function fraction(part: number, share: Share): number | null {
  return share.assessed === 0 ? null : part / share.assessed;
}
