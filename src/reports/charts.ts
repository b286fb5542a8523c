// Charts drawn on the server as SVG with ECharts (no JavaScript in the PDF page). Every chart
// has its numbers printed on it and a table beside it in the report, so colour is never the
// only carrier; decal patterns keep the series apart in black-and-white print.
// Loaded at the first chart, not at start: ECharts adds ~0.5 s to every server start.
import type * as echarts from 'echarts';

let echartsLib: typeof echarts | null = null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadEcharts = (): typeof echarts => (echartsLib ??= require('echarts') as typeof echarts);
import type { StatisticRecord } from '../domain/inspection';
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

function draw(name: string, option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = loadEcharts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 11 }, aria: { enabled: true, decal: { show: true } }, ...option });
    return stableIds(chart.renderToSVGString(), name);
  } finally {
    chart.dispose();
  }
}

/** Stacked bars: per toezegging, how many units got each verdict. */
export function verdictChart(rows: Array<{ group: string; counts: Array<{ label: string; cls: string; count: number }> }>, levels: VerdictView[]): string {
  const height = 88 + rows.length * 46;
  return render(
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
}

/** Complaints completed per year, split by how they ended (the three parts add up to the total). */
export function statisticsChart(rows: StatisticRecord[]): string {
  const years = rows.map((r) => String(r.year));
  const part = (name: string, data: number[], colour: string, labelColour: string) => ({
    name,
    type: 'bar',
    stack: 'afgerond',
    barWidth: 40,
    itemStyle: { color: colour },
    label: { show: true, color: labelColour, formatter: (p: { value: number }) => (p.value >= 400 ? p.value.toLocaleString('nl-NL') : '') },
    data,
  });
  return render(
    'complaints',
    {
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 60, right: 20, top: 30, bottom: 50 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: 'aantal afgeronde klachten', nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => v.toLocaleString('nl-NL') } },
      series: [
        part('Aannemen', rows.map((r) => r.aannemen), '#4f7fb0', '#fff'),
        part('Eerste fase', rows.map((r) => r.eersteFase), '#9cc0e0', '#000'),
        {
          ...part('Tweede fase', rows.map((r) => r.tweedeFase), '#1d3f66', '#fff'),
          label: { show: true, position: 'top', color: '#000', formatter: (p: { dataIndex: number }) => `totaal ${rows[p.dataIndex].afgerond.toLocaleString('nl-NL')}` },
        },
      ],
    },
    640,
    300,
    rows.map((r) => r.afgerond),
  );
}
