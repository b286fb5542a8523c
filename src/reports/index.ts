// The PDF reports: report model → EJS template (reports/*.ejs) → HTML with the print stylesheet
// inlined → Chromium. Other features reuse the pieces: vaststelling stores the PDFs these return,
// the comparison report uses renderPdf, printStylesheet() and reportDocument().
import ejs from 'ejs';
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../context';
import { dutchNumber } from '../format';
import { noteText, VerdictView } from './common';
import { RenderOptions } from './engine';
import { buildNationalModel, NationalReportModel } from './national.model';
import { headingRegistry, htmlWithToc, printWithToc, TwoPassDocument } from './toc';
import { buildUnitModel, UnitReportModel } from './unit.model';

export { renderPdf, closeEngine } from './engine';
export { buildNationalModel } from './national.model';
export { buildUnitModel } from './unit.model';

export const REPORTS_DIR = path.resolve(__dirname, '..', '..', 'reports');

let stylesheet: string | null = null;

/** The print stylesheet (reports/print.css), read once. */
export function printStylesheet(): string {
  if (stylesheet === null) stylesheet = fs.readFileSync(path.join(REPORTS_DIR, 'print.css'), 'utf8');
  return stylesheet;
}

/** A CSS string literal; every character that could end the string or the <style> element is escaped. */
export function cssString(s: string): string {
  return `"${[...s].map((ch) => (/[A-Za-z0-9 .,:;()\u00C0-\u024F-]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

export interface PageSetup {
  /** Running header, on every page but the title page. */
  runningTitle: string;
  /** "CONCEPT" or "Vastgesteld op …", on every page. */
  mark: string;
  final: boolean;
  /** A short line in the footer when the content is illustrative. */
  illustrative: boolean;
}

/** The @page rules of one report: running header, status mark and "pagina X van Y". */
export function pageCss(p: PageSetup): string {
  const markColour = p.final ? '#2e7d32' : '#b00020';
  return `
@page {
  size: A4;
  margin: 20mm 18mm 20mm 20mm;
  @top-left { content: ${cssString(p.runningTitle)}; font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8pt; color: #555; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${cssString(p.mark)}; font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 9pt; font-weight: bold; color: ${markColour}; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-left { content: ${cssString(p.illustrative ? 'Inspectie Justitie en Veiligheid · illustratief onderzoek' : 'Inspectie Justitie en Veiligheid')}; font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8pt; color: #555; vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: "pagina " counter(page) " van " counter(pages); font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8pt; color: #555; vertical-align: top; padding-top: 4mm; }
}
@page :first { @top-left { content: none; } }
`;
}

/** Helpers the templates use; every one escapes what it is given. */
export function templateHelpers(heading: ReturnType<typeof headingRegistry>['heading']) {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  return {
    heading,
    esc,
    verdict: (v: VerdictView) => `<span class="verdict ${v.cls}">${esc(v.label)}</span>`,
    noteText,
    number: dutchNumber,
    capital: (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s),
  };
}

function render(template: string, data: Record<string, unknown>): string {
  const filename = path.join(REPORTS_DIR, template);
  return ejs.render(fs.readFileSync(filename, 'utf8'), data, { filename, cache: true, rmWhitespace: false });
}

/**
 * A report as a two-pass document: the body (headings registered for the table of contents),
 * and how to assemble the whole page around a table of contents.
 */
export function reportDocument(opts: {
  title: string;
  page: PageSetup;
  titlePage: string;
  body: (r: ReturnType<typeof templateHelpers>) => string;
}): TwoPassDocument {
  const registry = headingRegistry();
  const body = opts.body(templateHelpers(registry.heading));
  const css = printStylesheet() + pageCss(opts.page);
  return {
    body,
    headings: registry.list,
    assemble: (toc, b) => render('document.ejs', { title: opts.title, css, titlePage: opts.titlePage, toc, body: b }),
  };
}

export function nationalDocument(m: NationalReportModel): TwoPassDocument {
  return reportDocument({
    title: `${m.title} — landelijk rapport`,
    page: { runningTitle: m.title, mark: m.status.mark, final: m.status.final, illustrative: m.illustrativeHtml !== null },
    titlePage: render('partials/title-page.ejs', { m, kindLabel: 'Landelijk rapport', title: m.title, subtitle: `${m.organisation} · ${m.year}` }),
    body: (r) => render('national.ejs', { m, r }),
  });
}

export function unitDocument(m: UnitReportModel): TwoPassDocument {
  return reportDocument({
    title: m.title,
    page: { runningTitle: m.title, mark: m.status.mark, final: m.status.final, illustrative: m.illustrativeHtml !== null },
    titlePage: render('partials/title-page.ejs', { m, kindLabel: 'Rapport per eenheid', title: m.unitName, subtitle: `${m.inspectionTitle} · ${m.year}` }),
    body: (r) => render('unit.ejs', { m, r }),
  });
}

/** The national report's final HTML (with page numbers in its table of contents). */
export async function nationalReportHtml(ctx: Ctx, inspectionId: number, opts: RenderOptions = {}): Promise<string> {
  return htmlWithToc(nationalDocument(buildNationalModel(ctx, inspectionId)), opts);
}

export async function unitReportHtml(ctx: Ctx, inspectionId: number, unitCode: string, opts: RenderOptions = {}): Promise<string> {
  return htmlWithToc(unitDocument(buildUnitModel(ctx, inspectionId, unitCode)), opts);
}

export async function nationalReportPdf(ctx: Ctx, inspectionId: number, opts: RenderOptions = {}): Promise<Buffer> {
  return printWithToc(nationalDocument(buildNationalModel(ctx, inspectionId)), opts);
}

export async function unitReportPdf(ctx: Ctx, inspectionId: number, unitCode: string, opts: RenderOptions = {}): Promise<Buffer> {
  return printWithToc(unitDocument(buildUnitModel(ctx, inspectionId, unitCode)), opts);
}
