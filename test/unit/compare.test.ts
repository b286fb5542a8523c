// The comparison and trend rules on hand-made snapshots: every direction, and every kind of
// checklist revision (renumbered, split, merged, dropped, added, unmapped) through the fixture
// test/fixtures/criteria-revised.
import path from 'node:path';
import { loadCatalogue } from '../../src/criteria';
import { compareInspections } from '../../src/domain/comparison/compare';
import { mergeStatistics } from '../../src/domain/comparison/statistics';
import { trendOf } from '../../src/domain/comparison/trend';
import type { CriterionRow } from '../../src/domain/comparison/types';
import { direction } from '../../src/domain/comparison/vocabulary';
import type { InspectionSnapshot } from '../../src/domain/inspection';
import { AppError } from '../../src/errors';
import { snapshotsFor, SnapshotSpec } from '../helpers/snapshots';

const catalogue = loadCatalogue(path.join(__dirname, '..', 'fixtures', 'criteria-revised'));

const made = snapshotsFor(catalogue);
function snapshot(opts: Omit<SnapshotSpec, 'checklists'> & { checklist: string }): InspectionSnapshot {
  const { checklist, ...rest } = opts;
  return made({ ...rest, checklists: [checklist] });
}

function row(rows: CriterionRow[], key: string): CriterionRow {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r;
}

describe('direction', () => {
  it('when the rank rises, falls or stays, then verbeterd, verslechterd or gelijk', () => {
    expect(direction('negative', 'partial')).toBe('verbeterd');
    expect(direction('partial', 'positive')).toBe('verbeterd');
    expect(direction('positive', 'negative')).toBe('verslechterd');
    expect(direction('partial', 'partial')).toBe('gelijk');
  });
  it('when one side is not assessed, then nieuw or niet meer beoordeeld; both: niet vergelijkbaar', () => {
    expect(direction(null, 'positive')).toBe('nieuw_beoordeeld');
    expect(direction('negative', null)).toBe('niet_meer_beoordeeld');
    expect(direction(null, null)).toBe('niet_vergelijkbaar');
  });
});

describe('comparing two inspections of the same checklist', () => {
  const earlier = snapshot({ year: 2015, checklist: 'toetsingskader', verdicts: {
    'k1/NN': 'ten_dele', 'k2/NN': 'nagekomen', 'k3/NN': 'nagekomen', 'k4/NN': 'niet_nagekomen', 'k5/NN': 'nagekomen',
  } });
  const later = snapshot({ year: 2022, checklist: 'toetsingskader', predecessorId: earlier.id, verdicts: {
    'k1/NN': 'nagekomen', 'k2/NN': 'ten_dele', 'k3/NN': 'nagekomen', 'k5/NN': 'niet_beoordeeld', 'k6/NN': 'ten_dele',
  } });
  const cmp = compareInspections(catalogue, earlier, later);
  const rows = cmp.checklists[0].rows;

  it('then every cell has the direction its ranks give', () => {
    const nn = (key: string) => row(rows, key).cells.find((c) => c.unit === 'NN')!;
    expect(nn('toetsingskader/k1').direction).toBe('verbeterd');
    expect(nn('toetsingskader/k2').direction).toBe('verslechterd');
    expect(nn('toetsingskader/k3').direction).toBe('gelijk');
    expect(nn('toetsingskader/k4').direction).toBe('niet_meer_beoordeeld');
    expect(nn('toetsingskader/k5').direction).toBe('niet_meer_beoordeeld');
    expect(nn('toetsingskader/k6').direction).toBe('nieuw_beoordeeld');
    expect(nn('toetsingskader/k7').direction).toBe('niet_vergelijkbaar');
    expect(nn('toetsingskader/k1').earlier!.label).toBe('Ten dele nagekomen');
    expect(nn('toetsingskader/k1').later!.motivation).toBe('motivering k1/NN 2022');
  });

  it('then the counts add up to every criterion × unit', () => {
    const c = cmp.counts;
    expect(Object.values(c).reduce((a, b) => a + b, 0)).toBe(16 * 2);
    expect(c.verbeterd).toBe(1);
    expect(c.verslechterd).toBe(1);
    expect(c.gelijk).toBe(1);
    expect(c.nieuw_beoordeeld).toBe(1);
    expect(c.niet_meer_beoordeeld).toBe(2);
  });

  it('then each toezegging is compared per unit and nationally from the roll-ups', () => {
    const opvolgen = cmp.checklists[0].groups.find((g) => g.group.id === 'opvolgen')!;
    // 2015 NN opvolgen: k1 partial, k2 k3 k5 positive, k4 negative → ten dele; 2022: k1 k3 positive, k2 partial → ten dele.
    expect(opvolgen.units.find((u) => u.unit === 'NN')!.earlier!.code).toBe('ten_dele');
    expect(opvolgen.units.find((u) => u.unit === 'NN')!.later!.code).toBe('ten_dele');
    expect(opvolgen.units.find((u) => u.unit === 'NN')!.direction).toBe('gelijk');
    expect(opvolgen.units.find((u) => u.unit === 'ON')!.direction).toBe('niet_vergelijkbaar');
    expect(opvolgen.national.direction).toBe('gelijk');
    expect(opvolgen.national.later!.provisional).toBe(true);
  });

  it('when the later inspection is the direct follow-up, then its follow-ups are recorded', () => {
    expect(cmp.followupsRecorded).toBe(true);
  });
});

describe('a unit only in one inspection', () => {
  it('then its cells read as nieuw beoordeeld and the earlier side says niet onderzocht', () => {
    const e = snapshot({ year: 2015, checklist: 'toetsingskader', units: ['NN'], verdicts: { 'k1/NN': 'nagekomen' } });
    const l = snapshot({ year: 2022, checklist: 'toetsingskader', units: ['NN', 'AMS'], verdicts: { 'k1/NN': 'nagekomen', 'k1/AMS': 'ten_dele' } });
    const cmp = compareInspections(catalogue, e, l);
    expect(cmp.units).toEqual(['NN', 'AMS']);
    const cell = row(cmp.checklists[0].rows, 'toetsingskader/k1').cells.find((c) => c.unit === 'AMS')!;
    expect(cell.direction).toBe('nieuw_beoordeeld');
    expect(cell.earlier!.label).toBe('Niet onderzocht');
  });
});

describe('comparing across a revised checklist (fixture criteria-revised)', () => {
  const earlier = snapshot({ year: 2022, checklist: 'toetsingskader', units: ['NN'], verdicts: {
    'k1/NN': 'ten_dele', 'k3/NN': 'nagekomen', 'k4/NN': 'niet_nagekomen', 'k5/NN': 'ten_dele', 'k6/NN': 'ten_dele',
    'k8/NN': 'nagekomen', 'k16/NN': 'niet_nagekomen', 'k7/NN': 'nagekomen',
  } });
  const later = snapshot({ year: 2026, checklist: 'toetsingskader-2026', units: ['NN'], verdicts: {
    'k1/NN': 'nagekomen', 'k3/NN': 'ten_dele', 'r4/NN': 'nagekomen', 'k6a/NN': 'nagekomen', 'k6b/NN': 'niet_nagekomen',
    'k7/NN': 'nagekomen', 'n1/NN': 'nagekomen', 'n2/NN': 'ten_dele',
  } });
  const cmp = compareInspections(catalogue, earlier, later);
  const c = cmp.checklists[0];
  const cell = (key: string) => row(c.rows, key).cells[0];

  it('then the pair is linked through the mapping', () => {
    expect(c.earlier!.id).toBe('toetsingskader');
    expect(c.later!.id).toBe('toetsingskader-2026');
    expect(c.mappings).toHaveLength(1);
  });

  it('then a renumbered criterion compares with its predecessor', () => {
    expect(row(c.rows, 'toetsingskader-2026/r4').relation).toBe('renumbered');
    expect(row(c.rows, 'toetsingskader-2026/r4').earlierCriteria.map((x) => x.number)).toEqual(['5']);
    expect(cell('toetsingskader-2026/r4').direction).toBe('verbeterd');
  });

  it('then a merged criterion compares with the combined earlier verdicts', () => {
    const r = row(c.rows, 'toetsingskader-2026/k3');
    expect(r.relation).toBe('merged');
    expect(r.earlierCriteria.map((x) => x.id)).toEqual(['k3', 'k4']);
    // nagekomen + niet nagekomen combine to ten dele; later ten dele → gelijk.
    expect(cell('toetsingskader-2026/k3').earlier!.code).toBe('ten_dele');
    expect(cell('toetsingskader-2026/k3').direction).toBe('gelijk');
    expect(cell('toetsingskader-2026/k3').earlier!.motivation).toContain('Criterium 4 (niet nagekomen)');
  });

  it('then each part of a split criterion compares with the earlier verdict', () => {
    expect(row(c.rows, 'toetsingskader-2026/k6a').relation).toBe('split');
    expect(cell('toetsingskader-2026/k6a').direction).toBe('verbeterd');
    expect(cell('toetsingskader-2026/k6b').direction).toBe('verslechterd');
  });

  it('then added, unmapped and dropped criteria stay visible as niet vergelijkbaar', () => {
    for (const [key, relation] of [
      ['toetsingskader-2026/n1', 'added'],
      ['toetsingskader-2026/n2', 'unmapped'],
      ['toetsingskader/k8', 'dropped'],
      ['toetsingskader/k16', 'unmapped_earlier'],
    ]) {
      expect(row(c.rows, key).relation).toBe(relation);
      expect(cell(key).direction).toBe('niet_vergelijkbaar');
    }
    expect(cell('toetsingskader/k8').earlier!.code).toBe('nagekomen');
    expect(cell('toetsingskader-2026/n1').later!.code).toBe('nagekomen');
    expect(c.rows).toHaveLength(16 + 2);
  });

  it('then the toezeggingen match by id', () => {
    expect(c.groups.map((g) => g.group.id)).toEqual(['opvolgen', 'leren', 'uniform']);
    expect(c.groups.every((g) => g.comparable)).toBe(true);
  });
});

describe('inspections without a shared or mapped checklist', () => {
  it('then the comparison is refused as invalid, with a clear Dutch message', () => {
    const a = snapshot({ year: 2015, checklist: 'toetsingskader' });
    const b = snapshot({ year: 2022, checklist: 'ombudsman' });
    let err: unknown;
    try { compareInspections(catalogue, a, b); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe('invalid');
    expect((err as AppError).message).toMatch(/niet te vergelijken/);
  });
  it('when the mapping only runs forward, then comparing backwards is refused too', () => {
    const a = snapshot({ year: 2026, checklist: 'toetsingskader-2026' });
    const b = snapshot({ year: 2022, checklist: 'toetsingskader' });
    expect(() => compareInspections(catalogue, a, b)).toThrow(/niet te vergelijken/);
  });
});

describe('trend over three inspections across a revision', () => {
  const a = snapshot({ year: 2015, checklist: 'toetsingskader', units: ['NN'], verdicts: { 'k1/NN': 'niet_nagekomen', 'k3/NN': 'niet_nagekomen', 'k4/NN': 'niet_nagekomen', 'k8/NN': 'ten_dele' } });
  const b = snapshot({ year: 2022, checklist: 'toetsingskader', units: ['NN'], verdicts: { 'k1/NN': 'ten_dele', 'k3/NN': 'nagekomen', 'k4/NN': 'ten_dele', 'k8/NN': 'nagekomen' } });
  const c = snapshot({ year: 2026, checklist: 'toetsingskader-2026', units: ['NN'], verdicts: { 'k1/NN': 'nagekomen', 'k3/NN': 'nagekomen', 'n1/NN': 'ten_dele' } });
  const t = trendOf(catalogue, [c, a, b]);
  const tc = t.checklists[0];
  const points = (key: string) => tc.rows.find((r) => r.key === key)!.units[0].points;

  it('then the inspections are in time order and the timeline has a point per inspection', () => {
    expect(t.inspections.map((i) => i.year)).toEqual([2015, 2022, 2026]);
    expect(points('toetsingskader-2026/k1').map((p) => p.side?.code)).toEqual(['niet_nagekomen', 'ten_dele', 'nagekomen']);
    expect(points('toetsingskader-2026/k1').map((p) => p.direction)).toEqual([null, 'verbeterd', 'verbeterd']);
  });

  it('then a merged criterion reads the combined older verdicts', () => {
    expect(points('toetsingskader-2026/k3').map((p) => p.side?.code)).toEqual(['niet_nagekomen', 'ten_dele', 'nagekomen']);
  });

  it('then an added criterion has no earlier points and a dropped one keeps its own row', () => {
    expect(points('toetsingskader-2026/n1').map((p) => p.side?.code ?? null)).toEqual([null, null, 'ten_dele']);
    const dropped = tc.rows.find((r) => r.key === 'toetsingskader/k8')!;
    expect(dropped.vanished).toBe(true);
    expect(dropped.units[0].points.map((p) => p.side?.code ?? null)).toEqual(['ten_dele', 'nagekomen', null]);
  });

  it('then each toezegging has a national timeline', () => {
    expect(tc.groups.map((g) => g.national.length)).toEqual([3, 3, 3]);
  });

  it('when an inspection cannot be linked, then the trend is refused', () => {
    const o = snapshot({ year: 2021, checklist: 'ombudsman' });
    expect(() => trendOf(catalogue, [a, o, c])).toThrow(/Geen trend mogelijk/);
  });
});

describe('statistics over time', () => {
  it('when both inspections hold the same year, then the later one wins', () => {
    const row = (year: number, afgerond: number) => ({ year, unit: null, afgerond, aannemen: 1, eersteFase: 1, tweedeFase: 1 });
    const a = snapshot({ year: 2015, checklist: 'toetsingskader', statistics: [row(2014, 100), row(2015, 110)] });
    const b = snapshot({ year: 2022, checklist: 'toetsingskader', statistics: [row(2015, 115), row(2016, 120)] });
    const merged = mergeStatistics([b, a]);
    expect(merged.map((r) => [r.year, r.afgerond, r.source.year])).toEqual([[2014, 100, 2015], [2015, 115, 2022], [2016, 120, 2022]]);
  });
});
