// Use cases of the follow-up comparison, the trend and the complaint statistics, for the pages,
// the downloads and the command line alike. How inspections line up is the domain's
// (src/domain/comparison/); this reads the snapshots it needs and decides who may do what.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { compareInspections, isAfter } from '../domain/comparison/compare';
import { mergeStatistics } from '../domain/comparison/statistics';
import { checkTrendSize, trendOf } from '../domain/comparison/trend';
import type { Comparison, Trend } from '../domain/comparison/types';
import type { InspectionSummary, StatisticRecord } from '../domain/inspection';
import { parseStatisticsCsv, StatisticsProblem } from '../domain/statistics-csv';
import { invalid, isKind } from '../errors';
import { comparisonCsv, comparisonGroupsCsv, comparisonXlsx } from '../reports/compare-export';
import { comparisonPdf } from '../reports/compare-pdf';
import { buildTrendModel, trendModelFileName, type TrendModel } from '../reports/trend.model';
import { trendPdf } from '../reports/trend-pdf';
import { trendXlsx } from '../reports/trend-export';
import { comparisonDocx } from '../reports/docx';
import { comparisonFileName, comparisonStory, comparisonTitle, figuresView, progressView, reorderedNotice, shareLabels, statisticsChartUrl } from '../reports/compare.model';
import { checklistAnchor, groupAnchor, rowAnchor } from '../present/comparison-summary';
import { criterionName, criterionTitle, revisionLabel } from '../present';
import { listInspections, loadSnapshot, loadTrendSnapshot } from '../store/inspections.store';
import { replaceStatistics } from '../store/national.store';
import { openInspection, rightsOn } from './inspection-access';
import { unitSetOf } from '../domain/units';

export interface InspectionChoice {
  id: number;
  label: string;
  predecessorId: number | null;
  checklists: string[];
}

/** The inspections to pick from, newest first; an illustrative one and a revision say so. */
export function inspectionChoices(ctx: Ctx): InspectionChoice[] {
  return listInspections(ctx.db).map((i) => {
    const revision = revisionLabel(i);
    return {
      id: i.id,
      label: `${i.year} — ${i.title}${i.illustrative && !/illustratief/i.test(i.title) ? ' (illustratief)' : ''}${revision ? ` (${revision})` : ''}`,
      predecessorId: i.predecessorId,
      checklists: i.checklists.map((c) => c.id),
    };
  });
}

/** A picked inspection; one that does not exist is a wrong choice in the form, not a missing page. */
function picked(ctx: Ctx, actor: Actor, inspectionId: number, which: string): InspectionSummary {
  try {
    return openInspection(ctx, actor, inspectionId, 'read');
  } catch (e) {
    if (isKind(e, 'not_found')) throw invalid(`Het ${which} onderzoek bestaat niet; kies er een uit de lijst.`);
    throw e;
  }
}

export interface InspectionPair {
  earlier: number;
  later: number;
}

/**
 * A pair asked for in reverse order (the "earlier" one is the later by year, fieldwork or
 * follow-up chain) is swapped, not refused: the reader gets the comparison they meant, and
 * `reordered` makes every output say so (reorderedNotice).
 */
export function loadComparison(ctx: Ctx, actor: Actor, asked: InspectionPair): Comparison {
  const first = picked(ctx, actor, asked.earlier, 'eerdere');
  const second = picked(ctx, actor, asked.later, 'latere');
  const reordered = isAfter(first, second);
  const pair = reordered ? { earlier: asked.later, later: asked.earlier } : asked;
  const later = loadSnapshot(ctx.db, pair.later);
  // Skipping a step (2015 → 2026): the outcomes of 2015's recommendations live in 2022.
  const between = later.predecessorId === pair.earlier ? undefined : listInspections(ctx.db).find((i) => i.predecessorId === pair.earlier && i.id !== pair.later);
  return compareInspections(ctx.catalogue, loadSnapshot(ctx.db, pair.earlier), later, between ? loadSnapshot(ctx.db, between.id) : undefined, { reordered });
}

/** What the picker shows as chosen: a follow-up is compared with its predecessor unless the user chose otherwise. */
export function comparisonSelection(ctx: Ctx, choice: Partial<InspectionPair>): { earlier: number | null; later: number | null } {
  const later = choice.later ?? null;
  const earlier = choice.earlier ?? (later === null ? null : (listInspections(ctx.db).find((i) => i.id === later)?.predecessorId ?? null));
  return { earlier, later };
}

/** The comparison page of two inspections. */
export function comparisonView(ctx: Ctx, actor: Actor, pair: InspectionPair) {
  const cmp = loadComparison(ctx, actor, pair);
  return {
    cmp,
    title: comparisonTitle(cmp),
    story: comparisonStory(cmp, ctx.catalogue),
    reordered: reorderedNotice(cmp),
    figures: figuresView(cmp),
    progress: (checklistId: string, groupId: string, unit?: string) => progressView(cmp, checklistId, groupId, unit),
    shareLabels,
    anchors: { checklist: checklistAnchor, group: groupAnchor, row: rowAnchor },
    criterionName,
    criterionTitle,
    chartUrl: statisticsChartUrl(cmp.statistics),
    // The page links to the later inspection's figures: their import is for its editors.
    canImportStatistics: rightsOn(actor, openInspection(ctx, actor, pair.later, 'read')).canEdit,
  };
}

export type ComparisonFormat = 'csv' | 'xlsx' | 'pdf' | 'docx';

/** The comparison as a file; the CSV and the spreadsheet hold the same rows. */
export async function comparisonFile(
  ctx: Ctx,
  actor: Actor,
  pair: InspectionPair,
  format: ComparisonFormat,
  opts: { motivations: boolean },
): Promise<{ cmp: Comparison; content: string | Buffer; fileName: string }> {
  const cmp = loadComparison(ctx, actor, pair);
  const content =
    format === 'csv' ? comparisonCsv(cmp, ctx.catalogue)
    : format === 'xlsx' ? await comparisonXlsx(cmp, ctx.catalogue)
    : format === 'docx' ? await comparisonDocx(cmp, ctx.catalogue, opts)
    : await comparisonPdf(cmp, ctx.catalogue, opts);
  return { cmp, content, fileName: comparisonFileName(cmp, format) };
}

/** The comparison's second CSV: per toezegging the national row and a row per unit, with the shares kept. */
export function comparisonGroupsFile(ctx: Ctx, actor: Actor, pair: InspectionPair): { cmp: Comparison; content: string; fileName: string } {
  const cmp = loadComparison(ctx, actor, pair);
  return { cmp, content: comparisonGroupsCsv(cmp, ctx.catalogue), fileName: comparisonFileName(cmp, 'csv').replace(/\.csv$/, ' - toezeggingen.csv') };
}

/** `only`: limit the trend to one checklist (and the versions mapped to it). */
export function loadTrend(ctx: Ctx, actor: Actor, inspectionIds: number[], only?: string): Trend {
  checkTrendSize(inspectionIds.length);
  for (const id of inspectionIds) picked(ctx, actor, id, 'gekozen');
  // The lean snapshots: a trend needs the verdict codes, overrides and figures only.
  return trendOf(ctx.catalogue, inspectionIds.map((id) => loadTrendSnapshot(ctx.db, id)), only);
}

export type TrendFormat = 'pdf' | 'xlsx';

/** The trend as a PDF or a spreadsheet, from one model, named by titles and years. */
export async function trendFile(
  ctx: Ctx,
  actor: Actor,
  inspectionIds: number[],
  format: TrendFormat,
  only?: string,
): Promise<{ trend: Trend; model: TrendModel; content: Buffer; fileName: string }> {
  const trend = loadTrend(ctx, actor, inspectionIds, only);
  const model = buildTrendModel(trend, ctx.catalogue);
  const content = format === 'pdf' ? await trendPdf(model) : await trendXlsx(model);
  return { trend, model, content, fileName: trendModelFileName(model, format) };
}

/** The inspections of a trend: those chosen, or else every one that uses the chosen checklist. */
export function trendSelection(ctx: Ctx, choice: { inspectionIds?: number[]; checklist?: string }): number[] {
  if (choice.inspectionIds) return choice.inspectionIds;
  const checklist = choice.checklist;
  if (checklist === undefined) return [];
  if (!ctx.catalogue.checklists.has(checklist)) throw invalid('Dit kader bestaat niet; kies er een uit de lijst.', 'kader');
  return listInspections(ctx.db).filter((i) => i.checklists.some((c) => c.id === checklist)).map((i) => i.id);
}

/** The trend page over the chosen inspections. */
export function trendView(ctx: Ctx, actor: Actor, inspectionIds: number[], only?: string) {
  const t = loadTrend(ctx, actor, inspectionIds, only);
  const model = buildTrendModel(t, ctx.catalogue);
  return { trend: t, model, title: model.title, chartUrl: statisticsChartUrl(t.statistics) };
}

/** The complaint figures of one inspection, as its page shows them. */
export function statisticsView(ctx: Ctx, actor: Actor, inspectionId: number): {
  inspection: InspectionSummary;
  rows: StatisticRecord[];
  chartUrl: string | null;
  canEdit: boolean;
} {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  return { inspection, rows: snapshot.statistics, chartUrl: statisticsChartUrl(mergeStatistics([snapshot])), canEdit: rightsOn(actor, inspection).canEdit };
}

export type StatisticsImport = { ok: true; inspection: InspectionSummary; rows: number } | { ok: false; problems: StatisticsProblem[] };

/** Replace an inspection's figures with the rows of a CSV text: all of them, or none and every problem. */
export function importStatistics(ctx: Ctx, actor: Actor, inspectionId: number, csv: string): StatisticsImport {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const parsed = parseStatisticsCsv(csv, (unitSetOf(ctx.catalogue, inspection.unitSet)?.units ?? []).map((u) => u.code));
  if (!parsed.ok) return parsed;
  replaceStatistics(ctx.db, actor.email, inspection.id, parsed.rows);
  return { ok: true, inspection, rows: parsed.rows.length };
}
