// A table of contents with page numbers (Chromium has no target-counter()). Every entry links
// to its heading, and Chromium writes each link target as a named destination (/Dests in the
// catalog: name → [page /XYZ x y z]), so any print of the document says on which page every
// heading landed, without probes in the text: the PDF a reader gets carries nothing extra.
//
// Printing is speculative: the document is printed once with the page numbers last measured for
// the same content or, after an edit, for the same report (inspection, kind, unit); when every
// heading landed where its number says, that print is the one delivered (one print). Otherwise
// it is printed again with the pages it measured, at most twice more (a contents list whose own
// length changes can shift the pages once). With nothing to go on (the first print of a report
// in this process) a cheap measuring print (no bookmarks, no tags) comes first, as before.
// A store (src/reports/pdf-cache.ts) can keep the finished PDFs: the same final HTML with the
// same options is then read back instead of printed.
import crypto from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRef } from 'pdf-lib';
import { escapeHtml } from '../present';
import { finishPdf, printPdf, RenderOptions } from './engine';
import { arrayOf, dictOf, editPdf, PdfEdit } from './pdf-update';

export interface Heading {
  id: string;
  level: 1 | 2;
  text: string;
}

export interface TocEntry extends Heading {
  /** null in the measuring pass, or when the page could not be determined. */
  page: number | null;
}

/**
 * Collects the headings a template prints, in order; `heading()` returns the heading's HTML with
 * the id the table of contents links to.
 */
export function headingRegistry() {
  const list: Heading[] = [];
  return {
    list,
    // An arrow, not a method: templates get it on its own as `r.heading`.
    heading: (level: 1 | 2 | 3 | 4, text: string, opts: { toc?: boolean; cls?: string } = {}): string => {
      const inToc = opts.toc !== false && level <= 2;
      const id = `s${list.length + 1}-${level}`;
      if (inToc) list.push({ id, level: level as 1 | 2, text });
      const cls = opts.cls ? ` class="${escapeHtml(opts.cls)}"` : '';
      return `<h${level} id="${id}"${cls}>${escapeHtml(text)}</h${level}>`;
    },
  };
}

/** Placeholders ("00") in the measuring pass; in the final pass an unknown page stays empty. */
export function tocHtml(entries: TocEntry[], measuring = false): string {
  const items = entries
    .map(
      (e) =>
        `<li class="toc-l${e.level}"><a href="#${e.id}"><span class="toc-text">${escapeHtml(e.text)}</span>` +
        `<span class="toc-dots" aria-hidden="true"></span><span class="toc-page">${e.page ?? (measuring ? '00' : '')}</span></a></li>`,
    )
    .join('');
  return `<ol class="toc-list">${items}</ol>`;
}

/** The page objects' references in order (the page tree walked depth first). */
function pageRefs(edit: PdfEdit, node: PDFObjectLike, out: string[] = [], depth = 0): string[] {
  const dict = dictOf(edit, node);
  if (!dict || depth > 32) return out;
  if (dict.get(PDFName.of('Type')) === PDFName.of('Page')) {
    if (node instanceof PDFRef) out.push(node.toString());
    return out;
  }
  const kids = arrayOf(edit, dict.get(PDFName.of('Kids')));
  if (kids) for (let i = 0; i < kids.size(); i++) pageRefs(edit, kids.get(i), out, depth + 1);
  return out;
}
type PDFObjectLike = Parameters<PdfEdit['resolve']>[0];

/**
 * The page (1-based) of every named destination of a PDF as Chromium writes them: a /Dests
 * dictionary in the catalog. Only the catalog, the page tree and that dictionary are parsed
 * (src/reports/pdf-update.ts reads objects on demand), not the pages' contents.
 */
export async function destinationPages(pdf: Buffer): Promise<Map<string, number>> {
  const edit = await editPdf(pdf);
  const catalog = dictOf(edit, edit.root);
  const found = new Map<string, number>();
  if (!catalog) return found;
  const index = new Map(pageRefs(edit, catalog.get(PDFName.of('Pages'))).map((ref, i) => [ref, i + 1]));
  const dests = dictOf(edit, catalog.get(PDFName.of('Dests')));
  if (!dests) return found;
  for (const [name, value] of dests.entries()) {
    let target = edit.resolve(value);
    // A destination may also be a dictionary with the array under /D (ISO 32000-1 §12.3.2.3).
    if (target instanceof PDFDict) target = edit.resolve(target.get(PDFName.of('D')));
    const page = target instanceof PDFArray ? target.get(0) : undefined;
    const n = page instanceof PDFRef ? index.get(page.toString()) : undefined;
    if (n !== undefined) found.set(name.decodeText(), n);
  }
  return found;
}

/** The pages the headings landed on in a print; null for one without a destination. */
async function measuredPages(pdf: Buffer, headings: Heading[]): Promise<Array<number | null>> {
  const dests = await destinationPages(pdf);
  return headings.map((h) => dests.get(h.id) ?? null);
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * Page positions, by content (the HTML without page numbers: the same content prints the same
 * pages) and by report (the last positions of, say, the national report of inspection 3: after
 * an edit most headings stay where they were). Bounded; oldest out first.
 */
const byContent = new Map<string, Array<number | null>>();
const byReport = new Map<string, Array<number | null>>();
const CACHE_LIMIT = 64;

function remember(map: Map<string, Array<number | null>>, key: string, pages: Array<number | null>): void {
  map.delete(key);
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, pages);
}

export interface TwoPassDocument {
  /** The body with headings made by the registry. */
  body: string;
  headings: Heading[];
  /** The full document from the table of contents' HTML and the body. */
  assemble: (toc: string, body: string) => string;
}

/** Where finished PDFs are kept, by a key that covers the final HTML and the print options. */
export interface PdfStore {
  get(key: string): Buffer | null;
  put(key: string, pdf: Buffer): void;
}

export interface TocOptions {
  /**
   * Which report this is ("national:3", "unit:3:AMS"): its last positions are the first guess
   * after an edit. Without it only the same content reuses positions.
   */
  report?: string;
  /** Finished PDFs to reuse (the same final HTML and options: the same bytes). */
  store?: PdfStore;
}

export interface TocPrint {
  pdf: Buffer;
  /** The HTML that was printed. */
  html: string;
  /** Chromium prints this took (0: read from the store). */
  prints: number;
}

/** At most this many prints for one document: a guess, a correction, a second correction. */
const MAX_PRINTS = 3;

function same(a: Array<number | null>, b: Array<number | null>): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function finalHtml(doc: TwoPassDocument, pages: Array<number | null> | null): string {
  const entries = doc.headings.map((h, i) => ({ ...h, page: pages?.[i] ?? null }));
  return doc.assemble(tocHtml(entries, pages === null), doc.body);
}

/** What decides the bytes of a finished print besides the HTML (timeouts do not). */
function storeKey(html: string, opts: RenderOptions): string {
  const { outline, tagged, metadata, archival } = opts;
  return sha256(JSON.stringify({ outline, tagged, metadata, archival }) + '\n' + html);
}

/** Print a document whose table of contents shows the pages its headings landed on, with how. */
export async function printWithTocDetailed(doc: TwoPassDocument, opts: RenderOptions = {}, toc: TocOptions = {}): Promise<TocPrint> {
  const contentKey = sha256(finalHtml(doc, null));
  const known = byContent.get(contentKey);
  if (known && toc.store) {
    const html = finalHtml(doc, known);
    const hit = toc.store.get(storeKey(html, opts));
    if (hit) return { pdf: hit, html, prints: 0 };
  }
  let pages = known ?? (toc.report !== undefined ? byReport.get(toc.report) : undefined) ?? null;
  if (pages && pages.length !== doc.headings.length) pages = null;
  let prints = 0;
  for (;;) {
    const html = finalHtml(doc, pages);
    // With no numbers yet the print is only read, never delivered: neither bookmarks nor tags.
    const measuring = pages === null;
    const printed = await printPdf(html, measuring ? { ...opts, outline: false, tagged: false, archival: false } : opts);
    prints++;
    const measured = await measuredPages(printed, doc.headings);
    const settled = pages !== null && same(measured, pages);
    if (settled || (!measuring && prints >= MAX_PRINTS)) {
      if (!settled) console.warn(`Inhoudsopgave: na ${prints} afdrukken verschuiven de pagina's nog; de laatste afdruk is geleverd.`);
      remember(byContent, contentKey, measured);
      if (toc.report !== undefined) remember(byReport, toc.report, measured);
      const pdf = await finishPdf(printed, html, opts);
      if (settled) toc.store?.put(storeKey(html, opts), pdf);
      return { pdf, html, prints };
    }
    pages = measured;
  }
}

/** Print a document whose table of contents shows the pages its headings landed on. */
export async function printWithToc(doc: TwoPassDocument, opts: RenderOptions = {}, toc: TocOptions = {}): Promise<Buffer> {
  return (await printWithTocDetailed(doc, opts, toc)).pdf;
}

/** Document → final HTML with page numbers in its table of contents (prints when not known). */
export async function htmlWithToc(doc: TwoPassDocument, opts: RenderOptions = {}, toc: TocOptions = {}): Promise<string> {
  const known = byContent.get(sha256(finalHtml(doc, null)));
  if (known) return finalHtml(doc, known);
  return (await printWithTocDetailed(doc, opts, toc)).html;
}

export function clearTocCache(): void {
  byContent.clear();
  byReport.clear();
}
