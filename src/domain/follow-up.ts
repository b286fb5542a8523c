// What a follow-up inspection takes over from the earlier one: its checklists (each at the version
// that is current now) and its units (as far as the organisation's current unit set still has
// them). One computation for the follow-up form, which shows what is taken over and what is not,
// and for the store that creates it.
import type { Catalogue } from './checklist';
import type { UnitSetRef } from './units';
import { currentUnitSet } from './units';

export interface FollowUpScope {
  checklists: Array<{ id: string; version: string }>;
  /** The organisation's code when it still has a current unit set (the follow-up uses that set). */
  organisation: string | null;
  /** The unit set the follow-up gets (the current one), by which its units are named; null: the earlier one's. */
  unitSet: UnitSetRef | null;
  units: string[];
  /** Units of the earlier inspection that the current unit set no longer has. */
  droppedUnits: string[];
  /** Checklists of the earlier inspection that are no longer published. */
  droppedChecklists: string[];
}

export function followUpScope(
  previous: { checklists: ReadonlyArray<{ id: string }>; units: readonly string[]; unitSet: UnitSetRef },
  catalogue: Pick<Catalogue, 'checklists' | 'unitSets' | 'organisations'>,
): FollowUpScope {
  const checklists = previous.checklists.flatMap((c) => {
    const current = catalogue.checklists.get(c.id);
    return current ? [{ id: c.id, version: current.version }] : [];
  });
  const set = currentUnitSet(catalogue, previous.unitSet.organisation);
  const has = (u: string) => !set || set.units.some((x) => x.code === u);
  return {
    checklists,
    organisation: set ? previous.unitSet.organisation : null,
    unitSet: set ? { organisation: set.organisation, version: set.version } : null,
    units: previous.units.filter(has),
    droppedUnits: previous.units.filter((u) => !has(u)),
    droppedChecklists: previous.checklists.filter((c) => !catalogue.checklists.has(c.id)).map((c) => c.id),
  };
}

/** Why this scope cannot become an inspection, or null: a follow-up without units or checklists assesses nothing. */
export function followUpRefusal(scope: FollowUpScope, organisationName: string): string | null {
  if (scope.units.length === 0) {
    return `De eenheden van het eerdere onderzoek bestaan niet meer bij ${organisationName}; een vervolgonderzoek zonder eenheden beoordeelt niets. Begin een nieuw onderzoek en kies de eenheden.`;
  }
  if (scope.checklists.length === 0) return 'De checklists van het eerdere onderzoek zijn niet meer gepubliceerd; begin een nieuw onderzoek en kies de checklists.';
  return null;
}
