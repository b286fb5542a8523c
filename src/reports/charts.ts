// Charts drawn on the server as SVG with ECharts (no JavaScript in the PDF page). Every chart
// has its numbers printed on it and a table beside it in the report, so colour is never the
// only carrier; decal patterns keep the series apart in black-and-white print. Every chart's
// <svg> carries role="img" and an aria-label that says its numbers in words: Chromium tags
// such an element as a /Figure with that text as its /Alt (an SVG without them becomes a pile
// of untagged paths). Inside a <figure>, Chromium adds an outer /Figure without /Alt; the
// templates use <figure role="group">, which it tags as a /Div around the /Figure and /Caption.
// Loaded at the first chart, not at start: ECharts adds ~0.5 s to every server start.
import type * as echarts from 'echarts';

let echartsLib: typeof echarts | null = null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadEcharts = (): typeof echarts => (echartsLib ??= require('echarts') as typeof echarts);
import type { StatisticRecord } from '../domain/inspection';
import { dutchNumber, escapeHtml } from '../present';
import type { VerdictView } from '../present';

const FONT = 'Liberation Sans, DejaVu Sans, Arial, sans-serif';

/** Colours per verdict class; the same as the print stylesheet's. */
export const VERDICT_COLOURS: Record<VerdictView['cls'], string> = {
  'v-positive': '#2e7d32',
  'v-partial': '#e0a100',
  'v-negative': '#c62828',
  'v-none': '#9e9e9e',
};

/** Renumber ECharts' generated ids and classes (zr3-cls-17, zr3-p0, ...) from zero per chart. */
function stableIds(svg: string, name: string): string {
  const seen = new Map<string, string>();
  const counters = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (token, kind: string) => {
    let id = seen.get(token);
    if (!id) {
      const n = counters.get(kind) ?? 0;
      counters.set(kind, n + 1);
      id = `${name}-${kind}${n}`;
      seen.set(token, id);
    }
    return id;
  });
}

/**
 * `name` replaces ECharts' per-process element ids (zr1-, zr2-, ...), so the same data always
 * gives the same SVG: the report's HTML, and with it the cached page positions, stay stable.
 */
function render(name: string, option: echarts.EChartsCoreOption, width: number, height: number, formatterData: unknown = null): string {
  // Same data, same picture: drawing costs tens of milliseconds, a look-up nothing. JSON drops
  // the formatters, so what they read (formatterData) is part of the key too.
  const key = `${name}:${width}x${height}:${JSON.stringify(option)}:${JSON.stringify(formatterData)}`;
  const hit = drawn.get(key);
  if (hit !== undefined) return hit;
  const svg = draw(name, option, width, height);
  if (drawn.size >= 32) drawn.delete(drawn.keys().next().value as string);
  drawn.set(key, svg);
  return svg;
}

const drawn = new Map<string, string>();

/** The chart as an image with its text alternative (see the top of this file). */
function withAlt(svg: string, alt: string): string {
  return svg.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(alt)}"`);
}

/** "2016–2020" for consecutive years, else the years listed. */
function yearSpan(years: number[]): string {
  if (years.length === 0) return '';
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  return consecutive && years.length > 2 ? `${years[0]}–${years[years.length - 1]}` : years.join(', ');
}

function draw(name: string, option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = loadEcharts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 11 }, aria: { enabled: true, decal: { show: true } }, ...option });
    return stableIds(chart.renderToSVGString(), name);
  } finally {
    chart.dispose();
  }
}

export interface VerdictChartRow {
  group: string;
  counts: Array<{ label: string; cls: string; count: number }>;
}

/** The verdict chart's numbers in words, per row: "Het opvolgen van klachten: 14 nagekomen". */
export function verdictChartAlt(rows: VerdictChartRow[]): string {
  const parts = rows.map((r) => {
    const counts = r.counts.filter((c) => c.count > 0).map((c) => `${dutchNumber(c.count)} ${c.label.toLowerCase()}`);
    return `${r.group}: ${counts.length > 0 ? counts.join(', ') : 'geen oordelen'}`;
  });
  return `Staafdiagram, aantal eenheden per oordeel. ${parts.join('; ')}.`;
}

/** Stacked bars: per toezegging, how many units got each verdict. */
export function verdictChart(rows: VerdictChartRow[], levels: VerdictView[]): string {
  const height = 88 + rows.length * 46;
  const svg = render(
    'verdicts',
    {
      color: levels.map((l) => VERDICT_COLOURS[l.cls]),
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 250, right: 24, top: 10, bottom: 62 },
      xAxis: { type: 'value', minInterval: 1, name: 'aantal eenheden', nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.group), axisLabel: { width: 230, overflow: 'break' } },
      series: levels.map((l, i) => ({
        name: l.label,
        type: 'bar',
        stack: 'oordelen',
        barWidth: 26,
        label: { show: true, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : ''), color: l.cls === 'v-partial' || l.cls === 'v-none' ? '#000' : '#fff', fontWeight: 'bold' },
        data: rows.map((r) => r.counts[i].count),
      })),
    },
    640,
    height,
  );
  return withAlt(svg, verdictChartAlt(rows));
}

type StatisticsRow = Pick<StatisticRecord, 'year' | 'afgerond' | 'aannemen' | 'eersteFase' | 'tweedeFase'>;

/** The statistics chart's numbers in words, per series over the years. */
export function statisticsChartAlt(rows: StatisticsRow[]): string {
  const series = (name: string, pick: (r: StatisticsRow) => number) => `${name} ${rows.map((r) => dutchNumber(pick(r))).join(', ')}`;
  return (
    `Staafdiagram, afgeronde klachten per jaar ${yearSpan(rows.map((r) => r.year))}, met daaronder de tweede fase op een eigen schaal: ` +
    [
      series('afgerond', (r) => r.afgerond),
      series('aannemen', (r) => r.aannemen),
      series('eerste fase', (r) => r.eersteFase),
      series('tweede fase', (r) => r.tweedeFase),
    ].join('; ') +
    '.'
  );
}

const COLOURS = { aannemen: '#4f7fb0', eersteFase: '#9cc0e0', tweedeFase: '#1d3f66' };

/**
 * Complaints completed per year, split by how they ended (the three parts add up to the total),
 * and below it the second phase on a scale of its own: next to ~10,000 complaints its ~200–470
 * are a sliver of a bar, in which neither the number nor the decline can be seen.
 */
export function statisticsChart(rows: StatisticsRow[]): string {
  const years = rows.map((r) => String(r.year));
  const n = (v: number) => dutchNumber(v);
  // Inside a segment only when it is tall enough to hold the number; the table has them all.
  const minInside = Math.max(...rows.map((r) => r.afgerond), 1) * 0.06;
  const part = (name: string, data: number[], colour: string, labelColour: string) => ({
    name,
    type: 'bar',
    stack: 'afgerond',
    barWidth: 40,
    itemStyle: { color: colour },
    label: {
      show: true,
      color: labelColour,
      // A light box keeps the number readable on the decal pattern of the light segment.
      ...(labelColour === '#000' ? { backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3], borderRadius: 2 } : {}),
      formatter: (p: { value: number }) => (p.value >= minInside ? n(p.value) : ''),
    },
    data,
  });
  const svg = render(
    'complaints',
    {
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10 },
      title: [
        { text: 'Afgeronde klachten, naar afronding', left: 0, top: 0, textStyle: { fontSize: 11, fontWeight: 'bold', color: '#222' } },
        { text: 'Waarvan tweede fase (eigen schaal)', left: 0, top: 262, textStyle: { fontSize: 11, fontWeight: 'bold', color: '#222' } },
      ],
      grid: [
        { left: 60, right: 20, top: 40, height: 190 },
        { left: 60, right: 20, top: 300, height: 80 },
      ],
      xAxis: [
        { gridIndex: 0, type: 'category', data: years },
        { gridIndex: 1, type: 'category', data: years },
      ],
      yAxis: [
        { gridIndex: 0, type: 'value', axisLabel: { formatter: (v: number) => n(v) } },
        { gridIndex: 1, type: 'value', splitNumber: 2, axisLabel: { formatter: (v: number) => n(v) } },
      ],
      series: [
        part('Aannemen', rows.map((r) => r.aannemen), COLOURS.aannemen, '#fff'),
        part('Eerste fase', rows.map((r) => r.eersteFase), COLOURS.eersteFase, '#000'),
        {
          ...part('Tweede fase', rows.map((r) => r.tweedeFase), COLOURS.tweedeFase, '#fff'),
          label: { show: true, position: 'top', color: '#000', formatter: (p: { dataIndex: number }) => `totaal ${n(rows[p.dataIndex].afgerond)}` },
        },
        {
          name: 'Tweede fase',
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 1,
          barWidth: 40,
          itemStyle: { color: COLOURS.tweedeFase },
          label: { show: true, position: 'top', color: '#000', fontWeight: 'bold', formatter: (p: { value: number }) => n(p.value) },
          data: rows.map((r) => r.tweedeFase),
        },
      ],
    },
    640,
    430,
    rows.map((r) => [r.afgerond, r.tweedeFase]),
  );
  return withAlt(svg, statisticsChartAlt(rows));
}

export interface ShareChartPoint {
  /** The inspection, e.g. "2022"; a point without a share says why under its year. */
  label: string;
  /** 0..1, or null where there is no share (checklist not used, nothing assessed). */
  kept: number | null;
  keptOrPartial: number | null;
}

const SHARE_COLOURS = { kept: VERDICT_COLOURS['v-positive'], keptOrPartial: '#8fbf91' };

/** The share chart's numbers in words, per inspection. */
export function shareChartAlt(title: string, labels: ShareLabels, points: ShareChartPoint[]): string {
  const pct = (v: number | null) => (v === null ? 'geen aandeel' : `${Math.round(v * 100)} procent`);
  const kept = labels.kept.toLowerCase();
  const either = labels.keptOrPartial.toLowerCase();
  return `Staafdiagram, ${title}: aandeel ${kept} en aandeel ${either} per onderzoek. ${points.map((p) => `${p.label.replace(/\n/g, ' ')}: ${pct(p.kept)} ${kept}, ${pct(p.keptOrPartial)} ${either}`).join('; ')}.`;
}

/** The scale's words for the two shares ("Nagekomen", "Nagekomen of ten dele nagekomen"). */
export interface ShareLabels {
  kept: string;
  keptOrPartial: string;
}

/**
 * Per inspection two bars: the share of assessed cells kept, and kept or kept in part (0–100 %),
 * the percentages printed on them. `name` keeps the SVG's ids apart from the other charts'.
 */
export function shareChart(name: string, title: string, labels: ShareLabels, points: ShareChartPoint[]): string {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const series = (label: string, colour: string, pick: (p: ShareChartPoint) => number | null) => ({
    name: label,
    type: 'bar',
    barGap: '10%',
    barWidth: 34,
    itemStyle: { color: colour },
    label: { show: true, position: 'top', color: '#000', fontWeight: 'bold', formatter: (p: { value: number | null }) => (p.value === null ? '' : `${Math.round(p.value)}%`) },
    data: points.map((p) => pct(pick(p))),
  });
  const svg = render(
    name,
    {
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 48, right: 16, top: 18, bottom: 62 },
      xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { interval: 0, lineHeight: 13 } },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [series(labels.kept, SHARE_COLOURS.kept, (p) => p.kept), series(labels.keptOrPartial, SHARE_COLOURS.keptOrPartial, (p) => p.keptOrPartial)],
    },
    560,
    230,
  );
  return withAlt(svg, shareChartAlt(title, labels, points));
}
