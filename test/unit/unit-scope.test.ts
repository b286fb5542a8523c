// The rule for changing an inspection's units (src/domain/unit-scope.ts): open until the first
// saved verdict or override, never for a vastgesteld inspection; the choice must come from the set.
import { orderedScope, scopeChoiceProblem, scopeDiff, scopeLock } from '../../src/domain/unit-scope';

const open = { status: 'concept', savedCells: 0, firstSaved: null, overrides: 0 };

describe('scopeLock', () => {
  it('when nothing is saved, then the scope is open', () => { expect(scopeLock(open)).toEqual({ locked: false }); });
  it('when one cell is saved, then it is locked because of the verdict', () => {
    const l = scopeLock({ ...open, savedCells: 1 });
    expect(l.locked && l.reason).toBe('verdict');
    expect(l.locked && l.message).toContain('er is al één oordeel opgeslagen');
  });
  it('when only an override exists, then it is locked too', () => { expect(scopeLock({ ...open, overrides: 1 }).locked).toBe(true); });
  it('when vastgesteld, then it is locked as finalised even without verdicts', () => {
    const l = scopeLock({ ...open, status: 'vastgesteld' });
    expect(l.locked && l.reason).toBe('finalised');
  });
});

describe('the choice', () => {
  it('orders by the set and diffs', () => {
    expect(orderedScope(['A', 'B', 'C'], ['C', 'A'])).toEqual(['A', 'C']);
    expect(scopeDiff(['A', 'B'], ['A', 'C'])).toEqual({ added: ['C'], removed: ['B'] });
  });
  it('refuses none and codes outside the set, naming them', () => {
    expect(scopeChoiceProblem(['A'], [])).toBe('Kies minstens één eenheid.');
    expect(scopeChoiceProblem(['A'], ['A', 'X'])).toContain(': X.');
    expect(scopeChoiceProblem(['A', 'B'], ['B'])).toBeNull();
  });
});
