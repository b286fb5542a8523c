// Wederhoor on the concept report: offering a concept version to the inspected party. The concept
// national report is rendered with paragraph numbers as PDF and Word, both stored with their
// SHA-256 and the list of numbered paragraphs, in one transaction after rendering (so a failed
// render stores nothing and a change during the render refuses the round). Beside it goes the
// reaction form (XLSX) that the party fills in and W2's import reads back.
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import type { InspectionSummary } from '../domain/inspection';
import type { RoundFileKind, WederhoorRoundInput, WederhoorRoundRecord } from '../domain/wederhoor-round';
import { ROUND_STATE_LABELS, roundState } from '../domain/wederhoor-round';
import { invalid, notFound } from '../errors';
import { nationalDocument } from '../reports';
import { nationalDocx } from '../reports/docx';
import type { RenderOptions } from '../reports/engine';
import { buildNationalModel } from '../reports/national.model';
import { printWithToc } from '../reports/toc';
import { loadSnapshot } from '../store/inspections.store';
import * as store from '../store/wederhoor.store';
import { openInspection, rightsOn } from './inspection-access';
import { figureImages } from './reports';
import { MARKER_SHEET, formMarker } from './wederhoor-form-marker';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (label: string) =>
  z
    .string({ error: `Vul ${label} in.` })
    .trim()
    .min(1, `Vul ${label} in.`)
    .refine((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `Vul bij ${label} een geldige datum in (JJJJ-MM-DD).`);

/** The fields of a new round; the web form uses these names, so each message lands at its field. */
export const roundInputSchema = z
  .object({
    organisation: z.string({ error: 'Vul de organisatie in.' }).trim().min(1, 'Vul de organisatie in die het concept ontvangt.').max(300, 'De organisatie mag hoogstens 300 tekens zijn.'),
    contact: z.string().trim().max(300, 'De contactpersoon mag hoogstens 300 tekens zijn.').default(''),
    sentOn: isoDate('de datum van verzending'),
    deadline: isoDate('de termijn'),
    note: z.string().trim().max(5_000, 'De toelichting mag hoogstens 5.000 tekens zijn.').default(''),
  })
  .refine((r) => !ISO_DATE.test(r.sentOn) || !ISO_DATE.test(r.deadline) || r.deadline > r.sentOn, {
    error: 'De termijn moet na de datum van verzending liggen.',
    path: ['deadline'],
  });

/** The input of a new round, checked: the first problem as the message (with its field), all of them as problems. */
export function parseRoundInput(raw: unknown): WederhoorRoundInput {
  const r = roundInputSchema.safeParse(raw);
  if (r.success) return r.data;
  const issues = r.error.issues;
  throw invalid(issues[0].message, String(issues[0].path[0] ?? ''), issues.map((i) => i.message));
}

/** Everything the wederhoor tab shows. */
export function wederhoorPage(ctx: Ctx, actor: Actor, inspectionId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const rights = rightsOn(actor, inspection);
  const rounds = store.listRounds(ctx.db, inspection.id).map((r) => roundView(r));
  return { inspection, rounds, canStart: rights.canEdit, canDownload: rights.worksOn };
}

function roundView(r: WederhoorRoundRecord) {
  const state = roundState(r);
  return { ...r, state, stateLabel: ROUND_STATE_LABELS[state], paragraphCount: r.paragraphs.length };
}

/** One round with its paragraphs, for the round page. */
export function roundPage(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const round = roundView(store.getRound(ctx.db, inspection.id, roundId));
  const rights = rightsOn(actor, inspection);
  return { inspection, round, canEdit: rights.canEdit, canDownload: rights.worksOn };
}

/**
 * Offer the concept to the party: only while concept, by an editor on the team. Renders the
 * numbered PDF and Word file, then stores both with the paragraphs in one transaction.
 */
export async function startRound(ctx: Ctx, actor: Actor, inspectionId: number, raw: unknown, render: RenderOptions = {}): Promise<number> {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const input = parseRoundInput(raw);
  const renderedAt = store.lastChange(ctx.db, inspection.id);
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const model = buildNationalModel(snapshot, ctx.catalogue, { images: figureImages(ctx, snapshot), paragraphNumbers: true });
  const pdf = await printWithToc(nationalDocument(model), render);
  const docx = await nationalDocx(model);
  // Opened again: the inspection may have been vastgesteld, or the actor taken off the team, while it printed.
  openInspection(ctx, actor, inspection.id, 'edit');
  return store.insertRound(ctx.db, actor.email, inspection.id, input, { pdf, docx }, model.paragraphs ?? [], { renderedAt });
}

/** Close a round (the reactions are in, or the deadline has passed). */
export function closeRound(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, baseVersion: number): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  store.closeRound(ctx.db, actor.email, inspection.id, roundId, baseVersion);
}

/** The names a round's files are downloaded under. */
export function roundFileName(inspection: Pick<InspectionSummary, 'ref'>, round: Pick<WederhoorRoundRecord, 'id'>, kind: RoundFileKind | 'xlsx'): string {
  const base = `concept-wederhoor-${inspection.ref}-ronde-${round.id}`;
  return kind === 'xlsx' ? `reactieformulier-${inspection.ref}-ronde-${round.id}.xlsx` : `${base}.${kind}`;
}

/** The stored PDF or Word file of a round, for the team; a round without stored files says so. */
export function roundFile(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, kind: RoundFileKind): { filename: string; bytes: Buffer } {
  const inspection = openInspection(ctx, actor, inspectionId, 'files');
  const round = store.getRound(ctx.db, inspection.id, roundId);
  const bytes = store.roundFile(ctx.db, inspection.id, roundId, kind);
  if (bytes === null) throw notFound('De bestanden van deze wederhoorronde staan niet in deze database (de ronde is geïmporteerd of komt uit de demo).');
  return { filename: roundFileName(inspection, round, kind), bytes };
}

function loadExcel(): typeof ExcelJS {
  // Loaded when a form is made, as every exceljs use (see src/reports/compare-export.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJS;
}

const dutchDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};

const firstWords = (text: string, max = 120) => (text.length <= max ? text : `${text.slice(0, Math.max(text.lastIndexOf(' ', max), 40))} …`);

/**
 * The reaction form of a round, as XLSX: sheet "Reacties" to fill in (the paragraph column
 * accepts a whole number of the round only), "Toelichting" with what to fill in and which
 * concept it refers to, "Paragrafen" for reference, and a very hidden marker sheet with the
 * round and the PDF's SHA-256, so the import (W2) refuses a form of another round.
 */
export async function reactionFormXlsx(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number): Promise<{ filename: string; bytes: Buffer }> {
  const inspection = openInspection(ctx, actor, inspectionId, 'files');
  const round = store.getRound(ctx.db, inspection.id, roundId);
  return { filename: roundFileName(inspection, round, 'xlsx'), bytes: await reactionFormBytes(inspection, round) };
}

export async function reactionFormBytes(inspection: Pick<InspectionSummary, 'title' | 'ref' | 'year'>, round: WederhoorRoundRecord): Promise<Buffer> {
  const last = round.paragraphs.at(-1)?.number ?? 0;
  const wb = new (loadExcel().Workbook)();
  wb.creator = 'Toetsing';
  wb.title = `Reactieformulier wederhoor: ${inspection.title}`;

  const sheet = wb.addWorksheet('Reacties', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Paragraaf', key: 'paragraph', width: 12 },
    { header: 'Geciteerde passage', key: 'passage', width: 50 },
    { header: 'Reactie', key: 'reaction', width: 60 },
    { header: 'Voorgestelde tekst', key: 'proposed', width: 60 },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  // Room for the reactions: one validation over the rows (more rows may be added below them).
  const ROWS = Math.max(200, Math.min(last, 2_000));
  const validation: ExcelJS.DataValidation = last > 0
    ? { type: 'whole', operator: 'between', allowBlank: true, formulae: [1, last], showErrorMessage: true, errorStyle: 'stop',
        errorTitle: 'Paragraaf', error: `Vul het nummer in van een paragraaf van het concept: een heel getal van 1 tot en met ${last}. Laat het leeg voor een opmerking over het rapport als geheel.` }
    : { type: 'whole', operator: 'between', allowBlank: true, formulae: [1, 1], showErrorMessage: true, errorTitle: 'Paragraaf', error: 'Dit concept heeft geen genummerde paragrafen; laat de kolom leeg.' };
  (sheet as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations.add(`A2:A${ROWS + 1}`, validation);
  for (let i = 2; i <= ROWS + 1; i++) {
    const row = sheet.getRow(i);
    for (const c of [2, 3, 4]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
  }

  const guide = wb.addWorksheet('Toelichting');
  guide.getColumn(1).width = 28;
  guide.getColumn(2).width = 90;
  const lines: Array<[string, string]> = [
    ['Reactieformulier wederhoor', ''],
    ['Rapport', `${inspection.title} (${inspection.year}), concept`],
    ['Kenmerk onderzoek', inspection.ref],
    ['Wederhoorronde', String(round.id)],
    ['Aan', [round.organisation, round.contact].filter(Boolean).join(', ')],
    ['Verzonden op', dutchDate(round.sentOn)],
    ['Reactie graag vóór', dutchDate(round.deadline)],
    ['SHA-256 van de PDF', round.pdfSha256 ?? '(niet opgeslagen)'],
    ['Paragrafen', last > 0 ? `1 tot en met ${last}` : 'geen'],
    ['', ''],
    ['Wat vult u in', 'Per reactie één rij op het blad "Reacties".'],
    ['Paragraaf', 'Het nummer in de linkermarge van het concept (een heel getal). Leeg: een opmerking over het rapport als geheel.'],
    ['Geciteerde passage', 'De woorden uit het concept waarop de reactie ziet (mag leeg blijven).'],
    ['Reactie', 'Uw reactie: wat feitelijk onjuist of onvolledig is, en waarom (verplicht).'],
    ['Voorgestelde tekst', 'Desgewenst de tekst die u in plaats daarvan voorstelt.'],
    ['', ''],
    ['Let op', 'Wijzig de bladen en kolommen niet en stuur dit bestand zelf terug: de Inspectie leest het in en legt bij elke reactie vast hoe zij ermee omgaat.'],
  ];
  lines.forEach(([k, v], i) => {
    guide.getCell(i + 1, 1).value = k;
    guide.getCell(i + 1, 2).value = v;
    guide.getCell(i + 1, 1).font = { bold: true };
    guide.getCell(i + 1, 2).alignment = { wrapText: true, vertical: 'top' };
  });
  guide.getCell(1, 1).font = { bold: true, size: 14 };

  const list = wb.addWorksheet('Paragrafen', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: 'Paragraaf', key: 'number', width: 12 },
    { header: 'Onder het kopje', key: 'heading', width: 40 },
    { header: 'Begint met', key: 'start', width: 90 },
  ];
  list.getRow(1).font = { bold: true };
  for (const p of round.paragraphs) list.addRow({ number: p.number, heading: p.heading, start: firstWords(p.excerpt) });

  // The marker: the import compares it with the round it is uploaded to (src/app/wederhoor-form-marker.ts).
  const marker = wb.addWorksheet(MARKER_SHEET, { state: 'veryHidden' });
  marker.getCell(1, 1).value = formMarker(round);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
