// Comparison across a revised toetsingskader, end to end: the fixture criteria-revised (with a
// mapping file) loaded as the catalogue, verdicts saved through the store, the page and the CSV
// through the app. Renumbered, split, merged, dropped, added and unmapped criteria each show up.
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../../src/web/app';
import { loadComparison } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { summarise } from '../../src/present/comparison-summary';
import { ROW_KEYS } from '../../src/reports/compare-rows';
import { createInspection } from '../../src/store/inspections.store';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { addUsers, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'criteria-revised');

let ctx: TestCtx;
let earlier: number;
let later: number;

function judge(inspectionId: number, checklist: string, criterion: string, verdict: string) {
  const key = { inspectionId, checklist, criterion, unit: 'NN' };
  saveVerdict(ctx.db, 'test', key, getCell(ctx.db, key).version, { verdict, motivation: `${criterion}: ${verdict}`, workflow: 'gereed' });
}

beforeAll(async () => {
  ctx = makeCtx({ criteriaDir: FIXTURE });
  await addUsers(ctx);
  const base = { fieldworkStart: null, fieldworkEnd: null, units: ['NN'], team: [USERS.inspecteur.email] };
  earlier = createInspection(ctx.db, ctx.catalogue, 'test', { ...base, title: 'Nulmeting', year: 2022, checklists: [{ id: 'toetsingskader', version: '2016' }], predecessorId: null });
  later = createInspection(ctx.db, ctx.catalogue, 'test', { ...base, title: 'Herziene toets', year: 2026, checklists: [{ id: 'toetsingskader-2026', version: '2026' }], predecessorId: earlier });
  for (const [c, v] of [['k3', 'nagekomen'], ['k4', 'niet_nagekomen'], ['k5', 'ten_dele'], ['k6', 'ten_dele'], ['k8', 'nagekomen'], ['k16', 'ten_dele']]) judge(earlier, 'toetsingskader', c, v);
  for (const [c, v] of [['k3', 'ten_dele'], ['r4', 'nagekomen'], ['k6a', 'nagekomen'], ['k6b', 'niet_nagekomen'], ['n1', 'nagekomen'], ['n2', 'ten_dele']]) judge(later, 'toetsingskader-2026', c, v);
});
afterAll(() => ctx.cleanup());

describe('comparing across the fixture revision', () => {
  it('when the CSV is downloaded, then each kind of change has the expected direction and unmapped ones are niet vergelijkbaar', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(`/vergelijken.csv?eerder=${earlier}&later=${later}`).expect(200);
    const table = parse(res.text.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    // Dutch headers that name both inspections; the columns come in ROW_KEYS order.
    const header = table[0];
    expect(header).toHaveLength(ROW_KEYS.length);
    expect(header[ROW_KEYS.indexOf('criterium_eerder')]).toMatch(/^Criterium Nulmeting/);
    expect(header[ROW_KEYS.indexOf('criterium_later')]).toMatch(/^Criterium Herziene toets/);
    expect(header[ROW_KEYS.indexOf('wijziging_kader')]).toBe('Wijziging in het kader');
    const rows = table.slice(1).map((r) => Object.fromEntries(ROW_KEYS.map((k, i) => [k, r[i]])) as Record<string, string>);

    const by = (later: string, earlier: string) => rows.find((r) => r.criterium_later === later && r.criterium_eerder === earlier)!;
    expect(rows).toHaveLength(16 + 2);
    expect([by('3', '3 + 4').wijziging_kader, by('3', '3 + 4').oordeel_eerder_code, by('3', '3 + 4').richting_code]).toEqual(['samengevoegd', 'ten_dele', 'gelijk']);
    expect([by('4', '5').wijziging_kader, by('4', '5').richting_code]).toEqual(['hernummerd', 'verbeterd']);
    expect([by('5a', '6').wijziging_kader, by('5a', '6').richting_code]).toEqual(['gesplitst', 'verbeterd']);
    expect([by('5b', '6').wijziging_kader, by('5b', '6').richting_code]).toEqual(['gesplitst', 'verslechterd']);
    expect([by('15', '').wijziging_kader, by('15', '').richting_code, by('15', '').oordeel_later_code]).toEqual(['nieuw criterium (geen voorganger)', 'niet_vergelijkbaar', 'nagekomen']);
    expect([by('11', '').wijziging_kader, by('11', '').richting_code]).toEqual(['geen koppeling met het eerdere kader', 'niet_vergelijkbaar']);
    expect([by('', '8').wijziging_kader, by('', '8').richting_code, by('', '8').oordeel_eerder_code]).toEqual(['vervallen in het latere kader', 'niet_vergelijkbaar', 'nagekomen']);
    expect([by('', '16').wijziging_kader, by('', '16').richting_code]).toEqual(['geen koppeling met het latere kader', 'niet_vergelijkbaar']);
  });

  it('when the page is opened, then it says the comparison runs over two versions and names the changes', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(`/vergelijken?eerder=${earlier}&later=${later}`).expect(200);
    expect(res.text).toContain('Vergeleken over twee versies');
    for (const word of ['samengevoegd', 'gesplitst', 'hernummerd', 'vervallen in het latere kader', 'geen koppeling met het eerdere kader']) expect(res.text).toContain(word);
    expect(res.text).toContain('(was 3 + 4)');
  });

  // The mapping runs forward only (test/unit/compare.test.ts refuses a backward compareInspections);
  // a pair asked the wrong way round is put in order first, so the reader gets the forward comparison.
  it('when the comparison is asked the wrong way round, then it is swapped, says so and runs forward over the mapping', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(`/vergelijken?eerder=${later}&later=${earlier}`).expect(200);
    expect(res.text).toContain('De volgorde is omgedraaid');
    expect(res.text).toContain('Vergeleken over twee versies');
    expect(res.text).not.toContain('zijn niet te vergelijken');
  });

  it('when criteria are new or dropped in the revision, then the summary names them apart from the changes', () => {
    const cmp = loadComparison(ctx, OPERATOR, { earlier, later });
    const sentences = summarise(cmp, ctx.catalogue).sentences;
    const added = sentences.find((x) => x.kind === 'new');
    const gone = sentences.find((x) => x.kind === 'gone');
    expect(added?.text).toMatch(/^Nieuw in het kader van 2026, zonder tegenhanger in 2022/);
    expect(gone?.text).toMatch(/^In 2026 niet meer beoordeeld/);
    // The split criterion 6 declined in one of its parts: named as a decline.
    expect(sentences.filter((x) => x.kind === 'decline').map((x) => x.target)).toContain('c-toetsingskader-2026-k6b');
  });
});
