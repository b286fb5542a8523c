// `npm run bench:reports`: how fast the PDF reports are, printed as JSON. For the demo national
// report and one per-unit report: median/min/max over warm runs, pages, bytes; the same final
// HTML printed by a bare warm Chromium page (an open page in the same browser; only setContent +
// pdf are timed, so the ratio shows everything our pipeline adds) and by a cold
// `chromium --headless --print-to-pdf`, with the ratios; 8 national reports at once; peak RSS of
// this process and of the browser; the machine's core count; beside each PDF the same report as
// a Word file (median/min/max and bytes). A benchmark, not a test: it prints figures and fails
// only when a report fails.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openContext } from '../src/context';
import { loadDemo } from '../src/demo/load';
import { findInspection } from '../src/store/inspections.store';
import { OPERATOR } from '../src/app/operator';
import { nationalReportDocx, nationalReportModel, nationalReportPdf, unitReportDocx, unitReportModel, unitReportPdf } from '../src/app/reports';
import { nationalDocument, unitDocument } from '../src/reports';
import { browserPid, closeEngine, engineIdle, getBrowser } from '../src/reports/engine';
import { clearTocCache, htmlWithToc } from '../src/reports/toc';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const INSPECTION = process.env.BENCH_INSPECTION ?? 'recht-van-klagen-2022';
const UNIT = process.env.BENCH_UNIT ?? 'AMS';

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
 * second to second, and alternating exposes both to the same conditions.
 */
async function alternate(ours: () => Promise<Buffer>, bare: () => Promise<[number, Buffer]>): Promise<{ ours: { stats: Stats; last: Buffer }; bare: { stats: Stats; last: Buffer } }> {
  const a: number[] = [];
  const b: number[] = [];
  let lastA: Buffer = Buffer.alloc(0);
  let lastB: Buffer = Buffer.alloc(0);
  for (let i = 0; i < RUNS; i++) {
    await engineIdle();
    const [ta, outA] = await timed(ours);
    await engineIdle();
    const [tb, outB] = await bare();
    a.push(ta);
    b.push(tb);
    lastA = outA;
    lastB = outB;
  }
  return { ours: { stats: stats(a), last: lastA }, bare: { stats: stats(b), last: lastB } };
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
      await page.setContent(html, { waitUntil: 'load' });
      return Buffer.from(await page.pdf(PDF_OPTIONS));
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

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
  const ctx = openContext(dir);
  try {
    loadDemo(ctx);
    const id = findInspection(ctx.db, INSPECTION).id;
    const mem = sampler();

    // The first national report of a content: the measuring pass runs too (nothing cached).
    clearTocCache();
    await getBrowser();
    const [firstNational] = await timed(() => nationalReportPdf(ctx, OPERATOR, id));
    await unitReportPdf(ctx, OPERATOR, id, UNIT);

    const nationalHtml = await htmlWithToc(nationalDocument(nationalReportModel(ctx, OPERATOR, id)));
    const unitHtml = await htmlWithToc(unitDocument(unitReportModel(ctx, OPERATOR, id, UNIT)));
    await bare(nationalHtml);
    const n = await alternate(() => nationalReportPdf(ctx, OPERATOR, id), () => bare(nationalHtml));
    const u = await alternate(() => unitReportPdf(ctx, OPERATOR, id, UNIT), () => bare(unitHtml));
    const [national, bareNational, unit, bareUnit] = [n.ours, n.bare, u.ours, u.bare];

    // The Word files of the same models need no browser: timed on their own, after a warm-up.
    const word = async (fn: () => Promise<Buffer>) => {
      await fn();
      const ms: number[] = [];
      let last: Buffer = Buffer.alloc(0);
      for (let i = 0; i < RUNS; i++) {
        const [t, out] = await timed(fn);
        ms.push(t);
        last = out;
      }
      return { ...stats(ms), bytes: last.length };
    };
    const nationalDocx = await word(() => nationalReportDocx(ctx, OPERATOR, id));
    const unitDocx = await word(() => unitReportDocx(ctx, OPERATOR, id, UNIT));

    const [concurrentMs, results] = await timed(() => Promise.allSettled(Array.from({ length: 8 }, () => nationalReportPdf(ctx, OPERATOR, id))));
    const succeeded = results.filter((r) => r.status === 'fulfilled' && r.value.subarray(0, 5).toString() === '%PDF-').length;
    const peakBrowser = mem.stop();
    await closeEngine();
    const coldNational = await cold(nationalHtml);
    const coldUnit = await cold(unitHtml);

    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    const report = {
      machine: { cores: os.cpus().length, node: process.version, loadavg1: Number(os.loadavg()[0].toFixed(2)) },
      inspection: INSPECTION,
      national: {
        pipeline: { ...national.stats, pages: pages(national.last), bytes: national.last.length, firstRunMs: Math.round(firstNational) },
        docx: nationalDocx,
        barePage: { ...bareNational.stats, pages: pages(bareNational.last), bytes: bareNational.last.length },
        coldChromium: coldNational,
        ratios: { pipelineVsBarePage: ratio(national.stats.medianMs, bareNational.stats.medianMs), pipelineVsCold: ratio(national.stats.medianMs, coldNational.medianMs) },
        targets: { pipelineVsBarePageMax: 1.25, medianMsMax: 1500 },
      },
      unit: {
        unit: UNIT,
        pipeline: { ...unit.stats, pages: pages(unit.last), bytes: unit.last.length },
        docx: unitDocx,
        barePage: { ...bareUnit.stats, pages: pages(bareUnit.last), bytes: bareUnit.last.length },
        coldChromium: coldUnit,
        ratios: { pipelineVsBarePage: ratio(unit.stats.medianMs, bareUnit.stats.medianMs), pipelineVsCold: ratio(unit.stats.medianMs, coldUnit.medianMs) },
      },
      concurrentNational: { requested: 8, succeeded, wallMs: Math.round(concurrentMs) },
      peakRss: { nodeMb: Math.round(process.resourceUsage().maxRSS / 1024), browserMb: Math.round(peakBrowser / 1024 / 1024) },
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    if (succeeded !== 8) process.exitCode = 1;
  } finally {
    await closeEngine();
    ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
