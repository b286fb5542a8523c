// The PDF reports: report model → EJS template (reports/*.ejs) → HTML with the print stylesheet
// inlined → Chromium (printWithToc). The models are pure functions of snapshots; the use cases in
// src/app/reports.ts read those, print, and store the final PDFs at vaststelling. The comparison
// report reuses printStylesheet() and reportDocument().
import ejs from 'ejs';
import fs from 'node:fs';
import path from 'node:path';
import { sharedHelpers } from '../present';
import { noteHtml, noteText } from './common';
import type { NationalReportModel } from './national.model';
import { headingRegistry, TwoPassDocument } from './toc';
import type { UnitReportModel } from './unit.model';

export { renderPdf, closeEngine } from './engine';
export { buildNationalModel } from './national.model';
export { buildUnitModel } from './unit.model';

export const REPORTS_DIR = path.resolve(__dirname, '..', '..', 'reports');

let stylesheet: string | null = null;

/** The print stylesheet (reports/print.css), read once. */
export function printStylesheet(): string {
  stylesheet ??= fs.readFileSync(path.join(REPORTS_DIR, 'print.css'), 'utf8');
  return stylesheet;
}

/** A CSS string literal; every character that could end the string or the <style> element is escaped. */
export function cssString(s: string): string {
  let out = '"';
  // By code point, as CSS escapes them: one escape for a character outside the BMP, not two.
  for (const ch of s) out += /[A-Za-z0-9 .,:;()\u00C0-\u024F-]/.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0).toString(16)} `;
  return `${out}"`;
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

/**
 * The report templates' helpers (`r`): the presentation module's shared helpers, the same the
 * screens get, plus the table of contents' headings and the note text that only print has.
 */
export function templateHelpers(heading: ReturnType<typeof headingRegistry>['heading']) {
  return { ...sharedHelpers, heading, noteText, noteHtml };
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
  /** The PDF's Subject and Keywords (the engine reads them from the page's meta elements). */
  subject?: string;
  keywords?: string[];
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
    assemble: (toc, b) => render('document.ejs', { title: opts.title, subject: opts.subject ?? '', keywords: opts.keywords ?? [], css, titlePage: opts.titlePage, toc, body: b }),
  };
}

export function nationalDocument(m: NationalReportModel): TwoPassDocument {
  return reportDocument({
    title: `${m.title} — landelijk rapport`,
    subject: `Landelijk rapport van de Inspectie Justitie en Veiligheid over ${m.organisation.toLowerCase() === m.organisation ? m.organisation : m.organisation}: ${m.title} (${m.year})`,
    keywords: [m.organisation, m.main.title, ...m.others.map((o) => o.title), String(m.year), m.status.final ? 'vastgesteld' : 'concept'],
    page: { runningTitle: m.title, mark: m.status.mark, final: m.status.final, illustrative: m.illustrativeHtml !== null },
    titlePage: render('partials/title-page.ejs', { m, kindLabel: 'Landelijk rapport', title: m.title, subtitle: `${m.organisation} · ${m.year}` }),
    body: (r) => render('national.ejs', { m, r }),
  });
}

export function unitDocument(m: UnitReportModel): TwoPassDocument {
  return reportDocument({
    title: m.title,
    subject: `Rapport van de Inspectie Justitie en Veiligheid over ${m.unitName}: ${m.inspectionTitle} (${m.year})`,
    keywords: [m.unitName, m.inspectionTitle, String(m.year), m.status.final ? 'vastgesteld' : 'concept'],
    page: { runningTitle: m.title, mark: m.status.mark, final: m.status.final, illustrative: m.illustrativeHtml !== null },
    titlePage: render('partials/title-page.ejs', { m, kindLabel: 'Rapport per eenheid', title: m.unitName, subtitle: `${m.inspectionTitle} · ${m.year}` }),
    body: (r) => render('unit.ejs', { m, r }),
  });
}
