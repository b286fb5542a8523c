// `toetsing compare`, `toetsing trend` and `toetsing stats import`: the follow-up comparison on
// the command line, by the same use cases (src/app/compare.ts) as the web pages.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { comparisonFile, comparisonGroupsFile, ComparisonFormat, importStatistics, loadComparison, loadTrend, trendFile, type TrendFormat } from '../app/compare';
import { openInspectionRef } from '../app/inspection-access';
import { OPERATOR } from '../app/operator';
import type { Ctx } from '../context';
import type { Catalogue } from '../domain/checklist';
import type { Trend } from '../domain/comparison/types';
import { DIRECTIONS, DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction } from '../domain/comparison/vocabulary';
import { describeProblem } from '../domain/statistics-csv';
import { invalid } from '../errors';
import { CELLS, count, inspectionName } from '../present';
import { checklistTitle, comparisonStory, comparisonTitle, reorderedNotice } from '../reports/compare.model';
import { closeEngine } from '../reports/engine';
import { buildTrendModel, pointView, shareText, type PointView } from '../reports/trend.model';
import { Io, writeAtomically } from './io';
import { dataOptions } from './options';

const FORMATS: Record<string, ComparisonFormat> = { '.pdf': 'pdf', '.docx': 'docx', '.csv': 'csv', '.xlsx': 'xlsx' };

/** The output format from the file name; checked before any work, so a typo leaves no file. */
export function formatOf(file: string): ComparisonFormat {
  const ext = path.extname(file).toLowerCase();
  const format = Object.hasOwn(FORMATS, ext) ? FORMATS[ext] : undefined;
  if (!format) throw invalid(`Onbekend bestandstype '${ext || '(geen extensie)'}' voor --out; kies een naam op .pdf, .docx, .csv of .xlsx.`, 'out');
  return format;
}

/** Both inspections as the user named them, by number or key. */
function pairOf(ctx: Ctx, earlierRef: string, laterRef: string) {
  return { earlier: openInspectionRef(ctx, OPERATOR, earlierRef, 'read').id, later: openInspectionRef(ctx, OPERATOR, laterRef, 'read').id };
}

function countsLine(counts: Record<Direction, number>): string {
  return DIRECTIONS.map((d) => `${DIRECTION_SYMBOLS[d]} ${DIRECTION_LABELS[d].toLowerCase()}: ${counts[d]}`).join(' · ');
}

export const compareOptions = dataOptions.extend({ out: z.string().optional(), motivaties: z.boolean().optional() });

export async function compareCommand(ctx: Ctx, io: Io, earlierRef: string, laterRef: string, opts: z.infer<typeof compareOptions>): Promise<void> {
  const format = opts.out ? formatOf(opts.out) : null;
  const pair = pairOf(ctx, earlierRef, laterRef);
  if (opts.out && format) {
    // The PDF starts the browser: close it, so the command exits.
    const file = await comparisonFile(ctx, OPERATOR, pair, format, { motivations: Boolean(opts.motivaties) }).finally(() => (format === 'pdf' ? closeEngine() : undefined));
    writeAtomically(opts.out, file.content);
    const notice = reorderedNotice(file.cmp);
    if (notice) io.out(notice);
    io.out(`${comparisonTitle(file.cmp)} geschreven naar ${opts.out}`);
    if (format === 'csv') {
      // The national and per-toezegging rows go in a file of their own, next to the criterion rows.
      const groupsOut = opts.out.replace(/(\.csv)?$/i, '-toezeggingen.csv');
      writeAtomically(groupsOut, comparisonGroupsFile(ctx, OPERATOR, pair).content);
      io.out(`Per toezegging (landelijk en per eenheid) geschreven naar ${groupsOut}`);
    }
    return;
  }
  const cmp = loadComparison(ctx, OPERATOR, pair);
  const notice = reorderedNotice(cmp);
  if (notice) io.out(notice);
  io.out(`Vergelijking: ${inspectionName(cmp.earlier)} → ${inspectionName(cmp.later)}`);
  io.out('\nSamenvatting');
  for (const s of comparisonStory(cmp, ctx.catalogue).sentences) io.out(`  - ${s.text}`);
  io.out(`\nWat beide onderzoeken kennen (${count(cmp.headline.cells, CELLS)}): ${countsLine(cmp.headline.counts)}`);
  for (const a of cmp.headline.apart) io.out(`Apart geteld, alleen in ${a.only === 'earlier' ? cmp.earlier.year : cmp.later.year} beoordeeld: ${count(a.assessed, CELLS)} (${a.title})`);
  for (const c of cmp.checklists) {
    io.out(`\n${checklistTitle(c)}${c.earlier && c.later ? '' : ' (alleen in één onderzoek; niet vergelijkbaar)'}`);
    for (const g of c.groups) {
      const n = g.national;
      io.out(`  ${g.group.number}. ${g.group.title}: ${n.earlier?.label ?? '—'} → ${n.later?.label ?? '—'} (${DIRECTION_SYMBOLS[n.direction]} ${DIRECTION_LABELS[n.direction].toLowerCase()})`);
      io.out(`     per eenheid: ${countsLine(g.counts)}`);
    }
  }
  io.out(`\nGebruik --out bestand.pdf, .docx, .csv of .xlsx voor de volledige vergelijking.`);
}

/** "↑ Nagekomen", "Bestond nog niet": the trend model's words for a point. */
function pointText(p: PointView): string {
  return p.direction ? `${DIRECTION_SYMBOLS[p.direction]} ${p.label}` : p.label;
}

/**
 * A compact, stable JSON shape from the trend model: codes and labels, the state of every point
 * ("verdict", "not_comparable", "not_used"), and per toezegging and inspection the share kept.
 */
export function trendJson(trend: Trend, catalogue: Catalogue) {
  const m = buildTrendModel(trend, catalogue);
  const point = (p: PointView) => ({ state: p.state, code: p.code, label: p.label, direction: p.direction });
  return {
    inspections: trend.inspections.map((i, n) => ({ ...i, name: m.inspections[n].name })),
    checklists: trend.checklists.map((tc, ci) => {
      const c = m.checklists[ci];
      return {
        id: tc.checklist.id,
        version: tc.checklist.version,
        title: c.title,
        sources: tc.sources.map((s) => (s ? { id: s.id, version: s.version } : null)),
        usage: c.usage,
        groups: c.groups.map((g, gi) => ({
          id: tc.groups[gi].group.id,
          number: g.number,
          title: g.title,
          national: g.national.map(point),
          shares: g.shares.map((s) => (s ? { assessed: s.assessed, kept: s.kept, keptOrPartial: s.keptOrPartial } : null)),
          units: Object.fromEntries(tc.groups[gi].units.map((t) => [t.unit, t.points.map((p, i) => point(pointView(tc, trend.inspections, i, p)))])),
        })),
        criteria: c.rows.map((r, ri) => ({
          key: r.key,
          number: r.number,
          name: r.name,
          group: tc.rows[ri].group.id,
          vanished: r.vanished,
          units: Object.fromEntries(r.units.map((u) => [u.code, u.points.map(point)])),
        })),
      };
    }),
    statistics: trend.statistics,
  };
}

const TREND_FORMATS: Record<string, TrendFormat> = { '.pdf': 'pdf', '.xlsx': 'xlsx' };

/** The trend's output format from the file name; checked before any work, so a typo leaves no file. */
export function trendFormatOf(file: string): TrendFormat {
  const ext = path.extname(file).toLowerCase();
  const format = Object.hasOwn(TREND_FORMATS, ext) ? TREND_FORMATS[ext] : undefined;
  if (!format) throw invalid(`Onbekend bestandstype '${ext || '(geen extensie)'}' voor --out; kies een naam op .pdf of .xlsx.`, 'out');
  return format;
}

export const trendOptions = dataOptions.extend({ json: z.boolean().optional(), out: z.string().optional() });

export async function trendCommand(ctx: Ctx, io: Io, refs: string[], opts: z.infer<typeof trendOptions>): Promise<void> {
  if (opts.json && opts.out) throw invalid('Kies --json of --out, niet allebei.', 'out');
  const format = opts.out ? trendFormatOf(opts.out) : null;
  // Two are a comparison: say which command shows them, before opening anything.
  if (refs.length === 2) {
    throw invalid(`Een trend gaat over drie of meer onderzoeken. Twee onderzoeken naast elkaar zijn een vergelijking: toetsing compare ${refs[0]} ${refs[1]}`);
  }
  const ids = refs.map((r) => openInspectionRef(ctx, OPERATOR, r, 'read').id);
  if (opts.out && format) {
    const file = await trendFile(ctx, OPERATOR, ids, format).finally(() => (format === 'pdf' ? closeEngine() : undefined));
    writeAtomically(opts.out, file.content);
    io.out(`${file.model.title} geschreven naar ${opts.out}`);
    return;
  }
  const trend = loadTrend(ctx, OPERATOR, ids);
  if (opts.json) { io.out(JSON.stringify(trendJson(trend, ctx.catalogue), null, 2)); return; }
  const m = buildTrendModel(trend, ctx.catalogue);
  io.out(`${m.title}: ${m.subtitle}`);
  for (const c of m.checklists) {
    io.out(`\n${c.title} — landelijk per ${c.kind} (${m.inspections.map((i) => i.year).join(' | ')}; aandeel ${c.shareLabels.kept.toLowerCase()} / ${c.shareLabels.keptOrPartial.toLowerCase()})`);
    for (const g of c.groups) {
      io.out(`  ${g.name}: ${g.national.map(pointText).join('  |  ')}`);
      io.out(`     aandeel: ${g.shares.map((s) => (s ? `${shareText(s.keptShare)} / ${shareText(s.keptOrPartialShare)}` : '—')).join('  |  ')}`);
    }
    const missing = c.usage.flatMap((u, n) => (u.note ? [`${m.inspections[n].year}: ${u.note}`] : []));
    if (missing.length > 0) io.out(`  (${missing.join('; ')})`);
    io.out(`\n${c.title} — per criterium en eenheid (${m.inspections.map((i) => i.year).join(' | ')})`);
    for (const r of c.rows) {
      io.out(`  ${r.name}${r.vanished ? ' (vervallen of niet gekoppeld)' : ''}`);
      for (const u of r.units) io.out(`    ${u.name.padEnd(30)} ${u.points.map(pointText).join('  |  ')}`);
    }
  }
  io.out(`\nGebruik --out bestand.pdf of .xlsx voor de trend als document of spreadsheet, --json voor de gegevens.`);
}

export function statsImportCommand(ctx: Ctx, io: Io, ref: string, file: string): void {
  const inspectionId = openInspectionRef(ctx, OPERATOR, ref, 'read').id;
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) {
    throw invalid(`Kan ${file} niet lezen: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'bestand bestaat niet' : (e as Error).message}.`);
  }
  const result = importStatistics(ctx, OPERATOR, inspectionId, text);
  if (!result.ok) {
    const problems = result.problems.map(describeProblem);
    throw invalid(
      `Niets geïmporteerd; ${problems.length === 1 ? 'één probleem' : `${problems.length} problemen`} in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      undefined,
      problems,
    );
  }
  const { inspection, rows } = result;
  io.out(`${count(rows, { one: 'rij', many: 'rijen' })} klachtcijfers geïmporteerd in ${inspection.title} (${inspection.year}); de vorige cijfers zijn vervangen.`);
}
