// CSV (formula) injection: a text cell that a spreadsheet program would evaluate (=, +, -, @, tab,
// carriage return) comes out of every CSV with a leading single quote and quoted; numbers stay
// numbers. The XLSX files keep such texts as text cells, never formulas.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { csvText, neutraliseCell } from '../../src/files/csv';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { run } from '../helpers/cli';
import { inspectionIdByRef, tempDir } from '../helpers/context';
import { closeFixture, Fixture, securityFixture, sessionFor } from './support';
import { defaultUnits } from '../../src/domain/units';

const PAYLOADS = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
  '\uFF1D1+1',
];
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

describe('the one CSV function', () => {
  test.each(PAYLOADS)('when a text cell starts like a formula (%j), then it gets a leading quote', (p) => {
    expect(neutraliseCell(p)).toBe(`'${p}`);
  });

  test('when a text is ordinary, or a formula character is not first, then it is unchanged', () => {
    for (const s of ['Nagekomen', 'a=b', ' =1', '', "'=al geneutraliseerd", '3-2']) expect(neutraliseCell(s)).toBe(s);
  });

  test('when a row holds a negative number and a text that looks like a sum, then the number stays a number and the text is quoted with a leading quote', () => {
    const out = csvText([{ n: -3, t: '-2+3', d: 1.5, e: '' }], [{ key: 'n', header: 'n' }, { key: 't', header: 't' }, { key: 'd', header: 'd' }, { key: 'e', header: 'e' }]);
    expect(out).toBe("\ufeffn;t;d;e\n-3;\"'-2+3\";1.5;\n");
    expect(parse(out.slice(1), { delimiter: ';' })).toEqual([['n', 't', 'd', 'e'], ['-3', "'-2+3", '1.5', '']]);
  });
});

describe('every CSV and spreadsheet of the app', () => {
  let fx: Fixture;
  let earlier: number;
  let later: number;
  let work: string;

  beforeAll(async () => {
    fx = await securityFixture();
    work = tempDir('toetsing-csv-');
    earlier = inspectionIdByRef(fx.ctx, 'recht-van-klagen-2022');
    later = inspectionIdByRef(fx.ctx, 'klachtbehandeling-2026-illustratief');
    // Every text a comparison row takes from a user: the motivations on both sides. The catalogue
    // texts (unit names, criterion texts, checklist titles) come from files, but a CSV must not
    // trust those either.
    const db = fx.ctx.db;
    for (const [inspectionId, rows] of [[earlier, db.prepare('SELECT checklist_id, criterion_id, unit_code FROM verdicts WHERE inspection_id = ?').all(earlier)],
      [later, db.prepare('SELECT checklist_id, criterion_id, unit_code FROM verdicts WHERE inspection_id = ?').all(later)]] as const) {
      (rows as Array<{ checklist_id: string; criterion_id: string; unit_code: string }>).forEach((r, i) => {
        const key = { inspectionId, checklist: r.checklist_id, criterion: r.criterion_id, unit: r.unit_code };
        const cell = getCell(db, key);
        saveVerdict(db, 'csv@test', key, cell.version, { verdict: cell.verdict, motivation: PAYLOADS[i % PAYLOADS.length], workflow: cell.workflow });
      });
    }
    const cat = fx.ctx.catalogue;
    // The set the inspection uses (the current one of the only organisation), changed in memory only.
    const units = defaultUnits(cat);
    units[0] = { ...units[0], name: '=HYPERLINK("http://x","eenheid")' };
    const checklist = cat.checklists.get('toetsingskader')!;
    const criterion = checklist.groups[0].criteria[0];
    (criterion as { text: string }).text = '@SUM(1+1) criterium';
    (checklist as { shortTitle: string }).shortTitle = '+kader';
  });
  afterAll(async () => {
    await closeFixture(fx);
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Every cell of a CSV text: none may start like a formula; returns the cells. */
  function checkedCells(csv: string): string[] {
    expect(csv.startsWith('\ufeff')).toBe(true);
    const cells = (parse(csv.slice(1), { delimiter: ';' }) as string[][]).flat();
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
    return cells;
  }

  test('when /vergelijken.csv is downloaded, then no cell starts like a formula and every payload is there with its leading quote', async () => {
    const s = sessionFor(fx, 'lezer');
    const res = await request(fx.app).get(`/vergelijken.csv?eerder=${earlier}&later=${later}`).set('Cookie', s.cookie).expect(200);
    const cells = checkedCells(res.text);
    for (const p of PAYLOADS) expect(cells).toContain(`'${p}`);
    expect(cells).toContain(`'=HYPERLINK("http://x","eenheid")`);
    expect(cells.some((c) => c.startsWith("'@SUM(1+1) criterium"))).toBe(true);
    expect(cells.some((c) => c.startsWith("'+kader"))).toBe(true);
    // The raw text quotes every neutralised cell.
    expect(res.text).toContain(`;"'-2+3";`);
  });

  test('when `toetsing compare --out FILE.csv` writes the comparison, then the file is neutralised the same way', async () => {
    const out = path.join(work, 'vergelijking.csv');
    // The command line reads the catalogue from criteria/ again, so only the motivations are payloads here.
    const r = await run(['compare', String(earlier), String(later), '--out', out, '--data', fx.ctx.dataDir]);
    expect(r).toMatchObject({ code: 0 });
    const cells = checkedCells(fs.readFileSync(out, 'utf8'));
    for (const p of PAYLOADS) expect(cells).toContain(`'${p}`);
  });

  async function workbook(url: string): Promise<ExcelJS.Workbook> {
    const s = sessionFor(fx, 'beheerder');
    const res = await request(fx.app).get(url).set('Cookie', s.cookie).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    return wb;
  }

  /** The payload cells of a workbook must be text cells holding the payload unchanged, and no cell a formula. */
  function checkWorkbook(wb: ExcelJS.Workbook): void {
    const found = new Set<string>();
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => row.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof c.value === 'string' && PAYLOADS.includes(c.value)) {
          expect(c.type).toBe(ExcelJS.ValueType.String);
          found.add(c.value);
        }
      }));
    }
    // A carriage return may be normalised away by the XML round trip; the others must all be there.
    expect([...found].sort()).toEqual(expect.arrayContaining(PAYLOADS.filter((p) => !p.startsWith('\r'))));
  }

  test('when the comparison is downloaded as XLSX, then the payloads are text cells, not formulas', async () => {
    checkWorkbook(await workbook(`/vergelijken.xlsx?eerder=${earlier}&later=${later}`));
  });

  test('when the Excel working sheet is downloaded, then the payloads are text cells, not formulas', async () => {
    checkWorkbook(await workbook(`/onderzoeken/${later}/werkblad/oordelen.xlsx`));
  });
});
