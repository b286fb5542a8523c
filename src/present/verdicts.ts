// Verdicts as people see them, on screen and in print: label, abbreviation, colour class and
// legend. Screens (`h`) and reports (`r`, report models) all take them from here, so a verdict
// never looks different in a PDF than on the matrix page.
import { Checklist, codeOfRank, NOT_ASSESSED, NOT_ASSESSED_LABEL, Rank, rankOf, Scale, verdictLabel } from '../domain/checklist';
import type { Rolled, Tally } from '../domain/rollup';
import { describeTally, Noun } from './words';

export type VerdictClass = 'v-positive' | 'v-partial' | 'v-negative' | 'v-none';

export interface VerdictView {
  code: string;
  label: string;
  /** Short form for dense tables, e.g. "Tdn" for "Ten dele nagekomen"; explained in a legend. */
  abbr: string;
  /** CSS class: colour always travels with the label or abbreviation. */
  cls: VerdictClass;
}

/** Shown for a cell nobody has judged yet. */
export const NOT_ASSESSED_ABBR = '–';

/**
 * The abbreviation rule, as the legends state it. Unit codes (criteria/units.yaml, unitSchema)
 * are two or more capitals or digits, so an abbreviation of one capital followed only by small
 * letters can never be read as a unit: "Tdn" and "Nn" sit next to NN (Noord-Nederland) without
 * being mistaken for it, whatever the catalogue holds.
 */
export const ABBREVIATION_RULE = 'Afkortingen: de beginletters van het oordeel, alleen de eerste als hoofdletter (eenheidscodes staan geheel in hoofdletters).';

function initials(label: string, letters: number): string {
  const words = label.match(/\p{L}+/gu) ?? [label];
  const s = words.map((w) => w.slice(0, letters)).join('');
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}

const byScale = new WeakMap<Scale, Map<string, string>>();

/**
 * The abbreviation of every level of a scale. Checklists are data, so the rule works on the
 * labels: the first letter of each word ("Ten dele nagekomen" → "Tdn", "Deels opgevolgd" → "Do").
 * Should two levels of one scale come out the same, every level takes one letter more per word
 * until they differ; levels whose labels are identical fall back to their (unique) codes.
 */
export function scaleAbbreviations(scale: Scale): Map<string, string> {
  const known = byScale.get(scale);
  if (known) return known;
  const longest = Math.max(...scale.levels.map((l) => l.label.length));
  let found: Map<string, string> | null = null;
  for (let letters = 1; letters <= longest && !found; letters++) {
    const abbrs = scale.levels.map((l) => initials(l.label, letters));
    if (new Set(abbrs).size === abbrs.length) found = new Map(scale.levels.map((l, i) => [l.code, abbrs[i]]));
  }
  const result = found ?? new Map(scale.levels.map((l) => [l.code, l.code]));
  byScale.set(scale, result);
  return result;
}

export function rankClass(rank: Rank | null | undefined): VerdictClass {
  return rank ? `v-${rank}` : 'v-none';
}

/** A verdict code of a scale in every form a template needs; an unknown code shows as itself. */
export function verdictView(of: { scale: Scale }, code: string): VerdictView {
  if (code === NOT_ASSESSED) return { code, label: NOT_ASSESSED_LABEL, abbr: NOT_ASSESSED_ABBR, cls: 'v-none' };
  return { code, label: verdictLabel(of.scale, code), abbr: scaleAbbreviations(of.scale).get(code) ?? code, cls: rankClass(rankOf(of.scale, code)) };
}

/** The legend of a scale: every level and "niet beoordeeld", in the order of the scale. */
export function legend(of: { scale: Scale }): VerdictView[] {
  return [...of.scale.levels.map((l) => verdictView(of, l.code)), verdictView(of, NOT_ASSESSED)];
}

/** "3 N · 1 Tdn · 2 –": the counts behind a roll-up, short enough for a table cell. */
export function compactTally(scale: Scale, tally: Tally): string {
  const parts: string[] = [];
  for (const rank of ['positive', 'partial', 'negative'] as const) {
    if (tally[rank] > 0) parts.push(`${tally[rank]} ${scaleAbbreviations(scale).get(codeOfRank(scale, rank))}`);
  }
  if (tally.notAssessed > 0) parts.push(`${tally.notAssessed} ${NOT_ASSESSED_ABBR}`);
  return parts.join(' · ');
}

/**
 * A rolled-up verdict as screens show it: the verdict that stands, the computed one behind an
 * override, the counts in short ("3 N · 1 Tdn") and in words ("9 van 13 eenheden nagekomen, …").
 */
export function rolledView(checklist: Checklist, r: Rolled, noun: Noun) {
  const final = verdictView(checklist, r.final);
  const computed = verdictView(checklist, r.computed);
  return {
    abbr: final.abbr,
    cls: final.cls,
    label: final.label,
    computedAbbr: computed.abbr,
    computedLabel: computed.label,
    computedCls: computed.cls,
    overridden: r.override !== null,
    counts: compactTally(checklist.scale, r.tally),
    description: describeTally(checklist, r.tally, noun),
    complete: r.complete,
  };
}
