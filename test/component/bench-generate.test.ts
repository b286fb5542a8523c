// The benchmark's data generator at a tiny scale: the counts it promises, data that passes the
// store's own import, and the same data again from the same seed.
import fs from 'node:fs';
import path from 'node:path';
import { generateBenchData, Manifest } from '../../bench/generate';
import { BENCH_CHECKLIST_ID, Scale } from '../../bench/synthetic';
import { openContext } from '../../src/context';
import { exportDocument } from '../../src/store/documents';
import { findInspection } from '../../src/store/inspections.store';
import { tempDir } from '../helpers/context';

const TINY: Scale = { inspections: 2, units: 3, criteria: 60, evidence: 20, history: 0.2 };

/** Every inspection exported, without the moments of the replayed saves (the clock, not the seed). */
function exportsOf(m: Manifest) {
  const ctx = openContext(m.dataDir, m.criteriaDir);
  try {
    return m.refs.map((ref) => {
      const doc = exportDocument(ctx.db, ctx.catalogue, findInspection(ctx.db, ref).id);
      return { ...doc, verdicts: doc.verdicts.map(({ updatedAt: _at, ...v }) => v) };
    });
  } finally {
    ctx.db.close();
  }
}

describe('bench data generator', () => {
  const dirs: string[] = [];
  const out = () => {
    const d = tempDir('toetsing-bench-test-');
    dirs.push(d);
    return path.join(d, 'large');
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('when run at a tiny scale, then it writes the promised inspections, cells, evidence and history', async () => {
    const m = await generateBenchData({ seed: 7, out: out(), scale: TINY });
    expect(m.counts.inspections).toBe(2);
    expect(m.counts.verdicts).toBe(2 * 3 * 60);
    expect(m.counts.evidence).toBe(20);
    expect(m.counts.links).toBeGreaterThan(0);
    // One user, one import per inspection, and two saves per replayed cell.
    expect(m.counts.changeLog).toBeGreaterThan(1 + 2);
    expect(fs.readFileSync(path.join(m.criteriaDir, 'checklists', `${BENCH_CHECKLIST_ID}.yaml`), 'utf8')).toMatch(/SYNTHETISCH/);

    const docs = exportsOf(m);
    expect(docs[0].inspection.title).toMatch(/^Synthetisch onderzoek/);
    expect(docs[1].inspection.predecessorRef).toBe(docs[0].inspection.ref);
    expect(docs.every((d) => d.verdicts.length === 3 * 60)).toBe(true);
  });

  it('when run twice with the same seed, then the exports are the same; with another seed they differ', async () => {
    const a = exportsOf(await generateBenchData({ seed: 11, out: out(), scale: TINY }));
    const b = exportsOf(await generateBenchData({ seed: 11, out: out(), scale: TINY }));
    const c = exportsOf(await generateBenchData({ seed: 12, out: out(), scale: TINY }));
    expect(b).toEqual(a);
    expect(c[0].verdicts).not.toEqual(a[0].verdicts);
  });

  it('when the output directory holds something else, then it refuses and leaves it alone', async () => {
    const dir = out();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    await expect(generateBenchData({ seed: 1, out: dir, scale: TINY })).rejects.toThrow(/holds no benchmark data/);
    expect(fs.readFileSync(path.join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
