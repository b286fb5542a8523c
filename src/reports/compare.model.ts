// The few presentation facts every comparison and trend output shares (titles, file names,
// direction classes, the chart). The comparison itself comes from the domain
// (src/domain/comparison/), loaded by src/app/compare.ts.
import type { ChecklistComparison, Comparison, InspectionHead, Side, StatisticRow } from '../domain/comparison/types';
import { DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction } from '../domain/comparison/vocabulary';
import type { Catalogue, Checklist } from '../domain/checklist';
import { keptOrPartlyShare, keptShare } from '../domain/comparison/progress';
import type { Share } from '../domain/comparison/shares';
import { summarise, type ComparisonSummary } from '../present/comparison-summary';
import type { StatisticRecord } from '../domain/inspection';
import { must } from '../errors';
import { inspectionName, percent, rankClass } from '../present';
import { comparisonFileName as namedFile } from '../present/filenames';
import { statisticsChart } from './charts';

export function comparisonTitle(cmp: Comparison): string {
  return `Vergelijking ${cmp.earlier.year} → ${cmp.later.year}`;
}

/** The short title of a compared checklist: the later version's, or the earlier one's when only that exists. */
export function checklistTitle(c: ChecklistComparison): string {
  return must(c.later ?? c.earlier, 'het kader van een vergeleken checklist').shortTitle;
}

/** Both inspections vastgesteld: the comparison is final, otherwise a concept. */
export function comparisonIsFinal(cmp: Comparison): boolean {
  return cmp.earlier.status === 'vastgesteld' && cmp.later.status === 'vastgesteld';
}

/** The download's name: the titles with their years (once), never the internal keys. */
export function comparisonFileName(cmp: Comparison, ext: 'csv' | 'xlsx' | 'pdf' | 'docx'): string {
  return namedFile({ earlier: cmp.earlier, later: cmp.later, final: comparisonIsFinal(cmp), extension: ext });
}

/** The running header of the PDF and the Word file: titles, not keys, each year once. */
export function comparisonRunningTitle(cmp: Comparison): string {
  // The years lead, so a title that holds its own year (or "illustratief") loses it here.
  const bare = (i: InspectionHead) => i.title.replace(new RegExp(`\\s*\\b${i.year}\\b`, 'g'), '').replace(/\s*\(illustratief\)/gi, '').replace(/[\s:,–-]+$/, '').trim() || i.title;
  return `${comparisonTitle(cmp)}: ${bare(cmp.earlier)} → ${bare(cmp.later)}`;
}

/** Said on the page, in the files and on the command line when the pair was swapped. */
export function reorderedNotice(cmp: Comparison): string | null {
  if (!cmp.reordered) return null;
  return `De volgorde is omgedraaid: ${inspectionName(cmp.later)} is het latere onderzoek en ${inspectionName(cmp.earlier)} het eerdere. Vergeleken wordt dus ${cmp.earlier.year} → ${cmp.later.year}.`;
}

/** The summary in words, the headline and the progress measure, as every output shows them. */
export function comparisonStory(cmp: Comparison, catalogue: Pick<Catalogue, 'unitSets'>): ComparisonSummary {
  return summarise(cmp, catalogue);
}

/** "nagekomen" and "ten dele nagekomen" in the checklist's own words, for the share's headings. */
export function shareLabels(checklist: Checklist): { kept: string; partly: string } {
  const label = (rank: 'positive' | 'partial') => must(checklist.scale.levels.find((l) => l.rank === rank), 'een niveau van de schaal').label.toLowerCase();
  return { kept: label('positive'), partly: label('partial') };
}

export interface ShareView {
  /** "61%" or "—" with nothing assessed. */
  kept: string;
  keptOrPartial: string;
  assessed: number;
}

function shareView(s: Share): ShareView {
  const k = keptShare(s);
  const kp = keptOrPartlyShare(s);
  return { kept: k === null ? '—' : percent(k), keptOrPartial: kp === null ? '—' : percent(kp), assessed: s.assessed };
}

export interface ProgressView {
  earlier: ShareView;
  later: ShareView;
}

/** The shares of one toezegging (nationally, `unit` undefined) or of one unit in it, for display. */
export function progressView(cmp: Comparison, checklistId: string, groupId: string, unit?: string): ProgressView | null {
  const g = cmp.progress.find((p) => p.checklistId === checklistId)?.groups.find((x) => x.group.id === groupId);
  if (!g) return null;
  const s = unit === undefined ? g : g.units.find((u) => u.unit === unit);
  return s ? { earlier: shareView(s.earlier), later: shareView(s.later) } : null;
}

export interface FigureRow {
  year: number;
  unit: string | null;
  values: StatisticRecord;
  /** The inspection the figures come from, by name: "Recht van klagen (2022)". */
  source: string;
  /** Completed complaints against the baseline year of the same unit (or nationally): "+35%"; '' for the baseline itself. */
  sinceBaseline: string;
  baseline: boolean;
}

export interface FiguresView {
  rows: FigureRow[];
  /** "2016 (Recht van klagen (2022))": the first year of the national series, the reference for the changes. */
  baseline: { year: number; source: string } | null;
  /** The inspections that recorded no figures, by name. */
  without: string[];
}

/**
 * The complaint figures of both inspections side by side: each row names the inspection it comes
 * from (a year both hold appears twice, once per source), and the completed complaints are set
 * against the baseline, the first year recorded for that unit or nationally.
 */
export function figuresView(cmp: Comparison): FiguresView {
  const sides = [{ head: cmp.earlier, rows: cmp.figures.earlier }, { head: cmp.later, rows: cmp.figures.later }];
  const all = sides.flatMap((s, order) => s.rows.map((r) => ({ r, order, source: inspectionName(s.head) })));
  all.sort((a, b) => a.r.year - b.r.year || (a.r.unit ?? '').localeCompare(b.r.unit ?? '') || a.order - b.order);
  const firstOf = new Map<string, { year: number; afgerond: number; source: string }>();
  for (const x of all) if (!firstOf.has(x.r.unit ?? '')) firstOf.set(x.r.unit ?? '', { year: x.r.year, afgerond: x.r.afgerond, source: x.source });
  const rows = all.map((x): FigureRow => {
    const base = must(firstOf.get(x.r.unit ?? ''), 'het basisjaar van een reeks');
    const isBase = base.year === x.r.year && base.source === x.source;
    const change = base.afgerond === 0 ? null : Math.round(((x.r.afgerond - base.afgerond) / base.afgerond) * 100);
    return {
      year: x.r.year,
      unit: x.r.unit,
      values: x.r,
      source: x.source,
      baseline: isBase,
      sinceBaseline: isBase || change === null ? '' : `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change)}%`,
    };
  });
  const national = firstOf.get('');
  return {
    rows,
    baseline: national ? { year: national.year, source: national.source } : null,
    without: sides.filter((s) => s.rows.length === 0).map((s) => inspectionName(s.head)),
  };
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
