// The words of a change between two verdicts: its direction, with the label and arrow every
// screen, export and the CLI show.
//
// Directions compare ranks (positive > partial > negative), so checklists with other words or a
// revised scale compare too. "niet beoordeeld" on one side gives "nieuw beoordeeld" / "niet meer
// beoordeeld"; on both sides, or where one side has no counterpart at all, there is nothing to
// compare ("niet vergelijkbaar").
import type { Rank } from '../checklist';

export const DIRECTIONS = ['verbeterd', 'gelijk', 'verslechterd', 'nieuw_beoordeeld', 'niet_meer_beoordeeld', 'niet_vergelijkbaar'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = {
  verbeterd: 'Verbeterd',
  gelijk: 'Gelijk',
  verslechterd: 'Verslechterd',
  nieuw_beoordeeld: 'Nieuw beoordeeld',
  niet_meer_beoordeeld: 'Niet meer beoordeeld',
  niet_vergelijkbaar: 'Niet vergelijkbaar',
};
/** Arrows go with the words, never instead of them. */
export const DIRECTION_SYMBOLS: Record<Direction, string> = {
  verbeterd: '↑',
  gelijk: '=',
  verslechterd: '↓',
  nieuw_beoordeeld: '+',
  niet_meer_beoordeeld: '−',
  niet_vergelijkbaar: '≠',
};

const RANK_ORDER: Record<Rank, number> = { negative: 0, partial: 1, positive: 2 };

export function direction(earlier: Rank | null, later: Rank | null): Direction {
  if (earlier === null && later === null) return 'niet_vergelijkbaar';
  if (earlier === null) return 'nieuw_beoordeeld';
  if (later === null) return 'niet_meer_beoordeeld';
  const d = RANK_ORDER[later] - RANK_ORDER[earlier];
  return d > 0 ? 'verbeterd' : d < 0 ? 'verslechterd' : 'gelijk';
}
