// Dutch counts and capitalisation, the same on every screen, report and command-line line.
import { Checklist, codeOfRank, NOT_ASSESSED_LABEL, Rank, verdictLabel } from '../domain/checklist';
import type { Tally } from '../domain/rollup';

/** A counted noun: "1 eenheid", "2 eenheden"; `none` replaces "geen …" where Dutch prefers it. */
export interface Noun {
  one: string;
  many: string;
  none?: string;
}

export const UNITS: Noun = { one: 'eenheid', many: 'eenheden' };
export const CRITERIA: Noun = { one: 'criterium', many: 'criteria' };
export const POINTS: Noun = { one: 'punt', many: 'punten' };

/**
 * What the items of a group are called: the ombudsman's aandachtspunten have "punten", every
 * other framework (toezeggingen, thema's, normen) "criteria".
 */
export function criterionNoun(groupKind: string | undefined): Noun {
  return groupKind === 'aandachtspunt' ? POINTS : CRITERIA;
}
export const SOURCES: Noun = { one: 'bron', many: 'bronnen', none: 'geen bron' };
export const CELLS: Noun = { one: 'cel', many: 'cellen' };
export const RECOMMENDATIONS: Noun = { one: 'aanbeveling', many: 'aanbevelingen' };

// One formatter, not one per call: each holds ICU memory outside the JS heap (see dates.ts).
const NUMBER = new Intl.NumberFormat('nl-NL');

export function dutchNumber(n: number): string {
  return NUMBER.format(n);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The noun that goes with a number: 1 → one, anything else (0, 2, …) → many. */
export function plural(n: number, noun: Noun): string {
  return n === 1 ? noun.one : noun.many;
}

/** "geen bron", "1 eenheid", "1.200 bronnen". */
export function count(n: number, noun: Noun): string {
  if (n === 0) return noun.none ?? `geen ${noun.many}`;
  return `${dutchNumber(n)} ${plural(n, noun)}`;
}

/** "9 van 14 eenheden nagekomen": the share of a total that has some property. */
export function outOf(n: number, total: number, noun: Noun, what: string): string {
  return `${dutchNumber(n)} van ${dutchNumber(total)} ${plural(total, noun)} ${what}`;
}

export function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** "9 van 13 eenheden nagekomen, 4 ten dele nagekomen" — the counts behind a rolled verdict. */
export function describeTally(checklist: Checklist, tally: Tally, noun: Noun): string {
  if (tally.total === 0) return count(0, noun);
  const parts: Array<[number, string]> = [];
  for (const rank of ['positive', 'partial', 'negative'] as Rank[]) {
    const label = verdictLabel(checklist.scale, codeOfRank(checklist.scale, rank)).toLowerCase();
    if (tally[rank] > 0) parts.push([tally[rank], label]);
  }
  if (tally.notAssessed > 0) parts.push([tally.notAssessed, NOT_ASSESSED_LABEL.toLowerCase()]);
  const [first, ...rest] = parts;
  return [outOf(first[0], tally.total, noun, first[1]), ...rest.map(([n, label]) => `${dutchNumber(n)} ${label}`)].join(', ');
}

export const INTERVIEWS: Noun = { one: 'gespreksverslag', many: 'gespreksverslagen' };

/** How far the interview reports are through wederhoor, in one sentence with the right plurals. */
export function interviewSentence(total: number, checked: number): string {
  if (total === 1) return checked === 1 ? 'Het gespreksverslag heeft het wederhoor doorlopen.' : 'Het gespreksverslag heeft het wederhoor nog niet doorlopen.';
  if (checked === 0) return `Van de ${dutchNumber(total)} gespreksverslagen heeft er nog geen het wederhoor doorlopen.`;
  if (checked === total) return `Alle ${dutchNumber(total)} gespreksverslagen hebben het wederhoor doorlopen.`;
  return `Van de ${dutchNumber(total)} gespreksverslagen ${checked === 1 ? 'heeft er 1' : `hebben er ${dutchNumber(checked)}`} het wederhoor doorlopen.`;
}

/**
 * What the groups of the given checklists are called, for headings that speak of all of them:
 * "toezegging", or "toezegging en aandachtspunt" when they differ. Singular on purpose: the group
 * kind is free text in a checklist ("thema", "norm"), and a heading "Oordeel per thema" needs no
 * plural we would have to guess.
 */
export function groupKindPhrase(checklists: ReadonlyArray<{ groups: ReadonlyArray<{ kind: string }> } | null | undefined>): string {
  const kinds = [...new Set(checklists.flatMap((c) => c?.groups.map((g) => g.kind) ?? []))];
  if (kinds.length === 0) return 'groep';
  return kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} en ${kinds[kinds.length - 1]}`;
}

/**
 * The sentence before recommendations: "De Inspectie doet de korpschef de aanbevelingen:" for one
 * group, "… geeft de korpschef de volgende aanbevelingen mee:" before all of them. Whom they go to
 * is the organisation's (src/domain/units.ts addresseeOf); without one the sentence names nobody.
 */
export function recommendationIntro(addressee: string | null, count: number, scope: 'group' | 'all'): string {
  // Before all of them always the plural, as the reports have always printed it.
  if (scope === 'all') return addressee ? `De Inspectie geeft ${addressee} de volgende aanbevelingen mee:` : 'De Inspectie doet de volgende aanbevelingen:';
  const what = `aanbeveling${count === 1 ? '' : 'en'}`;
  return addressee ? `De Inspectie doet ${addressee} de ${what}:` : `De Inspectie doet de ${what}:`;
}
