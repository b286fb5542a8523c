// `npm run bench:data`: writes a large synthetic data directory for the benchmark, reproducible
// from a seed. Every inspection goes in through the store's validated import (one transaction
// each); a share of the cells then gets its later history through saveVerdict, so the change
// log holds entries of the same shape real work leaves.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { openContext } from '../src/context';
import { DEFAULT_CRITERIA_DIR } from '../src/criteria';
import { importDocument } from '../src/store/documents';
import { createUser } from '../src/store/users.store';
import { getCell, saveVerdict } from '../src/store/verdicts.store';
import {
  BENCH_CHECKLIST_ID,
  BENCH_EMAIL,
  benchChecklist,
  benchUnits,
  DEFAULT_SCALE,
  inspectionRef,
  prng,
  Scale,
  syntheticInspection,
} from './synthetic';

export const DEFAULT_OUT = path.resolve(__dirname, 'out', 'large');
export const MANIFEST = 'manifest.json';

export interface Manifest {
  seed: number;
  scale: Scale;
  dataDir: string;
  criteriaDir: string;
  /** Inspection refs in chain order, oldest first. */
  refs: string[];
  account: { email: string; password: string };
  counts: { inspections: number; verdicts: number; evidence: number; links: number; changeLog: number };
  timings: { importMs: number; historyMs: number; totalMs: number };
}

/** Refuse to wipe a directory this generator did not make. */
function prepareOut(out: string): void {
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    if (!fs.existsSync(path.join(out, MANIFEST)) && !fs.existsSync(path.join(out, 'criteria', 'checklists', `${BENCH_CHECKLIST_ID}.yaml`))) {
      throw new Error(`${out} is not empty and holds no benchmark data; choose another --out`);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  fs.mkdirSync(out, { recursive: true });
}

function writeCriteria(dir: string, scale: Scale, seed: number): void {
  fs.mkdirSync(path.join(dir, 'checklists'), { recursive: true });
  const header = `# SYNTHETISCH: gegenereerd door bench/generate.ts (seed ${seed}) voor de snelheidsmeting; geen echte norm.\n`;
  fs.writeFileSync(path.join(dir, 'checklists', `${BENCH_CHECKLIST_ID}.yaml`), header + YAML.stringify(benchChecklist(scale.criteria)));
  fs.writeFileSync(path.join(dir, 'units.yaml'), header + YAML.stringify(benchUnits(scale.units)));
  // The real checklists and mappings come along, so code that names them still finds them.
  for (const sub of ['checklists', 'mappings']) {
    const from = path.join(DEFAULT_CRITERIA_DIR, sub);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(dir, sub, f));
  }
}

export async function generateBenchData(opts: { seed: number; out: string; scale: Scale; log?: (s: string) => void }): Promise<Manifest> {
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  prepareOut(opts.out);
  const criteriaDir = path.join(opts.out, 'criteria');
  const dataDir = path.join(opts.out, 'data');
  writeCriteria(criteriaDir, opts.scale, opts.seed);
  const ctx = openContext(dataDir, criteriaDir);
  try {
    // A random password, as for every account: no fixed password exists anywhere.
    const password = crypto.randomBytes(15).toString('base64url');
    await createUser(ctx.db, 'bench', { email: BENCH_EMAIL, name: 'Synthetische inspecteur (benchmark)', role: 'inspecteur', password });

    const rng = prng(opts.seed);
    const refs: string[] = [];
    let importMs = 0;
    let historyMs = 0;
    for (let k = 0; k < opts.scale.inspections; k++) {
      const { document, history } = syntheticInspection(rng, opts.scale, opts.seed, k);
      let t = performance.now();
      const id = importDocument(ctx.db, ctx.catalogue, BENCH_EMAIL, document);
      importMs += performance.now() - t;
      t = performance.now();
      // One transaction per inspection; each saveVerdict nests as a savepoint with its log entry.
      ctx.db.transaction(() => {
        for (const h of history) {
          const key = { inspectionId: id, checklist: h.checklist, criterion: h.criterion, unit: h.unit };
          const cell = getCell(ctx.db, key);
          const reviewed = saveVerdict(ctx.db, BENCH_EMAIL, key, cell.version, { verdict: h.verdict, motivation: h.motivation, workflow: 'ter_review' });
          saveVerdict(ctx.db, BENCH_EMAIL, key, reviewed.version, { verdict: h.verdict, motivation: h.motivation, workflow: 'gereed' });
        }
      }).immediate();
      historyMs += performance.now() - t;
      refs.push(inspectionRef(opts.seed, k));
      log(`  ${refs[k]}: ${document.verdicts.length} oordelen, ${document.evidence.length} bronnen, ${history.length * 2} latere wijzigingen`);
    }
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
    const manifest: Manifest = {
      seed: opts.seed,
      scale: opts.scale,
      dataDir,
      criteriaDir,
      refs,
      account: { email: BENCH_EMAIL, password },
      counts: {
        inspections: count('SELECT COUNT(*) AS n FROM inspections'),
        verdicts: count('SELECT COUNT(*) AS n FROM verdicts'),
        evidence: count('SELECT COUNT(*) AS n FROM evidence'),
        links: count('SELECT COUNT(*) AS n FROM evidence_links'),
        changeLog: count('SELECT COUNT(*) AS n FROM change_log'),
      },
      timings: { importMs: Math.round(importMs), historyMs: Math.round(historyMs), totalMs: Math.round(performance.now() - started) },
    };
    fs.writeFileSync(path.join(opts.out, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } finally {
    ctx.db.close();
  }
}

function positive(name: string, raw: string | undefined, fallback: number, { fraction = false } = {}): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  const ok = fraction ? n >= 0 && n <= 1 : Number.isInteger(n) && n >= 0 && (name === 'evidence' || n > 0);
  if (!ok) throw new Error(`--${name}: invalid value '${raw}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      inspections: { type: 'string' },
      units: { type: 'string' },
      criteria: { type: 'string' },
      evidence: { type: 'string' },
      history: { type: 'string' },
    },
    strict: true,
  });
  const scale: Scale = {
    inspections: positive('inspections', values.inspections, DEFAULT_SCALE.inspections),
    units: positive('units', values.units, DEFAULT_SCALE.units),
    criteria: positive('criteria', values.criteria, DEFAULT_SCALE.criteria),
    evidence: positive('evidence', values.evidence, DEFAULT_SCALE.evidence),
    history: positive('history', values.history, DEFAULT_SCALE.history, { fraction: true }),
  };
  if (scale.units > 999 || scale.criteria > 99) throw new Error('--units at most 999, --criteria at most 99');
  const seed = positive('seed', values.seed, 1);
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  console.log(`Synthetische benchmarkdata maken in ${out} (seed ${seed}, ${JSON.stringify(scale)})`);
  const m = await generateBenchData({ seed, out, scale, log: (s) => console.log(s) });
  console.log(JSON.stringify({ out, counts: m.counts, timings: m.timings }, null, 2));
  console.log(`Klaar in ${(m.timings.totalMs / 1000).toFixed(1)} s. Meten: npm run bench`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
