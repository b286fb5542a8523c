// A checklist as an Excel workbook: the empty template a beheerder fills in, the download of a
// published version, and the reader that turns a filled-in workbook back into a checklist. The
// workbook has four sheets: "Kader" (label/value rows), "Schaal" (three levels), "Criteria" (one row
// per criterion, its group on the same row) and "Uitleg". Columns are found by their header, so a
// beheerder may move them; every problem names sheet, row and column in Dutch. The reader never
// evaluates anything: a formula cell is refused (its cached result could be anything), a date is
// refused, rich text and links are read as their text.
//
// Round trip: checklist → checklistToXlsx → readChecklistXlsx gives the same checklist, for any
// checklist whose texts have no leading or trailing white space and whose sub-points have no line
// breaks (the reader trims cells and reads one sub-point per line).
import type ExcelJS from 'exceljs';
import { Checklist, checklistSchema, Criterion, Group, Rank, Scale } from '../domain/checklist';
import { dutchIssue, Issue } from '../domain/issue-messages';

export const KADER_SHEET = 'Kader';
export const SCALE_SHEET = 'Schaal';
export const CRITERIA_SHEET = 'Criteria';
export const GUIDE_SHEET = 'Uitleg';

/** Largest workbook read (the app's checklists are a few tens of kilobytes). */
export const MAX_CHECKLIST_XLSX_BYTES = 2 * 1024 * 1024;

export interface SheetProblem {
  sheet: string;
  /** 0 when the problem is the sheet (or the file) as a whole. */
  row: number;
  /** The column's header (lower case, as in the sheet), or '' for the row or sheet as a whole. */
  column: string;
  message: string;
}

/** "Criteria, rij 12, kolom tekst: leeg". */
export function describeSheetProblem(p: SheetProblem): string {
  const where = [p.sheet, p.row > 0 ? `rij ${p.row}` : '', p.column ? `kolom ${p.column}` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}

export type ChecklistRead = { ok: true; checklist: Checklist } | { ok: false; problems: SheetProblem[] };

// ---- the layout ---------------------------------------------------------------------------------

type KaderKey = 'id' | 'version' | 'title' | 'shortTitle' | 'source' | 'description' | 'scaleId';
interface KaderRow { key: KaderKey; label: string; required: boolean; hint: string }

const KADER: readonly KaderRow[] = [
  { key: 'id', label: 'id', required: true, hint: 'Vaste sleutel van het kader: kleine letters, cijfers, - en _ (bijvoorbeeld "reclassering-toezicht"). Oordelen en rapporten verwijzen ernaar.' },
  { key: 'version', label: 'versie', required: true, hint: 'Versie van het kader, bijvoorbeeld "2026". Een gewijzigd kader krijgt een nieuwe versie.' },
  { key: 'title', label: 'titel', required: true, hint: 'Volledige titel, zoals in rapporten.' },
  { key: 'shortTitle', label: 'korte titel', required: true, hint: 'Korte naam voor schermen en tabellen.' },
  { key: 'source', label: 'bron', required: true, hint: 'Bronvermelding: waar het kader is vastgelegd.' },
  { key: 'description', label: 'omschrijving', required: false, hint: 'Optioneel: een korte omschrijving van het kader.' },
  { key: 'scaleId', label: 'schaal-id', required: true, hint: 'Sleutel van de oordeelsschaal (blad "Schaal"), bijvoorbeeld "naleving".' },
];
const KADER_HEADERS = ['veld', 'waarde', 'toelichting'] as const;

type ScaleKey = 'code' | 'label' | 'rank';
const SCALE_COLUMNS: ReadonlyArray<{ key: ScaleKey; header: string; width: number }> = [
  { key: 'code', header: 'code', width: 22 },
  { key: 'label', header: 'label', width: 30 },
  { key: 'rank', header: 'rang', width: 16 },
];

const RANK_WORDS: Record<Rank, string> = { positive: 'positief', partial: 'gedeeltelijk', negative: 'negatief' };
/** The rank as typed: the Dutch word of the dropdown or the English one of the YAML files. */
function rankOfWord(word: string): Rank | null {
  const w = word.trim().toLocaleLowerCase('nl');
  for (const r of ['positive', 'partial', 'negative'] as const) if (w === r || w === RANK_WORDS[r]) return r;
  return null;
}

type CriteriaKey = 'groupId' | 'groupNumber' | 'groupTitle' | 'groupKind' | 'id' | 'number' | 'text' | 'shortTitle' | 'subpoints' | 'guidance';
const CRITERIA_COLUMNS: ReadonlyArray<{ key: CriteriaKey; header: string; width: number; wrap?: boolean }> = [
  { key: 'groupId', header: 'groep-id', width: 14 },
  { key: 'groupNumber', header: 'groepnummer', width: 13 },
  { key: 'groupTitle', header: 'groeptitel', width: 30, wrap: true },
  { key: 'groupKind', header: 'groepsoort', width: 14 },
  { key: 'id', header: 'criterium-id', width: 13 },
  { key: 'number', header: 'nummer', width: 9 },
  { key: 'text', header: 'tekst', width: 70, wrap: true },
  { key: 'shortTitle', header: 'korte titel', width: 34, wrap: true },
  { key: 'subpoints', header: 'subpunten', width: 50, wrap: true },
  { key: 'guidance', header: 'toelichting', width: 50, wrap: true },
];

const TEMPLATE_SCALE: Scale = {
  id: 'naleving',
  levels: [
    { code: 'voldoet', label: 'Voldoet', rank: 'positive' },
    { code: 'voldoet_deels', label: 'Voldoet gedeeltelijk', rank: 'partial' },
    { code: 'voldoet_niet', label: 'Voldoet niet', rank: 'negative' },
  ],
};

const GUIDE = [
  'Een toetsingskader invullen: zo gebruikt u deze werkmap',
  '',
  `Blad "${KADER_SHEET}": vul in kolom "waarde" het id, de versie, de titel, de korte titel, de bron en de schaal-id in; de omschrijving is optioneel.`,
  '  Het id is de vaste sleutel van het kader (kleine letters, cijfers, - en _). Een gewijzigd kader krijgt een nieuwe versie;',
  '  dezelfde versie met een andere inhoud wordt geweigerd zodra die versie gepubliceerd is.',
  `Blad "${SCALE_SHEET}": precies drie niveaus, elk met een code (kleine letters, cijfers, - en _), een label zoals het op schermen`,
  '  en in rapporten staat, en een rang uit de keuzelijst: positief, gedeeltelijk of negatief (elk precies één keer).',
  '  De voorbeeldrijen mag u overschrijven. "niet_beoordeeld" is gereserveerd: die geldt op elke schaal vanzelf.',
  `Blad "${CRITERIA_SHEET}": één rij per criterium, in de volgorde van het kader.`,
  '  groep-id, groepnummer, groeptitel, groepsoort: de groep (bijvoorbeeld een toezegging of een thema) waar het criterium onder valt.',
  '  Laat u groep-id leeg, dan hoort het criterium bij de groep van de rij erboven; de andere groepkolommen hoeft u maar één keer in te vullen.',
  '  criterium-id: vaste sleutel (kleine letters, cijfers, - en _), uniek in het hele kader. nummer: zoals in de bron (bijvoorbeeld 3 of 2.1).',
  '  tekst: de norm, letterlijk. korte titel (optioneel, hoogstens 80 tekens): een korte naam voor tabellen.',
  '  subpunten (optioneel): één subpunt per regel in de cel (Alt+Enter voor een nieuwe regel). toelichting (optioneel): hulp voor de inspecteur.',
  '',
  'Formules worden niet gelezen: typ de tekst zelf. Kolommen mag u verplaatsen; wijzig de kopregels niet.',
  'Uploaden: Kaders → "Kader uploaden". U ziet eerst een voorbeeld met alle groepen, criteria en de schaal; pas na "Publiceren" wordt',
  'het kader een gepubliceerde versie. Bij een fout wordt niets gepubliceerd en ziet u elke fout met blad, rij en kolom.',
  'Dezelfde werkmap kan ook met de opdrachtregel worden ingelezen: toetsing checklist import BESTAND.xlsx --dry-run.',
];

function loadExcel(): typeof ExcelJS {
  // Loaded at first use, not at start (see src/reports/compare-export.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJS;
}

// ---- writing ------------------------------------------------------------------------------------

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6ECF2' } };

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((c) => { c.fill = HEADER_FILL; });
}

/** The workbook for a checklist, or the empty template (null). */
async function workbookOf(checklist: Checklist | null): Promise<Buffer> {
  const wb = new (loadExcel().Workbook)();
  wb.creator = 'Toetsing';

  const kader = wb.addWorksheet(KADER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  kader.columns = [{ width: 16 }, { width: 70 }, { width: 80 }];
  styleHeader(kader.addRow([...KADER_HEADERS]));
  const kaderValue = (k: KaderKey): string => {
    if (!checklist) return '';
    if (k === 'scaleId') return checklist.scale.id;
    return checklist[k] ?? '';
  };
  for (const r of KADER) {
    const row = kader.addRow([r.label, kaderValue(r.key), r.hint]);
    row.getCell(2).numFmt = '@';
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(3).font = { italic: true, color: { argb: 'FF555555' } };
  }

  const scale = wb.addWorksheet(SCALE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  scale.columns = SCALE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeader(scale.getRow(1));
  for (const l of (checklist?.scale ?? TEMPLATE_SCALE).levels) scale.addRow({ code: l.code, label: l.label, rank: RANK_WORDS[l.rank] });
  // The rank as a dropdown on the three rows (and a few more, for a beheerder who inserts a row first).
  for (let r = 2; r <= 10; r++) {
    scale.getCell(r, 3).dataValidation = {
      type: 'list', allowBlank: true, formulae: ['"positief,gedeeltelijk,negatief"'], showErrorMessage: true,
      errorTitle: 'Rang', error: 'Kies positief, gedeeltelijk of negatief.',
    };
  }

  const criteria = wb.addWorksheet(CRITERIA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  criteria.columns = CRITERIA_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeader(criteria.getRow(1));
  // Numbers as typed ("2.10" stays "2.10", not 2.1): the key and number columns are text.
  for (const k of ['groupId', 'id', 'number'] as const) criteria.getColumn(k).numFmt = '@';
  for (const g of checklist?.groups ?? []) {
    for (const cr of g.criteria) {
      const row = criteria.addRow({
        groupId: g.id, groupNumber: g.number, groupTitle: g.title, groupKind: g.kind, id: cr.id, number: cr.number, text: cr.text,
        shortTitle: cr.shortTitle ?? '', subpoints: (cr.subpoints ?? []).join('\n'), guidance: cr.guidance ?? '',
      });
      for (const c of CRITERIA_COLUMNS) if (c.wrap) row.getCell(c.key).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  criteria.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CRITERIA_COLUMNS.length } };

  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 140;
  GUIDE.forEach((line, i) => { guide.getCell(i + 1, 1).value = line; });
  guide.getCell(1, 1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The empty template the app offers for download: headers, hints, an example scale. */
export function checklistTemplateXlsx(): Promise<Buffer> {
  return workbookOf(null);
}

/** A (published) checklist as a filled-in template; readChecklistXlsx reads it back unchanged. */
export function checklistToXlsx(checklist: Checklist): Promise<Buffer> {
  return workbookOf(checklist);
}

// ---- reading ------------------------------------------------------------------------------------

type CellRead = { ok: true; text: string } | { ok: false; message: string };

/** A cell's content as text, without evaluating anything. */
function cellText(cell: ExcelJS.Cell): CellRead {
  const v = cell.value;
  if (v === null || v === undefined) return { ok: true, text: '' };
  if (typeof v === 'string') return { ok: true, text: v.trim() };
  if (typeof v === 'number') return { ok: true, text: String(v) };
  if (typeof v === 'boolean') return { ok: false, message: 'een waarde WAAR/ONWAAR; typ de tekst zelf' };
  if (v instanceof Date) return { ok: false, message: 'een datum; typ de tekst zelf (zet de cel op "Tekst")' };
  if ('formula' in v || 'sharedFormula' in v) return { ok: false, message: 'een formule wordt niet gelezen; typ de tekst zelf' };
  if ('error' in v) return { ok: false, message: `een foutwaarde (${v.error})` };
  if ('richText' in v) return { ok: true, text: v.richText.map((t) => t.text).join('').trim() };
  if ('text' in v && typeof v.text === 'string') return { ok: true, text: v.text.trim() };
  return { ok: false, message: 'een waarde die niet als tekst te lezen is' };
}

const lower = (s: string) => s.trim().toLocaleLowerCase('nl');

/** Header text → column number, for the first row of a sheet. */
function headersOf(sheet: ExcelJS.Worksheet, row = 1): Map<string, number> {
  const at = new Map<string, number>();
  sheet.getRow(row).eachCell((cell, col) => {
    const t = cellText(cell);
    if (t.ok && t.text && !at.has(lower(t.text))) at.set(lower(t.text), col);
  });
  return at;
}

/** Where each part of the checklist came from, so a problem found by the schema names its cell. */
interface Origins {
  kader: Partial<Record<KaderKey, number>>;
  levels: number[];
  groups: Array<{ row: number; criteria: number[] }>;
}

const KADER_OF_FIELD: Partial<Record<string, KaderKey>> = { id: 'id', version: 'version', title: 'title', shortTitle: 'shortTitle', source: 'source', description: 'description' };
const SCALE_OF_FIELD: Partial<Record<string, ScaleKey>> = { code: 'code', label: 'label', rank: 'rank' };
const GROUP_OF_FIELD: Partial<Record<string, CriteriaKey>> = { id: 'groupId', number: 'groupNumber', title: 'groupTitle', kind: 'groupKind' };
const CRITERION_OF_FIELD: Partial<Record<string, CriteriaKey>> = { id: 'id', number: 'number', text: 'text', shortTitle: 'shortTitle', subpoints: 'subpoints', guidance: 'guidance' };

const headerOf = (k: CriteriaKey) => CRITERIA_COLUMNS.find((c) => c.key === k)?.header ?? k;
const scaleHeaderOf = (k: ScaleKey) => SCALE_COLUMNS.find((c) => c.key === k)?.header ?? k;

/** The sheet, row and column of a schema issue on the checklist read from the workbook. */
function locate(issue: Issue, o: Origins): SheetProblem {
  const p = issue.path;
  const message = dutchIssue(issue);
  if (p[0] === 'scale') {
    if (p[1] === 'id') return { sheet: KADER_SHEET, row: o.kader.scaleId ?? 0, column: 'waarde (schaal-id)', message };
    const i = typeof p[2] === 'number' ? p[2] : -1;
    const key = typeof p[3] === 'string' ? SCALE_OF_FIELD[p[3]] : undefined;
    return { sheet: SCALE_SHEET, row: o.levels[i] ?? 0, column: key ? scaleHeaderOf(key) : '', message };
  }
  if (p[0] === 'groups') {
    const g = typeof p[1] === 'number' ? o.groups[p[1]] : undefined;
    if (p[2] === 'criteria') {
      const ci = typeof p[3] === 'number' ? p[3] : -1;
      const key = typeof p[4] === 'string' ? CRITERION_OF_FIELD[p[4]] : undefined;
      return { sheet: CRITERIA_SHEET, row: g?.criteria[ci] ?? g?.row ?? 0, column: key ? headerOf(key) : '', message };
    }
    const key = typeof p[2] === 'string' ? GROUP_OF_FIELD[p[2]] : undefined;
    return { sheet: CRITERIA_SHEET, row: g?.row ?? 0, column: key ? headerOf(key) : '', message };
  }
  const key = typeof p[0] === 'string' ? KADER_OF_FIELD[p[0]] : undefined;
  if (key) return { sheet: KADER_SHEET, row: o.kader[key] ?? 0, column: `waarde (${KADER.find((r) => r.key === key)?.label ?? key})`, message };
  return { sheet: KADER_SHEET, row: 0, column: '', message };
}

/** The "Kader" sheet: label → value, the rows found by their label in column "veld". */
function readKader(sheet: ExcelJS.Worksheet, problems: SheetProblem[], o: Origins): Partial<Record<KaderKey, string>> {
  const head = headersOf(sheet);
  const labelCol = head.get('veld');
  const valueCol = head.get('waarde');
  if (!labelCol || !valueCol) {
    problems.push({ sheet: KADER_SHEET, row: 1, column: '', message: 'de kopregel moet de kolommen "veld" en "waarde" hebben' });
    return {};
  }
  const values: Partial<Record<KaderKey, string>> = {};
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const label = cellText(row.getCell(labelCol));
    if (!label.ok || label.text === '') continue;
    const field = KADER.find((k) => lower(k.label) === lower(label.text));
    if (!field) {
      problems.push({ sheet: KADER_SHEET, row: r, column: 'veld', message: `onbekend veld "${label.text}"; kies uit: ${KADER.map((k) => k.label).join(', ')}` });
      continue;
    }
    if (o.kader[field.key] !== undefined) {
      problems.push({ sheet: KADER_SHEET, row: r, column: 'veld', message: `"${field.label}" staat ook in rij ${String(o.kader[field.key])}` });
      continue;
    }
    o.kader[field.key] = r;
    const value = cellText(row.getCell(valueCol));
    if (!value.ok) { problems.push({ sheet: KADER_SHEET, row: r, column: `waarde (${field.label})`, message: value.message }); continue; }
    if (value.text === '') {
      if (field.required) problems.push({ sheet: KADER_SHEET, row: r, column: `waarde (${field.label})`, message: 'leeg' });
      continue;
    }
    values[field.key] = value.text;
  }
  for (const k of KADER) {
    if (k.required && o.kader[k.key] === undefined) problems.push({ sheet: KADER_SHEET, row: 0, column: '', message: `de rij "${k.label}" ontbreekt` });
  }
  return values;
}

function readScale(sheet: ExcelJS.Worksheet, problems: SheetProblem[], o: Origins): Array<{ code: string; label: string; rank: Rank }> {
  const head = headersOf(sheet);
  const missing = SCALE_COLUMNS.filter((c) => !head.has(c.header));
  if (missing.length > 0) {
    for (const c of missing) problems.push({ sheet: SCALE_SHEET, row: 1, column: c.header, message: `de kolomkop "${c.header}" ontbreekt` });
    return [];
  }
  const levels: Array<{ code: string; label: string; rank: Rank }> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = {} as Record<ScaleKey, string>;
    let bad = false;
    for (const c of SCALE_COLUMNS) {
      const t = cellText(row.getCell(head.get(c.header) ?? 0));
      if (!t.ok) { problems.push({ sheet: SCALE_SHEET, row: r, column: c.header, message: t.message }); bad = true; cells[c.key] = ''; } else cells[c.key] = t.text;
    }
    if (!bad && SCALE_COLUMNS.every((c) => cells[c.key] === '')) continue;
    for (const c of SCALE_COLUMNS) if (!bad && cells[c.key] === '') { problems.push({ sheet: SCALE_SHEET, row: r, column: c.header, message: 'leeg' }); bad = true; }
    const rank = rankOfWord(cells.rank);
    if (!bad && !rank) { problems.push({ sheet: SCALE_SHEET, row: r, column: 'rang', message: `onbekende rang "${cells.rank}"; kies positief, gedeeltelijk of negatief` }); bad = true; }
    if (bad || !rank) continue;
    o.levels.push(r);
    levels.push({ code: cells.code, label: cells.label, rank });
  }
  return levels;
}

function readCriteria(sheet: ExcelJS.Worksheet, problems: SheetProblem[], o: Origins): Group[] {
  const head = headersOf(sheet);
  const missing = CRITERIA_COLUMNS.filter((c) => !head.has(c.header));
  if (missing.length > 0) {
    for (const c of missing) problems.push({ sheet: CRITERIA_SHEET, row: 1, column: c.header, message: `de kolomkop "${c.header}" ontbreekt` });
    return [];
  }
  const groups: Group[] = [];
  const byId = new Map<string, { group: Group; index: number }>();
  let current: { group: Group; index: number } | undefined;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = {} as Record<CriteriaKey, string>;
    let bad = false;
    for (const c of CRITERIA_COLUMNS) {
      const t = cellText(row.getCell(head.get(c.header) ?? 0));
      if (!t.ok) { problems.push({ sheet: CRITERIA_SHEET, row: r, column: c.header, message: t.message }); bad = true; cells[c.key] = ''; } else cells[c.key] = t.text;
    }
    if (!bad && CRITERIA_COLUMNS.every((c) => cells[c.key] === '')) continue;
    const problem = (k: CriteriaKey, message: string) => { problems.push({ sheet: CRITERIA_SHEET, row: r, column: headerOf(k), message }); bad = true; };

    // The group: named on this row, or the one of the row above.
    let entry = cells.groupId === '' ? current : byId.get(cells.groupId);
    if (cells.groupId === '' && !current) { problem('groupId', 'leeg (de eerste criteriumrij noemt haar groep)'); continue; }
    const groupNumber = cells.groupNumber === '' ? null : /^\d{1,6}$/.test(cells.groupNumber) ? Number(cells.groupNumber) : NaN;
    if (Number.isNaN(groupNumber) || groupNumber === 0) problem('groupNumber', `"${cells.groupNumber}" is geen geheel getal groter dan 0`);
    if (!entry) {
      if (groupNumber === null) problem('groupNumber', 'leeg (nodig op de eerste rij van een groep)');
      if (cells.groupTitle === '') problem('groupTitle', 'leeg (nodig op de eerste rij van een groep)');
      if (cells.groupKind === '') problem('groupKind', 'leeg (nodig op de eerste rij van een groep)');
      if (bad) continue;
      const group: Group = { id: cells.groupId, number: groupNumber ?? 0, title: cells.groupTitle, kind: cells.groupKind, criteria: [] };
      entry = { group, index: groups.length };
      groups.push(group);
      byId.set(group.id, entry);
      o.groups.push({ row: r, criteria: [] });
    } else {
      const g = entry.group;
      const first = o.groups[entry.index]?.row ?? 0;
      if (groupNumber !== null && !Number.isNaN(groupNumber) && groupNumber !== g.number) problem('groupNumber', `${String(groupNumber)} wijkt af van groep "${g.id}" in rij ${String(first)} (${String(g.number)})`);
      if (cells.groupTitle !== '' && cells.groupTitle !== g.title) problem('groupTitle', `wijkt af van de titel van groep "${g.id}" in rij ${String(first)}`);
      if (cells.groupKind !== '' && cells.groupKind !== g.kind) problem('groupKind', `wijkt af van de soort van groep "${g.id}" in rij ${String(first)}`);
    }
    current = entry;
    if (cells.id === '') problem('id', 'leeg');
    if (cells.number === '') problem('number', 'leeg');
    if (cells.text === '') problem('text', 'leeg');
    if (bad) continue;
    const criterion: Criterion = { id: cells.id, number: cells.number, text: cells.text };
    if (cells.shortTitle !== '') criterion.shortTitle = cells.shortTitle;
    const subpoints = cells.subpoints.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
    if (subpoints.length > 0) criterion.subpoints = subpoints;
    if (cells.guidance !== '') criterion.guidance = cells.guidance;
    entry.group.criteria.push(criterion);
    o.groups[entry.index]?.criteria.push(r);
  }
  if (groups.length === 0 && !problems.some((p) => p.sheet === CRITERIA_SHEET)) {
    problems.push({ sheet: CRITERIA_SHEET, row: 0, column: '', message: 'er staan geen criteria in; vul één rij per criterium in' });
  }
  return groups;
}

/**
 * A filled-in template as a checklist, validated by the domain's schema; or every problem found,
 * each named by sheet, row and column. Nothing in the workbook is evaluated.
 */
export async function readChecklistXlsx(bytes: Buffer): Promise<ChecklistRead> {
  if (bytes.length === 0) return { ok: false, problems: [{ sheet: 'Bestand', row: 0, column: '', message: 'het bestand is leeg' }] };
  if (bytes.length > MAX_CHECKLIST_XLSX_BYTES) {
    return { ok: false, problems: [{ sheet: 'Bestand', row: 0, column: '', message: `het bestand is groter dan ${String(MAX_CHECKLIST_XLSX_BYTES / 1024 / 1024)} MB` }] };
  }
  const wb = new (loadExcel().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problems: [{ sheet: 'Bestand', row: 0, column: '', message: 'het bestand kon niet als Excel-werkmap worden gelezen' }] };
  }
  const problems: SheetProblem[] = [];
  const sheets = [KADER_SHEET, SCALE_SHEET, CRITERIA_SHEET].map((name) => {
    const s = wb.worksheets.find((w) => lower(w.name) === lower(name));
    if (!s) problems.push({ sheet: name, row: 0, column: '', message: `het blad "${name}" ontbreekt; gebruik het sjabloon van Kaders` });
    return s;
  });
  const [kaderSheet, scaleSheet, criteriaSheet] = sheets;
  if (!kaderSheet || !scaleSheet || !criteriaSheet) return { ok: false, problems };
  const o: Origins = { kader: {}, levels: [], groups: [] };
  const kader = readKader(kaderSheet, problems, o);
  const levels = readScale(scaleSheet, problems, o);
  const groups = readCriteria(criteriaSheet, problems, o);
  if (problems.length > 0) return { ok: false, problems };

  const raw: Record<string, unknown> = {
    id: kader.id, version: kader.version, title: kader.title, shortTitle: kader.shortTitle, source: kader.source,
    ...(kader.description !== undefined ? { description: kader.description } : {}),
    scale: { id: kader.scaleId, levels },
    groups,
  };
  const parsed = checklistSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => locate(i, o)) };
  return { ok: true, checklist: parsed.data };
}
