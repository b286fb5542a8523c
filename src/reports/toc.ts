// A table of contents with page numbers, in two passes (Chromium has no target-counter()):
// print once with placeholder numbers of fixed width and an invisible probe in every heading,
// read each page's text with pdftotext to see on which page each probe landed, then print again
// with the real numbers. Only the probes and the digits differ between the passes, and neither
// takes up space, so the second print breaks its pages exactly like the first. The page
// positions are cached per content hash: the same report printed again needs one pass.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { escapeHtml } from '../present';
import { renderPdf, RenderOptions } from './engine';

const run = promisify(execFile);

export interface Heading {
  id: string;
  level: 1 | 2;
  text: string;
}

export interface TocEntry extends Heading {
  /** null in the measuring pass, or when the page could not be determined. */
  page: number | null;
}

const MARK = (i: number) => `<!--toc-probe:${i}-->`;
const MARK_RE = /<!--toc-probe:(\d+)-->/g;
const PROBE_RE = /zqtoc(\d+)qz/g;

/**
 * Collects the headings a template prints, in order. `heading()` returns the heading's HTML
 * with a probe slot the measuring pass fills in.
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
      const probe = inToc ? MARK(list.length - 1) : '';
      return `<h${level} id="${id}"${cls}>${probe}${escapeHtml(text)}</h${level}>`;
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

/** Page (1-based) of every probe, from the text of each page. */
export function probePages(pagesText: string[]): Map<number, number> {
  const found = new Map<number, number>();
  pagesText.forEach((text, i) => {
    for (const m of text.matchAll(PROBE_RE)) {
      const n = Number(m[1]);
      if (!found.has(n)) found.set(n, i + 1);
    }
  });
  return found;
}

/** The text of every page of a PDF (pdftotext; pages are separated by form feeds). */
export async function pdfPagesText(pdf: Buffer): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-toc-'));
  try {
    const file = path.join(dir, 'pass.pdf');
    fs.writeFileSync(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 256 * 1024 * 1024 });
    const pages = stdout.split('\f');
    if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
    return pages;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cache = new Map<string, Array<number | null>>();
const CACHE_LIMIT = 64;

function remember(key: string, pages: Array<number | null>): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, pages);
}

export interface TwoPassDocument {
  /** The body with headings made by the registry. */
  body: string;
  headings: Heading[];
  /** The full document from the table of contents' HTML and the body. */
  assemble: (toc: string, body: string) => string;
}

/** Document → final HTML with page numbers in its table of contents. */
export async function htmlWithToc(doc: TwoPassDocument, opts: RenderOptions = {}): Promise<string> {
  const placeholders = doc.headings.map((h) => ({ ...h, page: null }));
  const measuring = doc.assemble(
    tocHtml(placeholders, true),
    doc.body.replace(MARK_RE, (_m, i) => `<span class="toc-probe" aria-hidden="true">zqtoc${i}qz</span>`),
  );
  const key = crypto.createHash('sha256').update(measuring).digest('hex');
  const pages = cache.get(key) ?? (await measure(doc, measuring, key, opts));
  const entries = doc.headings.map((h, i) => ({ ...h, page: pages[i] }));
  return doc.assemble(tocHtml(entries), doc.body.replace(MARK_RE, ''));
}

/** The page of every heading, from a print of the measuring document; kept when it could be read. */
async function measure(doc: TwoPassDocument, measuring: string, key: string, opts: RenderOptions): Promise<Array<number | null>> {
  // The measuring print needs neither bookmarks nor tags: it is only read, never delivered.
  const pdf = await renderPdf(measuring, { ...opts, outline: false, tagged: false });
  const text = await pdfPagesText(pdf).catch((e: unknown) => {
    // Without poppler the report is still worth having: a contents list without numbers.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    console.warn('pdftotext ontbreekt (pakket poppler-utils): inhoudsopgave zonder paginanummers.');
    return null;
  });
  const found = text ? probePages(text) : new Map<number, number>();
  const pages = doc.headings.map((_h, i) => found.get(i) ?? null);
  if (text) remember(key, pages);
  return pages;
}

/** Print a document whose table of contents shows the pages its headings landed on. */
export async function printWithToc(doc: TwoPassDocument, opts: RenderOptions = {}): Promise<Buffer> {
  return renderPdf(await htmlWithToc(doc, opts), opts);
}

export function clearTocCache(): void {
  cache.clear();
}
