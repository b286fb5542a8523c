// How a stored verdict or a roll-up becomes one side of a change, and the direction between two
// sides. Every point of the alignment is read through these, so a comparison and a trend show the
// same label, rank, words and direction.
import { allCriteria, Checklist, NOT_ASSESSED, rankOf, verdictLabel } from '../checklist';
import type { InspectionSnapshot } from '../inspection';
import { combine, Rolled } from '../rollup';
import type { Side } from './types';
import { direction, Direction } from './vocabulary';

export type VerdictLookup = (checklist: string, criterion: string, unit: string) => { verdict: string; motivation: string };

/** A cell without a stored verdict reads as not assessed. */
export function lookup(s: InspectionSnapshot): VerdictLookup {
  const byKey = new Map(s.verdicts.map((v) => [`${v.checklist}/${v.criterion}/${v.unit}`, v]));
  return (checklist, criterion, unit) => {
    const v = byKey.get(`${checklist}/${criterion}/${unit}`);
    return v ? { verdict: v.verdict, motivation: v.motivation } : { verdict: NOT_ASSESSED, motivation: '' };
  };
}

/** `absent`: the unit was not part of that inspection, which counts as not assessed there. */
function side(checklist: Checklist, code: string, motivation: string, absent: boolean, provisional?: boolean): Side {
  return {
    code,
    label: absent ? 'Niet onderzocht' : verdictLabel(checklist.scale, code),
    rank: absent ? null : rankOf(checklist.scale, code),
    motivation,
    ...(provisional === undefined ? {} : { provisional }),
    ...(absent ? { absent } : {}),
  };
}

/**
 * The verdict of a criterion read from the criteria it descends from: one source as it stands;
 * several (a merge) combined with combine(), their motivations kept side by side under their numbers.
 */
export function sourceVerdict(checklist: Checklist, get: VerdictLookup, sources: string[], unit: string, absent: boolean): Side {
  const parts = sources.map((id) => ({ id, ...get(checklist.id, id, unit) }));
  if (parts.length === 1) return side(checklist, parts[0].verdict, parts[0].motivation, absent);
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
