import { Checklist, NOT_ASSESSED } from '../../src/domain/checklist';
import { combine, rollUp } from '../../src/domain/rollup';

const checklist: Checklist = {
  id: 'tk',
  version: '1',
  title: 'Test',
  shortTitle: 'Test',
  source: 'test',
  scale: {
    id: 'nakoming',
    levels: [
      { code: 'nagekomen', label: 'Nagekomen', rank: 'positive' },
      { code: 'ten_dele', label: 'Ten dele nagekomen', rank: 'partial' },
      { code: 'niet_nagekomen', label: 'Niet nagekomen', rank: 'negative' },
    ],
  },
  groups: [
    { id: 'g1', number: 1, title: 'Eén', kind: 'toezegging', criteria: [{ id: 'c1', number: '1', text: 'a' }, { id: 'c2', number: '2', text: 'b' }] },
    { id: 'g2', number: 2, title: 'Twee', kind: 'toezegging', criteria: [{ id: 'c3', number: '3', text: 'c' }] },
  ],
};

describe('combine', () => {
  it('when everything is niet beoordeeld, then the result is niet beoordeeld', () => {
    expect(combine(checklist, [NOT_ASSESSED, NOT_ASSESSED]).verdict).toBe(NOT_ASSESSED);
    expect(combine(checklist, []).verdict).toBe(NOT_ASSESSED);
  });
  it('when every assessed verdict is positive, then the result is positive', () => {
    expect(combine(checklist, ['nagekomen', 'nagekomen']).verdict).toBe('nagekomen');
  });
  it('when every assessed verdict is negative, then the result is negative', () => {
    expect(combine(checklist, ['niet_nagekomen', 'niet_nagekomen']).verdict).toBe('niet_nagekomen');
  });
  it('when verdicts are mixed, then the result is partial', () => {
    expect(combine(checklist, ['nagekomen', 'niet_nagekomen']).verdict).toBe('ten_dele');
    expect(combine(checklist, ['ten_dele']).verdict).toBe('ten_dele');
    expect(combine(checklist, ['nagekomen', 'ten_dele']).verdict).toBe('ten_dele');
  });
  it('when some are not assessed, then they do not count but are tallied', () => {
    const r = combine(checklist, ['nagekomen', NOT_ASSESSED]);
    expect(r.verdict).toBe('nagekomen');
    expect(r.tally).toEqual({ positive: 1, partial: 0, negative: 0, notAssessed: 1, total: 2 });
  });
});

describe('rollUp', () => {
  const cells = [
    { unit: 'A', criterion: 'c1', verdict: 'nagekomen' },
    { unit: 'A', criterion: 'c2', verdict: 'nagekomen' },
    { unit: 'A', criterion: 'c3', verdict: 'niet_nagekomen' },
    { unit: 'B', criterion: 'c1', verdict: 'nagekomen' },
    { unit: 'B', criterion: 'c2', verdict: 'niet_nagekomen' },
  ];

  it('rolls criteria up per unit per group, and units up nationally', () => {
    const r = rollUp(checklist, ['A', 'B'], cells, []);
    expect(r.unitGroup.get('A')!.get('g1')!.final).toBe('nagekomen');
    expect(r.unitGroup.get('B')!.get('g1')!.final).toBe('ten_dele');
    expect(r.nationalGroup.get('g1')!.final).toBe('ten_dele');
    expect(r.nationalGroup.get('g1')!.tally).toMatchObject({ positive: 1, partial: 1, total: 2 });
    expect(r.nationalCriterion.get('c1')!.final).toBe('nagekomen');
    expect(r.nationalCriterion.get('c2')!.tally).toMatchObject({ positive: 1, negative: 1 });
  });

  it('when a unit has a group not assessed, then the national verdict is provisional', () => {
    const r = rollUp(checklist, ['A', 'B'], cells, []);
    expect(r.unitGroup.get('B')!.get('g2')!.final).toBe(NOT_ASSESSED);
    expect(r.nationalGroup.get('g2')!.final).toBe('niet_nagekomen');
    expect(r.nationalGroup.get('g2')!.complete).toBe(false);
  });

  it('when an inspector overrides, then both the computed and the final verdict are kept', () => {
    const r = rollUp(checklist, ['A', 'B'], cells, [{ scope: '*', group: 'g1', verdict: 'nagekomen', motivation: 'B is een uitzondering' }]);
    const g1 = r.nationalGroup.get('g1')!;
    expect(g1.computed).toBe('ten_dele');
    expect(g1.final).toBe('nagekomen');
    expect(g1.override).toEqual({ verdict: 'nagekomen', motivation: 'B is een uitzondering' });
  });

  it('when a unit-level override exists, then the national roll-up uses the unit\'s final verdict', () => {
    const r = rollUp(checklist, ['A', 'B'], cells, [{ scope: 'B', group: 'g1', verdict: 'nagekomen', motivation: 'toegelicht' }]);
    expect(r.unitGroup.get('B')!.get('g1')!.computed).toBe('ten_dele');
    expect(r.nationalGroup.get('g1')!.computed).toBe('nagekomen');
  });

  it('when no cells exist at all, then everything is niet beoordeeld rather than an error', () => {
    const r = rollUp(checklist, ['A'], [], []);
    expect(r.nationalGroup.get('g1')!.final).toBe(NOT_ASSESSED);
    expect(r.unitGroup.get('A')!.get('g2')!.tally.notAssessed).toBe(1);
  });
});
