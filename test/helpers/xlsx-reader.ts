// A workbook read back by openpyxl (/usr/bin/python3), an independent reader of what exceljs
// writes: values as another program sees them, with their cell types and number formats.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ReadSheet {
  name: string;
  rows: unknown[][];
  /** openpyxl's data_type per cell: "n" number, "s" text, "b" boolean, "d" date; null when empty. */
  types: Array<Array<string | null>>;
  formats: string[][];
}

const PYTHON = '/usr/bin/python3';
const READER = path.join(__dirname, 'read_xlsx.py');

export function readXlsx(content: Buffer): ReadSheet[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-xlsx-'));
  try {
    const file = path.join(dir, 'book.xlsx');
    fs.writeFileSync(file, content);
    return (JSON.parse(execFileSync(PYTHON, [READER, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { sheets: ReadSheet[] }).sheets;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A sheet's data rows as objects keyed by the header row. */
export function records(sheet: ReadSheet): Array<Record<string, unknown>> {
  const [header, ...rows] = sheet.rows;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? null])));
}
