// Paragraph numbers for the concept sent for wederhoor: every body paragraph of the written
// report (a paragraph or list item of a section's text, and of the texts the blocks print:
// findings, conclusions, motivations, the bestuurlijke reactie) gets a running number 1, 2, 3 …
// Headings, the title page and the table of contents get none. The numbers are set here, once,
// as data-par attributes on the model's sanitised HTML, so the PDF (a margin number from the
// attribute), the Word file (a prefix from the same attribute) and the stored paragraph list of
// the round cannot disagree.
import { DomUtils, parseDocument } from 'htmlparser2';
import type { SectionRecord } from '../domain/outline';
import { excerptOf, type WederhoorParagraph } from '../domain/wederhoor-round';
import type { BlockView, NationalReportModel, SectionView } from './national.model';
import type { TextPart } from './narrative';

const TAG = /<(\/?)([a-z][a-z0-9]*)\b([^>]*)>/g;
const VOID = new Set(['br', 'hr', 'img']);

/** The plain text of an HTML fragment, footnote markers left out. */
function plainText(html: string): string {
  const doc = parseDocument(html.replace(/<sup class="fn[^"]*">.*?<\/sup>/g, ''));
  return DomUtils.textContent(doc.children).replace(/\s+/g, ' ').trim();
}

interface Counter {
  next: number;
  list: WederhoorParagraph[];
  section: { id: number | null; version: number | null; heading: string };
}

/**
 * Number the paragraphs of one sanitised HTML fragment: each <p> (not a run-in subhead, not one
 * inside a list item) and each <li>. The HTML comes from sanitize-html, so tags are well formed.
 */
export function numberHtml(html: string, counter: Counter): string {
  const stack: Array<{ tag: string; numbered: number | null; start: number }> = [];
  let out = '';
  let last = 0;
  const opened: Array<{ number: number; contentStart: number }> = [];
  const texts = new Map<number, { from: number; to: number }>();
  for (const m of html.matchAll(TAG)) {
    const [whole, close, tag, attrs] = m;
    const at = m.index;
    out += html.slice(last, at);
    last = at + whole.length;
    if (close) {
      const idx = stack.map((s) => s.tag).lastIndexOf(tag);
      if (idx >= 0) {
        const [top] = stack.splice(idx);
        if (top.numbered !== null) texts.set(top.numbered, { from: top.start, to: at });
      }
      out += whole;
      continue;
    }
    if (VOID.has(tag) || attrs.endsWith('/')) { out += whole; continue; }
    const inItem = stack.some((s) => s.tag === 'li');
    const number =
      (tag === 'li' || (tag === 'p' && !inItem && !/class="[^"]*subhead/.test(attrs))) && !attrs.includes('data-par=') ? counter.next++ : null;
    stack.push({ tag, numbered: number, start: last });
    if (number !== null) opened.push({ number, contentStart: last });
    out += number === null ? whole : `<${tag}${attrs} data-par="${number}">`;
  }
  out += html.slice(last);
  for (const o of opened) {
    const span = texts.get(o.number);
    const inner = span ? html.slice(span.from, span.to) : html.slice(o.contentStart);
    // A list item's own words, not those of a list nested in it (its items have their own numbers).
    const own = inner.split(/<(?:ul|ol)\b/)[0];
    counter.list.push({ number: o.number, sectionId: counter.section.id, sectionVersion: counter.section.version, heading: counter.section.heading, excerpt: excerptOf(plainText(own)) });
  }
  counter.list.sort((a, b) => a.number - b.number);
  return out;
}

/** A block with its printed texts numbered, in the order the block prints them (a copy: group views are shared between blocks). */
function numberBlock(b: BlockView, c: Counter): BlockView {
  const n = (html: string) => (html ? numberHtml(html, c) : html);
  switch (b.type) {
    case 'uitkomsten':
    case 'conclusies':
      return { ...b, groups: b.groups.map((g) => ({ ...g, boxHtml: n(g.boxHtml) })) };
    case 'criteria':
      return { ...b, criteria: b.criteria.map((cr) => ({ ...cr, findingHtml: n(cr.findingHtml) })) };
    case 'deelconclusie': {
      const g = b.group;
      const override = g.national.override ? { ...g.national.override, motivationHtml: n(g.national.override.motivationHtml) } : null;
      return { ...b, group: { ...g, national: { ...g.national, override }, conclusionHtml: n(g.conclusionHtml) } };
    }
    case 'opvolging':
      return { ...b, followups: b.followups.map((f) => ({ ...f, motivationHtml: n(f.motivationHtml) })) };
    case 'bestuurlijke_reactie':
      return { ...b, letters: b.letters.map((l) => ({ ...l, html: n(l.html) })) };
    default:
      return b;
  }
}

/**
 * The model with its paragraphs numbered, and the list of those paragraphs (number, the section
 * it stands in with that section's version, the heading, the plain text capped).
 */
export function numberParagraphs(
  model: NationalReportModel,
  outline: ReadonlyArray<Pick<SectionRecord, 'id' | 'version'>>,
): { model: NationalReportModel; paragraphs: WederhoorParagraph[] } {
  const versions = new Map(outline.map((s) => [s.id, s.version]));
  const counter: Counter = { next: 1, list: [], section: { id: null, version: null, heading: '' } };
  const sections = model.sections.map((sec): SectionView => {
    const stored = versions.get(sec.id);
    counter.section = { id: stored === undefined ? null : sec.id, version: stored ?? null, heading: sec.heading };
    const parts = sec.parts.map((p): TextPart<BlockView> => (p.kind === 'html' ? { kind: 'html', html: numberHtml(p.html, counter) } : { kind: 'block', block: numberBlock(p.block, counter) }));
    return { ...sec, parts };
  });
  return { model: { ...model, sections, paragraphNumbers: true }, paragraphs: counter.list };
}
