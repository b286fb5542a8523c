// How a stored verdict or a roll-up becomes one side of a change, and the direction between two
// sides. Every point of the alignment is read through these, so a comparison and a trend show the
// same label, rank, words and direction.
import { allCriteria, Checklist, NOT_ASSESSED, rankOf, verdictLabel } from '../checklist';
import type { InspectionSnapshot } from '../inspection';
import { combine, Rolled } from '../rollup';
import type { Side } from './types';
import { direction, Direction } from './vocabulary';

export type VerdictLookup = (checklist: string, criterion: string, unit: string) => Readonly<{ verdict: string; motivation: string }>;

const NO_VERDICT: { verdict: string; motivation: string } = Object.freeze({ verdict: NOT_ASSESSED, motivation: '' });

/**
 * A cell without a stored verdict reads as not assessed. Keyed in three levels rather than by one
 * joined string: a trend over 25 large inspections looks up 150,000 cells, and a string built per
 * lookup (hashed afresh each time) was most of its cost. The result is the stored record itself,
 * read-only: read its two fields, never spread it (it carries the record's id and the rest).
 */
export function lookup(s: InspectionSnapshot): VerdictLookup {
  const byChecklist = new Map<string, Map<string, Map<string, Readonly<{ verdict: string; motivation: string }>>>>();
  for (const v of s.verdicts) {
    let byCriterion = byChecklist.get(v.checklist);
    if (!byCriterion) byChecklist.set(v.checklist, (byCriterion = new Map<string, Map<string, Readonly<{ verdict: string; motivation: string }>>>()));
    let byUnit = byCriterion.get(v.criterion);
    if (!byUnit) byCriterion.set(v.criterion, (byUnit = new Map<string, Readonly<{ verdict: string; motivation: string }>>()));
    // A later duplicate wins, as it did in one Map of joined keys.
    byUnit.set(v.unit, v);
  }
  return (checklist, criterion, unit) => byChecklist.get(checklist)?.get(criterion)?.get(unit) ?? NO_VERDICT;
}

/**
 * Sides without a motivation, one frozen object per checklist, code, absence and provisional
 * flag: a trend over 25 large inspections has 150,000 points and almost all of them are one of
 * a handful of sides. Shared rather than made anew, they cost no memory or collection time.
 */
const sharedSides = new WeakMap<Checklist, Map<string, Array<Side | undefined>>>();

/** `absent`: the unit was not part of that inspection, which counts as not assessed there. */
function side(checklist: Checklist, code: string, motivation: string, absent: boolean, provisional?: boolean): Side {
  if (motivation !== '') return newSide(checklist, code, motivation, absent, provisional);
  let byCode = sharedSides.get(checklist);
  if (!byCode) sharedSides.set(checklist, (byCode = new Map<string, Array<Side | undefined>>()));
  let variants = byCode.get(code);
  if (!variants) byCode.set(code, (variants = []));
  const at = (absent ? 3 : 0) + (provisional === undefined ? 0 : provisional ? 2 : 1);
  return (variants[at] ??= Object.freeze(newSide(checklist, code, motivation, absent, provisional)));
}

function newSide(checklist: Checklist, code: string, motivation: string, absent: boolean, provisional?: boolean): Side {
  const s: Side = {
    code,
    label: absent ? 'Niet onderzocht' : verdictLabel(checklist.scale, code),
    rank: absent ? null : rankOf(checklist.scale, code),
    motivation,
  };
  // Set in this order, the keys come out as they always did (JSON exports keep their shape).
  if (provisional !== undefined) s.provisional = provisional;
  if (absent) s.absent = absent;
  return s;
}

/**
 * The verdict of a criterion read from the criteria it descends from: one source as it stands;
 * several (a merge) combined with combine(), their motivations kept side by side under their numbers.
 */
export function sourceVerdict(checklist: Checklist, get: VerdictLookup, sources: string[], unit: string, absent: boolean): Side {
  if (sources.length === 1) {
    const only = get(checklist.id, sources[0], unit);
    return side(checklist, only.verdict, only.motivation, absent);
  }
  const parts = sources.map((id) => {
    const { verdict, motivation } = get(checklist.id, id, unit);
    return { id, verdict, motivation };
  });
  const number = (id: string) => allCriteria(checklist).find((c) => c.id === id)?.number ?? id;
  const motivation = parts
    .filter((p) => p.motivation.trim() !== '')
    .map((p) => `Criterium ${number(p.id)} (${verdictLabel(checklist.scale, p.verdict).toLowerCase()}): ${p.motivation}`)
    .join('\n\n');
  return side(checklist, combine(checklist, parts.map((p) => p.verdict)).verdict, motivation, absent);
}

export function rolledSide(checklist: Checklist, r: Rolled | undefined, absent: boolean): Side {
  if (!r) return side(checklist, NOT_ASSESSED, '', absent);
  return side(checklist, r.final, r.override?.motivation ?? '', absent, !r.complete);
}

/** The direction between two points of an alignment; a missing side (no counterpart) compares with nothing. */
export function directionBetween(earlier: Side | null, later: Side | null): Direction {
  return earlier === null || later === null ? 'niet_vergelijkbaar' : direction(earlier.rank, later.rank);
}
