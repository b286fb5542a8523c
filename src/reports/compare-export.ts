// The comparison as CSV and as a spreadsheet. Both are built from flatRows(), so they hold the
// same rows; the spreadsheet adds a sheet per toezegging (per unit and nationally) and colours
// the verdict and direction cells, always next to the words.
import { csvText } from '../files/csv';
// Loaded at the first spreadsheet, not at start: exceljs adds ~0.7 s to every server start.
import type ExcelJS from 'exceljs';
import type { Catalogue, Rank } from '../domain/checklist';
import type { Comparison, Side } from '../domain/comparison/types';
import { DIRECTION_LABELS, DIRECTIONS, Direction } from '../domain/comparison/vocabulary';
import { unitName } from '../criteria';
import { STATISTIC_LABELS } from '../domain/statistics-csv';
import { directionText, flatRows, ROW_COLUMNS } from './compare-rows';
import { checklistTitle } from './compare.model';

/** UTF-8 with BOM and semicolons: what Dutch spreadsheet programs open correctly by double-click. */
export function comparisonCsv(cmp: Comparison, catalogue: Catalogue): string {
  const rows = flatRows(cmp, catalogue);
  return csvText(rows, ROW_COLUMNS.map(([key]) => ({ key, header: key })));
}

const RANK_FILL: Record<Rank | 'none', string> = { positive: 'FFE3F1E4', partial: 'FFFFF1CC', negative: 'FFFBE3E1', none: 'FFECEFF1' };
const DIRECTION_FILL: Record<Direction, string> = {
  verbeterd: 'FFC8E6C9',
  gelijk: 'FFE3EAF1',
  verslechterd: 'FFF8C9C4',
  nieuw_beoordeeld: 'FFD6E9F8',
  niet_meer_beoordeeld: 'FFFFE0B2',
  niet_vergelijkbaar: 'FFEEEEEE',
};

function fill(cell: ExcelJS.Cell, argb: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function rankFill(cell: ExcelJS.Cell, rank: Rank | null | undefined): void {
  fill(cell, RANK_FILL[rank ?? 'none']);
}

function headerRow(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.eachCell((c) => fill(c, 'FFD9E2EC'));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 27)} (${i})`;
  used.add(n.toLowerCase());
  return n;
}

function sideText(s: Side | null): string {
  if (!s) return '';
  return s.provisional ? `${s.label} (voorlopig)` : s.label;
}

export async function comparisonXlsx(cmp: Comparison, catalogue: Catalogue): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const wb = new Workbook();
  wb.creator = 'Toetsing';
  wb.title = `Vergelijking ${cmp.earlier.title} (${cmp.earlier.year}) – ${cmp.later.title} (${cmp.later.year})`;
  const used = new Set<string>();

  const main = wb.addWorksheet(sheetName('Vergelijking', used));
  main.columns = ROW_COLUMNS.map(([key, header]) => ({ key, header, width: /motivering|criterium_tekst/.test(key) ? 50 : /toezegging|eenheid$|kader/.test(key) ? 28 : 16 }));
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
  main.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROW_COLUMNS.length } };

  const summary = wb.addWorksheet(sheetName('Telling per richting', used));
  summary.columns = [{ header: 'Onderdeel', key: 'what', width: 48 }, ...DIRECTIONS.map((d) => ({ header: DIRECTION_LABELS[d], key: d, width: 18 }))];
  headerRow(summary);
  summary.addRow({ what: 'Alle criteria × eenheden', ...cmp.counts });
  for (const c of cmp.checklists) {
    const title = checklistTitle(c);
    summary.addRow({ what: `${title}: criteria × eenheden`, ...c.counts });
    summary.addRow({ what: `${title}: toezeggingen per eenheid`, ...c.unitGroupCounts });
    summary.addRow({ what: `${title}: toezeggingen landelijk`, ...c.nationalCounts });
  }

  cmp.checklists.forEach((c, ci) => {
    for (const g of c.groups) {
      const sheet = wb.addWorksheet(sheetName(`${ci + 1}.${g.group.number} ${g.group.title}`, used));
      sheet.columns = [
        { header: 'Eenheid', key: 'unit', width: 32 },
        { header: `Oordeel ${cmp.earlier.year}`, key: 'earlier', width: 28 },
        { header: `Oordeel ${cmp.later.year}`, key: 'later', width: 28 },
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
      for (const u of g.units) add(unitName(catalogue, u.unit), u);
      sheet.addRow({});
      sheet.addRow({ unit: 'Telling (eenheden)' }).font = { bold: true };
      for (const d of DIRECTIONS) if (g.counts[d] > 0) sheet.addRow({ unit: DIRECTION_LABELS[d], earlier: g.counts[d] });
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
    sheet.columns = [
      { header: 'Jaar', key: 'year', width: 8 },
      { header: 'Eenheid', key: 'unit', width: 28 },
      { header: STATISTIC_LABELS.afgerond, key: 'afgerond', width: 12 },
      { header: STATISTIC_LABELS.aannemen, key: 'aannemen', width: 12 },
      { header: STATISTIC_LABELS.eersteFase, key: 'eersteFase', width: 12 },
      { header: STATISTIC_LABELS.tweedeFase, key: 'tweedeFase', width: 12 },
      { header: 'Bron (onderzoek)', key: 'source', width: 30 },
    ];
    headerRow(sheet);
    for (const s of cmp.statistics) sheet.addRow({ ...s, unit: s.unit ? unitName(catalogue, s.unit) : 'Landelijk', source: `${s.source.ref} (${s.source.year})` });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
