// The report outline's pure rules: numbering, the order of levels, block lines and footnote
// checks, and the default outline a new inspection starts with.
import { loadCatalogue } from '../../src/criteria';
import {
  blockCalls,
  bodyProblems,
  defaultOutline,
  numberOutline,
  outlineNeeds,
  outlineShapeProblem,
  parseBlockLine,
  SectionInput,
  SectionRecord,
} from '../../src/domain/outline';

const catalogue = loadCatalogue();
const checklists = [catalogue.checklists.get('toetsingskader')!, catalogue.checklists.get('ombudsman')!];
const scope = { checklists, evidenceRefs: new Set(['B04', 'B08']) };
const s = (level: 1 | 2 | 3, kind: SectionInput['kind'], title: string, body = ''): SectionInput => ({ level, kind, title, body, required: true, marking: '' });
const records = (list: SectionInput[]): SectionRecord[] => list.map((x, i) => ({ ...x, id: i + 1, position: i + 1, version: 1, updatedBy: null, updatedAt: null }));

describe('numbering the outline', () => {
  test('when chapters, sections and appendices follow each other, then they are numbered as the inspectorate prints them', () => {
    const n = numberOutline([
      s(1, 'ongenummerd', 'Voorwoord'), s(1, 'ongenummerd', 'Samenvatting'), s(2, 'paragraaf', 'Aanleiding'),
      s(1, 'hoofdstuk', 'Inleiding'), s(2, 'paragraaf', 'Klagen is een recht'), s(3, 'paragraaf', 'Onderdeel'), s(2, 'paragraaf', 'Context'),
      s(1, 'hoofdstuk', 'Het opvolgen van klachten'), s(2, 'paragraaf', 'Klachtbehandeling'),
      s(1, 'bijlage', 'Toetsingskader'), s(2, 'paragraaf', 'Toelichting'), s(1, 'bijlage', 'Stroomschema'),
    ]);
    expect(n.map((x) => x.heading)).toEqual([
      'Voorwoord', 'Samenvatting', 'Aanleiding', '1 Inleiding', '1.1 Klagen is een recht', 'Onderdeel', '1.2 Context',
      '2 Het opvolgen van klachten', '2.1 Klachtbehandeling', 'Bijlage 1 Toetsingskader', 'Toelichting', 'Bijlage 2 Stroomschema',
    ]);
    expect(n[5].chapterIndex).toBe(3);
  });

  test('when a level is skipped or the outline starts below a chapter, then the shape is refused with the section named', () => {
    expect(outlineShapeProblem([s(1, 'hoofdstuk', 'A'), s(3, 'paragraaf', 'Diep')])).toMatch(/"Diep".*niveau 3.*niveau 1/);
    expect(outlineShapeProblem([s(2, 'paragraaf', 'Los')])).toMatch(/"Los"/);
    expect(outlineShapeProblem([s(1, 'hoofdstuk', 'A'), s(2, 'paragraaf', 'B'), s(3, 'paragraaf', 'C'), s(1, 'bijlage', 'D')])).toBeNull();
  });
});

describe('block lines', () => {
  test('when a line is a block call, then its name, words and key="value" options are read', () => {
    expect(parseBlockLine('{{klachtcijfers titel="Afname van klachten" bron="@B08, blz. 3"}}')).toEqual({
      name: 'klachtcijfers', args: [], options: { titel: 'Afname van klachten', bron: '@B08, blz. 3' }, source: '{{klachtcijfers titel="Afname van klachten" bron="@B08, blz. 3"}}',
    });
    expect(parseBlockLine('{{oordelen criterium=k7}}')).toMatchObject({ name: 'oordelen', options: { criterium: 'k7' } });
    expect(parseBlockLine('tekst met {{criteria opvolgen}} erin')).toBeNull();
  });

  test('when a block line stands in fenced code, then it is text, not a block', () => {
    expect(blockCalls('```\n{{matrix}}\n```\n{{bronnen}}').map((c) => ('name' in c ? c.name : c.unknown))).toEqual(['bronnen']);
  });

  test('when a body names an unknown block, group, criterion, checklist or source, then each problem is named in Dutch', () => {
    const problems = bodyProblems('{{grafiekje}}\n\n{{criteria onbekend}}\n\n{{oordelen criterium=k99}}\n\n{{matrix politie}}\n\n{{figuur B99}}\n\n{{klachtcijfers bron="@B77"}}', scope);
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/Onbekend blok "grafiekje"/);
    expect(problems[1]).toMatch(/"onbekend" is geen toezegging.*opvolgen, leren, uniform/);
    expect(problems[2]).toMatch(/criterium "k99"/);
    expect(problems[3]).toMatch(/"politie" is geen toetsingskader/);
    expect(problems[4]).toMatch(/bron "B99" staat niet in de bronnenlijst/);
    expect(problems[5]).toMatch(/bron "B77"/);
    expect(bodyProblems('{{criteria opvolgen}}\n\n{{criteria ombudsman/aandachtspunten}}\n\n{{klachtcijfers bron="@B08"}}', scope)).toEqual([]);
  });
});

describe('footnotes in a body', () => {
  test('when a reference has no text, or a text cites a source the file lacks, then the body is refused with the footnote named', () => {
    const problems = bodyProblems('Een zin.[^a] En nog een.[^b]\n\n[^b]: @B99, blz. 15', scope);
    expect(problems).toEqual([
      'Voetnoot [^a] heeft geen tekst: voeg een regel "[^a]: …" toe.',
      'Voetnoot [^b] verwijst naar bron "B99", die niet in de bronnenlijst van dit onderzoek staat.',
    ]);
    expect(bodyProblems('Zin.[^w] Zin.[^b]\n\n[^w]: Politiewet 2012, art. 70 lid 2.\n[^b]: @B04, art. 70 lid 2', scope)).toEqual([]);
  });
});

describe('the default outline', () => {
  test('when an inspection starts, then its outline has the inspectorate chapters, one per toezegging, and appendices, with the old texts in place', () => {
    const outline = defaultOutline(checklists, { voorwoord: 'Woord vooraf.', conclusie: 'Alles bij elkaar.' }, true);
    const headings = numberOutline(outline).filter((n) => n.section.level === 1).map((n) => n.heading);
    expect(headings).toEqual([
      'Voorwoord', 'Samenvatting', '1 Inleiding', '2 Het opvolgen van klachten', '3 Het waarborgen van het leren van klachten', '4 Het uniform behandelen van klachten',
      '5 Opvolging eerdere aanbevelingen', '6 Conclusies en aanbevelingen', 'Bijlage 1 Toetsingskader', 'Bijlage 2 Aandachtspunten ombudsman',
      'Bijlage 3 Oordelen per eenheid en criterium', 'Bijlage 4 Klachtcijfers', 'Bijlage 5 Lijst van bronnen',
    ].map((h) => (h.startsWith('Bijlage 2') ? `Bijlage 2 ${checklists[1].shortTitle}` : h)));
    expect(outline[0].body).toBe('Woord vooraf.');
    expect(outline.find((x) => x.title === 'Conclusies')?.body).toBe('Alles bij elkaar.\n\n{{conclusies}}');
    expect(outline.every((x) => bodyProblems(x.body, scope).length === 0)).toBe(true);
    expect(outlineShapeProblem(outline)).toBeNull();
  });

  test('when the outline places deelconclusies and criteria, then it needs those texts; an empty required section is listed by its heading', () => {
    const needs = outlineNeeds(records([s(1, 'hoofdstuk', 'Een'), s(2, 'paragraaf', 'Leeg'), s(2, 'paragraaf', 'Slot', '{{deelconclusie leren}}\n\n{{criteria uniform}}')]), checklists);
    expect(needs.emptySections.map((x) => x.heading)).toEqual(['1 Een', '1.1 Leeg']);
    expect(needs.conclusions).toEqual([{ checklist: 'toetsingskader', group: 'leren' }]);
    expect(needs.findings.map((f) => f.criterion)).toEqual(['k13', 'k14', 'k15', 'k16']);
  });
});
