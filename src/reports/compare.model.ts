// Loading what the comparison and trend outputs need: the snapshots from the store, the domain's
// result, and the few presentation facts every output shares (titles, file names, chart).
import type { Ctx } from '../context';
import { compareInspections, Comparison, DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction, Side, StatisticRow } from '../domain/compare';
import { trendOf, Trend } from '../domain/trend';
import { listInspections, loadSnapshot, loadTrendSnapshot } from '../store/inspections.store';
import { statisticsChart } from './charts';

export function loadComparison(ctx: Ctx, earlierId: number, laterId: number): Comparison {
  const later = loadSnapshot(ctx.db, laterId);
  // Skipping a step (2015 → 2026): the outcomes of 2015's recommendations live in 2022.
  const between = later.predecessorId === earlierId ? undefined : listInspections(ctx.db).find((i) => i.predecessorId === earlierId && i.id !== laterId);
  return compareInspections(ctx.catalogue, loadSnapshot(ctx.db, earlierId), later, between ? loadSnapshot(ctx.db, between.id) : undefined);
}

export function loadTrend(ctx: Ctx, ids: number[], only?: string): Trend {
  return trendOf(ctx.catalogue, ids.map((id) => loadTrendSnapshot(ctx.db, id)), only);
}

export function comparisonTitle(cmp: Comparison): string {
  return `Vergelijking ${cmp.earlier.year} → ${cmp.later.year}`;
}

/** A file name without characters that trouble a download or a file system. */
export function comparisonFileName(cmp: Comparison, ext: 'csv' | 'xlsx' | 'pdf'): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `vergelijking-${safe(cmp.earlier.ref)}-${safe(cmp.later.ref)}.${ext}`;
}

/** CSS class of a direction; the words and arrow always go with it. */
export function directionClass(d: Direction | null): string {
  return d ? `d-${d.replace(/_/g, '-')}` : 'd-none';
}

export function sideClass(s: Side | null): string {
  return s && s.rank ? `v-${s.rank}` : 'v-none';
}

/** The national rows over time, as an SVG chart in a data: URL (usable under a strict CSP). */
export function statisticsChartUrl(rows: StatisticRow[]): string | null {
  const national = rows.filter((r) => r.unit === null);
  if (national.length === 0) return null;
  return `data:image/svg+xml;base64,${Buffer.from(statisticsChart(national)).toString('base64')}`;
}

export const directionWords = { labels: DIRECTION_LABELS, symbols: DIRECTION_SYMBOLS, className: directionClass, sideClass };
