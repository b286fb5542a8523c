// The presentation module: abbreviations (unique per scale, never a unit code), verdict views,
// counts in words, URLs, and one helper implementation behind the screens' `h` and the reports' `r`.
import fc from 'fast-check';
import path from 'node:path';
import { loadCatalogue } from '../../src/criteria';
import { NOT_ASSESSED, Scale, unitSchema } from '../../src/domain/checklist';
import {
  compactTally,
  count,
  groupKindPhrase,
  recommendationIntro,
  describeTally,
  legend,
  outOf,
  scaleAbbreviations,
  screenHelpers,
  sharedHelpers,
  SOURCES,
  UNITS,
  url,
  verdictView,
} from '../../src/present';
import { headingRegistry } from '../../src/reports/toc';
import { templateHelpers } from '../../src/reports';
import { defaultUnits } from '../../src/domain/units';

const catalogue = loadCatalogue();
const unitCodes = new Set(defaultUnits(catalogue).map((u) => u.code));

const scale = (...labels: string[]): Scale => ({
  id: 's',
  levels: (['positive', 'partial', 'negative'] as const).map((rank, i) => ({ code: `l${i}`, label: labels[i], rank })),
});

describe('abbreviations', () => {
  test('when the checklists of criteria/ are abbreviated, then each scale has distinct abbreviations and none is a unit code of criteria/units.yaml', () => {
    expect(catalogue.checklists.size).toBeGreaterThanOrEqual(2);
    expect([...unitCodes]).toEqual(expect.arrayContaining(['NN', 'ON', 'OB', 'MN', 'ZWB']));
    for (const checklist of catalogue.checklists.values()) {
      const abbrs = legend(checklist).map((v) => v.abbr);
      expect(new Set(abbrs).size).toBe(abbrs.length);
      for (const a of abbrs) expect(unitCodes.has(a)).toBe(false);
    }
  });

  test('when the test catalogues are abbreviated, then the same holds for their other scales', () => {
    for (const dir of ['criteria', 'criteria-revised']) {
      const other = loadCatalogue(path.join(__dirname, '..', 'fixtures', dir));
      const codes = new Set(defaultUnits(other).map((u) => u.code));
      for (const checklist of other.checklists.values()) {
        const abbrs = legend(checklist).map((v) => v.abbr);
        expect(new Set(abbrs).size).toBe(abbrs.length);
        for (const a of abbrs) expect(codes.has(a)).toBe(false);
      }
    }
  });

  test('when the two scales of the catalogue are abbreviated, then they read as initials with only the first letter a capital', () => {
    const abbr = (id: string) => Object.fromEntries(scaleAbbreviations(catalogue.checklists.get(id)!.scale));
    expect(abbr('toetsingskader')).toEqual({ nagekomen: 'N', ten_dele: 'Tdn', niet_nagekomen: 'Nn' });
    expect(abbr('ombudsman')).toEqual({ opgevolgd: 'O', deels_opgevolgd: 'Do', niet_opgevolgd: 'No' });
  });

  test('when two labels of a scale share their initials, then every level takes more letters until they differ', () => {
    expect([...scaleAbbreviations(scale('Nagekomen', 'Niet nagekomen', 'Nooit nagekomen')).values()]).toEqual(['Na', 'Nina', 'Nona']);
  });

  test('when two labels of a scale are identical, then the levels fall back to their codes', () => {
    expect([...scaleAbbreviations(scale('Ja', 'Ja', 'Nee')).values()]).toEqual(['l0', 'l1', 'l2']);
  });

  test('whatever the labels, then the abbreviations of a scale are distinct and never pass as a unit code', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,6}$/);
    const label = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.uniqueArray(label, { minLength: 3, maxLength: 3 }), (labels) => {
        const abbrs = [...scaleAbbreviations(scale(...labels)).values()];
        expect(new Set(abbrs).size).toBe(3);
        for (const a of abbrs) expect(unitSchema.shape.code.safeParse(a).success).toBe(false);
      }),
    );
  });
});

describe('verdict views', () => {
  const tk = catalogue.checklists.get('toetsingskader')!;

  test('when a verdict is shown, then label, abbreviation and colour class come together', () => {
    expect(verdictView(tk, 'ten_dele')).toEqual({ code: 'ten_dele', label: 'Ten dele nagekomen', abbr: 'Tdn', cls: 'v-partial' });
    expect(verdictView(tk, NOT_ASSESSED)).toEqual({ code: NOT_ASSESSED, label: 'Niet beoordeeld', abbr: '–', cls: 'v-none' });
  });

  test('when a legend is built, then it lists the scale in order and ends with "niet beoordeeld"', () => {
    expect(legend(tk).map((v) => `${v.abbr} ${v.label}`)).toEqual(['N Nagekomen', 'Tdn Ten dele nagekomen', 'Nn Niet nagekomen', '– Niet beoordeeld']);
  });

  test('when a roll-up is summarised for a table cell, then the counts carry the same abbreviations', () => {
    expect(compactTally(tk.scale, { positive: 3, partial: 1, negative: 0, notAssessed: 2, total: 6 })).toBe('3 N · 1 Tdn · 2 –');
  });

  test('when the screens look a verdict up by checklist id, then they get the same view as the reports', () => {
    const h = screenHelpers(catalogue);
    expect(h.verdict('toetsingskader', 'niet_nagekomen')).toEqual(verdictView(tk, 'niet_nagekomen'));
    expect(h.verdictAbbr('ombudsman', 'deels_opgevolgd')).toBe('Do');
    expect(h.verdictClass('onbekend', 'x')).toBe('v-none');
  });
});

describe('counts in words', () => {
  test('when nothing, one or many are counted, then the noun agrees', () => {
    expect(count(0, UNITS)).toBe('geen eenheden');
    expect(count(1, UNITS)).toBe('1 eenheid');
    expect(count(2, UNITS)).toBe('2 eenheden');
    expect(count(0, SOURCES)).toBe('geen bron');
    expect(count(1200, SOURCES)).toBe('1.200 bronnen');
  });

  test('when a share is said, then the noun agrees with the total', () => {
    expect(outOf(9, 14, UNITS, 'nagekomen')).toBe('9 van 14 eenheden nagekomen');
    expect(outOf(1, 1, UNITS, 'nagekomen')).toBe('1 van 1 eenheid nagekomen');
  });

  test('when a tally is described, then it says the counts the way the report does', () => {
    const checklist = catalogue.checklists.get('toetsingskader')!;
    expect(describeTally(checklist, { positive: 9, partial: 4, negative: 0, notAssessed: 0, total: 13 }, UNITS)).toBe('9 van 13 eenheden nagekomen, 4 ten dele nagekomen');
    expect(describeTally(checklist, { positive: 0, partial: 0, negative: 0, notAssessed: 2, total: 2 }, UNITS)).toBe('2 van 2 eenheden niet beoordeeld');
    expect(describeTally(checklist, { positive: 0, partial: 0, negative: 0, notAssessed: 0, total: 0 }, UNITS)).toBe('geen eenheden');
  });
});

describe('urls', () => {
  test('when a cell URL is built, then each part is encoded', () => {
    expect(url.cell(3, 'a/b', 'k 1', 'N&N')).toBe('/onderzoeken/3/cellen/a%2Fb/k%201/N%26N');
    expect(url.cellHistory(3, 'tk', 'k1', 'NN')).toBe('/onderzoeken/3/cellen/tk/k1/NN/geschiedenis');
  });

  test('when a matrix or comparison URL is built, then only the given filters are in the query', () => {
    expect(url.matrix(3)).toBe('/onderzoeken/3/matrix');
    expect(url.matrix(3, { checklist: 'toetsingskader', groep: 'opvolgen' })).toBe('/onderzoeken/3/matrix?checklist=toetsingskader&groep=opvolgen');
    expect(url.comparison({ later: 4 })).toBe('/vergelijken?later=4');
    expect(url.unitReport(3, 'ZWB')).toBe('/onderzoeken/3/eenheden/ZWB/rapport.pdf');
  });
});

describe('one helper set', () => {
  test('when the screens and the reports get their helpers, then every shared helper is the same function', () => {
    const h = screenHelpers(catalogue);
    const r = templateHelpers(headingRegistry().heading);
    for (const [name, helper] of Object.entries(sharedHelpers)) {
      expect(h[name as keyof typeof h]).toBe(helper);
      expect(r[name as keyof typeof r]).toBe(helper);
    }
  });
});

describe('what the groups are called', () => {
  test('when the compared checklists share one group kind, then headings name it; when they differ, both; never a guessed plural', () => {
    const catalogue = loadCatalogue(path.join(__dirname, '..', '..', 'criteria'));
    const tk = catalogue.checklists.get('toetsingskader');
    const nom = catalogue.checklists.get('ombudsman');
    expect(groupKindPhrase([tk])).toBe('toezegging');
    expect(groupKindPhrase([tk, nom])).toBe('toezegging en aandachtspunt');
    expect(groupKindPhrase([{ groups: [{ kind: 'thema' }, { kind: 'thema' }] }])).toBe('thema');
    expect(groupKindPhrase([null, undefined])).toBe('groep');
  });
});

describe('the sentence before recommendations', () => {
  test('when the organisation has an addressee, then it is named; without one, the sentence names nobody', () => {
    expect(recommendationIntro('de korpschef', 2, 'group')).toBe('De Inspectie doet de korpschef de aanbevelingen:');
    expect(recommendationIntro('de korpschef', 1, 'group')).toBe('De Inspectie doet de korpschef de aanbeveling:');
    expect(recommendationIntro('de korpschef', 3, 'all')).toBe('De Inspectie geeft de korpschef de volgende aanbevelingen mee:');
    expect(recommendationIntro(null, 3, 'all')).toBe('De Inspectie doet de volgende aanbevelingen:');
    expect(recommendationIntro('de korpschef', 1, 'all')).toBe('De Inspectie geeft de korpschef de volgende aanbevelingen mee:');
    expect(recommendationIntro(null, 1, 'group')).toBe('De Inspectie doet de aanbeveling:');
  });
});
