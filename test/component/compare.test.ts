// The follow-up comparison on the demo data (2015 → 2022 → 2026), through the web app and the
// command line: hand-checked cells (from the grids in demo/), counts, CSV = XLSX, the refusal
// for inspections without a shared checklist, and the all-or-nothing statistics import.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import { loadComparison, loadTrend } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { createInspection, loadSnapshot } from '../../src/store/inspections.store';
import type { Comparison } from '../../src/domain/comparison/types';
import type { Direction } from '../../src/domain/comparison/vocabulary';
import { changeLogCount, TestCtx, USERS } from '../helpers/context';
import { demoChain } from '../helpers/demo-chain';
import { login } from '../helpers/http';
import { run } from '../helpers/cli';
import { rowColumns } from '../../src/reports/compare-rows';

jest.setTimeout(120_000);

let ctx: TestCtx;
let app: Express;
let id15: number;
let id22: number;
let id26: number;
let idOmb: number;

beforeAll(async () => {
  ({ ctx, app, id15, id22, id26 } = await demoChain());
  idOmb = createInspection(ctx.db, ctx.catalogue, 'test', {
    title: 'Alleen ombudsmanpunten', year: 2024, fieldworkStart: null, fieldworkEnd: null,
    checklists: [{ id: 'ombudsman', version: '2021' }], units: ['NN'], team: [USERS.inspecteur.email], predecessorId: null,
  });
});
afterAll(() => ctx.cleanup());

function cell(cmp: Comparison, criterion: string, unit: string) {
  const row = cmp.checklists.flatMap((c) => c.rows).find((r) => r.key === `toetsingskader/${criterion}`)!;
  return row.cells.find((c) => c.unit === unit)!;
}

describe('comparing 2015 with 2022 (demo)', () => {
  let cmp: Comparison;
  beforeAll(() => { cmp = loadComparison(ctx, OPERATOR, { earlier: id15, later: id22 }); });

  it('then hand-checked cells have the direction their verdicts give', () => {
    // From the grids: k1 2015 "~~+~~~+~~~ -~~ ~", 2022 all "+"; k7 2015 "---~------ --- -", 2022 "~+~-~~++~~ ~++ ~".
    const expected: Array<[string, string, string, string, Direction]> = [
      ['k1', 'NN', 'ten_dele', 'nagekomen', 'verbeterd'],
      ['k1', 'MN', 'nagekomen', 'nagekomen', 'gelijk'],
      ['k1', 'LE', 'niet_nagekomen', 'nagekomen', 'verbeterd'],
      ['k7', 'NH', 'ten_dele', 'niet_nagekomen', 'verslechterd'],
      ['k7', 'ON', 'niet_nagekomen', 'nagekomen', 'verbeterd'],
    ];
    for (const [criterion, unit, before, after, direction] of expected) {
      const c = cell(cmp, criterion, unit);
      expect([criterion, unit, c.earlier!.code, c.later!.code, c.direction]).toEqual([criterion, unit, before, after, direction]);
    }
  });

  it('then the counts per row and overall are right', () => {
    // k10: 2015 "~--~-~-~~- ~-- ~" → 2022 "+~+~~+~+~~ ~++ ~": 10 better, 4 the same.
    const k10 = cmp.checklists[0].rows.find((r) => r.key === 'toetsingskader/k10')!;
    expect(k10.counts).toMatchObject({ verbeterd: 10, gelijk: 4, verslechterd: 0 });
    // The ombudsman points exist only in 2022: 7 × 14 cells not comparable, none left out.
    const omb = cmp.checklists.find((c) => c.later?.id === 'ombudsman' && !c.earlier)!;
    expect(omb.counts.niet_vergelijkbaar).toBe(7 * 14);
    expect(Object.values(cmp.counts).reduce((a, b) => a + b, 0)).toBe((16 + 7) * 14);
    expect(cmp.counts.verslechterd).toBe(1);
  });

  it('then the toezeggingen compare nationally as the reports conclude', () => {
    const groups = Object.fromEntries(cmp.checklists[0].groups.map((g) => [g.group.id, [g.national.earlier!.code, g.national.later!.code, g.national.direction]]));
    expect(groups).toEqual({
      opvolgen: ['ten_dele', 'nagekomen', 'verbeterd'],
      leren: ['ten_dele', 'ten_dele', 'gelijk'],
      uniform: ['ten_dele', 'ten_dele', 'gelijk'],
    });
  });

  it('then every 2015 recommendation shows its recorded follow-up', () => {
    const s15 = loadSnapshot(ctx.db, id15);
    expect(cmp.followupsRecorded).toBe(true);
    expect(cmp.recommendations.map((r) => r.ref)).toEqual(s15.recommendations.map((r) => r.ref));
    expect(cmp.recommendations.every((r) => r.followup !== null)).toBe(true);
  });
});

describe('comparing 2022 with 2026 and the trend over all three (demo)', () => {
  it('then a criterion not yet assessed in 2026 reads niet meer beoordeeld', () => {
    const cmp = loadComparison(ctx, OPERATOR, { earlier: id22, later: id26 });
    // k7 2022 "~+~-~~++~~ ~++ ~" → 2026 "+++~+~++~+ ~++ .".
    expect(cell(cmp, 'k7', 'KS').direction).toBe('niet_meer_beoordeeld');
    expect(cell(cmp, 'k7', 'NH').direction).toBe('verbeterd');
    expect(cell(cmp, 'k7', 'ON').direction).toBe('gelijk');
  });

  it('when 2015 is compared with 2026 directly, then the outcomes of its recommendations come from 2022, its direct follow-up', () => {
    const cmp = loadComparison(ctx, OPERATOR, { earlier: id15, later: id26 });
    expect(cmp.followupsIn?.id).toBe(id22);
    const s22 = loadSnapshot(ctx.db, id22);
    expect(cmp.recommendations.map((r) => r.followup?.status)).toEqual(loadSnapshot(ctx.db, id15).recommendations.map((r) => s22.followups.find((f) => f.recommendationRef === r.ref)?.status));
  });

  it('when limited to one checklist, then only its timelines are shown', () => {
    expect(loadTrend(ctx, OPERATOR, [id15, id22, id26], 'toetsingskader').checklists.map((c) => c.checklist.id)).toEqual(['toetsingskader']);
  });

  it('when an inspection shares no checklist with the latest, then the trend is refused', () => {
    expect(() => loadTrend(ctx, OPERATOR, [id15, idOmb, id22])).toThrow(/Geen trend mogelijk/);
  });

  it('then the trend has three points per timeline', () => {
    const trend = loadTrend(ctx, OPERATOR, [id26, id15, id22]);
    expect(trend.inspections.map((i) => i.year)).toEqual([2015, 2022, 2026]);
    const tk = trend.checklists.find((c) => c.checklist.id === 'toetsingskader')!;
    const nh = tk.rows.find((r) => r.key === 'toetsingskader/k7')!.units.find((u) => u.unit === 'NH')!;
    expect(nh.points.map((p) => [p.side?.code, p.direction])).toEqual([['ten_dele', null], ['niet_nagekomen', 'verslechterd'], ['ten_dele', 'verbeterd']]);
    expect(tk.groups.every((g) => g.national.length === 3)).toBe(true);
    // The ombudsman points were not used in 2015: no point there, not left out (the files and
    // pages show it as "bestond nog niet" without a direction into 2022: trend-files.test.ts).
    const omb = trend.checklists.find((c) => c.checklist.id === 'ombudsman')!;
    expect(omb.sources.map((s) => s?.id ?? null)).toEqual([null, 'ombudsman', 'ombudsman']);
    expect(omb.groups[0].national.map((p) => p.side?.code ?? null)).toEqual([null, 'deels_opgevolgd', expect.any(String)]);
    expect(omb.groups[0].national[1].direction).toBe('niet_vergelijkbaar');
  });
});

describe('the comparison page and downloads', () => {
  it('when a lezer opens the comparison, then the matrix shows directions in words and the downloads are linked', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/vergelijken?eerder=${id15}&later=${id22}`).expect(200);
    expect(res.text).toContain('Vergelijking 2015 → 2022');
    expect(res.text).toContain('Eenheid Noord-Holland: Ten dele nagekomen → Niet nagekomen');
    expect(res.text).toContain(`/vergelijken.xlsx?eerder=${id15}&amp;later=${id22}`);
    expect(res.text).toMatch(/Verslechterd/);
    expect(res.text).not.toContain('name="bestand"');
    const withMotivations = await agent.get(`/vergelijken?eerder=${id15}&later=${id22}&motivaties=1`).expect(200);
    expect(withMotivations.text).toContain('Motiveringen naast elkaar');
  });

  it('when only the later inspection is given, then the form preselects its predecessor', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/vergelijken?later=${id22}`).expect(200);
    expect(res.text).toContain(`<option value="${id15}" selected>`);
  });

  it('when the CSV and the XLSX are downloaded, then the spreadsheet holds the same rows as the CSV', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const csv = await agent.get(`/vergelijken.csv?eerder=${id15}&later=${id22}`).expect(200);
    // Named by titles and years, not by keys (src/present/filenames.ts).
    expect(csv.headers['content-disposition']).not.toMatch(/klachtbehandeling-2015|recht-van-klagen-2022/);
    expect(csv.headers['content-disposition']).toMatch(/\.csv/);
    const rows = parse(csv.text.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    expect(rows).toHaveLength(1 + (16 + 7) * 14);
    const columns = rowColumns(loadComparison(ctx, OPERATOR, { earlier: id15, later: id22 }));
    const at = (key: string) => columns.findIndex((c) => c.key === key);
    const nh7 = rows.find((r) => r[at('criterium_later')] === '7' && r[at('eenheid_code')] === 'NH')!;
    expect(nh7.slice(at('oordeel_eerder_code'), at('richting') + 1)).toEqual(['ten_dele', 'Ten dele nagekomen', 'niet_nagekomen', 'Niet nagekomen', 'verslechterd', 'Verslechterd']);

    const xlsx = await agent.get(`/vergelijken.xlsx?eerder=${id15}&later=${id22}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const sheet = wb.getWorksheet('Vergelijking')!;
    const sheetRows: string[][] = [];
    // Array.from: an empty cell is a hole in row.values, which map() would skip.
    sheet.eachRow((row) => { sheetRows.push(Array.from(row.values as Array<string | number | boolean | null | undefined>, (v) => (v === null || v === undefined ? '' : String(v))).slice(1)); });
    // The CSV and the sheet share their Dutch headers, which name both inspections.
    expect(rows[0]).toEqual(columns.map((c) => c.header));
    expect(sheetRows[0]).toEqual(columns.map((c) => c.header));
    expect(sheetRows.slice(1).map((r) => r.concat(Array(rows[0].length - r.length).fill('')))).toEqual(rows.slice(1));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Aantallen', 'Toezeggingen', '1.1 Het opvolgen van klachten', 'Aanbevelingen']));
    const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern).fgColor?.argb;
    const nhRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(at('criterium_later') + 1).value === 7 && r.getCell(at('eenheid_code') + 1).value === 'NH')!;
    expect(nhRow.getCell(at('richting') + 1).value).toBe('Verslechterd');
    expect(fillOf(nhRow.getCell(at('richting') + 1))).toBe('FFF8C9C4');
  });

  it('when two inspections share no checklist, then the page says so with status 400 and the downloads refuse', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const page = await agent.get(`/vergelijken?eerder=${id15}&later=${idOmb}`).expect(400);
    expect(page.text).toContain('zijn niet te vergelijken');
    expect(page.text).toContain('geen toetsingskader gemeen');
    expect(page.text).not.toContain('Veranderingen per criterium');
    const csv = await agent.get(`/vergelijken.csv?eerder=${id15}&later=${idOmb}`).expect(400);
    expect(csv.headers['content-type']).toMatch(/html/);
  });

  it('when the query is malformed or names an unknown inspection, then 400 with a Dutch message', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    expect((await agent.get('/vergelijken?eerder=abc&later=2').expect(400)).text).toContain('Kies een onderzoek uit de lijst');
    expect((await agent.get('/vergelijken?eerder=999999&later=2').expect(400)).text).toContain('bestaat niet');
    expect((await agent.get(`/vergelijken?eerder=${id15}&later=${id15}`).expect(400)).text).toContain('twee verschillende onderzoeken');
    expect((await agent.get('/vergelijken.csv').expect(400)).text).toContain('Kies een eerder en een later onderzoek');
  });

  it('when the trend page is asked for the toetsingskader, then it shows the three years', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get('/trend?kader=toetsingskader').expect(200);
    expect(res.text).toContain('Trend 2015 → 2022 → 2026');
    const refused = await agent.get(`/trend?onderzoeken=${id15},${idOmb},${id22}`).expect(400);
    expect(refused.text).toContain('Geen trend mogelijk');
  });
});

const good = 'jaar;eenheid;afgerond;aannemen;eerste_fase;tweede_fase\n2021;;13500;3300;10000;200\n2022;NN;900;200;690;10\n';
const bad = 'jaar,eenheid,afgerond,aannemen,eerste_fase,tweede_fase\n2021,,13500,3300,10000,200\n20x1,,1,1,0,0\n2023,XX,10,5,5,0\n2024,,10,5,5,1\n2021,,1,1,0,0\n';

describe('importing complaint statistics', () => {

  it('when an editor uploads a CSV with bad rows, then nothing is imported and every problem names its row and column', async () => {
    const { agent, csrf } = await login(app, USERS.inspecteur.email);
    const before = loadSnapshot(ctx.db, id26).statistics;
    const logBefore = changeLogCount(ctx);
    const res = await agent.post(`/onderzoeken/${id26}/statistieken`).field('_csrf', csrf).attach('bestand', Buffer.from(bad), 'cijfers.csv').expect(400);
    expect(res.text).toContain('Er is niets geïmporteerd');
    expect(res.text).toContain('rij 3, kolom jaar');
    expect(res.text).toContain('rij 4, kolom eenheid');
    expect(res.text).toContain('rij 5, kolom afgerond');
    expect(res.text).toContain('rij 6, kolom jaar: 2021 (landelijk) staat al op rij 2');
    expect(loadSnapshot(ctx.db, id26).statistics).toEqual(before);
    expect(changeLogCount(ctx)).toBe(logBefore);
  });

  it('when an editor uploads a good CSV, then all rows replace the old ones and the comparison shows them, later winning', async () => {
    const { agent, csrf } = await login(app, USERS.inspecteur.email);
    const res = await agent.post(`/onderzoeken/${id26}/statistieken`).field('_csrf', csrf).attach('bestand', Buffer.from(good), 'cijfers.csv').expect(303);
    expect(res.headers.location).toBe(`/onderzoeken/${id26}/statistieken?geimporteerd=2`);
    expect(loadSnapshot(ctx.db, id26).statistics.map((s) => [s.year, s.unit, s.afgerond])).toEqual([[2021, null, 13500], [2022, 'NN', 900]]);
    const page = await agent.get(`/onderzoeken/${id26}/statistieken?geimporteerd=2`).expect(200);
    expect(page.text).toContain('2 rijen geïmporteerd');
    const cmp = loadComparison(ctx, OPERATOR, { earlier: id22, later: id26 });
    expect(cmp.statistics.map((s) => s.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022]);
  });

  it('when a lezer or an inspector outside the team posts, then 403 or 404 and nothing changes', async () => {
    const before = loadSnapshot(ctx.db, id26).statistics;
    const lezer = await login(app, USERS.lezer.email);
    await lezer.agent.post(`/onderzoeken/${id26}/statistieken`).field('_csrf', lezer.csrf).attach('bestand', Buffer.from(good), 'c.csv').expect(403);
    const outsider = await login(app, USERS.buitenstaander.email);
    await outsider.agent.post(`/onderzoeken/${id26}/statistieken`).field('_csrf', outsider.csrf).attach('bestand', Buffer.from(good), 'c.csv').expect(404);
    expect(loadSnapshot(ctx.db, id26).statistics).toEqual(before);
  });

  it('when the upload is not text, then it is refused', async () => {
    const { agent, csrf } = await login(app, USERS.inspecteur.email);
    const res = await agent.post(`/onderzoeken/${id26}/statistieken`).field('_csrf', csrf).attach('bestand', Buffer.from([0x50, 0x4b, 3, 4, 0, 0]), 'cijfers.csv').expect(400);
    expect(res.text).toContain('geen tekstbestand');
  });
});

describe('the command line', () => {
  it('when compare writes CSV and XLSX, then the files exist; an unknown extension fails without a file', async () => {
    const dir = fs.mkdtempSync(path.join(ctx.dataDir, 'out-'));
    const csv = await run(['compare', 'klachtbehandeling-2015', 'recht-van-klagen-2022', '--out', path.join(dir, 'v.csv'), '--data', ctx.dataDir]);
    expect(csv.code).toBe(0);
    expect(parse(fs.readFileSync(path.join(dir, 'v.csv'), 'utf8').replace(/^\ufeff/, ''), { delimiter: ';' })).toHaveLength(1 + (16 + 7) * 14);
    const xlsx = await run(['compare', 'klachtbehandeling-2015', 'recht-van-klagen-2022', '--out', path.join(dir, 'v.xlsx'), '--data', ctx.dataDir]);
    expect(xlsx.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'v.xlsx'));
    expect(wb.getWorksheet('Vergelijking')!.rowCount).toBe(1 + (16 + 7) * 14);
    const wrong = await run(['compare', 'klachtbehandeling-2015', 'recht-van-klagen-2022', '--out', path.join(dir, 'v.txt'), '--data', ctx.dataDir]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain("Onbekend bestandstype '.txt'");
    expect(fs.existsSync(path.join(dir, 'v.txt'))).toBe(false);
  });

  it('when compare is given inspections without a shared checklist, then it refuses with a non-zero exit', async () => {
    const r = await run(['compare', String(id15), String(idOmb), '--out', path.join(ctx.dataDir, 'x.csv'), '--data', ctx.dataDir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('zijn niet te vergelijken');
    expect(fs.existsSync(path.join(ctx.dataDir, 'x.csv'))).toBe(false);
  });

  it('when trend --json runs over the three demo inspections, then k7 at Noord-Holland has three points', async () => {
    const r = await run(['trend', 'recht-van-klagen-2022', 'klachtbehandeling-2015', 'klachtbehandeling-2026-illustratief', '--json', '--data', ctx.dataDir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.inspections.map((i: { year: number }) => i.year)).toEqual([2015, 2022, 2026]);
    const k7 = j.checklists.find((c: { id: string }) => c.id === 'toetsingskader').criteria.find((c: { key: string }) => c.key === 'toetsingskader/k7');
    expect(k7.units.NH.map((p: { code: string; direction: string | null }) => [p.code, p.direction])).toEqual([['ten_dele', null], ['niet_nagekomen', 'verslechterd'], ['ten_dele', 'verbeterd']]);
    const text = await run(['trend', String(id15), String(id22), String(id26), '--data', ctx.dataDir]);
    expect(text.out).toContain('Het opvolgen van klachten: Ten dele nagekomen  |  ↑ Nagekomen');
  });

  it('when stats import gets a bad CSV, then nothing is imported and each problem is listed', async () => {
    const file = path.join(ctx.dataDir, 'bad.csv');
    fs.writeFileSync(file, bad);
    const before = loadSnapshot(ctx.db, id22).statistics;
    const r = await run(['stats', 'import', 'recht-van-klagen-2022', file, '--data', ctx.dataDir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Niets geïmporteerd; 4 problemen');
    expect(r.err).toContain('rij 4, kolom eenheid: onbekende eenheid');
    expect(loadSnapshot(ctx.db, id22).statistics).toEqual(before);
  });
});
