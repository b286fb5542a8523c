// `toetsing compare`, `toetsing trend` and `toetsing stats import`: the follow-up comparison on
// the command line, with the same results and files as the web pages.
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../context';
import { unitName } from '../criteria';
import { DIRECTIONS, DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction } from '../domain/compare';
import { describeProblem, parseStatisticsCsv } from '../domain/statistics-csv';
import type { Trend, TrendPoint } from '../domain/trend';
import { AppError } from '../errors';
import { comparisonCsv, comparisonXlsx } from '../reports/compare-export';
import { comparisonPdf } from '../reports/compare-pdf';
import { loadComparison, loadTrend } from '../reports/compare.model';
import { closeEngine } from '../reports/engine';
import { findInspection } from '../store/inspections.store';
import { replaceStatistics } from '../store/national.store';
import type { Io } from './io';

const FORMATS = ['.pdf', '.csv', '.xlsx'] as const;
type Format = (typeof FORMATS)[number];

/** The output format from the file name; checked before any work, so a typo leaves no file. */
export function formatOf(file: string): Format {
  const ext = path.extname(file).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(ext)) {
    throw new AppError(400, `Onbekend bestandstype '${ext || '(geen extensie)'}' voor --out; kies een naam op .pdf, .csv of .xlsx.`);
  }
  return ext as Format;
}

function writeAtomically(file: string, content: string | Buffer): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

function countsLine(counts: Record<Direction, number>): string {
  return DIRECTIONS.map((d) => `${DIRECTION_SYMBOLS[d]} ${DIRECTION_LABELS[d].toLowerCase()}: ${counts[d]}`).join(' · ');
}

export async function compareCommand(ctx: Ctx, io: Io, earlierRef: string, laterRef: string, opts: { out?: string; motivaties?: boolean }): Promise<void> {
  const format = opts.out ? formatOf(opts.out) : null;
  const cmp = loadComparison(ctx, findInspection(ctx.db, earlierRef).id, findInspection(ctx.db, laterRef).id);
  if (opts.out && format) {
    let content: string | Buffer;
    if (format === '.csv') content = comparisonCsv(cmp, ctx.catalogue);
    else if (format === '.xlsx') content = await comparisonXlsx(cmp, ctx.catalogue);
    else {
      try { content = await comparisonPdf(cmp, ctx.catalogue, { motivations: Boolean(opts.motivaties) }); } finally { await closeEngine(); }
    }
    writeAtomically(opts.out, content);
    io.out(`Vergelijking ${cmp.earlier.year} → ${cmp.later.year} geschreven naar ${opts.out}`);
    return;
  }
  io.out(`Vergelijking: ${cmp.earlier.title} (${cmp.earlier.year}) → ${cmp.later.title} (${cmp.later.year})`);
  io.out(`Alle criteria × eenheden: ${countsLine(cmp.counts)}`);
  for (const c of cmp.checklists) {
    io.out(`\n${(c.later ?? c.earlier)!.shortTitle}${c.earlier && c.later ? '' : ' (alleen in één onderzoek; niet vergelijkbaar)'}`);
    for (const g of c.groups) {
      const n = g.national;
      io.out(`  ${g.group.number}. ${g.group.title}: ${n.earlier?.label ?? '—'} → ${n.later?.label ?? '—'} (${DIRECTION_SYMBOLS[n.direction]} ${DIRECTION_LABELS[n.direction].toLowerCase()})`);
      io.out(`     per eenheid: ${countsLine(g.counts)}`);
    }
  }
  io.out(`\nGebruik --out bestand.pdf, .csv of .xlsx voor de volledige vergelijking.`);
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
  const trend = loadTrend(ctx, refs.map((r) => findInspection(ctx.db, r).id));
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
  const inspection = findInspection(ctx.db, ref);
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) {
    throw new AppError(400, `Kan ${file} niet lezen: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'bestand bestaat niet' : (e as Error).message}.`);
  }
  const parsed = parseStatisticsCsv(text, ctx.catalogue.units.map((u) => u.code));
  if (!parsed.ok) {
    const lines = parsed.problems.map((p) => `  - ${describeProblem(p)}`);
    throw new AppError(400, `Niets geïmporteerd; ${parsed.problems.length === 1 ? 'één probleem' : `${parsed.problems.length} problemen`} in ${file}:\n${lines.join('\n')}`);
  }
  replaceStatistics(ctx.db, 'cli', inspection.id, parsed.rows);
  io.out(`${parsed.rows.length} ${parsed.rows.length === 1 ? 'rij' : 'rijen'} klachtcijfers geïmporteerd in ${inspection.title} (${inspection.year}); de vorige cijfers zijn vervangen.`);
}
