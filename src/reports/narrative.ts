// The written text of a report section: markdown with footnotes (markdown-it-footnote) and block
// lines, rendered for print. Footnotes are numbered through the whole report by the note registry,
// in the order the text and the blocks between it show them; a block line becomes a part of its
// own that the report model fills in. Output is sanitised HTML; user text never reaches the page
// unescaped.
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
type StateBlock = Parameters<Parameters<MarkdownIt['block']['ruler']['before']>[2]>[0];
type Token = ReturnType<MarkdownIt['parse']>[number];
import sanitizeHtml from 'sanitize-html';
import crypto from 'node:crypto';
import { BlockCall, citedSource, parseBlockLine } from '../domain/outline';
import type { Note, NoteRegistry } from './common';
import { MARKDOWN_OPTIONS, markdownProblem, plainTextHtml } from '../markdown';

/** A block line as a token of its own, so it never ends up inside a paragraph. */
function blockLines(md: MarkdownIt): void {
  md.block.ruler.before('paragraph', 'toetsing_block', (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
    const start = state.bMarks[startLine] + state.tShift[startLine];
    const line = state.src.slice(start, state.eMarks[startLine]);
    if (!line.startsWith('{{')) return false;
    const call = parseBlockLine(line);
    if (call === null) return false;
    if (silent) return true;
    const token = state.push('toetsing_block', '', 0);
    token.content = line;
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  });
}

// The screens' options (nesting bounded, so a text of brackets cannot make one render costly), without links.
const OPTIONS = { ...MARKDOWN_OPTIONS, linkify: false };
const md = new MarkdownIt(OPTIONS).use(footnote).use(blockLines);
// A footnote reference renders as a placeholder with the render's nonce, which renderSectionText
// replaces, after sanitising, by the note's number in report order.
md.renderer.rules.footnote_ref = (tokens, idx, _options, env: { nonce?: string }) =>
  `zqfn${env.nonce ?? ''}x${(tokens[idx].meta as { id: number }).id}qz`;

// Headings inside a section's text print as run-in subheads: the outline owns the heading levels.
const subhead = (): { tagName: string; attribs: Record<string, string> } => ({ tagName: 'p', attribs: { class: 'subhead' } });
const PRINT: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'sup'],
  allowedAttributes: { p: ['class'] },
  allowedClasses: { p: ['subhead'] },
  transformTags: { h1: subhead, h2: subhead, h3: subhead, h4: subhead, h5: subhead, h6: subhead, a: 'span' },
};
const INLINE: sanitizeHtml.IOptions = { allowedTags: ['strong', 'em', 'code', 'br'], allowedAttributes: {}, transformTags: { a: 'span' } };

export type TextPart<B> = { kind: 'html'; html: string } | { kind: 'block'; block: B };

/** The note markers in a rendered text: the superscript that links to the note. */
export function noteMarker(n: Note): string {
  return `<sup class="fn"><a href="#noot-${n.number}" aria-label="noot ${n.number}">${n.number}</a></sup>`;
}

/** A footnote's text as the author wrote it (the inline content of its first paragraph onwards). */
function footnoteTexts(tokens: Token[]): Map<number, { source: string; html: string }> {
  const out = new Map<number, { source: string; html: string }>();
  let id: number | null = null;
  let collected: Token[] = [];
  for (const t of tokens) {
    if (t.type === 'footnote_open') {
      id = (t.meta as { id: number }).id;
      collected = [];
    } else if (t.type === 'footnote_close' && id !== null) {
      const inline = collected.filter((x) => x.type === 'inline');
      const source = inline.map((x) => x.content).join('\n').trim();
      const html = sanitizeHtml(inline.map((x) => md.renderer.renderInline(x.children ?? [], md.options, {})).join('<br>'), INLINE).trim();
      out.set(id, { source, html });
      id = null;
    } else if (id !== null && t.type !== 'footnote_anchor') {
      collected.push(t);
    }
  }
  return out;
}

/**
 * Render a section body. `place` is called for every block line in order, between the texts
 * around it, so that notes the block cites are numbered where the block stands.
 */
export function renderSectionText<B>(body: string, notes: NoteRegistry, place: (call: BlockCall) => B): Array<TextPart<B>> {
  if (body.trim() === '') return [];
  // A stored text of a shape too costly to parse (refused at save today, perhaps not when it was
  // written) prints as plain text rather than stall the print.
  if (markdownProblem(body) !== null) return [{ kind: 'html', html: plainTextHtml(body) }];
  const env: Record<string, unknown> = {};
  const tokens = md.parse(body, env);
  const cut = tokens.findIndex((t) => t.type === 'footnote_block_open');
  const texts = footnoteTexts(cut >= 0 ? tokens.slice(cut) : []);
  const main = cut >= 0 ? tokens.slice(0, cut) : tokens;

  // A footnote reference renders as a placeholder nobody can type (a fresh nonce per render),
  // replaced after sanitising by the note's number in report order.
  const nonce = crypto.randomBytes(6).toString('hex');
  const placeholder = new RegExp(`zqfn${nonce}x(\\d+)qz`, 'g');
  const numbers = new Map<number, Note>();
  const noteFor = (id: number): Note => {
    const known = numbers.get(id);
    if (known) return known;
    const text = texts.get(id) ?? { source: '', html: '' };
    const cited = citedSource(text.source);
    const note = (cited ? notes.citeRef(cited.ref, cited.pinpoint) : null) ?? notes.free(text.html);
    numbers.set(id, note);
    return note;
  };
  const render = (slice: Token[]): string =>
    sanitizeHtml(md.renderer.render(slice, md.options, { ...env, nonce }), PRINT)
      .replace(placeholder, (_m, id: string) => noteMarker(noteFor(Number(id))))
      // Two markers side by side read as one number ("1617"): a comma keeps them apart.
      .replaceAll('</sup><sup class="fn">', '</sup><sup class="fn fn-sep">,</sup><sup class="fn">');

  const parts: Array<TextPart<B>> = [];
  let from = 0;
  main.forEach((t, i) => {
    if (t.type !== 'toetsing_block') return;
    const html = render(main.slice(from, i));
    if (html.trim() !== '') parts.push({ kind: 'html', html });
    const call = parseBlockLine(t.content);
    if (call && !('unknown' in call)) parts.push({ kind: 'block', block: place(call) });
    from = i + 1;
  });
  const rest = render(main.slice(from));
  if (rest.trim() !== '') parts.push({ kind: 'html', html: rest });
  return parts;
}
