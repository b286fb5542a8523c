// The units in scope of an inspection may change until its first verdict (issue 17): before any
// judgement exists, adding or dropping a unit changes no one's work; after it, a changed scope
// would silently change what the national verdict rests on, so the scope is fixed. A vastgesteld
// inspection never changes.
//
// What counts as "a verdict": every cell exists from the start as "niet beoordeeld" (see
// createInspection), so the existence of a row says nothing. A cell counts once anyone has saved it
// (it has an updated_at, also when it was saved back to "niet beoordeeld" or only with a motivation,
// and also when it came in through an import or the Excel round trip), or when it holds a verdict or
// a motivation at all; a national afwijkend oordeel (override) counts as well. The store reads
// these facts (src/store/unit-scope.store.ts); this module decides.

export interface ScopeFacts {
  status: string;
  /** Cells that were saved or hold a verdict or motivation. */
  savedCells: number;
  /** The first of those, by time of saving, when known. */
  firstSaved: { at: string | null; by: string | null } | null;
  /** National afwijkende oordelen. */
  overrides: number;
}

export type ScopeLock =
  | { locked: false }
  | { locked: true; reason: 'finalised' | 'verdict'; message: string };

export function scopeLock(f: ScopeFacts): ScopeLock {
  if (f.status === 'vastgesteld') {
    return { locked: true, reason: 'finalised', message: 'Dit onderzoek is vastgesteld; de eenheden in het onderzoek veranderen niet meer.' };
  }
  if (f.savedCells > 0 || f.overrides > 0) {
    const what = f.savedCells > 0
      ? `er ${f.savedCells === 1 ? 'is al één oordeel' : `zijn al ${String(f.savedCells)} oordelen`} opgeslagen`
      : 'er is al een afwijkend landelijk oordeel vastgelegd';
    return {
      locked: true,
      reason: 'verdict',
      message: `De eenheden in dit onderzoek liggen vast: ${what}. Een andere reikwijdte zou veranderen waar het landelijke oordeel op rust. Begin zo nodig een nieuw onderzoek.`,
    };
  }
  return { locked: false };
}

export interface ScopeDiff {
  added: string[];
  removed: string[];
}

/** The units in the order of their set, of the chosen ones; codes outside the set are left to the caller to refuse. */
export function orderedScope(setOrder: readonly string[], chosen: readonly string[]): string[] {
  const wanted = new Set(chosen);
  return setOrder.filter((c) => wanted.has(c));
}

export function scopeDiff(before: readonly string[], after: readonly string[]): ScopeDiff {
  const b = new Set(before);
  const a = new Set(after);
  return { added: after.filter((c) => !b.has(c)), removed: before.filter((c) => !a.has(c)) };
}

/** Why this choice of units cannot be the scope (Dutch, for the form's field), or null. */
export function scopeChoiceProblem(allowed: readonly string[], chosen: readonly string[]): string | null {
  if (chosen.length === 0) return 'Kies minstens één eenheid.';
  const unknown = chosen.filter((c) => !allowed.includes(c));
  if (unknown.length > 0) return `Kies eenheden uit de lijst. Niet bij de eenheden van deze organisatie: ${unknown.slice(0, 10).join(', ')}.`;
  return null;
}
