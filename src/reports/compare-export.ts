// The comparison as CSV and as a spreadsheet. Both are built from compare-rows.ts, so they hold
// the same rows: the criterion rows (comparisonCsv, sheet "Vergelijking") and the toezegging
// rows, nationally and per unit (comparisonGroupsCsv, sheet "Toezeggingen"). The spreadsheet adds
// the counts per direction on a sheet of their own ("Aantallen"), a sheet per toezegging, and
// colours the verdict and direction cells, always next to the words. Every sheet is one header
// row and its data: nothing below it.
import { csvText } from '../files/csv';
// Loaded at the first spreadsheet, not at start: exceljs adds ~0.7 s to every server start.
import type ExcelJS from 'exceljs';
import type { Catalogue } from '../domain/checklist';
import type { Comparison, Side } from '../domain/comparison/types';
import { DIRECTION_LABELS, DIRECTIONS, Direction } from '../domain/comparison/vocabulary';
import { INSPECTION_STATUS_LABELS } from '../domain/vocabulary';
import { unitNameOf } from '../domain/units';
import { directionText, flatRows, groupColumns, groupRows, pairRows, rowColumns, sideNames } from './compare-rows';
import { checklistTitle } from './compare.model';
import { fill, headerRow, rankFill, sheetName, statisticsColumns } from './sheet-format';

/** UTF-8 with BOM and semicolons: what Dutch spreadsheet programs open correctly by double-click. */
export function comparisonCsv(cmp: Comparison, catalogue: Catalogue): string {
  return csvText(flatRows(cmp, catalogue), rowColumns(cmp));
}

/** The second CSV: per toezegging the national row and a row per unit, with the shares kept. */
export function comparisonGroupsCsv(cmp: Comparison, catalogue: Catalogue): string {
  return csvText(groupRows(cmp, catalogue), groupColumns(cmp));
}

const DIRECTION_FILL: Record<Direction, string> = {
  verbeterd: 'FFC8E6C9',
  gelijk: 'FFE3EAF1',
  verslechterd: 'FFF8C9C4',
  nieuw_beoordeeld: 'FFD6E9F8',
  niet_meer_beoordeeld: 'FFFFE0B2',
  niet_vergelijkbaar: 'FFEEEEEE',
};

function sideText(s: Side | null): string {
  if (!s) return '';
  return s.provisional ? `${s.label} (voorlopig)` : s.label;
}

const width = (key: string) => (/motivering|tekst/.test(key) ? 50 : /^toezegging$|eenheid$|kader|naam/.test(key) ? 28 : 16);

export async function comparisonXlsx(cmp: Comparison, catalogue: Catalogue): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const wb = new Workbook();
  const names = sideNames(cmp);
  wb.creator = 'Toetsing';
  wb.title = `Vergelijking ${names.earlier} – ${names.later}`;
  const used = new Set<string>();

  const main = wb.addWorksheet(sheetName('Vergelijking', used));
  const columns = rowColumns(cmp);
  main.columns = columns.map(({ key, header }) => ({ key, header, width: width(key) }));
  headerRow(main);
  const flat = flatRows(cmp, catalogue);
  // Ranks for the fills, in the same order as flatRows walks the cells.
  const cells = cmp.checklists.flatMap((c) => c.rows.flatMap((r) => r.cells));
  flat.forEach((r, i) => {
    const row = main.addRow(r);
    rankFill(row.getCell('oordeel_eerder'), cells[i].earlier?.rank);
    rankFill(row.getCell('oordeel_later'), cells[i].later?.rank);
    fill(row.getCell('richting'), DIRECTION_FILL[cells[i].direction]);
    row.getCell('motivering_eerder').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('motivering_later').alignment = { wrapText: true, vertical: 'top' };
  });
  main.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  // The national and per-unit rows of every toezegging, with the shares kept, as the second CSV.
  const groups = wb.addWorksheet(sheetName('Toezeggingen', used));
  const gColumns = groupColumns(cmp);
  groups.columns = gColumns.map(({ key, header }) => ({ key, header, width: width(key) }));
  headerRow(groups);
  for (const r of groupRows(cmp, catalogue)) {
    const { ranks, ...values } = r;
    const row = groups.addRow(values);
    rankFill(row.getCell('oordeel_eerder'), ranks.earlier?.rank);
    rankFill(row.getCell('oordeel_later'), ranks.later?.rank);
    fill(row.getCell('richting'), DIRECTION_FILL[ranks.direction]);
    if (r.niveau === 'Landelijk') row.font = { bold: true };
  }
  groups.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: gColumns.length } };

  // The counts per direction: one row per part, never under another sheet's data.
  const counts = wb.addWorksheet(sheetName('Aantallen', used));
  counts.columns = [{ header: 'Onderdeel', key: 'what', width: 60 }, ...DIRECTIONS.map((d) => ({ header: DIRECTION_LABELS[d], key: d, width: 18 }))];
  headerRow(counts);
  counts.addRow({ what: 'Alle criteria × eenheden', ...cmp.counts });
  for (const c of cmp.checklists) {
    const title = checklistTitle(c);
    counts.addRow({ what: `${title}: criteria × eenheden`, ...c.counts });
    counts.addRow({ what: `${title}: toezeggingen per eenheid`, ...c.unitGroupCounts });
    counts.addRow({ what: `${title}: toezeggingen landelijk`, ...c.nationalCounts });
    for (const g of c.groups) counts.addRow({ what: `${title}: ${g.group.number}. ${g.group.title}, eenheden`, ...g.counts });
  }

  cmp.checklists.forEach((c, ci) => {
    for (const g of c.groups) {
      const sheet = wb.addWorksheet(sheetName(`${ci + 1}.${g.group.number} ${g.group.title}`, used));
      sheet.columns = [
        { header: 'Eenheid', key: 'unit', width: 32 },
        { header: `Oordeel ${names.earlier}`, key: 'earlier', width: 34 },
        { header: `Oordeel ${names.later}`, key: 'later', width: 34 },
        { header: 'Richting', key: 'direction', width: 24 },
      ];
      headerRow(sheet);
      const add = (label: string, ch: { earlier: Side | null; later: Side | null; direction: Direction }, bold = false) => {
        const row = sheet.addRow({ unit: label, earlier: sideText(ch.earlier), later: sideText(ch.later), direction: directionText(ch.direction) });
        rankFill(row.getCell('earlier'), ch.earlier?.rank);
        rankFill(row.getCell('later'), ch.later?.rank);
        fill(row.getCell('direction'), DIRECTION_FILL[ch.direction]);
        if (bold) row.font = { bold: true };
      };
      add('Landelijk', g.national, true);
      for (const u of g.units) add(unitNameOf(catalogue, cmp.later, u.unit), u);
    }
  });

  if (cmp.recommendations.length > 0) {
    const sheet = wb.addWorksheet(sheetName('Aanbevelingen', used));
    sheet.columns = [
      { header: 'Aanbeveling', key: 'ref', width: 12 },
      { header: 'Toezegging', key: 'group', width: 30 },
      { header: 'Tekst', key: 'text', width: 60 },
      { header: 'Opvolging', key: 'status', width: 24 },
      { header: 'Motivering', key: 'motivation', width: 60 },
      { header: 'Bronnen', key: 'evidence', width: 40 },
    ];
    headerRow(sheet);
    for (const r of cmp.recommendations) {
      sheet.addRow({
        ref: r.ref, group: r.groupTitle, text: r.text,
        status: r.followup?.label ?? (cmp.followupsRecorded ? 'Nog niet vastgelegd' : 'Niet vastgelegd'),
        motivation: r.followup?.motivation ?? '', evidence: r.followup?.evidence.map((e) => `${e.ref} ${e.title}`).join('; ') ?? '',
      }).alignment = { wrapText: true, vertical: 'top' };
    }
  }

  if (cmp.statistics.length > 0) {
    const sheet = wb.addWorksheet(sheetName('Klachtcijfers', used));
    sheet.columns = statisticsColumns(44);
    headerRow(sheet);
    const sourceName = (id: number, fallback: string) => (id === cmp.earlier.id ? names.earlier : id === cmp.later.id ? names.later : fallback);
    for (const s of cmp.statistics) {
      sheet.addRow({ ...s, unit: s.unit ? unitNameOf(catalogue, cmp.later, s.unit) : 'Landelijk', source: sourceName(s.source.id, `${s.source.ref} (${s.source.year})`) });
    }
  }

  // Which inspection is "eerder" and which "later", by title, year and status.
  const pair = wb.addWorksheet(sheetName('Onderzoeken', used));
  pair.columns = [
    { header: 'Rol', key: 'role', width: 10 },
    { header: 'Onderzoek', key: 'name', width: 60 },
    { header: 'Jaar', key: 'year', width: 8 },
    { header: 'Status', key: 'status', width: 14 },
  ];
  headerRow(pair);
  for (const p of pairRows(cmp)) pair.addRow({ role: p.role, name: p.name, year: p.head.year, status: INSPECTION_STATUS_LABELS[p.head.status] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
