// Reading PDFs in tests through poppler: text through pdftotext (whole or per page), metadata
// through pdfinfo. Both need a file, so the bytes go to a private temporary folder first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * How pdftotext orders the text: `layout` keeps the lines as printed, `raw` keeps the content
 * stream's order, `reading` is pdftotext's default (its guess at reading order).
 */
export type TextMode = 'layout' | 'raw' | 'reading';

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-pdf-'));
  try {
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, pdf);
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole text, pages separated by a form feed (\f) as pdftotext writes them. */
export function pdfText(pdf: Buffer, mode: TextMode = 'layout'): string {
  const flags = mode === 'reading' ? [] : [`-${mode}`];
  // The national report of a large inspection runs to hundreds of pages: allow a big output.
  return withFile(pdf, (f) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...flags, f, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }));
}

/** The text of each page. */
export function pagesOf(pdf: Buffer, mode: TextMode = 'layout'): string[] {
  const pages = pdfText(pdf, mode).split('\f');
  // pdftotext ends the last page with a form feed too, which leaves an empty last piece.
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/** pdfinfo's fields (Title, Pages, Tagged, …) by name. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (f) => execFileSync('pdfinfo', [f], { encoding: 'utf8' }));
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** The PDF's bookmarks (its outline), depth first, with their nesting depth (1 = top). Read with pdf-lib. */
export async function pdfBookmarks(pdf: Buffer): Promise<Array<{ title: string; depth: number }>> {
  const { PDFDocument, PDFName, PDFDict, PDFString, PDFHexString } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: Array<{ title: string; depth: number }> = [];
  const walk = (first: unknown, depth: number): void => {
    let node = first instanceof PDFDict ? first : null;
    while (node) {
      const t = node.lookup(PDFName.of('Title'));
      out.push({ title: t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : '', depth });
      walk(node.lookup(PDFName.of('First')), depth + 1);
      const next = node.lookup(PDFName.of('Next'));
      node = next instanceof PDFDict ? next : null;
    }
  };
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) walk(outlines.lookup(PDFName.of('First')), 1);
  return out;
}
