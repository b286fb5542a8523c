import fs from 'node:fs';
import path from 'node:path';
import { allCriteria } from '../../src/domain/checklist';
import { inspectionStatus } from '../../src/domain/status';
import { CatalogueError, DEFAULT_CRITERIA_DIR, loadCatalogue } from '../../src/criteria';
import { createInspection, loadSnapshot } from '../../src/store/inspections.store';
import { saveVerdict } from '../../src/store/verdicts.store';
import { makeCtx, tempDir } from '../helpers/context';
import { defaultUnits } from '../../src/domain/units';

const fixtures = path.resolve(__dirname, '..', 'fixtures');

describe('loading criteria/', () => {
  it('loads the toetsingskader (16 criteria, 3 toezeggingen) and the 7 ombudsman points', () => {
    const c = loadCatalogue();
    const tk = c.checklists.get('toetsingskader')!;
    expect(tk.groups.map((g) => g.id)).toEqual(['opvolgen', 'leren', 'uniform']);
    expect(allCriteria(tk)).toHaveLength(16);
    expect(allCriteria(tk).find((x) => x.number === '6')!.subpoints).toHaveLength(5);
    expect(allCriteria(c.checklists.get('ombudsman')!)).toHaveLength(7);
    expect(defaultUnits(c).map((u) => u.code)).toEqual(expect.arrayContaining(['NN', 'ON', 'MN', 'NH', 'AMS', 'DH', 'RT', 'ZWB', 'OB', 'LB', 'LE', 'PDC', 'PA', 'KS']));
  });

  it('when a third checklist file is added, then it loads, is assessed and rolls up without any code change', () => {
    const dir = tempDir();
    fs.cpSync(DEFAULT_CRITERIA_DIR, dir, { recursive: true });
    fs.copyFileSync(path.join(fixtures, 'criteria', 'checklists', 'third-checklist.yaml'), path.join(dir, 'checklists', 'third-checklist.yaml'));
    const ctx = makeCtx({ criteriaDir: dir });
    expect(ctx.catalogue.checklists.size).toBe(3);
    const third = [...ctx.catalogue.checklists.values()].find((x) => !['toetsingskader', 'ombudsman'].includes(x.id))!;
    const id = createInspection(ctx.db, ctx.catalogue, 't', {
      title: 'Derde', year: 2025, fieldworkStart: null, fieldworkEnd: null, checklists: [{ id: third.id, version: third.version }],
      units: ['NN', 'ON'], team: [], predecessorId: null,
    });
    const positive = third.scale.levels.find((l) => l.rank === 'positive')!.code;
    for (const cr of allCriteria(third)) for (const unit of ['NN', 'ON']) {
      saveVerdict(ctx.db, 't', { inspectionId: id, checklist: third.id, criterion: cr.id, unit }, 1, { verdict: positive, motivation: 'ok', workflow: 'gereed' });
    }
    const status = inspectionStatus(loadSnapshot(ctx.db, id), ctx.catalogue);
    expect(status.progress).toBe(1);
    for (const g of third.groups) expect(status.rollups[0].rollup.nationalGroup.get(g.id)!.final).toBe(positive);
    ctx.cleanup();
    fs.rmSync(dir, { recursive: true });
  });

  const bad: Array<[string, RegExp]> = [
    ['yaml-syntax-error', /ongeldige YAML op regel \d+/],
    ['criterion-without-text', /bij groups\[\d+\]\.criteria\[\d+\]\.text/],
    ['two-positive-levels', /bij scale\.levels: precies één niveau met rank 'positive'/],
    ['unknown-key', /bij .*(Unrecognized|onbekend|unrecognized)/i],
  ];
  it.each(bad)('when a checklist file has %s, then loading stops naming the file, the place and the problem', (folder, message) => {
    const dir = path.join(fixtures, 'bad-criteria', folder);
    let error: unknown;
    try { loadCatalogue(dir); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(CatalogueError);
    const text = (error as Error).message;
    expect(text).toContain(path.join(dir, 'checklists'));
    expect(text).toMatch(message);
  });
});
