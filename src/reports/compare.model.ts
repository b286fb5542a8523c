// The few presentation facts every comparison and trend output shares (titles, file names,
// direction classes, the chart). The comparison itself comes from the domain
// (src/domain/comparison/), loaded by src/app/compare.ts.
import type { ChecklistComparison, Comparison, Side, StatisticRow } from '../domain/comparison/types';
import { DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction } from '../domain/comparison/vocabulary';
import { must } from '../errors';
import { rankClass } from '../present';
import { statisticsChart } from './charts';

export function comparisonTitle(cmp: Comparison): string {
  return `Vergelijking ${cmp.earlier.year} → ${cmp.later.year}`;
}

/** The short title of a compared checklist: the later version's, or the earlier one's when only that exists. */
export function checklistTitle(c: ChecklistComparison): string {
  return must(c.later ?? c.earlier, 'het kader van een vergeleken checklist').shortTitle;
}

/** A file name without characters that trouble a download or a file system. */
export function comparisonFileName(cmp: Comparison, ext: 'csv' | 'xlsx' | 'pdf' | 'docx'): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `vergelijking-${safe(cmp.earlier.ref)}-${safe(cmp.later.ref)}.${ext}`;
}

/** CSS class of a direction; the words and arrow always go with it. */
export function directionClass(d: Direction | null): string {
  return d ? `d-${d.replace(/_/g, '-')}` : 'd-none';
}

export function sideClass(s: Side | null): string {
  return rankClass(s?.rank);
}

/** The national rows over time, as an SVG chart in a data: URL (usable under a strict CSP). */
export function statisticsChartUrl(rows: StatisticRow[]): string | null {
  const national = rows.filter((r) => r.unit === null);
  if (national.length === 0) return null;
  return `data:image/svg+xml;base64,${Buffer.from(statisticsChart(national)).toString('base64')}`;
}

export const directionWords = { labels: DIRECTION_LABELS, symbols: DIRECTION_SYMBOLS, className: directionClass, sideClass };
