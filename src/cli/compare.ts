// `toetsing compare`, `toetsing trend` and `toetsing stats import`: the follow-up comparison on
// the command line, by the same use cases (src/app/compare.ts) as the web pages.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { comparisonFile, ComparisonFormat, importStatistics, loadComparison, loadTrend } from '../app/compare';
import { openInspectionRef } from '../app/inspection-access';
import { OPERATOR } from '../app/operator';
import type { Ctx } from '../context';
import { unitName } from '../criteria';
import type { Trend, TrendPoint } from '../domain/comparison/types';
import { DIRECTIONS, DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction } from '../domain/comparison/vocabulary';
import { describeProblem } from '../domain/statistics-csv';
import { invalid } from '../errors';
import { count } from '../present';
import { checklistTitle, comparisonTitle } from '../reports/compare.model';
import { closeEngine } from '../reports/engine';
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
    io.out(`${comparisonTitle(file.cmp)} geschreven naar ${opts.out}`);
    return;
  }
  const cmp = loadComparison(ctx, OPERATOR, pair);
  io.out(`Vergelijking: ${cmp.earlier.title} (${cmp.earlier.year}) → ${cmp.later.title} (${cmp.later.year})`);
  io.out(`Alle criteria × eenheden: ${countsLine(cmp.counts)}`);
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

function pointText(p: TrendPoint): string {
  const label = p.side ? p.side.label : 'niet vergelijkbaar';
  return p.direction ? `${DIRECTION_SYMBOLS[p.direction]} ${label}` : label;
}

/** A compact, stable JSON shape: codes and labels, no catalogue objects. */
export function trendJson(trend: Trend) {
  const point = (p: TrendPoint) => ({ code: p.side?.code ?? null, label: p.side?.label ?? 'Niet vergelijkbaar', direction: p.direction });
  return {
    inspections: trend.inspections,
    checklists: trend.checklists.map((tc) => ({
      id: tc.checklist.id,
      version: tc.checklist.version,
      sources: tc.sources.map((s) => (s ? { id: s.id, version: s.version } : null)),
      groups: tc.groups.map((g) => ({
        id: g.group.id,
        title: g.group.title,
        national: g.national.map(point),
        units: Object.fromEntries(g.units.map((t) => [t.unit, t.points.map(point)])),
      })),
      criteria: tc.rows.map((r) => ({
        key: r.key,
        number: r.criterion.number,
        group: r.group.id,
        vanished: r.vanished,
        units: Object.fromEntries(r.units.map((t) => [t.unit, t.points.map(point)])),
      })),
    })),
    statistics: trend.statistics,
  };
}

export function trendCommand(ctx: Ctx, io: Io, refs: string[], opts: { json?: boolean }): void {
  const trend = loadTrend(ctx, OPERATOR, refs.map((r) => openInspectionRef(ctx, OPERATOR, r, 'read').id));
  if (opts.json) { io.out(JSON.stringify(trendJson(trend), null, 2)); return; }
  io.out(`Trend: ${trend.inspections.map((i) => `${i.title} (${i.year}${i.illustrative ? ', illustratief' : ''})`).join(' → ')}`);
  for (const tc of trend.checklists) {
    io.out(`\n${tc.checklist.shortTitle} — landelijk per toezegging`);
    for (const g of tc.groups) io.out(`  ${g.group.number}. ${g.group.title}: ${g.national.map(pointText).join('  |  ')}`);
    io.out(`\n${tc.checklist.shortTitle} — per criterium en eenheid (${trend.inspections.map((i) => i.year).join(' | ')})`);
    for (const r of tc.rows) {
      io.out(`  ${r.criterion.number}${r.vanished ? ' (vervallen of niet gekoppeld)' : ''}`);
      for (const t of r.units) io.out(`    ${unitName(ctx.catalogue, t.unit).padEnd(30)} ${t.points.map(pointText).join('  |  ')}`);
    }
  }
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
