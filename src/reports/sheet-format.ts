// What every spreadsheet Toetsing writes shares: a bold frozen header row, tab names Excel
// accepts (at most 31 characters, none of []:*?/\, unique regardless of case) shortened on a
// word boundary, numbers stored as numbers, and verdict colours that always sit next to words.
import type ExcelJS from 'exceljs';
import type { Rank } from '../domain/checklist';
import { STATISTIC_LABELS } from '../domain/statistics-csv';
import type { VerdictClass } from '../present';

/** Excel's limit on a tab name. */
export const SHEET_NAME_MAX = 31;

const RANK_FILL: Record<Rank | 'none', string> = { positive: 'FFE3F1E4', partial: 'FFFFF1CC', negative: 'FFFBE3E1', none: 'FFECEFF1' };

export function fill(cell: ExcelJS.Cell, argb: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export function rankFill(cell: ExcelJS.Cell, rank: Rank | null | undefined): void {
  fill(cell, RANK_FILL[rank ?? 'none']);
}

export function verdictFill(cell: ExcelJS.Cell, cls: VerdictClass): void {
  rankFill(cell, cls === 'v-none' ? null : (cls.slice(2) as Rank));
}

export function headerRow(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  // Long headers ("Aandeel nagekomen of ten dele 2026") wrap instead of being cut off.
  row.alignment = { wrapText: true, vertical: 'top' };
  row.eachCell((c) => { fill(c, 'FFD9E2EC'); });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // Printed (or converted to PDF) as a whole table: landscape, all columns on one page width,
  // the header row repeated on every page.
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

/** The words of `text` that fit in `max` characters, cut between words, with "…" when cut. */
export function shortenOnWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const room = max - 1; // for the ellipsis
  const cut = flat.slice(0, room + 1);
  const boundary = cut.lastIndexOf(' ');
  // A first word longer than the room is cut inside it; anything else ends on a whole word.
  const words = (boundary > 0 ? cut.slice(0, boundary) : flat.slice(0, room)).replace(/[\s.,:;–-]+$/, '');
  return `${words}…`;
}

/**
 * A tab name Excel accepts, unique in `used` (compared without case, as Excel does): shortened on
 * word boundaries to 31 characters, and a second tab of the same name numbered " (2)" within them.
 */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim() || 'Blad';
  let candidate = shortenOnWords(base, SHEET_NAME_MAX);
  for (let i = 2; used.has(candidate.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    candidate = `${shortenOnWords(base, SHEET_NAME_MAX - suffix.length)}${suffix}`;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

/** A criterion number as a spreadsheet keeps it: "7" as the number 7, "6a" (or "1 + 2") as text. */
export function spreadsheetNumber(value: string): number | string {
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

/**
 * The columns of a "Klachtcijfers" sheet, the same in the trend and the comparison workbooks;
 * only the source column's width differs (the comparison names its sources by their full title).
 */
export function statisticsColumns(sourceWidth: number): Array<Partial<ExcelJS.Column>> {
  return [
    { header: 'Jaar', key: 'year', width: 8 },
    { header: 'Eenheid', key: 'unit', width: 28 },
    { header: STATISTIC_LABELS.afgerond, key: 'afgerond', width: 12 },
    { header: STATISTIC_LABELS.aannemen, key: 'aannemen', width: 12 },
    { header: STATISTIC_LABELS.eersteFase, key: 'eersteFase', width: 12 },
    { header: STATISTIC_LABELS.tweedeFase, key: 'tweedeFase', width: 12 },
    { header: 'Bron (onderzoek)', key: 'source', width: sourceWidth },
  ];
}
