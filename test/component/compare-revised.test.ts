// Comparison across a revised toetsingskader, end to end: the fixture criteria-revised (with a
// mapping file) loaded as the catalogue, verdicts saved through the store, the page and the CSV
// through the app. Renumbered, split, merged, dropped, added and unmapped criteria each show up.
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../../src/web/app';
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
    const rows = parse(res.text.replace(/^\ufeff/, ''), { delimiter: ';', columns: true }) as Array<Record<string, string>>;
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

  it('when the comparison is asked the wrong way round, then it is refused: the mapping runs forward only', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(`/vergelijken?eerder=${later}&later=${earlier}`).expect(400);
    expect(res.text).toContain('zijn niet te vergelijken');
  });
});
