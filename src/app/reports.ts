// Use cases of the PDF reports: the national report and one per unit, for the download, the
// command line and vaststelling. The report models are pure functions of snapshots
// (src/reports/); the reads happen here. A vastgesteld inspection serves the bytes stored at
// vaststelling (their hash checked), so a report once finalised never changes.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import type { InspectionSnapshot, InspectionSummary } from '../domain/inspection';
import { notFound } from '../errors';
import { nationalDocument, unitDocument } from '../reports';
import type { ModelOptions } from '../reports/common';
import type { RenderOptions } from '../reports/engine';
import { finalReportPdfs } from '../reports/final-reports';
import { buildNationalModel, NationalReportModel } from '../reports/national.model';
import { printWithToc, TocOptions } from '../reports/toc';
import { diskDocxStore, diskPdfStore, modelKey, reportCacheDir } from '../reports/pdf-cache';
import { buildUnitModel, UnitReportModel, UnitReportSource } from '../reports/unit.model';
import { nationalDocx, unitDocx } from '../reports/docx';
import { RenderedReport, storedDocx, storedReport } from '../store/finalisation.store';
import { loadSnapshot } from '../store/inspections.store';
import { addresseeAt } from '../store/units.store';
import { addresseeOf, unitSetOf } from '../domain/units';
import { openInspection } from './inspection-access';
import fs from 'node:fs';
import { blockCalls } from '../domain/outline';
import { filePath } from '../store/evidence.store';

const FIGURE_TYPES = new Set(['image/png', 'image/jpeg']);

/**
 * The images the outline places as figures, read from the evidence files as data: URLs (the
 * print page loads nothing else). A file that is missing or not a PNG/JPEG is left out, and the
 * report says the figure is not in the file.
 */
export function figureImages(ctx: Ctx, s: InspectionSnapshot): Map<number, string> {
  const refs = new Set(s.outline.flatMap((x) => blockCalls(x.body)).flatMap((c) => ('name' in c && c.name === 'figuur' && c.args[0] ? [c.args[0]] : [])));
  const out = new Map<number, string>();
  for (const e of s.evidence) {
    if (!refs.has(e.ref) || !e.file || !FIGURE_TYPES.has(e.file.mime)) continue;
    try {
      out.set(e.id, `data:${e.file.mime};base64,${fs.readFileSync(filePath(ctx.dataDir, e.file.sha256)).toString('base64')}`);
    } catch {
      // A file gone from disk is reported by `toetsing audit`; the report prints without it.
    }
  }
  return out;
}

/** The inspection of a report; a unit outside it is "not found", like any unknown address. */
function openForReport(ctx: Ctx, actor: Actor, inspectionId: number, unit: string | null): InspectionSummary {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  if (unit !== null && !inspection.units.includes(unit)) throw notFound('Deze eenheid hoort niet bij dit onderzoek.');
  return inspection;
}

function withPredecessor(ctx: Ctx, snapshot: InspectionSnapshot): UnitReportSource {
  return { snapshot, predecessor: snapshot.predecessor ? loadSnapshot(ctx.db, snapshot.predecessor.id) : null };
}

/**
 * A vastgesteld report addresses whom the organisation's recommendations went to when it was
 * vastgesteld (a Word file rebuilt for an inspection finalised before Word files were stored must
 * not change with a later addressee); a concept follows the current one.
 */
function finalisedAddressee(ctx: Ctx, s: InspectionSnapshot): { addressee?: string | null } {
  if (s.status !== 'vastgesteld' || !s.finalisedAt) return {};
  const organisation = unitSetOf(ctx.catalogue, s.unitSet)?.organisation ?? s.unitSet.organisation;
  const then = addresseeAt(ctx.db, organisation, s.finalisedAt);
  return { addressee: then === undefined ? addresseeOf(ctx.catalogue, s) : then };
}

export function nationalReportModel(ctx: Ctx, actor: Actor, inspectionId: number, options: ModelOptions = {}): NationalReportModel {
  const inspection = openForReport(ctx, actor, inspectionId, null);
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  return buildNationalModel(snapshot, ctx.catalogue, { images: figureImages(ctx, snapshot), ...finalisedAddressee(ctx, snapshot), ...options });
}

export function unitReportModel(ctx: Ctx, actor: Actor, inspectionId: number, unit: string, options: ModelOptions = {}): UnitReportModel {
  const inspection = openForReport(ctx, actor, inspectionId, unit);
  return buildUnitModel(withPredecessor(ctx, loadSnapshot(ctx.db, inspection.id)), ctx.catalogue, unit, options);
}

/**
 * How a draft report is printed: its last page positions are the first guess after an edit
 * (src/reports/toc.ts), and its finished PDF is kept under the data directory for the next
 * download of the same content.
 */
function tocOptions(ctx: Ctx, report: string): TocOptions {
  return { report: `${ctx.dataDir}\n${report}`, store: diskPdfStore(reportCacheDir(ctx.dataDir)) };
}

export async function nationalReportPdf(ctx: Ctx, actor: Actor, inspectionId: number, render: RenderOptions = {}): Promise<Buffer> {
  const inspection = openForReport(ctx, actor, inspectionId, null);
  return storedReport(ctx.db, inspection.id, null)?.pdf ?? printWithToc(nationalDocument(nationalReportModel(ctx, actor, inspection.id)), render, tocOptions(ctx, `national:${inspection.id}`));
}

export async function unitReportPdf(ctx: Ctx, actor: Actor, inspectionId: number, unit: string, render: RenderOptions = {}): Promise<Buffer> {
  const inspection = openForReport(ctx, actor, inspectionId, unit);
  return storedReport(ctx.db, inspection.id, unit)?.pdf ?? printWithToc(unitDocument(unitReportModel(ctx, actor, inspection.id, unit)), render, tocOptions(ctx, `unit:${inspection.id}:${unit}`));
}

/** A Word file packed once per content: the same model again is read from the data directory's cache. */
async function cachedDocx<M>(ctx: Ctx, kind: string, model: M, pack: (m: M) => Promise<Buffer>): Promise<Buffer> {
  const store = diskDocxStore(reportCacheDir(ctx.dataDir));
  const key = modelKey(kind, model);
  const hit = store.get(key);
  if (hit) return hit;
  const docx = await pack(model);
  store.put(key, docx);
  return docx;
}

/**
 * The national report as a Word file, from the same model as the PDF. A vastgesteld inspection
 * serves the file stored at vaststelling (hash checked); one finalised before Word files were
 * stored gets it made from its finalised state, which no longer changes.
 */
export async function nationalReportDocx(ctx: Ctx, actor: Actor, inspectionId: number, options: ModelOptions = {}): Promise<Buffer> {
  const inspection = openForReport(ctx, actor, inspectionId, null);
  return storedDocx(ctx.db, inspection.id, null) ?? cachedDocx(ctx, 'national', nationalReportModel(ctx, actor, inspection.id, options), nationalDocx);
}

export async function unitReportDocx(ctx: Ctx, actor: Actor, inspectionId: number, unit: string, options: ModelOptions = {}): Promise<Buffer> {
  const inspection = openForReport(ctx, actor, inspectionId, unit);
  return storedDocx(ctx.db, inspection.id, unit) ?? cachedDocx(ctx, 'unit', unitReportModel(ctx, actor, inspection.id, unit, options), unitDocx);
}

/**
 * The final national and unit reports of an inspection about to be finalised, dated `finalisedAt`.
 * The finalisation use case has opened the inspection for editing and stores what this returns.
 */
export async function renderFinalReports(ctx: Ctx, inspectionId: number, finalisedAt: string): Promise<RenderedReport[]> {
  const source = withPredecessor(ctx, loadSnapshot(ctx.db, inspectionId));
  return finalReportPdfs(source, ctx.catalogue, finalisedAt, figureImages(ctx, source.snapshot));
}
