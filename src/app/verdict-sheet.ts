// The Excel round trip: an inspection's verdicts as an XLSX working sheet (one row per unit ×
// criterion), filled in offline and uploaded again. An upload is checked as a whole – any problem
// and nothing is applied – and shown as a preview before it is applied; a row whose cell was saved
// by someone after the download is a conflict and is left alone. The web and the CLI both use these.
import { markdownProblem } from '../domain/markdown-shape';
import crypto from 'node:crypto';
// Loaded at the first sheet, not at start (see src/reports/compare-export.ts).
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { allCriteria, Checklist, checklistVersion, NOT_ASSESSED, NOT_ASSESSED_LABEL, verdictLabel } from '../domain/checklist';
import type { InspectionSummary, VerdictRecord } from '../domain/inspection';
import { WORKFLOW, WORKFLOW_LABELS, Workflow } from '../domain/vocabulary';
import { unitNameOf } from '../domain/units';
import { criterionPlainText } from '../present';
import { invalid, must } from '../errors';
import { checkUpload } from '../files/sniff';
import { loadSnapshot } from '../store/inspections.store';
import { saveVerdicts, VerdictInput } from '../store/verdicts.store';
import { openInspection } from './inspection-access';

export const SHEET = 'Oordelen';
export const GUIDE_SHEET = 'Uitleg';

type ColumnKey = 'checklist' | 'criterion' | 'criterionText' | 'unit' | 'unitName' | 'verdict' | 'motivation' | 'workflow' | 'version' | 'cell';

interface Column { key: ColumnKey; header: string; width: number; editable?: boolean; hidden?: boolean }

/** The sheet's columns, in the order they are written; an upload finds them by their header. */
export const COLUMNS: readonly Column[] = [
  { key: 'checklist', header: 'Checklist', width: 18 },
  { key: 'criterion', header: 'Criterium', width: 11 },
  { key: 'criterionText', header: 'Criteriumtekst', width: 60 },
  { key: 'unit', header: 'Eenheid', width: 9 },
  { key: 'unitName', header: 'Naam eenheid', width: 24 },
  { key: 'verdict', header: 'Oordeel', width: 22, editable: true },
  { key: 'motivation', header: 'Motivering', width: 70, editable: true },
  { key: 'workflow', header: 'Status', width: 16, editable: true },
  { key: 'version', header: 'Versie', width: 8 },
  // The stored cell the row was written from: a row whose key columns were changed no longer matches it.
  { key: 'cell', header: 'Cel-id', width: 9, hidden: true },
];
/** Columns an upload must bring back; the texts and names are only there to read. */
const REQUIRED: readonly ColumnKey[] = ['checklist', 'criterion', 'unit', 'verdict', 'motivation', 'workflow', 'version', 'cell'];

const letter = (index: number) => String.fromCharCode(65 + index);

const GUIDE = [
  'Werken in Excel: zo gebruikt u dit werkblad',
  '',
  `Het blad "${SHEET}" heeft één rij per eenheid × criterium, voor alle checklists van het onderzoek onder elkaar (kolom Checklist).`,
  'U wijzigt alleen de kolommen Oordeel, Motivering en Status. Oordeel en Status kiest u uit de keuzelijst in de cel;',
  '"Niet beoordeeld" betekent: nog geen oordeel. De andere kolommen zijn vergrendeld (bladbeveiliging zonder wachtwoord).',
  'Wijzig de kolommen Checklist, Criterium, Eenheid, Versie en de verborgen kolom Cel-id niet: daaraan herkent de applicatie de cel.',
  'U mag rijen sorteren of filteren; verwijder geen kolommen en wijzig de kopregel niet.',
  '',
  'Terugzetten: kies in het onderzoek "Werken in Excel" en upload dit bestand (of: toetsing verdicts import).',
  'Alles of niets: bevat één rij een fout (onbekende eenheid of criterium, een oordeel dat niet op de schaal staat,',
  'een gewijzigde sleutel, een versie die geen getal is), dan wordt niets overgenomen en ziet u alle fouten met blad, rij en kolom.',
  'Anders ziet u eerst per cel wat er verandert (oud → nieuw oordeel, motivering gewijzigd ja/nee, status) en bevestigt u daarna.',
  'Heeft iemand een cel opgeslagen nadat u dit bestand downloadde, dan is de versie veranderd: die rij wordt als conflict',
  'getoond en niet overgenomen; de andere wijzigingen wel. Download dan een nieuw werkblad voor die cellen.',
  'Rijen die u niet wijzigt, veranderen niets.',
];

function statusLabel(w: Workflow): string {
  return WORKFLOW_LABELS[w];
}

function scaleLabels(checklist: Checklist): string[] {
  return [NOT_ASSESSED_LABEL, ...checklist.scale.levels.map((l) => l.label)];
}

function checklistsOf(ctx: Ctx, inspection: InspectionSummary): Checklist[] {
  return inspection.checklists.map((c) => must(checklistVersion(ctx.catalogue, c), `checklist ${c.id} versie ${c.version}`));
}

function loadExcel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJS;
}

/** The working sheet of an inspection, as XLSX bytes. */
export async function exportVerdictSheet(ctx: Ctx, actor: Actor, inspectionId: number): Promise<{ filename: string; bytes: Buffer }> {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const byCell = new Map(snapshot.verdicts.map((v) => [`${v.checklist}\u0000${v.criterion}\u0000${v.unit}`, v]));
  const wb = new (loadExcel().Workbook)();
  const sheet = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, hidden: c.hidden ?? false }));
  sheet.getRow(1).font = { bold: true };
  const statusList = `"${WORKFLOW.map(statusLabel).join(',')}"`;
  for (const checklist of checklistsOf(ctx, inspection)) {
    const verdictList = `"${scaleLabels(checklist).join(',')}"`;
    for (const criterion of allCriteria(checklist)) {
      for (const unit of inspection.units) {
        const v = byCell.get(`${checklist.id}\u0000${criterion.id}\u0000${unit}`);
        if (!v) continue;
        const row = sheet.addRow({
          checklist: checklist.id, criterion: criterion.number, criterionText: criterionPlainText(criterion), unit, unitName: unitNameOf(ctx.catalogue, inspection, unit),
          verdict: verdictLabel(checklist.scale, v.verdict), motivation: v.motivation, workflow: statusLabel(v.workflow), version: v.version, cell: v.id,
        });
        row.getCell('criterionText').alignment = { wrapText: true, vertical: 'top' };
        row.getCell('motivation').alignment = { wrapText: true, vertical: 'top' };
        for (const c of COLUMNS.filter((col) => col.editable)) row.getCell(c.key).protection = { locked: false };
        row.getCell('verdict').dataValidation = {
          type: 'list', allowBlank: false, formulae: [verdictList], showErrorMessage: true,
          errorTitle: 'Oordeel', error: `Kies een oordeel van de schaal van ${checklist.shortTitle}.`,
        };
        row.getCell('workflow').dataValidation = {
          type: 'list', allowBlank: false, formulae: [statusList], showErrorMessage: true, errorTitle: 'Status', error: 'Kies een status uit de lijst.',
        };
      }
    }
  }
  // No password: anyone can lift the protection, it only guards the key columns against slips.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: true });
  sheet.autoFilter = { from: 'A1', to: `${letter(COLUMNS.length - 1)}1` };
  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 120;
  GUIDE.forEach((line, i) => { guide.getCell(i + 1, 1).value = line; });
  guide.getCell(1, 1).font = { bold: true, size: 14 };
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `oordelen-${inspection.ref}.xlsx`, bytes };
}

export interface SheetProblem { sheet: string; row: number; column: string; message: string }

/** A problem as one line: "Blad "Oordelen", rij 7, kolom F (Oordeel): …". */
export function describeProblem(p: SheetProblem): string {
  const where = [`Blad "${p.sheet}"`, p.row > 0 ? `rij ${p.row}` : '', p.column ? `kolom ${p.column}` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}

export interface SheetChange {
  row: number;
  verdictId: number;
  checklist: string;
  criterion: string;
  unit: string;
  oldVerdict: string;
  newVerdict: string;
  motivationChanged: boolean;
  oldStatus: string;
  newStatus: string;
  baseVersion: number;
  input: VerdictInput;
}

export interface SheetConflict {
  row: number;
  checklist: string;
  criterion: string;
  unit: string;
  sheetVersion: number;
  currentVersion: number;
  currentBy: string | null;
}

export type SheetPlan =
  | { ok: true; rows: number; changes: SheetChange[]; conflicts: SheetConflict[] }
  | { ok: false; problems: SheetProblem[] };

/** A cell's value as the text a user sees (rich text, numbers and formulas' results included). */
function textOf(cell: ExcelJS.Cell): string {
  return cell.value === null || cell.value === undefined ? '' : cell.text;
}

/** A whole number as written, or null (the version and the cell id). */
function wholeNumber(cell: ExcelJS.Cell): number | null {
  const v = cell.value;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\s*\d{1,12}\s*$/.test(v)) return Number(v);
  return null;
}

const rawRow = z.object({
  checklist: z.string().trim().min(1, 'de checklist ontbreekt'),
  criterion: z.string().trim().min(1, 'het criterium ontbreekt'),
  unit: z.string().trim().min(1, 'de eenheid ontbreekt'),
  verdict: z.string().trim(),
  motivation: z.string().max(50_000, 'de motivering is langer dan 50.000 tekens').superRefine((t, c) => {
    const problem = markdownProblem(t);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  }),
  workflow: z.string().trim(),
  version: z.number({ error: 'de versie is geen getal; wijzig deze kolom niet' }).int(),
  cell: z.number({ error: 'het cel-id is geen getal; wijzig deze kolom niet' }).int(),
});

const lower = (s: string) => s.trim().toLocaleLowerCase('nl');

/** Check a workbook against the inspection as it is now; the changes, or every problem. */
async function planOf(ctx: Ctx, inspection: InspectionSummary, bytes: Buffer): Promise<SheetPlan> {
  const wb = new (loadExcel().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problems: [{ sheet: SHEET, row: 0, column: '', message: 'het bestand kon niet als Excel-werkmap worden gelezen' }] };
  }
  const sheet = wb.getWorksheet(SHEET);
  if (!sheet) return { ok: false, problems: [{ sheet: SHEET, row: 0, column: '', message: `het blad "${SHEET}" ontbreekt; gebruik het gedownloade werkblad` }] };
  const at = new Map<ColumnKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const c = COLUMNS.find((k) => lower(k.header) === lower(textOf(cell)));
    if (c && !at.has(c.key)) at.set(c.key, col);
  });
  const missing = REQUIRED.filter((k) => !at.has(k));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((k) => {
        const c = must(COLUMNS.find((col) => col.key === k), k);
        return { sheet: SHEET, row: 1, column: letter(COLUMNS.indexOf(c)), message: `de kolomkop "${c.header}" ontbreekt` };
      }),
    };
  }
  const colOf = (k: ColumnKey) => must(at.get(k), k);
  const columnName = (k: ColumnKey) => `${letter(colOf(k) - 1)} (${must(COLUMNS.find((c) => c.key === k), k).header})`;

  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const cells = new Map(snapshot.verdicts.map((v) => [v.id, v]));
  const checklists = new Map(checklistsOf(ctx, inspection).map((c) => [c.id, c]));
  // Looked up once, not per row: allCriteria builds a fresh list on every call.
  const criteriaOf = new Map([...checklists.values()].map((c) => [c.id, new Map(allCriteria(c).map((cr) => [cr.number, cr]))]));
  const units = new Set(inspection.units);
  const problems: SheetProblem[] = [];
  const changes: SheetChange[] = [];
  const conflicts: SheetConflict[] = [];
  const seen = new Map<number, number>();
  let rows = 0;

  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (k: ColumnKey) => row.getCell(colOf(k));
    if (REQUIRED.every((k) => textOf(get(k)).trim() === '')) continue;
    rows++;
    const problem = (k: ColumnKey, message: string) => problems.push({ sheet: SHEET, row: r, column: columnName(k), message });
    const parsed = rawRow.safeParse({
      checklist: textOf(get('checklist')), criterion: textOf(get('criterion')), unit: textOf(get('unit')), verdict: textOf(get('verdict')),
      motivation: textOf(get('motivation')), workflow: textOf(get('workflow')), version: wholeNumber(get('version')) ?? textOf(get('version')),
      cell: wholeNumber(get('cell')) ?? textOf(get('cell')),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(issue.path[0] as ColumnKey, issue.message);
      continue;
    }
    const d = parsed.data;
    const checklist = checklists.get(d.checklist);
    if (!checklist) { problem('checklist', `de checklist "${d.checklist}" hoort niet bij dit onderzoek`); continue; }
    const criterion = criteriaOf.get(checklist.id)?.get(d.criterion);
    if (!criterion) problem('criterion', `het criterium "${d.criterion}" bestaat niet in ${checklist.shortTitle}`);
    if (!units.has(d.unit)) problem('unit', `de eenheid "${d.unit}" hoort niet bij dit onderzoek`);
    const levels = [{ code: NOT_ASSESSED, label: NOT_ASSESSED_LABEL }, ...checklist.scale.levels];
    const level = levels.find((l) => lower(l.label) === lower(d.verdict) || l.code === d.verdict);
    if (!level) problem('verdict', `"${d.verdict}" staat niet op de schaal van ${checklist.shortTitle}; kies uit: ${scaleLabels(checklist).join(', ')}`);
    const workflow = WORKFLOW.find((w) => lower(WORKFLOW_LABELS[w]) === lower(d.workflow) || w === d.workflow);
    if (!workflow) problem('workflow', `"${d.workflow}" is geen status; kies uit: ${WORKFLOW.map(statusLabel).join(', ')}`);
    const stored = cells.get(d.cell);
    if (!criterion || !units.has(d.unit)) continue;
    if (stored?.checklist !== checklist.id || stored.criterion !== criterion.id || stored.unit !== d.unit) {
      problem('cell', 'de sleutel van deze rij (checklist, criterium, eenheid of cel-id) is gewijzigd; download een nieuw werkblad');
      continue;
    }
    const earlier = seen.get(stored.id);
    if (earlier !== undefined) { problem('unit', `deze cel staat ook in rij ${earlier}`); continue; }
    seen.set(stored.id, r);
    if (!level || !workflow) continue;
    const input: VerdictInput = { verdict: level.code, motivation: d.motivation, workflow };
    // Excel turns line breaks into \r\n or \n; only a change in the text itself counts.
    const motivationChanged = d.motivation.replace(/\r\n?/g, '\n') !== stored.motivation.replace(/\r\n?/g, '\n');
    if (input.verdict === stored.verdict && !motivationChanged && input.workflow === stored.workflow) continue;
    const names = { row: r, checklist: checklist.shortTitle, criterion: criterion.number, unit: d.unit };
    if (d.version !== stored.version) {
      conflicts.push({ ...names, sheetVersion: d.version, currentVersion: stored.version, currentBy: stored.updatedBy });
      continue;
    }
    changes.push({
      ...names, verdictId: stored.id, baseVersion: d.version, input: motivationChanged ? input : { ...input, motivation: stored.motivation },
      oldVerdict: verdictLabel(checklist.scale, stored.verdict), newVerdict: level.label, motivationChanged,
      oldStatus: statusLabel(stored.workflow), newStatus: statusLabel(workflow),
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows, changes, conflicts };
}

/** What an uploaded working sheet would change; nothing is written. */
export async function previewVerdictSheet(ctx: Ctx, actor: Actor, inspectionId: number, name: string, bytes: Buffer): Promise<SheetPlan> {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const check = checkUpload(name, bytes);
  if (!check.ok || check.kind !== 'xlsx') {
    return { ok: false, problems: [{ sheet: name, row: 0, column: '', message: check.ok ? 'dit is geen Excel-werkmap (.xlsx)' : check.message }] };
  }
  return planOf(ctx, inspection, bytes);
}

export type SheetOutcome = { ok: true; saved: number; conflicts: SheetConflict[] } | { ok: false; problems: SheetProblem[] };

/**
 * Apply an uploaded working sheet: checked again against the inspection as it is now, then every
 * change in one transaction (a row that went stale since the preview joins the conflicts).
 */
export async function applyVerdictSheet(ctx: Ctx, actor: Actor, inspectionId: number, name: string, bytes: Buffer): Promise<SheetOutcome> {
  const plan = await previewVerdictSheet(ctx, actor, inspectionId, name, bytes);
  if (!plan.ok) return plan;
  const result = saveVerdicts(ctx.db, actor.email, inspectionId, plan.changes.map((c) => ({ verdictId: c.verdictId, baseVersion: c.baseVersion, input: c.input })));
  const late = new Map(result.stale.map((v: VerdictRecord) => [v.id, v]));
  const lateConflicts = plan.changes.flatMap((c) => {
    const v = late.get(c.verdictId);
    return v ? [{ row: c.row, checklist: c.checklist, criterion: c.criterion, unit: c.unit, sheetVersion: c.baseVersion, currentVersion: v.version, currentBy: v.updatedBy }] : [];
  });
  return { ok: true, saved: result.saved, conflicts: [...plan.conflicts, ...lateConflicts].sort((a, b) => a.row - b.row) };
}

// Uploads waiting for confirmation: kept on the server, so the confirmation applies exactly the
// bytes that were previewed and the browser cannot swap them. Bound to the user and the inspection.
const PENDING_MS = 30 * 60 * 1000;
const PENDING_MAX = 50;
const pending = new Map<string, { userId: number; inspectionId: number; name: string; bytes: Buffer; expires: number }>();

function purge(now: number): void {
  for (const [token, p] of pending) if (p.expires <= now) pending.delete(token);
  // Oldest first (insertion order) when too many wait at once.
  while (pending.size >= PENDING_MAX) pending.delete(must(pending.keys().next().value, 'een wachtende upload'));
}

export function keepUpload(actor: Actor, inspectionId: number, name: string, bytes: Buffer, now = Date.now()): string {
  purge(now);
  const token = crypto.randomBytes(24).toString('base64url');
  pending.set(token, { userId: actor.id, inspectionId, name, bytes, expires: now + PENDING_MS });
  return token;
}

/** The kept upload for this user and inspection; consumed, so a confirmation applies once. */
export function takeUpload(actor: Actor, inspectionId: number, token: string, now = Date.now()): { name: string; bytes: Buffer } {
  const p = pending.get(token);
  if (p?.userId !== actor.id || p.inspectionId !== inspectionId || p.expires <= now) {
    throw invalid('Deze upload is verlopen of niet gevonden. Upload het werkblad opnieuw.', 'bestand');
  }
  pending.delete(token);
  return { name: p.name, bytes: p.bytes };
}
