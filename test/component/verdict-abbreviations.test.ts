// The abbreviations of the matrix screen and of the national report's matrix appendix are the same,
// and none of them can be read as a unit code. The report is compared as HTML (the document that
// is printed), so no Chromium is needed.
import { OPERATOR } from '../../src/app/operator';
import { nationalReportModel } from '../../src/app/reports';
import { nationalDocument } from '../../src/reports';
import { makeWorld, World } from '../helpers/inspector';
import { defaultUnits } from '../../src/domain/units';

let w: World;
beforeAll(async () => { w = await makeWorld(); });
afterAll(() => w.ctx.cleanup());

/** label → abbreviation, from legend entries `<span class="… v-x" …>ABBR</span> Label`. */
function legendOf(html: string, chip: RegExp): Map<string, string> {
  return new Map([...html.matchAll(chip)].map((m) => [m[2].trim(), m[1]]));
}

describe('verdict abbreviations on screen and in print', () => {
  const reportHtml = () => nationalDocument(nationalReportModel(w.ctx, OPERATOR, w.id2022)).body;

  test.each(['toetsingskader', 'ombudsman'])('when the %s matrix is shown and the national report is rendered, then both legends abbreviate every verdict the same way', async (checklist) => {
    const screen = await w.as.lezer.agent.get(`/onderzoeken/${w.id2022}/matrix?checklist=${checklist}`).expect(200);
    const onScreen = legendOf(screen.text, /<span class="chip v-[a-z]+" aria-hidden="true">([^<]+)<\/span> ([^<]+)<\/span>/g);
    const inPrint = legendOf(reportHtml(), /<li><span class="verdict v-[a-z]+">([^<]+)<\/span> ([^<]+)<\/li>/g);
    const labels = [...w.ctx.catalogue.checklists.get(checklist)!.scale.levels.map((l) => l.label), 'Niet beoordeeld'];
    for (const label of labels) {
      expect(onScreen.get(label)).toBeDefined();
      expect({ label, abbr: inPrint.get(label) }).toEqual({ label, abbr: onScreen.get(label) });
    }
  });

  test('when the report matrix is rendered, then no cell shows a unit code of the catalogue', () => {
    const codes = new Set(defaultUnits(w.ctx.catalogue).map((u) => u.code));
    const cells = [...reportHtml().matchAll(/<td class="cell(?: group)? v-[a-z]+">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.length).toBeGreaterThan(100);
    for (const abbr of cells) expect(codes.has(abbr)).toBe(false);
  });
});
