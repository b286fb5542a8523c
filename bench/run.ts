// `npm run bench`: the speed of Toetsing on the large synthetic data (npm run bench:data) and on
// the demo data, printed as JSON with the machine's core count. Pages are measured through a
// real `toetsing serve` process with a load generator in a second process; domain work (roll-up,
// blockers, comparison, trend, export, import) in this process with the server stopped, so the
// two never compete for the two cores.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openContext, Ctx } from '../src/context';
import { DEFAULT_CRITERIA_DIR } from '../src/criteria';
import { loadDemo } from '../src/demo/load';
import { findBlockers } from '../src/domain/blockers';
import { allCriteria } from '../src/domain/checklist';
import { compareInspections } from '../src/domain/comparison/compare';
import type { InspectionSnapshot } from '../src/domain/inspection';
import { rollUp } from '../src/domain/rollup';
import { inspectionStatus } from '../src/domain/status';
import { trendOf } from '../src/domain/comparison/trend';
import { isKind, must } from '../src/errors';
import { url } from '../src/present';
import { databasePath, DB, openDatabase } from '../src/store/db';
import { exportDocument, importDocument } from '../src/store/documents';
import { findInspection, loadSnapshot, loadTrendSnapshot } from '../src/store/inspections.store';
import { createUser } from '../src/store/users.store';
import { DEFAULT_OUT, Manifest, MANIFEST } from './generate';
import { percentile } from './load';
import { login, memoryOf, pdfPages, request, runLoad, startServer } from './server';
import { verdictSheetImport } from './verdict-sheet';

const BENCH_DEMO_EMAIL = 'bench@demo.toetsing.local';

interface Dataset {
  name: 'demo' | 'large';
  dataDir: string;
  criteriaDir: string;
  email: string;
  password: string;
  /** Oldest first: the chain the trend runs over. */
  refs: string[];
  cleanup: () => void;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The first call on its own (cold: nothing cached yet in this process) and the median and min
 * of `runs` calls after it (warm: what a page viewed again costs).
 */
function timed<T>(runs: number, fn: () => T): { coldMs: number; medianMs: number; minMs: number; runs: number; value: T } {
  const t0 = performance.now();
  let value = fn();
  const coldMs = round(performance.now() - t0);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { coldMs, medianMs: round(percentile(ms, 50)), minMs: round(ms[0]), runs, value };
}

async function demoDataset(): Promise<Dataset> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-bench-demo-'));
  const ctx = openContext(dataDir);
  const password = crypto.randomBytes(15).toString('base64url');
  try {
    loadDemo(ctx);
    await createUser(ctx.db, 'bench', { email: BENCH_DEMO_EMAIL, role: 'inspecteur', password });
    const refs = (ctx.db.prepare('SELECT ref FROM inspections ORDER BY year, id').all() as Array<{ ref: string }>).map((r) => r.ref);
    return { name: 'demo', dataDir, criteriaDir: DEFAULT_CRITERIA_DIR, email: BENCH_DEMO_EMAIL, password, refs, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  } finally {
    ctx.db.close();
  }
}

function largeDataset(out: string): Dataset {
  const file = path.join(out, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${file} ontbreekt: maak eerst de data met 'npm run bench:data'`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  return { name: 'large', dataDir: m.dataDir, criteriaDir: m.criteriaDir, email: m.account.email, password: m.account.password, refs: m.refs, cleanup: () => undefined };
}

function diskMiB(dataDir: string): number {
  const db = databasePath(dataDir);
  const bytes = [db, `${db}-wal`, `${db}-shm`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  return round(bytes / 1024 / 1024);
}

/** The bulk page of every criterion of the inspection's first checklist: all its units on one page each. */
function criterionPagePaths(ctx: Ctx, s: InspectionSnapshot): string[] {
  const first = must(s.checklists.at(0), 'een checklist van het onderzoek');
  const checklist = must(ctx.catalogue.checklists.get(first.id), `checklist '${first.id}'`);
  return allCriteria(checklist).map((cr) => url.criterionVerdicts(s.id, checklist.id, cr.id));
}

/** Paths of up to `max` cells of the inspection, spread over criteria and units. */
function cellPaths(ctx: Ctx, s: InspectionSnapshot, max: number): string[] {
  const all = s.checklists.flatMap((c) => allCriteria(must(ctx.catalogue.checklists.get(c.id), `checklist '${c.id}'`)).flatMap((cr) => s.units.map((u) => `/onderzoeken/${s.id}/cellen/${c.id}/${cr.id}/${u}`)));
  const step = Math.max(1, Math.floor(all.length / max));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}

async function pages(ds: Dataset, ctx: Ctx, target: InspectionSnapshot, log: (s: string) => void) {
  const server = await startServer(ds.dataDir, ds.criteriaDir);
  try {
    log(`  server gestart in ${Math.round(server.startupMs)} ms (poort ${server.port})`);
    const cookie = await login(server.port, ds.email, ds.password);
    const base = { port: server.port, cookie, maxSeconds: 120 };
    const matrix = [`/onderzoeken/${target.id}/matrix`];
    const cells = cellPaths(ctx, target, 500);
    log('  matrixpagina');
    // The first view after start: nothing cached in the server yet.
    const t = performance.now();
    const first = await request(server.port, { path: matrix[0], cookie });
    const firstViewMs = Math.round(performance.now() - t);
    const matrixFigures = {
      cells: target.verdicts.length,
      firstView: { ms: firstViewMs, status: first.status, bytes: first.body.length },
      c1: await runLoad({ ...base, paths: matrix, connections: 1, requests: 100, warmup: 10 }),
      c16: await runLoad({ ...base, paths: matrix, connections: 16, requests: 800, warmup: 32 }),
    };
    log('  celpagina');
    const cellFigures = {
      distinctCells: cells.length,
      c1: await runLoad({ ...base, paths: cells, connections: 1, requests: 300, warmup: 20 }),
      c16: await runLoad({ ...base, paths: cells, connections: 16, requests: 2000, warmup: 32 }),
    };
    log(`  oordelen van één criterium over ${target.units.length} eenheden (bulkpagina)`);
    const criterionPages = criterionPagePaths(ctx, target);
    const bulkFigures = {
      units: target.units.length,
      distinctPages: criterionPages.length,
      c1: await runLoad({ ...base, paths: criterionPages, connections: 1, requests: 100, warmup: 10 }),
      c16: await runLoad({ ...base, paths: criterionPages, connections: 16, requests: 800, warmup: 32 }),
    };
    log('  landelijk rapport (pdf)');
    const pdfRuns: Array<{ ms: number; status: number; pages: number | null; bytes: number }> = [];
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      const r = await request(server.port, { path: `/onderzoeken/${target.id}/rapport.pdf`, cookie });
      const ms = Math.round(performance.now() - t);
      const isPdf = r.status === 200 && r.body.subarray(0, 5).toString() === '%PDF-';
      pdfRuns.push({ ms, status: r.status, pages: isPdf ? await pdfPages(r.body) : null, bytes: r.body.length });
    }
    const nationalPdf = { units: target.units.length, first: pdfRuns[0], second: pdfRuns[1] };
    log('  geheugen: 1.000 en daarna 10.000 verzoeken (cellen, elke tiende de matrix)');
    const mixed = cells.map((p, i) => (i % 10 === 0 ? matrix[0] : p));
    const pid = must(server.proc.pid, 'het proces-id van de server');
    const afterSetup = memoryOf(pid);
    const run1k = await runLoad({ ...base, paths: mixed, connections: 16, requests: 1000, warmup: 0, maxSeconds: 300 });
    const after1k = memoryOf(pid);
    const run10k = await runLoad({ ...base, paths: mixed, connections: 16, requests: 10_000, warmup: 0, maxSeconds: 600 });
    const after10k = memoryOf(pid);
    const memory = {
      rssBeforeMiB: afterSetup.rssMiB,
      rssAfter1kMiB: after1k.rssMiB,
      rssAfter10kMiB: after10k.rssMiB,
      growth10kVs1kPercent: round(((after10k.rssMiB - after1k.rssMiB) / after1k.rssMiB) * 100),
      errors: run1k.errors + run10k.errors,
      requests: run1k.requests + run10k.requests,
      peakRssMiB: after10k.peakMiB,
    };
    return { startupMs: Math.round(server.startupMs), matrix: matrixFigures, cell: cellFigures, criterionBulk: bulkFigures, nationalPdf, memory };
  } finally {
    await server.stop();
  }
}

function trendable(ctx: Ctx, snapshots: InspectionSnapshot[]): boolean {
  try {
    trendOf(ctx.catalogue, snapshots);
    return true;
  } catch (e) {
    if (isKind(e, 'invalid')) return false;
    throw e;
  }
}

/** Time `fn` on a fresh connection, whose snapshot cache is empty: the first view after a change. */
function cold<T>(ds: Dataset, fn: (db: DB) => T): { ms: number; value: T } {
  const db = openDatabase(ds.dataDir);
  try {
    const t = performance.now();
    const value = fn(db);
    return { ms: round(performance.now() - t), value };
  } finally {
    db.close();
  }
}

function domain(ds: Dataset, ctx: Ctx, log: (s: string) => void) {
  const ids = ds.refs.map((r) => findInspection(ctx.db, r).id);
  const target = ids[ids.length - 1];
  const load = (id: number) => loadSnapshot(ctx.db, id);
  const snapshotCold = cold(ds, (db) => loadSnapshot(db, target)).ms;
  const snapshot = timed(10, () => load(target));
  const s = snapshot.value;
  log('  landelijke stand en blokkades');
  // Read inside a transaction the store returns a private, unfrozen snapshot, so every call
  // computes instead of reusing the memo kept for the shared one.
  const unshared = ctx.db.transaction(() => loadSnapshot(ctx.db, target))();
  // Blockers are computed on first access: read them, so the figure includes them.
  const statusCompute = timed(10, () => inspectionStatus(unshared, ctx.catalogue).blockers.length);
  const statusServed = timed(20, () => inspectionStatus(s, ctx.catalogue));
  const rollupOnly = timed(10, () => unshared.checklists.map((c) => {
    const checklist = must(ctx.catalogue.checklists.get(c.id), `checklist '${c.id}'`);
    return rollUp(checklist, unshared.units, unshared.verdicts.filter((v) => v.checklist === c.id), unshared.overrides.filter((o) => o.checklist === c.id));
  }));
  const blockers = timed(10, () => findBlockers(unshared, ctx.catalogue.checklists));
  log('  vergelijking en trend');
  const earlierId = s.predecessorId ?? ids[ids.length - 2];
  const compareCold = cold(ds, (db) => compareInspections(ctx.catalogue, loadSnapshot(db, earlierId), loadSnapshot(db, target))).ms;
  const compareWarm = timed(5, () => compareInspections(ctx.catalogue, load(earlierId), load(target)));
  const all = ids.map(load);
  // The longest run of the chain, ending at the newest, that one trend can cover (the demo's
  // oldest inspection predates the ombudsman checklist; the large data's chain is whole).
  const from = all.findIndex((_, i) => trendable(ctx, all.slice(i)));
  if (from < 0) throw new Error('no two inspections of this chain share a checklist');
  const trendIds = ids.slice(from);
  const trendCold = cold(ds, (db) => trendOf(ctx.catalogue, trendIds.map((id) => loadTrendSnapshot(db, id)))).ms;
  const trendWarm = timed(3, () => trendOf(ctx.catalogue, trendIds.map((id) => loadTrendSnapshot(ctx.db, id))));

  log('  export en import van het grootste onderzoek');
  const size = (x: InspectionSnapshot) => x.verdicts.length + x.evidence.length + x.verdicts.reduce((n, v) => n + v.links.length, 0);
  const largest = all.reduce((a, b) => (size(b) > size(a) ? b : a));
  const exp = timed(3, () => exportDocument(ctx.db, ctx.catalogue, largest.id));
  const json = JSON.stringify(exp.value);
  // Import into an empty database with the same criteria; the predecessor goes in first
  // (untimed, without its own predecessor) so the document imports exactly as exported.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-bench-import-'));
  let importMs: number;
  try {
    const target2 = openContext(scratch, ds.criteriaDir);
    try {
      if (largest.predecessorId) {
        const p = exportDocument(ctx.db, ctx.catalogue, largest.predecessorId);
        importDocument(target2.db, target2.catalogue, 'bench', { ...p, inspection: { ...p.inspection, predecessorRef: null }, recommendationFollowups: [] });
      }
      const t = performance.now();
      importDocument(target2.db, target2.catalogue, 'bench', JSON.parse(json));
      importMs = Math.round(performance.now() - t);
    } finally {
      target2.db.close();
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const ms = (t: { coldMs: number; medianMs: number; minMs: number; runs: number }) => ({ coldMs: t.coldMs, medianMs: t.medianMs, minMs: t.minMs, runs: t.runs });
  return {
    target: { ref: s.ref, units: s.units.length, cells: s.verdicts.length, evidence: s.evidence.length },
    loadSnapshot: { ...ms(snapshot), coldMs: snapshotCold },
    rollup: { inspectionStatusMs: statusCompute.medianMs, rollUpOnlyMs: rollupOnly.medianMs, servedMs: statusServed.medianMs, blockers: statusServed.value.blockers.length },
    blockers: { ...ms(blockers), count: blockers.value.length },
    comparison: { coldMs: compareCold, warmMs: compareWarm.medianMs, earlier: findInspection(ctx.db, String(earlierId)).ref, later: s.ref },
    trend: { inspections: trendIds.length, coldMs: trendCold, warmMs: trendWarm.medianMs },
    export: { ...ms(exp), ref: largest.ref, bytes: json.length },
    import: { ms: importMs, ref: largest.ref },
  };
}

async function measure(ds: Dataset, log: (s: string) => void) {
  log(`${ds.name}: ${ds.refs.length} onderzoeken`);
  // Open (and so migrate) before the server starts: start-up is then the normal start.
  const ctx = openContext(ds.dataDir, ds.criteriaDir);
  try {
    const target = loadSnapshot(ctx.db, findInspection(ctx.db, ds.refs[ds.refs.length - 1]).id);
    const counts = ctx.db.prepare(`SELECT (SELECT COUNT(*) FROM inspections) AS inspections, (SELECT COUNT(*) FROM verdicts) AS verdicts,
      (SELECT COUNT(*) FROM evidence) AS evidence, (SELECT COUNT(*) FROM evidence_links) AS links, (SELECT COUNT(*) FROM change_log) AS changeLog`).get();
    const web = await pages(ds, ctx, target, log);
    const dom = domain(ds, ctx, log);
    const verdictSheet = await verdictSheetImport(ctx, ds.criteriaDir, target, log);
    return { counts, databaseMiB: diskMiB(ds.dataDir), ...web, ...dom, verdictSheet };
  } finally {
    ctx.db.close();
  }
}

type Figures = Awaited<ReturnType<typeof measure>>;

function targets(large: Figures) {
  const pdf = large.nationalPdf.second;
  const rows = [
    { what: 'matrixpagina p99 bij 16 verbindingen', targetMs: 150, ms: large.matrix.c16.p99Ms },
    { what: 'landelijke roll-up (rollUp, zonder cache)', targetMs: 20, ms: large.rollup.rollUpOnlyMs },
    { what: 'landelijke stand met blokkades (inspectionStatus, zonder cache)', targetMs: 20, ms: large.rollup.inspectionStatusMs },
    { what: 'vergelijking van twee onderzoeken, koud (laden + vergelijken)', targetMs: 250, ms: large.comparison.coldMs },
    { what: 'vergelijking van twee onderzoeken, warm', targetMs: 250, ms: large.comparison.warmMs },
    { what: 'trend over alle onderzoeken, koud (laden + trend)', targetMs: 1000, ms: large.trend.coldMs },
    { what: 'trend over alle onderzoeken, warm', targetMs: 1000, ms: large.trend.warmMs },
    { what: 'landelijk rapport (pdf), 100 eenheden', targetMs: 15_000, ms: pdf.status === 200 ? pdf.ms : NaN },
    { what: 'opstarten op de grote database', targetMs: 2000, ms: large.startupMs },
  ];
  return rows.map((r) => ({ ...r, met: r.ms <= r.targetMs }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, only: { type: 'string' } }, strict: true });
  const t0 = performance.now();
  const log = (s: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${s}\n`);
  const only = values.only;
  if (only !== undefined && only !== 'demo' && only !== 'large') throw new Error("--only: 'demo' of 'large'");
  const results: { demo?: Figures; large?: Figures } = {};
  if (only !== 'large') {
    const demo = await demoDataset();
    try { results.demo = await measure(demo, log); } finally { demo.cleanup(); }
  }
  if (only !== 'demo') results.large = await measure(largeDataset(path.resolve(values.out ?? DEFAULT_OUT)), log);
  const report = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    at: new Date().toISOString(),
    ...(results.large ? { targets: targets(results.large) } : {}),
    results,
  };
  const json = JSON.stringify(report, null, 2);
  fs.mkdirSync(path.resolve(__dirname, 'out'), { recursive: true });
  fs.writeFileSync(path.resolve(__dirname, 'out', 'results.json'), json + '\n');
  process.stdout.write(json + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
