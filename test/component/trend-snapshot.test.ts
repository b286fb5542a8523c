import { trendOf } from '../../src/domain/comparison/trend';
import { loadSnapshot, loadTrendSnapshot } from '../../src/store/inspections.store';
import { openDatabase } from '../../src/store/db';
import { inspectionIdByRef, makeCtx } from '../helpers/context';

/** The trend without the motivations, which the lean read leaves out by design. */
function withoutMotivations(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'motivation' ? undefined : v)));
}

describe('the lean read for trends', () => {
  it('gives the same trend as the full snapshots (verdicts, roll-ups, directions, figures)', () => {
    const ctx = makeCtx({ demo: true });
    const ids = ['recht-van-klagen-2022', 'klachtbehandeling-2026-illustratief', 'klachtbehandeling-2015'].map((r) => inspectionIdByRef(ctx, r));
    // A fresh connection: nothing cached, so the lean read itself is what is compared.
    const db = openDatabase(ctx.dataDir);
    const lean = trendOf(ctx.catalogue, ids.map((id) => loadTrendSnapshot(db, id)));
    db.close();
    const full = trendOf(ctx.catalogue, ids.map((id) => loadSnapshot(ctx.db, id)));
    expect(withoutMotivations(lean)).toEqual(withoutMotivations(full));
    expect(lean.checklists[0].rows.length).toBeGreaterThan(0);
    ctx.cleanup();
  });

  it('when an override is set, then the lean read carries it into the trend', () => {
    const ctx = makeCtx({ demo: true });
    const id = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
    ctx.db.prepare("INSERT INTO overrides (inspection_id, scope, checklist_id, group_id, verdict, motivation) VALUES (?, '*', 'toetsingskader', 'leren', 'nagekomen', 'toegelicht')").run(id);
    const s = loadTrendSnapshot(ctx.db, id);
    expect(s.overrides).toEqual([expect.objectContaining({ scope: '*', group: 'leren', verdict: 'nagekomen' })]);
    expect(s.verdicts.length).toBe(loadSnapshot(ctx.db, id).verdicts.length);
    ctx.cleanup();
  });
});
