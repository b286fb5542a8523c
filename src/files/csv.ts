// Every CSV the app writes goes through csvText(), so that no cell can be read as a formula by a
// spreadsheet program (CSV or formula injection, OWASP): a text cell that starts with =, +, -, @,
// a tab or a carriage return (or the full-width =, +, - and @ that some programs normalise) gets a
// leading single quote and is always quoted. Only text is changed: a number, written as a
// number, stays a number, so -3 remains -3 while the text "-2+3" becomes "'-2+3".
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** True when a spreadsheet program could take this text for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as it goes into a cell: prefixed with `'` when it could be read as a formula. */
export function neutraliseCell(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

export interface CsvOptions {
  /** Semicolons by default: what Dutch spreadsheet programs expect. */
  delimiter?: string;
  /** A UTF-8 byte order mark first (default true), so a double-click opens it as UTF-8. */
  bom?: boolean;
}

/** Rows as CSV text, a header row first, every text cell neutralised. */
export function csvText<K extends string>(
  rows: ReadonlyArray<Readonly<Record<K, CsvCell>>>,
  columns: ReadonlyArray<{ key: K; header: string }>,
  opts: CsvOptions = {},
): string {
  const body = stringify(rows as Array<Record<K, CsvCell>>, {
    header: true,
    delimiter: opts.delimiter ?? ';',
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    cast: {
      string: (value) => (looksLikeFormula(value) ? { value: `'${value}`, quoted: true } : value),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
  return (opts.bom ?? true ? '\ufeff' : '') + body;
}
