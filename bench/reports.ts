// `npm run bench:reports`: how fast the PDF reports are, printed as JSON. For the demo national
// report and one per-unit report: median/min/max over warm runs, pages, bytes; the same final
// HTML printed by a bare warm Chromium page (an open page in the same browser; only setContent +
// pdf are timed, so the ratio shows everything our pipeline adds) and by a cold
// `chromium --headless --print-to-pdf`, with the ratios; 8 national reports at once; peak RSS of
// this process and of the browser; the machine's core count; beside each PDF the same report as
// a Word file (median/min/max and bytes). After an edit (one verdict changed before each run,
// a different one each time, so no content repeats) and warm (unchanged): each report's time as
// a ratio to the bare print of its final HTML in the same run, the Chromium prints it took, and a
// `targets` list {what, limit, figure, met} (issue 18). A benchmark, not a test: it prints
// figures and fails only when a report fails.
//
// BENCH_DATA=<folder of `npm run bench:data`, e.g. /tmp/bench-large> runs on that data instead of
// the demo (copied to a temporary folder first; the original is not touched), for its first
// inspection (BENCH_INSPECTION) and that inspection's first unit (BENCH_UNIT); the 8 concurrent
// reports and the cold Chromium are left out there (minutes each). BENCH_RUNS: runs per figure.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openContext } from '../src/context';
import { loadDemo } from '../src/demo/load';
import { findInspection, loadSnapshot } from '../src/store/inspections.store';
import { reportCacheDir } from '../src/reports/pdf-cache';
import { OPERATOR } from '../src/app/operator';
import { nationalReportDocx, nationalReportModel, nationalReportPdf, unitReportDocx, unitReportModel, unitReportPdf } from '../src/app/reports';
import { nationalDocument, unitDocument } from '../src/reports';
import { browserPid, closeEngine, engineIdle, getBrowser, printCount } from '../src/reports/engine';
import type { Ctx } from '../src/context';
import { saveVerdict } from '../src/store/verdicts.store';
import { clearTocCache, htmlWithToc } from '../src/reports/toc';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DATA = process.env.BENCH_DATA;
// A 435-page report on a busy machine outlasts the server's limits; the benchmark waits.
const RENDER = DATA ? { loadTimeoutMs: 900_000, printTimeoutMs: 900_000 } : {};

interface Stats { medianMs: number; minMs: number; maxMs: number; runs: number }

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { medianMs: Math.round(median), minMs: Math.round(s[0]), maxMs: Math.round(s[s.length - 1]), runs: s.length };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, out];
}

/**
 * Our pipeline and the bare page, run alternately: on a shared machine the load changes from
 * second to second, and alternating exposes both to the same conditions. `ours` times itself
 * (what comes before the report, like an edit, is not timed); the Chromium prints it took are
 * counted.
 */
async function alternate(ours: () => Promise<[number, Buffer]>, bare: () => Promise<[number, Buffer]>): Promise<{ ours: { stats: Stats; last: Buffer; prints: number[] }; bare: { stats: Stats; last: Buffer } }> {
  const a: number[] = [];
  const b: number[] = [];
  const prints: number[] = [];
  let lastA: Buffer = Buffer.alloc(0);
  let lastB: Buffer = Buffer.alloc(0);
  for (let i = 0; i < RUNS; i++) {
    await engineIdle();
    const before = printCount();
    const [ta, outA] = await ours();
    prints.push(printCount() - before);
    await engineIdle();
    const [tb, outB] = await bare();
    a.push(ta);
    b.push(tb);
    lastA = outA;
    lastB = outB;
  }
  return { ours: { stats: stats(a), last: lastA, prints }, bare: { stats: stats(b), last: lastB } };
}

function pages(pdf: Buffer): number {
  const file = path.join(os.tmpdir(), `bench-report-${process.pid}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Resident memory of a process and all its descendants (the browser and its renderers), in bytes. */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    while (p && p !== root) p = parent.get(p);
    if (p !== root) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch { /* gone */ }
  }
  return total;
}

function sampler() {
  let peakBrowser = 0;
  const timer = setInterval(() => {
    const pid = browserPid();
    if (pid) peakBrowser = Math.max(peakBrowser, treeRss(pid));
  }, 50);
  return { stop: () => { clearInterval(timer); return peakBrowser; } };
}

const PDF_OPTIONS = { printBackground: true, preferCSSPageSize: true, format: 'A4', outline: true, tagged: true } as const;

/** The bare print: an open page in the same browser, timing only setContent + pdf. */
async function bare(html: string): Promise<[number, Buffer]> {
  const browser = await getBrowser();
  const page = await browser.newPage();
  try {
    return await timed(async () => {
      await page.setContent(html, { waitUntil: 'load', timeout: DATA ? 0 : undefined });
      return Buffer.from(await page.pdf({ ...PDF_OPTIONS, timeout: DATA ? 0 : undefined }));
    });
  } finally {
    await page.close();
  }
}

async function cold(html: string): Promise<Stats> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cold-'));
  const file = path.join(dir, 'report.html');
  fs.writeFileSync(file, html);
  const exe = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
  const root = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  const ms: number[] = [];
  try {
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const out = path.join(dir, `out-${i}.pdf`);
      const [t] = await timed(() =>
        run(exe, [...root, '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, `profile-${i}`)}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, `file://${file}`]),
      );
      ms.push(t);
    }
    return stats(ms);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Target { what: string; limit: number; figure: number; met: boolean }

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
const target = (what: string, limit: number, figure: number): Target => ({ what, limit, figure, met: figure <= limit });

/** The data to run on: the demo, or a copy of BENCH_DATA's folder (never the original). */
function openData(dir: string): { ctx: Ctx; inspection: string; unit: string | null } {
  if (!DATA) {
    const ctx = openContext(dir);
    loadDemo(ctx);
    return { ctx, inspection: process.env.BENCH_INSPECTION ?? 'recht-van-klagen-2022', unit: process.env.BENCH_UNIT ?? 'AMS' };
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(DATA, 'manifest.json'), 'utf8')) as { dataDir: string; criteriaDir: string; refs: string[] };
  fs.cpSync(manifest.dataDir, dir, { recursive: true });
  const ctx = openContext(dir, manifest.criteriaDir);
  return { ctx, inspection: process.env.BENCH_INSPECTION ?? manifest.refs[0], unit: process.env.BENCH_UNIT ?? null };
}

/**
 * An edit before every run: the next verdict of the unit set to another level of its scale, so
 * the content never repeats (a repeat would be the warm case, not an edit).
 */
function editor(ctx: Ctx, id: number, unit: string): () => void {
  let n = 0;
  return () => {
    const cells = loadSnapshot(ctx.db, id).verdicts.filter((v) => v.unit === unit);
    const cell = cells[n++ % cells.length];
    const levels = ctx.catalogue.checklists.get(cell.checklist)?.scale.levels.map((l) => l.code) ?? [cell.verdict];
    const next = levels.find((c) => c !== cell.verdict) ?? levels[0];
    saveVerdict(ctx.db, OPERATOR.email, { inspectionId: id, checklist: cell.checklist, criterion: cell.criterion, unit }, cell.version, { verdict: next, motivation: cell.motivation, workflow: cell.workflow });
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
  const data = openData(dir);
  const ctx = data.ctx;
  try {
    const id = findInspection(ctx.db, data.inspection).id;
    const UNIT = data.unit ?? loadSnapshot(ctx.db, id).units[0];
    const edit = editor(ctx, id, UNIT);
    const mem = sampler();

    // The first national report of a content in this process: a measuring print, then the final one.
    clearTocCache();
    await getBrowser();
    const firstPrints = printCount();
    const [firstNational] = await timed(() => nationalReportPdf(ctx, OPERATOR, id, RENDER));
    const firstNationalPrints = printCount() - firstPrints;
    await unitReportPdf(ctx, OPERATOR, id, UNIT, RENDER);

    const nationalHtml = async () => htmlWithToc(nationalDocument(nationalReportModel(ctx, OPERATOR, id)), RENDER);
    const unitHtml = async () => htmlWithToc(unitDocument(unitReportModel(ctx, OPERATOR, id, UNIT)), RENDER);
    const bareOf = (html: () => Promise<string>) => async () => bare(await html());
    await bare(await nationalHtml());

    // After an edit: the edit itself is not timed, the report is; the bare print gets the same final HTML.
    const editNational = await alternate(async () => { edit(); return timed(() => nationalReportPdf(ctx, OPERATOR, id, RENDER)); }, bareOf(nationalHtml));
    // Warm: nothing changed since the last download.
    const warmNational = await alternate(() => timed(() => nationalReportPdf(ctx, OPERATOR, id, RENDER)), bareOf(nationalHtml));
    const editUnit = await alternate(async () => { edit(); return timed(() => unitReportPdf(ctx, OPERATOR, id, UNIT, RENDER)); }, bareOf(unitHtml));
    const warmUnit = await alternate(() => timed(() => unitReportPdf(ctx, OPERATOR, id, UNIT, RENDER)), bareOf(unitHtml));
    const finalNationalHtml = await nationalHtml();
    const finalUnitHtml = await unitHtml();

    // The Word files of the same models need no browser: after an edit and warm, against the bare print of the same report.
    const word = async (fn: () => Promise<Buffer>, before?: () => void) => {
      await fn();
      const ms: number[] = [];
      let last: Buffer = Buffer.alloc(0);
      for (let i = 0; i < RUNS; i++) {
        before?.();
        const [t, out] = await timed(fn);
        ms.push(t);
        last = out;
      }
      return { ...stats(ms), bytes: last.length };
    };
    const nationalDocxEdit = await word(() => nationalReportDocx(ctx, OPERATOR, id), edit);
    const nationalDocxWarm = await word(() => nationalReportDocx(ctx, OPERATOR, id));
    const unitDocxEdit = await word(() => unitReportDocx(ctx, OPERATOR, id, UNIT), edit);
    const unitDocxWarm = await word(() => unitReportDocx(ctx, OPERATOR, id, UNIT));

    let concurrent: { requested: number; succeeded: number; wallMs: number } | null = null;
    if (!DATA) {
      const [concurrentMs, results] = await timed(() => Promise.allSettled(Array.from({ length: 8 }, () => nationalReportPdf(ctx, OPERATOR, id, RENDER))));
      concurrent = { requested: 8, succeeded: results.filter((r) => r.status === 'fulfilled' && r.value.subarray(0, 5).toString() === '%PDF-').length, wallMs: Math.round(concurrentMs) };
    }
    const peakBrowser = mem.stop();
    await closeEngine();
    const coldNational = DATA ? null : await cold(finalNationalHtml);
    const coldUnit = DATA ? null : await cold(finalUnitHtml);

    const bareN = editNational.bare.stats.medianMs;
    const bareU = editUnit.bare.stats.medianMs;
    const targets: Target[] = [
      target('landelijk rapport (PDF) na een wijziging / kale afdruk', 1.0, ratio(editNational.ours.stats.medianMs, bareN)),
      target('landelijk rapport (PDF) ongewijzigd / kale afdruk', 0.6, ratio(warmNational.ours.stats.medianMs, warmNational.bare.stats.medianMs)),
      target('rapport per eenheid (PDF) na een wijziging / kale afdruk', 1.0, ratio(editUnit.ours.stats.medianMs, bareU)),
      target('rapport per eenheid (PDF) ongewijzigd / kale afdruk', 0.6, ratio(warmUnit.ours.stats.medianMs, warmUnit.bare.stats.medianMs)),
      target('landelijk rapport (Word) na een wijziging / kale afdruk van de PDF', 1.0, ratio(nationalDocxEdit.medianMs, bareN)),
      target('landelijk rapport (Word) ongewijzigd / kale afdruk van de PDF', 0.6, ratio(nationalDocxWarm.medianMs, bareN)),
      target('rapport per eenheid (Word) na een wijziging / kale afdruk van de PDF', 1.0, ratio(unitDocxEdit.medianMs, bareU)),
      target('rapport per eenheid (Word) ongewijzigd / kale afdruk van de PDF', 0.6, ratio(unitDocxWarm.medianMs, bareU)),
    ];
    const perEdit = (p: number[]) => ({ prints: p, max: Math.max(...p) });
    const cacheBytes = (() => {
      try {
        return fs.readdirSync(reportCacheDir(ctx.dataDir)).reduce((t, n) => t + fs.statSync(path.join(reportCacheDir(ctx.dataDir), n)).size, 0);
      } catch {
        return 0;
      }
    })();
    const report = {
      machine: { cores: os.cpus().length, node: process.version, loadavg1: Number(os.loadavg()[0].toFixed(2)) },
      data: DATA ?? 'demo',
      inspection: data.inspection,
      runs: RUNS,
      targets,
      national: {
        firstRun: { ms: Math.round(firstNational), chromiumPrints: firstNationalPrints },
        afterEdit: { ...editNational.ours.stats, chromiumPrints: perEdit(editNational.ours.prints), pages: pages(editNational.ours.last), bytes: editNational.ours.last.length },
        warm: { ...warmNational.ours.stats, chromiumPrints: perEdit(warmNational.ours.prints) },
        barePage: { ...editNational.bare.stats, pages: pages(editNational.bare.last), bytes: editNational.bare.last.length },
        barePageWarmRuns: warmNational.bare.stats,
        docx: { afterEdit: nationalDocxEdit, warm: nationalDocxWarm },
        coldChromium: coldNational,
        ratios: {
          afterEditVsBarePage: ratio(editNational.ours.stats.medianMs, bareN),
          warmVsBarePage: ratio(warmNational.ours.stats.medianMs, warmNational.bare.stats.medianMs),
          ...(coldNational ? { afterEditVsCold: ratio(editNational.ours.stats.medianMs, coldNational.medianMs) } : {}),
        },
      },
      unit: {
        unit: UNIT,
        afterEdit: { ...editUnit.ours.stats, chromiumPrints: perEdit(editUnit.ours.prints), pages: pages(editUnit.ours.last), bytes: editUnit.ours.last.length },
        warm: { ...warmUnit.ours.stats, chromiumPrints: perEdit(warmUnit.ours.prints) },
        barePage: { ...editUnit.bare.stats, pages: pages(editUnit.bare.last), bytes: editUnit.bare.last.length },
        barePageWarmRuns: warmUnit.bare.stats,
        docx: { afterEdit: unitDocxEdit, warm: unitDocxWarm },
        coldChromium: coldUnit,
        ratios: { afterEditVsBarePage: ratio(editUnit.ours.stats.medianMs, bareU), warmVsBarePage: ratio(warmUnit.ours.stats.medianMs, warmUnit.bare.stats.medianMs) },
      },
      concurrentNational: concurrent,
      storedPdfBytes: cacheBytes,
      peakRss: { nodeMb: Math.round(process.resourceUsage().maxRSS / 1024), browserMb: Math.round(peakBrowser / 1024 / 1024) },
    };
    const json = JSON.stringify(report, null, 2) + '\n';
    process.stdout.write(json);
    // Where `npm run bench` picks up the PDF targets (bench/run.ts reportTargets): the run on
    // BENCH_DATA (the large data the targets are about) as reports.json, the demo beside it.
    const out = path.join(__dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, DATA ? 'reports.json' : 'reports-demo.json'), json);
    if (concurrent && concurrent.succeeded !== 8) process.exitCode = 1;
  } finally {
    await closeEngine();
    ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
