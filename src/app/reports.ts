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
import { printWithToc } from '../reports/toc';
import { buildUnitModel, UnitReportModel, UnitReportSource } from '../reports/unit.model';
import { RenderedReport, storedReport } from '../store/finalisation.store';
import { loadSnapshot } from '../store/inspections.store';
import { openInspection } from './inspection-access';

/** The inspection of a report; a unit outside it is "not found", like any unknown address. */
function openForReport(ctx: Ctx, actor: Actor, inspectionId: number, unit: string | null): InspectionSummary {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  if (unit !== null && !inspection.units.includes(unit)) throw notFound('Deze eenheid hoort niet bij dit onderzoek.');
  return inspection;
}

function withPredecessor(ctx: Ctx, snapshot: InspectionSnapshot): UnitReportSource {
  return { snapshot, predecessor: snapshot.predecessor ? loadSnapshot(ctx.db, snapshot.predecessor.id) : null };
}

export function nationalReportModel(ctx: Ctx, actor: Actor, inspectionId: number, options: ModelOptions = {}): NationalReportModel {
  const inspection = openForReport(ctx, actor, inspectionId, null);
  return buildNationalModel(loadSnapshot(ctx.db, inspection.id), ctx.catalogue, options);
}

export function unitReportModel(ctx: Ctx, actor: Actor, inspectionId: number, unit: string, options: ModelOptions = {}): UnitReportModel {
  const inspection = openForReport(ctx, actor, inspectionId, unit);
  return buildUnitModel(withPredecessor(ctx, loadSnapshot(ctx.db, inspection.id)), ctx.catalogue, unit, options);
}

export async function nationalReportPdf(ctx: Ctx, actor: Actor, inspectionId: number, render: RenderOptions = {}): Promise<Buffer> {
  const inspection = openForReport(ctx, actor, inspectionId, null);
  return storedReport(ctx.db, inspection.id, null)?.pdf ?? printWithToc(nationalDocument(nationalReportModel(ctx, actor, inspection.id)), render);
}

export async function unitReportPdf(ctx: Ctx, actor: Actor, inspectionId: number, unit: string, render: RenderOptions = {}): Promise<Buffer> {
  const inspection = openForReport(ctx, actor, inspectionId, unit);
  return storedReport(ctx.db, inspection.id, unit)?.pdf ?? printWithToc(unitDocument(unitReportModel(ctx, actor, inspection.id, unit)), render);
}

/**
 * The final national and unit reports of an inspection about to be finalised, dated `finalisedAt`.
 * The finalisation use case has opened the inspection for editing and stores what this returns.
 */
export async function renderFinalReports(ctx: Ctx, inspectionId: number, finalisedAt: string): Promise<RenderedReport[]> {
  return finalReportPdfs(withPredecessor(ctx, loadSnapshot(ctx.db, inspectionId)), ctx.catalogue, finalisedAt);
}
