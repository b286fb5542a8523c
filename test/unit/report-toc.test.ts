// The pieces of the table of contents that need no browser (test/e2e/report-toc-print.test.ts prints).
import { headingRegistry, tocHtml } from '../../src/reports/toc';
import { cssString } from '../../src/reports';
import { noteRegistry, noteText, conclusionBoxText } from '../../src/reports/common';
import type { EvidenceRecord } from '../../src/domain/inspection';

describe('table of contents', () => {
  test('when headings are registered, then levels 1 and 2 enter the contents with escaped text, and the heading carries only its id', () => {
    const r = headingRegistry();
    const h1 = r.heading(1, '2 Het <opvolgen> & meer');
    r.heading(3, 'Niet in de inhoud');
    r.heading(2, '2.1 Criterium 1', { toc: false });
    expect(h1).toBe('<h1 id="s1-1">2 Het &lt;opvolgen&gt; &amp; meer</h1>');
    expect(r.list).toEqual([{ id: 's1-1', level: 1, text: '2 Het <opvolgen> & meer' }]);
  });

  test('when a page is unknown, then the measuring pass shows a placeholder and the final pass nothing', () => {
    const e = [{ id: 'a', level: 1 as const, text: 'A', page: null }];
    expect(tocHtml(e, true)).toContain('<span class="toc-page">00</span>');
    expect(tocHtml(e)).toContain('<span class="toc-page"></span>');
    expect(tocHtml([{ ...e[0], page: 7 }])).toContain('<span class="toc-page">7</span>');
  });
});

describe('report helpers', () => {
  test('when a title goes into the CSS of the running header, then quotes and angle brackets cannot end the string or the style', () => {
    const css = cssString('Titel"); } </style><script>x</script>');
    expect(css).not.toMatch(/[<>]/);
    expect(css.slice(1, -1)).not.toContain('"');
    expect(css).toMatch(/^".*"$/);
  });

  test('when evidence is cited twice, then it keeps the number of its first citation', () => {
    const ev = (id: number, type: EvidenceRecord['type'], wederhoor: EvidenceRecord['wederhoor']): EvidenceRecord => ({
      id, ref: `B${id}`, type, title: `Bron ${id}`, dateFrom: '2022-06-08', dateTo: null, party: 'Afdeling VIK', units: [], description: '', file: null, wederhoor, version: 1,
    });
    const notes = noteRegistry([ev(1, 'document', null), ev(2, 'gespreksverslag', { status: 'akkoord', date: '2022-07-02' })]);
    expect(notes.cite(2)!.number).toBe(1);
    expect(notes.cite(1)!.number).toBe(2);
    expect(notes.cite(2)!.number).toBe(1);
    expect(notes.cite(99)).toBeNull();
    expect(noteText(notes.cite(2)!)).toBe('Bron 2. Gespreksverslag (interview), 8 juni 2022, Afdeling VIK. Wederhoor: akkoord (2 juli 2022).');
    expect(noteText(notes.cite(1)!)).toBe('Bron 1. Document, 8 juni 2022, Afdeling VIK.');
  });

  test('when a conclusion quotes its concluding sentence, then the box shows only that quote', () => {
    expect(conclusionBoxText('Lange uitleg.\n\n> De Inspectie concludeert dit.')).toBe('De Inspectie concludeert dit.');
    expect(conclusionBoxText('Alleen tekst.')).toBe('Alleen tekst.');
  });
});
