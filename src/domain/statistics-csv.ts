// Complaint statistics from a CSV file (the figures of the source's table "Afgeronde klachten naar
// status en fase"). All rows are checked before anything is stored: the result is either every
// row, or every problem with its row number (as a spreadsheet shows it: the header is row 1),
// column and reason. Pure: text in, rows or problems out.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { StatisticRecord } from './inspection';

export const STATISTIC_COLUMNS = ['jaar', 'eenheid', 'afgerond', 'aannemen', 'eerste_fase', 'tweede_fase'] as const;
const REQUIRED = ['jaar', 'afgerond', 'aannemen', 'eerste_fase', 'tweede_fase'] as const;
export const STATISTIC_LABELS = {
  afgerond: 'Afgerond',
  aannemen: 'Aannemen',
  eersteFase: 'Eerste fase',
  tweedeFase: 'Tweede fase',
} as const;

export interface StatisticsProblem {
  row: number;
  column: string | null;
  message: string;
}

export type StatisticsParse = { ok: true; rows: StatisticRecord[] } | { ok: false; problems: StatisticsProblem[] };

const count = z
  .string()
  .regex(/^\d{1,9}$/, 'geen geheel getal van 0 of meer (zonder punten of spaties)')
  .transform(Number);

function rowSchema(unitCodes: string[]) {
  return z
    .object({
      jaar: z
        .string()
        .regex(/^\d{4}$/, 'geen jaartal van vier cijfers')
        .transform(Number)
        .refine((y) => y >= 1990 && y <= 2100, 'jaar moet tussen 1990 en 2100 liggen'),
      eenheid: z
        .string()
        .default('')
        .refine((u) => u === '' || unitCodes.includes(u), { error: `onbekende eenheid (gebruik een code als ${unitCodes.slice(0, 3).join(', ')}, of laat leeg voor landelijk)` })
        .transform((u) => (u === '' ? null : u)),
      afgerond: count,
      aannemen: count,
      eerste_fase: count,
      tweede_fase: count,
    })
    .strict()
    .superRefine((r, ctx) => {
      // In the source's table the completed complaints are exactly those settled at intake
      // (aannemen), in the first and in the second phase; figures that disagree are a typo.
      const parts = r.aannemen + r.eerste_fase + r.tweede_fase;
      if (parts !== r.afgerond) {
        ctx.addIssue({ code: 'custom', path: ['afgerond'], message: `afgerond (${r.afgerond}) is niet gelijk aan aannemen + eerste_fase + tweede_fase (${parts})` });
      }
    });
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseStatisticsCsv(text: string, unitCodes: string[]): StatisticsParse {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(withoutBom(text), {
      delimiter: [';', ','],
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { ok: false, problems: [{ row: line ?? 1, column: null, message: `het bestand is geen leesbare CSV (${(e as Error).message})` }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: 1, column: null, message: 'het bestand is leeg; de eerste regel moet de kolomnamen bevatten' }] };

  const header = records[0].record.map((h) => h.toLowerCase());
  const headerProblems: StatisticsProblem[] = [];
  for (const h of header) {
    if (!(STATISTIC_COLUMNS as readonly string[]).includes(h)) headerProblems.push({ row: records[0].info.lines, column: h || '(leeg)', message: `onbekende kolom; toegestaan zijn ${STATISTIC_COLUMNS.join(', ')}` });
  }
  for (const r of REQUIRED) if (!header.includes(r)) headerProblems.push({ row: records[0].info.lines, column: r, message: 'verplichte kolom ontbreekt in de kopregel' });
  if (new Set(header).size !== header.length) headerProblems.push({ row: records[0].info.lines, column: null, message: 'een kolomnaam komt dubbel voor' });
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };
  if (records.length === 1) return { ok: false, problems: [{ row: 2, column: null, message: 'geen gegevens onder de kopregel' }] };

  const schema = rowSchema(unitCodes);
  const problems: StatisticsProblem[] = [];
  const rows: StatisticRecord[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const rowNo = info.lines;
    if (record.length !== header.length) {
      problems.push({ row: rowNo, column: null, message: `${record.length} velden, de kopregel heeft er ${header.length}` });
      continue;
    }
    const raw = Object.fromEntries(header.map((h, i) => [h, record[i]]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      // One problem per column: a field that is not a number also fails the sum check after it.
      const columns = new Set<string | null>();
      for (const issue of parsed.error.issues) {
        const column = issue.path.length ? String(issue.path[0]) : null;
        if (columns.has(column)) continue;
        columns.add(column);
        problems.push({ row: rowNo, column, message: issue.message });
      }
      continue;
    }
    const d = parsed.data;
    const key = `${d.jaar}/${d.eenheid ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row: rowNo, column: 'jaar', message: `${d.jaar}${d.eenheid ? ` voor ${d.eenheid}` : ' (landelijk)'} staat al op rij ${first}` });
      continue;
    }
    seen.set(key, rowNo);
    rows.push({ year: d.jaar, unit: d.eenheid, afgerond: d.afgerond, aannemen: d.aannemen, eersteFase: d.eerste_fase, tweedeFase: d.tweede_fase });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

export function describeProblem(p: StatisticsProblem): string {
  return `rij ${p.row}${p.column ? `, kolom ${p.column}` : ''}: ${p.message}`;
}
