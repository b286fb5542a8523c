// What a criterion is called where its text does not fit (src/present/criteria.ts): the
// checklist's short title when it has one, else the first words of the text on a word boundary.
import { allCriteria, checklistSchema } from '../../src/domain/checklist';
import { loadCatalogue } from '../../src/criteria';
import { criterionName, criterionTitle, firstWords } from '../../src/present';

const catalogue = loadCatalogue();

describe('criterion names', () => {
  it('when the checklist gives a short title, then the name is the number and that title', () => {
    const t = catalogue.checklists.get('toetsingskader')!;
    const k7 = allCriteria(t).find((c) => c.id === 'k7')!;
    expect(criterionName(t, k7)).toBe('7. Lijnchefs betrokken bij de leerstructuur');
    // A reference without its own shortTitle finds it in the checklist by id.
    expect(criterionName(t, { id: 'k7', number: '7', text: k7.text })).toBe('7. Lijnchefs betrokken bij de leerstructuur');
  });

  it('when there is no short title, then the first words of the text are used, cut on a word boundary', () => {
    const text = 'Het landelijk registratiesysteem voor klachten is in staat om cijfers te destilleren ten behoeve van het signaleren van trends.';
    const name = criterionTitle(null, { id: 'x', number: '3', text });
    expect(name).toBe('Het landelijk registratiesysteem voor klachten is in staat…');
    expect(text.startsWith(name.slice(0, -1))).toBe(true);
    expect(firstWords('Kort.')).toBe('Kort');
  });

  it('then every criterion of the shipped checklists has a short title of at most 80 characters, unique in its checklist', () => {
    for (const c of catalogue.checklists.values()) {
      const titles = allCriteria(c).map((cr) => cr.shortTitle);
      expect(titles.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 80)).toBe(true);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  it('when a short title is longer than 80 characters, then the checklist is refused', () => {
    const t = catalogue.checklists.get('ombudsman')!;
    const long = { ...t, groups: t.groups.map((g) => ({ ...g, criteria: g.criteria.map((cr, i) => (i === 0 ? { ...cr, shortTitle: 'x'.repeat(81) } : cr)) })) };
    expect(checklistSchema.safeParse(long).success).toBe(false);
    expect(checklistSchema.safeParse(t).success).toBe(true);
  });
});
