// Crash test: a child process writes and acknowledges changes (an id on stdout after each
// commit); the parent kills it with SIGKILL at random moments, 100 times or more. After every
// kill: PRAGMA integrity_check is ok, every acknowledged change is there, the change log verifies.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { verifyChangeLog } from '../../src/store/changelog';
import { inspectionIdByRef, makeCtx, tempDir, TestCtx } from '../helpers/context';

const RUNS = 110;
const ROOT = path.resolve(__dirname, '..', '..');

let ctx: TestCtx;
let bundleDir: string;
let writer: string;
let inspectionId: number;
let unit: string;

beforeAll(() => {
  ctx = makeCtx({ demo: true });
  inspectionId = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  unit = (ctx.db.prepare('SELECT unit_code FROM inspection_units WHERE inspection_id = ? ORDER BY position LIMIT 1').get(inspectionId) as { unit_code: string }).unit_code;
  ctx.db.close();
  // One plain-JS bundle of the writer and the real store code: a child then starts in ~0.1 s.
  bundleDir = tempDir('toetsing-crash-');
  writer = path.join(bundleDir, 'crash-writer.js');
  buildSync({ entryPoints: [path.join(__dirname, 'crash-writer.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], outfile: writer, logLevel: 'error' });
});
afterAll(() => {
  ctx.cleanup();
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

/** A small deterministic PRNG (mulberry32): random moments that are the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Start a writer, kill it `delayMs` after it is ready (or during start-up), return the acknowledged ids. */
function runOnce(delayMs: number, duringStartup: boolean): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [writer, ctx.dataDir, String(inspectionId), unit], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    if (duringStartup) timer = setTimeout(kill, delayMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.startsWith('ready\n')) timer = setTimeout(kill, delayMs);
    });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended by itself: ${err.slice(0, 500)}`));
      // Only complete lines are acknowledgements; a torn last line was never acknowledged.
      const lines = out.split('\n').slice(0, -1).filter((l) => l !== 'ready');
      resolve(lines.map(Number));
    });
  });
}

test(`when a writing process is killed with SIGKILL ${RUNS} times at random moments, then the database is intact, every acknowledged change is there and the change log verifies`, async () => {
  const random = prng(20261129);
  const acknowledged: number[] = [];
  let kills = 0;
  for (let run = 0; run < RUNS; run++) {
    const duringStartup = run % 10 === 9;
    const delay = duringStartup ? Math.floor(random() * 150) : Math.floor(random() * 60);
    acknowledged.push(...(await runOnce(delay, duringStartup)));
    kills++;

    const db = new Database(path.join(ctx.dataDir, 'toetsing.sqlite'));
    try {
      expect([run, db.pragma('integrity_check', { simple: true })]).toEqual([run, 'ok']);
      const present = new Set((db.prepare('SELECT id FROM evidence WHERE inspection_id = ?').all(inspectionId) as Array<{ id: number }>).map((r) => r.id));
      const missing = acknowledged.filter((id) => !present.has(id));
      expect([run, missing]).toEqual([run, []]);
      const logged = db.prepare("SELECT COUNT(*) AS n FROM change_log WHERE entity = 'evidence' AND action = 'create' AND actor = 'crash-test'").get() as { n: number };
      // A change and its log entry commit together: as many crash rows as crash log entries.
      const rows = db.prepare("SELECT COUNT(*) AS n FROM evidence WHERE title LIKE 'crash %'").get() as { n: number };
      expect([run, logged.n]).toEqual([run, rows.n]);
      const log = verifyChangeLog(db);
      expect([run, log.ok, log.firstBroken]).toEqual([run, true, undefined]);
    } finally {
      db.close();
    }
  }
  console.log(`crash test: ${kills} kills, ${acknowledged.length} acknowledged changes, all present`);
  expect(kills).toBeGreaterThanOrEqual(100);
  expect(acknowledged.length).toBeGreaterThan(RUNS);
}, 240_000);
