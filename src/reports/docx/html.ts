// The sanitised HTML of a report text (src/markdown.ts renderMarkdownForPrint, narrative.ts) as
// Word paragraphs, runs, lists and tables. The tag set is small and fixed (p, br, strong, em, ul,
// ol, li, blockquote, code, pre, table parts, hr, sup); a footnote marker
// (<sup class="fn"><a href="#noot-N">N</a></sup>) becomes a Word footnote through the NoteBook.
// Anything else is read for its text only, so nothing of the text is lost.
import { BorderStyle, Paragraph, Tab, TextRun } from 'docx';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { Block, CellSpec, Inline, NoteBook, table, text } from './kit';

interface RunStyle { bold?: boolean; italics?: boolean; superScript?: boolean; code?: boolean }

const isTag = (n: ChildNode): n is Element => DomUtils.isTag(n);
const attr = (e: Element, name: string): string | undefined => (e.attribs as Partial<Record<string, string>>)[name];
const classes = (e: Element) => (attr(e, 'class') ?? '').split(/\s+/);
const BLOCK_TAGS = new Set(['p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure']);

function textOf(n: ChildNode): string {
  if (DomUtils.isText(n)) return n.data;
  if (isTag(n)) return n.children.map(textOf).join('');
  return '';
}

/** Runs of inline content; `notes` turns footnote markers into footnotes (absent: their number). */
export function inlineRuns(nodes: ChildNode[], notes: NoteBook | null, style: RunStyle = {}): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (DomUtils.isText(n)) {
      // Source line breaks inside a paragraph are spaces, as in the browser.
      const t = style.code ? n.data : n.data.replace(/\s+/g, ' ');
      if (t !== '') out.push(text(t, { bold: style.bold, italics: style.italics, superScript: style.superScript, font: style.code ? 'Liberation Mono' : undefined }));
      continue;
    }
    if (!isTag(n)) continue;
    switch (n.name) {
      case 'strong': case 'b': out.push(...inlineRuns(n.children, notes, { ...style, bold: true })); break;
      case 'em': case 'i': out.push(...inlineRuns(n.children, notes, { ...style, italics: true })); break;
      case 'code': out.push(...inlineRuns(n.children, notes, { ...style, code: true })); break;
      case 'br': out.push(new TextRun({ break: 1 })); break;
      case 'sup': {
        const m = classes(n).includes('fn') ? /^#noot-(\d+)$/.exec(n.children.filter(isTag).find((c) => c.name === 'a')?.attribs.href ?? '') : null;
        if (m && notes) out.push(notes.ref(Number(m[1])));
        else out.push(...inlineRuns(n.children, notes, { ...style, superScript: true }));
        break;
      }
      default: out.push(...inlineRuns(n.children, notes, style));
    }
  }
  return out;
}

// par: the paragraph number (data-par, src/reports/paragraphs.ts) still to print, once, before
// the first paragraph of the element that carries it.
interface Ctx { notes: NoteBook; style: string; depth: number; list: { ordered: boolean; instance: number } | null; par?: { n: string | null } }

/** The paragraph number of a numbered element, for its first Word paragraph. */
const parOf = (e: Element, ctx: Ctx): Ctx => {
  const n = attr(e, 'data-par');
  return n === undefined ? ctx : { ...ctx, par: { n } };
};

let listInstance = 0;

function blocks(nodes: ChildNode[], ctx: Ctx): Block[] {
  const out: Block[] = [];
  let pending: ChildNode[] = [];
  const flush = () => {
    if (pending.some((p) => textOf(p).trim() !== '' || (isTag(p) && p.name === 'br'))) out.push(paragraph(pending, ctx));
    pending = [];
  };
  for (const n of nodes) {
    if (!isTag(n) || !BLOCK_TAGS.has(n.name)) { pending.push(n); continue; }
    flush();
    switch (n.name) {
      case 'p': case 'div': case 'figure':
        if (n.name === 'p') out.push(paragraph(n.children, { ...parOf(n, ctx), style: classes(n).includes('subhead') ? 'Subhead' : ctx.style }));
        else out.push(...blocks(n.children, ctx));
        break;
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
        out.push(paragraph(n.children, { ...ctx, style: 'Subhead' }));
        break;
      case 'ul': case 'ol': {
        const list = { ordered: n.name === 'ol', instance: ++listInstance };
        for (const li of n.children.filter(isTag)) out.push(...blocks(li.name === 'li' ? li.children : [li], { ...parOf(li, ctx), list, depth: ctx.list ? ctx.depth + 1 : 0 }));
        break;
      }
      case 'li':
        out.push(...blocks(n.children, ctx));
        break;
      case 'blockquote':
        out.push(...blocks(n.children, { ...ctx, style: 'Quote', list: null }));
        break;
      case 'pre':
        for (const line of textOf(n).replace(/\n$/, '').split('\n')) out.push(new Paragraph({ style: 'Code', children: [new TextRun({ text: line })] }));
        break;
      case 'hr':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }, children: [] }));
        break;
      case 'table':
        out.push(...htmlTable(n, ctx));
        break;
      default:
        out.push(...blocks(n.children, ctx));
    }
  }
  flush();
  return out;
}

function paragraph(nodes: ChildNode[], ctx: Ctx): Paragraph {
  const runs = inlineRuns(nodes, ctx.notes);
  if (ctx.par?.n) {
    // Small and grey before a tab, as the PDF's margin number: the reader of the Word file finds paragraaf 12 by it.
    runs.unshift(new TextRun({ children: [ctx.par.n, new Tab()], size: 14, color: '808080' }));
    ctx.par.n = null;
  }
  if (ctx.list) {
    return new Paragraph({
      style: ctx.style === 'Normal' ? undefined : ctx.style,
      numbering: { reference: ctx.list.ordered ? 'numbers' : 'bullets', level: Math.min(ctx.depth, 2), instance: ctx.list.ordered ? ctx.list.instance : undefined },
      children: runs,
    });
  }
  return new Paragraph({ style: ctx.style === 'Normal' ? undefined : ctx.style, children: runs });
}

function htmlTable(t: Element, ctx: Ctx): Block[] {
  const rows = (parent: Element): Element[] => parent.children.filter(isTag).flatMap((c) => (c.name === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(c.name) ? rows(c) : []));
  const head = t.children.filter(isTag).find((c) => c.name === 'thead');
  const all = rows(t);
  const headRows = head ? rows(head) : all.length > 0 && all[0].children.filter(isTag).every((c) => c.name === 'th') ? [all[0]] : [];
  const toCells = (tr: Element): CellSpec[] =>
    tr.children.filter(isTag).filter((c) => c.name === 'td' || c.name === 'th').map((c) => ({
      children: blocks(c.children, { ...ctx, style: 'TableText', list: null }),
      colSpan: Number(attr(c, 'colspan') ?? 1) || 1,
      align: attr(c, 'style')?.includes('right') ? 'right' as const : undefined,
    }));
  const caption = t.children.filter(isTag).find((c) => c.name === 'caption');
  return table({ caption: caption ? textOf(caption).trim() : undefined, header: headRows.map(toCells), body: all.filter((r) => !headRows.includes(r)).map(toCells) });
}

/** Sanitised HTML of a report text as Word blocks, in the paragraph style given (default Normal). */
export function htmlBlocks(html: string, notes: NoteBook, style = 'Normal'): Block[] {
  return blocks(parseDocument(html).children, { notes, style, depth: 0, list: null });
}

/** Sanitised HTML as runs of one paragraph (a footnote's text): block structure is flattened. */
export function htmlInline(html: string): Inline[] {
  const flat = (nodes: ChildNode[]): ChildNode[] => nodes.flatMap((n) => (isTag(n) && BLOCK_TAGS.has(n.name) ? flat(n.children) : [n]));
  return inlineRuns(flat(parseDocument(html).children), null);
}
