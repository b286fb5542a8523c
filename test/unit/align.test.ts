// The one alignment behind comparison and trend (src/domain/comparison/align.ts): a comparison is
// a trend of two points, so both must agree on the units, the checklist pairs and every cell.
import path from 'node:path';
import { loadCatalogue } from '../../src/criteria';
import { align } from '../../src/domain/comparison/align';
import { compareInspections } from '../../src/domain/comparison/compare';
import { trendOf } from '../../src/domain/comparison/trend';
import type { InspectionSnapshot } from '../../src/domain/inspection';
import { isKind } from '../../src/errors';
import { snapshotsFor } from '../helpers/snapshots';

const catalogue = loadCatalogue(path.join(__dirname, '..', 'fixtures', 'criteria-revised'));
const snapshot = snapshotsFor(catalogue);
const T = 'toetsingskader';
const T26 = 'toetsingskader-2026';
const OMB = 'ombudsman';

/** What compare and trend must agree on for the same two inspections. */
function agreement(earlier: InspectionSnapshot, later: InspectionSnapshot) {
  const cmp = compareInspections(catalogue, earlier, later);
  const trend = trendOf(catalogue, [earlier, later]);
  // The trend follows the later inspection's checklists; the comparison shows earlier-only ones too.
  const shared = cmp.checklists.filter((c) => c.later !== null);
  return {
    compared: {
      units: cmp.units,
      pairs: shared.map((c) => [c.earlier?.id ?? null, c.later!.id]),
      cells: shared.flatMap((c) => c.rows.flatMap((r) => r.cells.map((x) => [r.key, x.unit, x.earlier, x.later, x.direction]))),
      // The trend leaves out toezeggingen the later checklist no longer has.
      groups: shared.flatMap((c) => c.groups.filter((g) => c.later!.groups.some((x) => x.id === g.group.id)).flatMap((g) => [g.national, ...g.units].map((x) => [g.group.id, x.earlier, x.later, x.direction]))),
    },
    trended: {
      units: trend.units,
      pairs: trend.checklists.map((c) => [c.sources[0]?.id ?? null, c.checklist.id]),
      cells: trend.checklists.flatMap((c) => c.rows.flatMap((r) => r.units.map((t) => [r.key, t.unit, t.points[0].side, t.points[1].side, t.points[1].direction]))),
      groups: trend.checklists.flatMap((c) => c.groups.flatMap((g) => [g.national, ...g.units.map((t) => t.points)].map((p) => [g.group.id, p[0].side, p[1].side, p[1].direction]))),
    },
  };
}

describe('comparing and trending the same two inspections', () => {
  const cases: Array<[string, InspectionSnapshot, InspectionSnapshot]> = [
    [
      'the same checklist',
      snapshot({ year: 2015, checklists: [T], verdicts: { 'k1/NN': 'ten_dele', 'k2/ON': 'nagekomen' } }),
      snapshot({ year: 2022, checklists: [T], verdicts: { 'k1/NN': 'nagekomen', 'k2/ON': 'niet_nagekomen' } }),
    ],
    [
      'a revised checklist through its mapping',
      snapshot({ year: 2022, checklists: [T], units: ['NN'], verdicts: { 'k3/NN': 'nagekomen', 'k4/NN': 'niet_nagekomen', 'k6/NN': 'ten_dele', 'k8/NN': 'nagekomen' } }),
      snapshot({ year: 2026, checklists: [T26], units: ['NN'], verdicts: { 'k3/NN': 'ten_dele', 'k6a/NN': 'nagekomen', 'n1/NN': 'nagekomen' } }),
    ],
    [
      'two checklists of which the later inspection adds one',
      snapshot({ year: 2022, checklists: [T], verdicts: { 'k1/NN': 'ten_dele' } }),
      snapshot({ year: 2026, checklists: [T26, OMB], verdicts: { [`${T26}/k1/NN`]: 'nagekomen', [`${OMB}/a1/ON`]: 'ten_dele' } }),
    ],
    [
      'units that are missing from the catalogue',
      snapshot({ year: 2015, checklists: [T], units: ['XX', 'NN'], verdicts: { 'k1/XX': 'ten_dele', 'k1/NN': 'nagekomen' } }),
      snapshot({ year: 2022, checklists: [T], units: ['NN', 'YY'], verdicts: { 'k1/NN': 'ten_dele', 'k1/YY': 'nagekomen' } }),
    ],
  ];
  it.each(cases)('when they use %s, then both give the same units, checklist pairs, cells and toezeggingen', (_, earlier, later) => {
    const { compared, trended } = agreement(earlier, later);
    expect(trended).toEqual(compared);
    expect(compared.cells.length).toBeGreaterThan(0);
  });
});

describe('the unit rule', () => {
  it('when a unit is missing from the catalogue, then it is kept after the catalogue’s units, by its code', () => {
    const a = snapshot({ year: 2015, checklists: [T], units: ['XX', 'ON'] });
    const b = snapshot({ year: 2022, checklists: [T], units: ['NN'] });
    const c = snapshot({ year: 2026, checklists: [T], units: ['NN'] });
    expect(compareInspections(catalogue, a, b).units).toEqual(['NN', 'ON', 'XX']);
    expect(trendOf(catalogue, [a, b, c]).units).toEqual(['NN', 'ON', 'XX']);
  });
});

describe('pairing checklists', () => {
  it('when an earlier checklist leads to two of the later ones, then it pairs with the first of them only', () => {
    const earlier = snapshot({ year: 2022, checklists: [T] });
    const later = snapshot({ year: 2026, checklists: [T26, T] });
    const pairs = align(catalogue, [earlier, later]).checklists.map((c) => [c.target.id, c.lineages.map((l) => l?.from.id ?? null)]);
    expect(pairs).toEqual([[T26, [T, T26]], [T, [null, T]]]);
    expect(trendOf(catalogue, [earlier, later]).checklists.map((c) => c.sources.map((s) => s?.id ?? null))).toEqual([[T, T26], [null, T]]);
    expect(compareInspections(catalogue, earlier, later).checklists.map((c) => [c.earlier?.id ?? null, c.later?.id ?? null])).toEqual([[T, T26], [null, T]]);
  });

  it('when an earlier inspection used a checklist no later one leads to, then it is a target of its own', () => {
    const earlier = snapshot({ year: 2022, checklists: [T, OMB] });
    const later = snapshot({ year: 2026, checklists: [T26] });
    const aligned = align(catalogue, [earlier, later]);
    expect(aligned.checklists.map((c) => [c.target.id, c.lineages.map((l) => l?.from.id ?? null)])).toEqual([[T26, [T, T26]], [OMB, [OMB, null]]]);
    // The comparison shows it one-sided; the trend follows the latest inspection's checklists only.
    expect(compareInspections(catalogue, earlier, later).checklists.map((c) => [c.earlier?.id ?? null, c.later?.id ?? null])).toEqual([[T, T26], [OMB, null]]);
    expect(trendOf(catalogue, [earlier, later]).checklists.map((c) => c.checklist.id)).toEqual([T26]);
  });

  it('when the target no longer has an earlier toezegging, then it keeps a row of its own in the comparison, and the trend follows the latest ones', () => {
    // The 2026 version without its toezegging "uniform": the criteria under it lose their descendants.
    const t26 = catalogue.checklists.get(T26)!;
    const cut = { ...catalogue, checklists: new Map([...catalogue.checklists, [T26, { ...t26, groups: t26.groups.filter((g) => g.id !== 'uniform') }]]) };
    const earlier = snapshot({ year: 2022, checklists: [T], verdicts: { 'k14/NN': 'nagekomen' } });
    const later = snapshot({ year: 2026, checklists: [T26] });
    const aligned = align(cut, [earlier, later]).checklists[0];
    const uniform = aligned.groups.find((g) => g.group.id === 'uniform')!;
    expect(uniform.vanished).toBe(true);
    expect(uniform.national.map((x) => x?.code ?? null)).toEqual(['nagekomen', null]);
    expect(aligned.rows.find((r) => r.key === `${T}/k14`)!.vanished).toBe('unmapped_earlier');

    const row = compareInspections(cut, earlier, later).checklists[0].groups.find((g) => g.group.id === 'uniform')!;
    expect([row.comparable, row.national.direction]).toEqual([false, 'niet_vergelijkbaar']);
    expect(trendOf(cut, [earlier, later]).checklists[0].groups.map((g) => g.group.id)).toEqual(['opvolgen', 'leren']);
  });
});

describe('refusals', () => {
  it('when inspections share no checklist, then comparison and trend refuse them as invalid input', () => {
    const a = snapshot({ year: 2015, checklists: [T] });
    const b = snapshot({ year: 2022, checklists: [OMB] });
    const thrown = (f: () => unknown) => { try { f(); } catch (e) { return e; } return null; };
    for (const e of [thrown(() => compareInspections(catalogue, a, b)), thrown(() => trendOf(catalogue, [a, b])), thrown(() => trendOf(catalogue, [a])), thrown(() => trendOf(catalogue, [a, a]))]) {
      expect(isKind(e, 'invalid')).toBe(true);
    }
  });
});
