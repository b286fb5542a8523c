// The second framework all the way to paper (issue 17, "done when"): a probation-service framework
// the test suite writes itself, with its own organisation and units, published by file through the
// app's use cases, assessed, printed as the national report by the real engine (Chromium) and read
// back with pdftotext; then revised, mapped, assessed again and the comparison PDF read back. The
// other field's wording must be on paper: its scale words, its criterion with sub-points, its one
// group, its organisation's unit names, and none of the police framework's words.
import YAML from 'yaml';
import { parseChecklistYaml, parseMappingYaml, publishChecklist, publishMapping } from '../../src/app/checklists';
import { parseUnitSetText, publishUnitSet } from '../../src/app/units';
import { createNewInspection, startFollowUpOf } from '../../src/app/inspections';
import { resolveCell, saveCell } from '../../src/app/cells';
import { nationalReportPdf } from '../../src/app/reports';
import { comparisonFile } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { closeEngine } from '../../src/reports';
import { getCell } from '../../src/store/verdicts.store';
import { loadSnapshot } from '../../src/store/inspections.store';
import { inspectionStatus } from '../../src/domain/status';
import { must } from '../../src/errors';
import { makeCtx, TestCtx } from '../helpers/context';
import { pdfText } from '../helpers/pdf';
import { PROBATION, PROBATION_2026, PROBATION_UNITS } from '../helpers/probation-framework';
import { norm } from './report-helpers';

jest.setTimeout(240_000);

const UNITS = PROBATION_UNITS.units.map((u) => u.code);
let ctx: TestCtx;
let first: number;
let second: number;

function judge(inspectionId: number, criterionId: string, unit: string, verdict: string) {
  const cell = resolveCell(ctx, OPERATOR, { inspectionId, checklistId: PROBATION.id, criterionId, unit }, 'edit');
  saveCell(ctx, OPERATOR, cell, { verdict, motivation: `Motivering ${criterionId} ${unit}.`, workflow: 'gereed', version: getCell(ctx.db, cell.key).version });
}

beforeAll(() => {
  ctx = makeCtx();
  // By file, as a beheerder uploads them: the checklist YAML and the organisation's units file.
  publishChecklist(ctx, OPERATOR, parseChecklistYaml(YAML.stringify(PROBATION), 'reclassering-2025.yaml'), 'reclassering-2025.yaml');
  publishUnitSet(ctx, OPERATOR, parseUnitSetText(YAML.stringify(PROBATION_UNITS), 'reclassering-eenheden.yaml'));
  first = createNewInspection(ctx, OPERATOR, {
    title: 'Toezicht door de reclassering', year: 2025, fieldworkStart: null, fieldworkEnd: null,
    organisation: PROBATION_UNITS.code, checklists: [PROBATION.id], units: UNITS, team: [],
  });
  for (const unit of UNITS) {
    judge(first, 't1', unit, 'voldoet');
    judge(first, 't2', unit, unit === 'RN-ZUID' ? 'voldoet_niet' : 'voldoet_deels');
    judge(first, 't3', unit, 'voldoet');
  }
});
afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
});

describe('the national report of an inspection on the probation framework', () => {
  let text = '';
  let layout = '';
  beforeAll(async () => {
    const pdf = await nationalReportPdf(ctx, OPERATOR, first);
    text = norm(pdfText(pdf, 'raw'));
    layout = pdfText(pdf, 'layout');
  });

  test('when printed, then its scale words are on paper and the police scale is not', () => {
    for (const word of ['Voldoet gedeeltelijk', 'Voldoet niet', 'Voldoet']) expect(text).toContain(word);
    for (const word of ['Nagekomen', 'Ten dele nagekomen', 'Niet nagekomen']) expect(text).not.toContain(word);
  });

  test('then the criterion with sub-points is there with each sub-point, and the number 1.10 as written', () => {
    expect(text).toContain(norm(PROBATION.groups[0].criteria[1].text));
    for (const sp of PROBATION.groups[0].criteria[1].subpoints ?? []) expect(text).toContain(norm(sp));
    expect(text).toContain(norm(PROBATION.groups[0].criteria[2].text));
    expect(text).toContain('1.10');
  });

  test('then its one group is named, with the verdicts the roll-up gives in its own words', () => {
    const status = inspectionStatus(loadSnapshot(ctx.db, first), ctx.catalogue);
    const group = must(status.rollups[0].rollup.nationalGroup.get('toezicht'), 'group verdict').final;
    expect(group).toBe('voldoet_deels');
    expect(text).toContain('Het houden van toezicht');
    expect(text).toContain('OORDEEL LANDELIJK Voldoet gedeeltelijk 3 van 3 eenheden voldoet gedeeltelijk');
    // Criterion 1.2: two units partly, one not, each on its own line under its own name.
    expect(text).toContain('LANDELIJK BEELD Voldoet gedeeltelijk 2 van 3 eenheden voldoet gedeeltelijk, 1 voldoet niet');
    expect(layout).toMatch(/Reclasseringsregio Zuid\s+Voldoet niet/);
    // The matrix legend abbreviates the other scale's words.
    expect(text).toMatch(/Vg Voldoet gedeeltelijk Vn Voldoet niet/);
  });

  test('then the units are named as the organisation’s own unit set names them, and no police unit appears', () => {
    for (const u of PROBATION_UNITS.units) expect(text).toContain(u.name);
    for (const police of ['Eenheid Noord-Nederland', 'Eenheid Amsterdam', 'Eenheid Rotterdam']) expect(text).not.toContain(police);
  });
});

describe('the comparison with its revised version through a mapping', () => {
  let text = '';
  let layout = '';
  beforeAll(async () => {
    publishChecklist(ctx, OPERATOR, parseChecklistYaml(YAML.stringify(PROBATION_2026), 'reclassering-2026.yaml'), 'reclassering-2026.yaml');
    publishMapping(ctx, OPERATOR, parseMappingYaml(YAML.stringify({
      from: { checklist: PROBATION.id, version: '2025' },
      to: { checklist: PROBATION.id, version: '2026' },
      map: [{ from: ['t2'], to: ['t2'] }, { from: ['t3'], to: ['t3a', 't3b'], note: 'gesplitst' }],
      dropped: ['t1'],
      added: ['t4'],
    }), 'koppeling.yaml'), 'koppeling.yaml');
    second = startFollowUpOf(ctx, OPERATOR, first, { title: 'Toezicht door de reclassering, vervolg', year: 2026, fieldworkStart: null, fieldworkEnd: null });
    for (const unit of UNITS) {
      judge(second, 't2', unit, 'voldoet');
      judge(second, 't3a', unit, 'voldoet');
      judge(second, 't3b', unit, unit === 'RN-MIDDEN' ? 'voldoet_niet' : 'voldoet');
      judge(second, 't4', unit, 'voldoet_deels');
    }
    const file = await comparisonFile(ctx, OPERATOR, { earlier: first, later: second }, 'pdf', { motivations: false });
    text = norm(pdfText(file.content as Buffer, 'raw'));
    layout = pdfText(file.content as Buffer, 'layout');
  });

  test('when the comparison PDF is printed, then it names both versions’ criteria, the split, and the new and dropped ones', () => {
    expect(text).toContain('Vergelijking 2025 → 2026');
    expect(text).toContain(norm(PROBATION_2026.groups[0].criteria[1].text));
    expect(text).toContain(norm(PROBATION_2026.groups[0].criteria[2].text));
    expect(text).toContain('gesplitst');
    // The chapter heading speaks of this framework's groups (thema), not the police's toezeggingen.
    expect(text).toContain('Oordeel per thema en eenheid');
    expect(text).not.toContain('Toezeggingen per eenheid');
    // The rank order in the scale's own words, and its items are criteria (not the ombudsman's punten).
    expect(text).toContain('Een richting vergelijkt de rangorde van de oordelen (voldoet boven voldoet gedeeltelijk boven voldoet niet)');
  });

  test('then the verdicts are in the probation scale words and the units by their own names', () => {
    expect(text).toContain('Voldoet gedeeltelijk');
    expect(text).not.toContain('Nagekomen');
    for (const u of PROBATION_UNITS.units) expect(text).toContain(u.name);
    // Criterion 1.4 (t3b, split from 1.10): Midden went from Voldoet to Voldoet niet, Zuid stayed.
    const from = layout.indexOf('Toezicht reclassering, criterium 1.4');
    expect(from).toBeGreaterThan(0);
    const section = layout.slice(from, layout.indexOf('Toezicht reclassering, criterium 1.5', from));
    expect(section).toMatch(/^\s*Reclasseringsregio Midden\s{2,}Voldoet\s{2,}Voldoet niet\s/m);
    expect(section).toMatch(/^\s*Reclasseringsregio Zuid\s{2,}Voldoet\s{2,}Voldoet\s/m);
  });
});
