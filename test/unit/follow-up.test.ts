// What a follow-up takes over (src/domain/follow-up.ts): the current version of each checklist,
// the units the organisation's current set still has, and, named, what it leaves out; a scope with
// nothing left to assess is refused rather than created empty.
import { followUpRefusal, followUpScope } from '../../src/domain/follow-up';
import type { Catalogue, Checklist } from '../../src/domain/checklist';
import { unitSetKey, type UnitSet } from '../../src/domain/units';

const checklist = (id: string, version: string) => ({ id, version }) as unknown as Checklist;
const set = (version: number, codes: string[]): UnitSet => ({
  organisation: 'dji', organisationName: 'DJI', version, units: codes.map((code) => ({ code, name: `PI ${code}`, kind: 'vestiging' })),
});

function catalogue(sets: UnitSet[], checklists: Checklist[]): Pick<Catalogue, 'checklists' | 'unitSets' | 'organisations'> {
  return {
    checklists: new Map(checklists.map((c) => [c.id, c])),
    unitSets: new Map(sets.map((s) => [unitSetKey(s.organisation, s.version), s])),
    organisations: new Map([['dji', { code: 'dji', name: 'DJI', current: sets.at(-1)?.version ?? 0 }]]),
  };
}

const previous = { checklists: [{ id: 'bezoek' }, { id: 'oud' }], units: ['ZW', 'VU', 'HH'], unitSet: { organisation: 'dji', version: 1 } };

test('when the current unit set lost a unit and a checklist is gone, then the follow-up takes the rest and names both', () => {
  const scope = followUpScope(previous, catalogue([set(1, ['ZW', 'VU', 'HH']), set(2, ['ZW', 'HH', 'NEW'])], [checklist('bezoek', '2027')]));
  expect(scope).toEqual({ checklists: [{ id: 'bezoek', version: '2027' }], organisation: 'dji', unitSet: { organisation: 'dji', version: 2 }, units: ['ZW', 'HH'], droppedUnits: ['VU'], droppedChecklists: ['oud'] });
  expect(followUpRefusal(scope, 'DJI')).toBeNull();
});

test('when the current unit set has none of the earlier units, then the follow-up is refused with the reason', () => {
  const scope = followUpScope(previous, catalogue([set(1, ['ZW', 'VU', 'HH']), set(2, ['A1', 'B2'])], [checklist('bezoek', '2027')]));
  expect(scope.units).toEqual([]);
  expect(followUpRefusal(scope, 'DJI')).toContain('De eenheden van het eerdere onderzoek bestaan niet meer bij DJI');
});

test('when none of its checklists is published any more, then it is refused too', () => {
  const scope = followUpScope(previous, catalogue([set(1, ['ZW', 'VU', 'HH'])], []));
  expect(followUpRefusal(scope, 'DJI')).toContain('De checklists van het eerdere onderzoek zijn niet meer gepubliceerd');
});
