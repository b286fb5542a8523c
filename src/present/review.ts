// How a review state looks in the matrix and on the bulk pages: a one-character mark beside the
// verdict (its words in the cell's accessible text and in the legend) and a CSS class.
import { REVIEW_STATE_LABELS, type ReviewState } from '../domain/review';

export const REVIEW_GLYPHS: Record<ReviewState, string> = {
  niets_te_reviewen: '',
  te_reviewen: '◇',
  goedgekeurd: '◆',
  goedkeuring_vervallen: '!',
};

/** The marks of the legend, in the order a reader meets them. */
export const REVIEW_LEGEND: Array<{ state: ReviewState; glyph: string; label: string }> = (['goedgekeurd', 'te_reviewen', 'goedkeuring_vervallen'] as const).map(
  (state) => ({ state, glyph: REVIEW_GLYPHS[state], label: REVIEW_STATE_LABELS[state].toLowerCase() }),
);

/** The mark of one cell: nothing for a cell with nothing to review. */
export function reviewMark(state: ReviewState): { state: ReviewState; glyph: string; label: string; cls: string } | null {
  if (state === 'niets_te_reviewen') return null;
  return { state, glyph: REVIEW_GLYPHS[state], label: REVIEW_STATE_LABELS[state].toLowerCase(), cls: `rv rv--${state}` };
}
