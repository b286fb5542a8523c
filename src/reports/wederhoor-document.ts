// The handling document as a PDF (the report engine, print stylesheet, table of contents and PDF/A
// finishing of the other reports, with reports/wederhoor.ejs) and as a spreadsheet with the same
// rows plus the handling and the motivation. Both come from buildHandlingDocument.
import ejs from 'ejs';
import fs from 'node:fs';
import path from 'node:path';
// Loaded at the first spreadsheet, not at start (see src/reports/compare-export.ts).
import type ExcelJS from 'exceljs';
import type { RenderOptions } from './engine';
import { REPORTS_DIR, reportDocument } from './index';
import { printWithToc, TwoPassDocument } from './toc';
import type { HandlingDocumentModel, HandlingRow } from './wederhoor.model';

function render(template: string, data: Record<string, unknown>): string {
  const filename = path.join(REPORTS_DIR, template);
  return ejs.render(fs.readFileSync(filename, 'utf8'), data, { filename });
}

const CSS = `
.reaction { border-top: 0.8pt solid var(--rule); padding-top: 4pt; margin-top: 8pt; }
.reaction h2 { font-size: 11pt; margin: 4pt 0 2pt; }
.reaction p { margin: 0 0 4pt; }
.reaction .label { margin-top: 4pt; }
blockquote.passage { margin: 2pt 0 4pt; padding: 3pt 8pt; border-left: 2.5pt solid var(--rule); background: #f6f8fa; color: #333; }
.handling { background: var(--brand-soft); border-left: 3pt solid var(--brand); padding: 4pt 8pt; margin: 6pt 0 4pt; break-inside: avoid; page-break-inside: avoid; }
.handling-open { background: #fdecea; border-left-color: #b00020; }
table.handling-counts td, table.handling-counts th { text-align: center; }
`;

export function handlingDocument(m: HandlingDocumentModel): TwoPassDocument {
  const titleModel = { kind: 'wederhoor', title: m.inspectionTitle, year: m.year, status: m.status, illustrativeHtml: m.illustrativeHtml, fieldwork: null, predecessor: null, generatedOn: m.generatedOn };
  return reportDocument({
    title: `${m.inspectionTitle} — ${m.title}`,
    subject: `${m.title}: ${m.inspectionTitle} (${m.year}), Inspectie Justitie en Veiligheid`,
    keywords: [m.inspectionTitle, String(m.year), 'wederhoor', m.status.final ? 'vastgesteld' : 'concept'],
    page: { runningTitle: `${m.inspectionTitle} — verwerking van de reacties`, mark: m.status.mark, final: m.status.final, illustrative: m.illustrativeHtml !== null },
    titlePage: `<style>${CSS}</style>` + render('partials/title-page.ejs', { m: titleModel, kindLabel: m.title, title: m.inspectionTitle, subtitle: String(m.year) }),
    body: (r) => render('wederhoor.ejs', { m, r }),
  });
}

export async function handlingDocumentPdf(m: HandlingDocumentModel, opts: RenderOptions = {}): Promise<Buffer> {
  return printWithToc(handlingDocument(m), opts);
}

type Key = 'round' | 'party' | 'number' | 'paragraph' | 'heading' | 'passage' | 'reaction' | 'proposed' | 'handling' | 'motivation' | 'textChange';

/** The spreadsheet's columns, in order: the reaction form's columns, then the handling. */
export const HANDLING_COLUMNS: ReadonlyArray<{ key: Key; header: string; width: number; wrap?: boolean }> = [
  { key: 'round', header: 'Ronde', width: 7 },
  { key: 'party', header: 'Partij', width: 24 },
  { key: 'number', header: 'Reactie', width: 8 },
  { key: 'paragraph', header: 'Paragraaf', width: 10 },
  { key: 'heading', header: 'Onder kop', width: 24, wrap: true },
  { key: 'passage', header: 'Geciteerde passage', width: 45, wrap: true },
  { key: 'reaction', header: 'Reactie (tekst)', width: 55, wrap: true },
  { key: 'proposed', header: 'Voorgestelde tekst', width: 45, wrap: true },
  { key: 'handling', header: 'Verwerking', width: 22 },
  { key: 'motivation', header: 'Motivering', width: 55, wrap: true },
  { key: 'textChange', header: 'Tekst aangepast', width: 35, wrap: true },
];

function cellValue(row: HandlingRow, key: Key): string | number | null {
  switch (key) {
    case 'handling': return row.handlingLabel;
    case 'textChange': return row.textChange ?? '';
    case 'paragraph': return row.paragraph;
    default: return row[key];
  }
}

/** The same rows as the PDF, one per reaction; every text is a text cell (never a formula). */
export async function handlingDocumentXlsx(m: HandlingDocumentModel): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const wb = new Workbook();
  wb.creator = 'Toetsing';
  wb.title = `${m.title}: ${m.inspectionTitle} (${m.year})`;
  const sheet = wb.addWorksheet('Verwerking', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HANDLING_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const round of m.rounds) {
    for (const r of round.rows) {
      const row = sheet.addRow(Object.fromEntries(HANDLING_COLUMNS.map((c) => [c.key, cellValue(r, c.key)])));
      for (const c of HANDLING_COLUMNS) if (c.wrap) row.getCell(c.key).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  sheet.autoFilter = { from: 'A1', to: `${String.fromCharCode(64 + HANDLING_COLUMNS.length)}1` };
  const about = wb.addWorksheet('Toelichting');
  about.getColumn(1).width = 140;
  const lines = [
    m.title,
    `${m.inspectionTitle} (${m.year}) · ${m.status.final ? m.status.mark : 'concept'} · gemaakt op ${m.generatedOn}`,
    '',
    ...m.rounds.map((r) => `Ronde ${r.number}: ${r.intro}`),
  ];
  lines.forEach((l, i) => { about.getCell(i + 1, 1).value = l; });
  about.getCell(1, 1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
