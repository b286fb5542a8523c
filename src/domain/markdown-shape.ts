// Which markdown texts are too costly to render, decided by one cheap linear scan, so that a form,
// the document import and the renderer itself (for texts stored before this check) agree.
//
// Measured with markdown-it 14 (see bench/markdown.ts): its rules are linear in the text, but an
// opening bracket is far dearer than any other character. Every `[` (and `![`) starts a search
// for the closing `]` of a link label that goes up to `maxNesting` levels deep, so 25,000 × `![`
// (50,000 characters) took ~500 ms at markdown-it's default nesting of 100 against ~10-40 ms for
// prose of the same length; other shapes (`*`, `_`, backticks, `<`, `>`, `&`, tables, link
// references, lists, URLs and e-mail addresses for linkify) stayed within a few times prose.
// Our renderers use maxNesting 20, and a text may hold at most MAX_BRACKETS brackets, which
// keeps the worst case of one text near that of long prose.
/** Most `[` a markdown text may hold (links, images, footnote references all start with one). */
export const MAX_BRACKETS = 2000;

const nl = new Intl.NumberFormat('nl-NL');

/** Why `text` may not be rendered as markdown (a Dutch message for the form), or null when it may. */
export function markdownProblem(text: string): string | null {
  let brackets = 0;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) brackets++;
  if (brackets > MAX_BRACKETS) {
    return `De tekst bevat te veel haakjes of beeldverwijzingen (${nl.format(brackets)} keer [ of ![, hoogstens ${nl.format(MAX_BRACKETS)}); verdeel of vereenvoudig de tekst.`;
  }
  return null;
}
