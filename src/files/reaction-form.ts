// Reading the returned reaction form of a wederhoor round (the XLSX made by src/app/wederhoor.ts):
// sheet "Reacties" with the columns Paragraaf, Geciteerde passage, Reactie, Voorgestelde tekst.
// Every filled row is checked; the caller stores all rows or none. A cell's content is taken as
// the text it holds: a formula is kept as its own text ("=…", never its cached result, never
// evaluated), and text that looks like a spreadsheet formula stays text (the exports prefix it).
// Loaded lazily, like every other exceljs use (see src/reports/compare-export.ts).
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import { markdownProblem } from '../domain/markdown-shape';
import { ParagraphRange, REACTION_LIMITS, ReactionInput, reactionProblems } from '../domain/wederhoor';

export const REACTIONS_SHEET = 'Reacties';

type ColumnKey = 'paragraph' | 'passage' | 'reaction' | 'proposed';

export const FORM_COLUMNS: ReadonlyArray<{ key: ColumnKey; header: string }> = [
  { key: 'paragraph', header: 'Paragraaf' },
  { key: 'passage', header: 'Geciteerde passage' },
  { key: 'reaction', header: 'Reactie' },
  { key: 'proposed', header: 'Voorgestelde tekst' },
];

/** Most filled rows one form may bring (a concept has a few hundred paragraphs). */
export const MAX_FORM_ROWS = 5_000;

export interface FormProblem { sheet: string; row: number; column: string; message: string }

/** "Reacties, rij 7, kolom Paragraaf: paragraaf 412 bestaat niet in deze versie (1–318)". */
export function describeFormProblem(p: FormProblem): string {
  const where = [p.sheet, p.row > 0 ? `rij ${p.row}` : '', p.column ? `kolom ${p.column}` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}

export interface FormRow extends ReactionInput {
  /** The row in the sheet, for messages. */
  row: number;
}

export type FormReading = { ok: true; rows: FormRow[] } | { ok: false; problems: FormProblem[] };

function loadExcel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJS;
}

/** Open the bytes as a workbook; null when they are not one. */
export async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook | null> {
  const wb = new (loadExcel().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return wb;
  } catch {
    return null;
  }
}

const lower = (s: string) => s.trim().toLocaleLowerCase('nl');

/** The text a cell holds, as written: a formula as "=…" (not evaluated), rich text joined, a date as JJJJ-MM-DD. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('formula' in v && typeof v.formula === 'string') return `=${v.formula}`;
    if ('sharedFormula' in v && typeof v.sharedFormula === 'string') return `=${v.sharedFormula}`;
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v && typeof v.error === 'string') return v.error;
  }
  return '';
}

const text = (label: string, max: number) =>
  z.string().max(max, `${label} is langer dan ${max.toLocaleString('nl-NL')} tekens`).superRefine((t, c) => {
    const problem = markdownProblem(t);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  });

const rowSchema = z.object({
  paragraph: z
    .string()
    .trim()
    .regex(/^(\d{1,9})?$/, 'geen paragraafnummer; vul een heel getal in of laat de cel leeg')
    .transform((t) => (t === '' ? null : Number(t))),
  passage: text('de geciteerde passage', REACTION_LIMITS.passage),
  reaction: text('de reactie', REACTION_LIMITS.reaction),
  proposed: text('de voorgestelde tekst', REACTION_LIMITS.proposed),
});

/** A paragraph cell as text: a whole number typed as a number reads as its digits ("12", not "12.0"). */
function paragraphText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return String(v);
  return cellText(cell).trim();
}

/**
 * Every filled row of the form's "Reacties" sheet, checked against the round's paragraphs; or
 * every problem found, by sheet, row and column. Empty rows are skipped.
 */
export function readReactionRows(wb: ExcelJS.Workbook, range: ParagraphRange): FormReading {
  const sheet = wb.getWorksheet(REACTIONS_SHEET);
  if (!sheet) return { ok: false, problems: [{ sheet: REACTIONS_SHEET, row: 0, column: '', message: `het blad "${REACTIONS_SHEET}" ontbreekt; gebruik het reactieformulier van deze ronde` }] };
  const at = new Map<ColumnKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const c = FORM_COLUMNS.find((k) => lower(k.header) === lower(cellText(cell)));
    if (c && !at.has(c.key)) at.set(c.key, col);
  });
  const missing = FORM_COLUMNS.filter((c) => !at.has(c.key));
  if (missing.length > 0) {
    return { ok: false, problems: missing.map((c) => ({ sheet: REACTIONS_SHEET, row: 1, column: c.header, message: `de kolomkop "${c.header}" ontbreekt; wijzig de kopregel niet` })) };
  }
  const header = (k: ColumnKey) => FORM_COLUMNS.find((c) => c.key === k)?.header ?? k;
  const problems: FormProblem[] = [];
  const rows: FormRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cell = (k: ColumnKey) => row.getCell(at.get(k) ?? 0);
    const raw = {
      paragraph: paragraphText(cell('paragraph')),
      passage: cellText(cell('passage')),
      reaction: cellText(cell('reaction')),
      proposed: cellText(cell('proposed')),
    };
    if (Object.values(raw).every((v) => v.trim() === '')) continue;
    if (rows.length + 1 > MAX_FORM_ROWS) {
      problems.push({ sheet: REACTIONS_SHEET, row: r, column: '', message: `meer dan ${MAX_FORM_ROWS.toLocaleString('nl-NL')} reacties in één formulier` });
      break;
    }
    const problem = (k: ColumnKey, message: string) => problems.push({ sheet: REACTIONS_SHEET, row: r, column: header(k), message });
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(issue.path[0] as ColumnKey, issue.message);
      continue;
    }
    // Excel writes line breaks as \r\n or \n; stored as \n, as the app's forms do.
    const input: ReactionInput = {
      paragraph: parsed.data.paragraph,
      passage: parsed.data.passage.replace(/\r\n?/g, '\n').trim(),
      reaction: parsed.data.reaction.replace(/\r\n?/g, '\n').trim(),
      proposed: parsed.data.proposed.replace(/\r\n?/g, '\n').trim(),
    };
    const found = reactionProblems(input, range);
    for (const k of ['paragraph', 'passage', 'reaction', 'proposed'] as const) {
      const m = found[k];
      if (m) problem(k, m);
    }
    if (Object.keys(found).length === 0) rows.push({ row: r, ...input });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ sheet: REACTIONS_SHEET, row: 0, column: '', message: 'het formulier bevat geen reacties' }] };
  return { ok: true, rows };
}
