// Issue 18, point 3: the overview's figures are kept on disk (cache/overview.json) so the first
// view after a start reads them back. What a start reads back must be exactly what the domain's
// one computation (inspectionStatus) gives, before and after a change; an entry that is stale,
// missing or malformed is simply computed again.
import fs from 'node:fs';
import { openContext, Ctx } from '../../src/context';
import { inspectionList, inspectionOverview, InspectionOverview } from '../../src/app/status';
import { flushOverviewCache, overviewCacheFile, readOverviewCache } from '../../src/store/overview-cache';
import { getCell, saveVerdict, unlinkEvidence } from '../../src/store/verdicts.store';
import { makeWorld, World } from '../helpers/inspector';
import { domainOverviewFigures } from '../helpers/overview';

let w: World;
beforeAll(async () => { w = await makeWorld(); });
afterAll(() => w.ctx.cleanup());

const domainFigures = (id: number) => domainOverviewFigures(w.ctx, id);

/** A start on the same data: a new connection and catalogue, so nothing of this process's memo applies. */
function restarted<T>(fn: (ctx: Ctx) => T): T {
  const ctx = openContext(w.ctx.dataDir);
  try {
    return fn(ctx);
  } finally {
    // The overview writes what it computed in one go after the current turn; a test reads at once.
    flushOverviewCache(ctx.dataDir);
    ctx.db.close();
  }
}

const overviewAfterStart = () => restarted((ctx) => new Map(inspectionList(ctx).map((i) => [i.id, inspectionOverview(ctx, i)])));

function rewriteStored(change: (entries: Record<string, { key: string; figures: unknown }>) => void): void {
  const file = overviewCacheFile(w.ctx.dataDir);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, { key: string; figures: unknown }> };
  change(json.entries);
  fs.writeFileSync(file, JSON.stringify(json));
}

describe('the overview figures kept on disk', () => {
  test('when the overview is computed, then every inspection is stored with the figures inspectionStatus gives', () => {
    fs.rmSync(overviewCacheFile(w.ctx.dataDir), { force: true });
    const list = inspectionList(w.ctx);
    expect(list.length).toBeGreaterThan(1);
    for (const [id, o] of overviewAfterStart()) expect(o).toEqual(domainFigures(id));
    const stored = readOverviewCache(w.ctx.dataDir);
    expect([...stored.keys()].sort()).toEqual(list.map((i) => i.id).sort());
    for (const i of list) expect(stored.get(i.id)?.figures).toEqual(domainFigures(i.id));
  });

  test('when the server starts again, then each inspection has the figures of inspectionStatus, read back from disk', () => {
    const after = overviewAfterStart();
    for (const [id, o] of after) expect(o).toEqual(domainFigures(id));
    // Read back, not recomputed: figures planted under the right key are what a start shows.
    const id = w.id2022;
    rewriteStored((entries) => { (entries[String(id)].figures as InspectionOverview).assessed = 9999; });
    expect(overviewAfterStart().get(id)?.assessed).toBe(9999);
    // Put right again for the tests below.
    rewriteStored((entries) => { entries[String(id)].figures = domainFigures(id); });
  });

  test('when a verdict is changed after the figures were stored, then the next start computes the new figures', () => {
    const before = overviewAfterStart().get(w.id2022);
    const key = { inspectionId: w.id2022, checklist: 'toetsingskader', criterion: 'k2', unit: 'NN' };
    const cell = getCell(w.ctx.db, key);
    // Not assessed any more, and without a source: two kinds change at once.
    saveVerdict(w.ctx.db, 'test@toetsing.local', key, cell.version, { verdict: 'niet_beoordeeld', motivation: '', workflow: cell.workflow });
    for (const l of cell.links) unlinkEvidence(w.ctx.db, 'test@toetsing.local', w.id2022, cell.id, l.evidenceId);
    const after = overviewAfterStart();
    expect(after.get(w.id2022)).toEqual(domainFigures(w.id2022));
    expect(after.get(w.id2022)).not.toEqual(before);
    for (const [id, o] of after) expect(o).toEqual(domainFigures(id));
    // And the stored entry is the new one.
    expect(readOverviewCache(w.ctx.dataDir).get(w.id2022)?.figures).toEqual(domainFigures(w.id2022));
  });

  test('when a stored entry has another key, then it is not used but computed again', () => {
    const id = w.id2022;
    rewriteStored((entries) => {
      entries[String(id)].key = `other|${entries[String(id)].key}`;
      (entries[String(id)].figures as InspectionOverview).assessed = 9999;
    });
    expect(overviewAfterStart().get(id)).toEqual(domainFigures(id));
  });

  test('when stored figures are malformed, then they are computed again', () => {
    const id = w.id2022;
    rewriteStored((entries) => { entries[String(id)].figures = { assessed: 'veel' }; });
    expect(overviewAfterStart().get(id)).toEqual(domainFigures(id));
  });

  test.each([
    ['missing', () => fs.rmSync(overviewCacheFile(w.ctx.dataDir), { force: true })],
    ['not JSON', () => fs.writeFileSync(overviewCacheFile(w.ctx.dataDir), '{"entries": {')],
  ])('when the file is %s, then every inspection is computed again, with the figures of inspectionStatus', (_what, spoil) => {
    spoil();
    for (const [id, o] of overviewAfterStart()) expect(o).toEqual(domainFigures(id));
    expect(readOverviewCache(w.ctx.dataDir).size).toBe(inspectionList(w.ctx).length);
  });

  test('when the figures are stored, then only this account may read the file', () => {
    expect(fs.statSync(overviewCacheFile(w.ctx.dataDir)).mode & 0o077).toBe(0);
  });
});
