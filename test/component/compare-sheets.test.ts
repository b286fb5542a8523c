// The comparison's spreadsheet and CSV files (demo 2015 → 2022), read back by other programs than
// the writer (openpyxl for the XLSX, csv-parse for the CSV): numbers are numbers, every sheet is
// a header row and its data (the counts on a sheet of their own), tab names are unique, at most
// 31 characters and cut between words, headers are Dutch words naming both inspections, and the
// national and per-toezegging rows come in a second CSV. The CSV stays formula-safe.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Express } from 'express';
import { loadComparison } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { comparisonCsv } from '../../src/reports/compare-export';
import { sheetName, shortenOnWords } from '../../src/reports/sheet-format';
import type { Comparison } from '../../src/domain/comparison/types';
import { TestCtx, USERS } from '../helpers/context';
import { demoChain } from '../helpers/demo-chain';
import { Agent, login } from '../helpers/http';
import { run } from '../helpers/cli';
import { readXlsx, records, ReadSheet } from '../helpers/xlsx-reader';

jest.setTimeout(120_000);

const EARLIER = 'Klachtbehandeling door de politie (2015, illustratief)';
const LATER = 'Recht van klagen (2022, illustratief)';

let ctx: TestCtx;
let app: Express;
let id15: number;
let id22: number;
let cmp: Comparison;

beforeAll(async () => {
  ({ ctx, app, id15, id22 } = await demoChain());
  cmp = loadComparison(ctx, OPERATOR, { earlier: id15, later: id22 });
});
afterAll(() => ctx.cleanup());

function bytes(agent: Agent, url: string) {
  return agent.get(url).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => { cb(null, Buffer.concat(chunks)); });
  }).expect(200);
}

const csvRows = (text: string) => parse(text.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];

describe('the comparison spreadsheet, read back with openpyxl', () => {
  let book: ReadSheet[];
  beforeAll(async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await bytes(agent, `/vergelijken.xlsx?eerder=${id15}&later=${id22}`);
    book = readXlsx(res.body as Buffer);
  });

  it('then criterion and toezegging numbers are numeric cells, and the headers name both inspections', () => {
    const main = book.find((s) => s.name === 'Vergelijking')!;
    const header = main.rows[0].map(String);
    expect(header).toEqual(expect.arrayContaining([`Oordeel ${EARLIER}`, `Oordeel ${LATER}`, `Criterium ${EARLIER}`, `Criterium ${LATER}`, 'Naam criterium', 'Toezegging (nummer)']));
    const col = header.indexOf(`Criterium ${LATER}`);
    const group = header.indexOf('Toezegging (nummer)');
    expect(main.rows.length).toBe(1 + (16 + 7) * 14);
    for (let r = 1; r < main.rows.length; r++) {
      expect(main.types[r][col]).toBe('n');
      expect(main.types[r][group]).toBe('n');
    }
    const nh7 = records(main).find((r) => r[`Criterium ${LATER}`] === 7 && r.Eenheidscode === 'NH')!;
    expect([nh7[`Oordeel ${EARLIER}`], nh7[`Oordeel ${LATER}`], nh7.Richting]).toEqual(['Ten dele nagekomen', 'Niet nagekomen', 'Verslechterd']);
    expect(nh7['Naam criterium']).toBe('Lijnchefs betrokken bij de leerstructuur');
  });

  it('then no sheet has anything below its data: every row under the header is a data row of that sheet', () => {
    for (const s of book) {
      const width = s.rows[0].length;
      // No empty separator row and no block with its own labels in the first column.
      for (let r = 1; r < s.rows.length; r++) expect([s.name, r, s.rows[r].some((v) => v !== null)]).toEqual([s.name, r, true]);
      expect(s.rows.every((row) => row.length <= width)).toBe(true);
    }
    // Per toezegging: the national row and one per unit, nothing more; the verdict columns hold words only.
    const perGroup = book.filter((s) => /^\d+\.\d+ /.test(s.name));
    expect(perGroup.length).toBe(4);
    for (const s of perGroup) {
      expect(s.rows.length).toBe(1 + 1 + 14);
      expect(s.types.slice(1).every((t) => t[1] !== 'n' && t[2] !== 'n')).toBe(true);
    }
    const counts = records(book.find((s) => s.name === 'Aantallen')!);
    expect(counts[0].Onderdeel).toBe('Alle criteria × eenheden');
    expect(typeof counts[0].Verbeterd).toBe('number');
    expect(counts.some((r) => String(r.Onderdeel).includes('1. Het opvolgen van klachten, eenheden'))).toBe(true);
  });

  it('then tab names are unique, at most 31 characters, and a shortened one ends on a whole word', () => {
    const names = book.map((s) => s.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    const full = cmp.checklists.flatMap((c, ci) => c.groups.map((g) => `${ci + 1}.${g.group.number} ${g.group.title}`));
    for (const f of full) {
      const name = names.find((n) => f.startsWith(n.replace(/…$/, '')) && n.startsWith(f.slice(0, 4)))!;
      expect(name.length).toBeLessThanOrEqual(31);
      if (name !== f) {
        expect(name.endsWith('…')).toBe(true);
        // The cut is between words: the full title goes on with a space.
        expect(f.charAt(name.length - 1)).toBe(' ');
      }
    }
    expect(names).toEqual(expect.arrayContaining(['Vergelijking', 'Toezeggingen', 'Aantallen', 'Onderzoeken']));
  });

  it('then sheet Toezeggingen holds the national and per-unit rows with the shares as numbers', () => {
    const rows = records(book.find((s) => s.name === 'Toezeggingen')!);
    expect(rows.length).toBe(4 * 15);
    const national = rows.find((r) => r.Niveau === 'Landelijk' && r['Toezegging (nummer)'] === 1 && String(r.Kader).startsWith('Toetsingskader'))!;
    expect(national[`Oordeel ${EARLIER}`]).toBe('Ten dele nagekomen');
    expect(national[`Oordeel ${LATER}`]).toBe('Nagekomen');
    const p = cmp.progress[0].groups[0];
    expect(national[`Beoordeelde criteria ${EARLIER}`]).toBe(p.earlier.assessed);
    expect(national[`Nagekomen ${EARLIER}`]).toBe(p.earlier.kept);
    expect(national[`Nagekomen ${LATER}`]).toBe(p.later.kept);
  });
});

describe('the comparison CSV files', () => {
  it('when downloaded, then the headers are Dutch words naming both inspections, numbers unquoted, and the toezeggingen come in a second file', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const csv = await agent.get(`/vergelijken.csv?eerder=${id15}&later=${id22}`).expect(200);
    const rows = csvRows(csv.text);
    expect(rows[0].every((h) => !h.includes('_'))).toBe(true);
    expect(rows[0]).toEqual(expect.arrayContaining([`Oordeel ${EARLIER}`, `Oordeel ${LATER}`, `Motivering ${EARLIER}`, `Kader ${LATER}`]));
    expect(rows).toHaveLength(1 + (16 + 7) * 14);
    // A criterion number is written as a bare number, not as quoted text.
    expect(csv.text).toMatch(/;7;Lijnchefs betrokken bij de leerstructuur;/);

    const groups = await agent.get(`/vergelijken-toezeggingen.csv?eerder=${id15}&later=${id22}`).expect(200);
    expect(groups.headers['content-type']).toMatch(/text\/csv/);
    expect(groups.headers['content-disposition']).toMatch(/toezeggingen\.csv/);
    const g = csvRows(groups.text);
    expect(g[0]).toEqual(expect.arrayContaining(['Kader', 'Niveau', 'Toezegging', `Oordeel ${EARLIER}`, `Oordeel ${LATER}`, 'Richting']));
    const niveau = g[0].indexOf('Niveau');
    expect(g.slice(1).filter((r) => r[niveau] === 'Landelijk')).toHaveLength(4);
    expect(g.slice(1).filter((r) => r[niveau] === 'Eenheid')).toHaveLength(4 * 14);
  });

  it('when the command line writes a CSV, then it writes the toezeggingen file next to it', async () => {
    const file = path.join(ctx.dataDir, 'v.csv');
    const r = await run(['compare', 'klachtbehandeling-2015', 'recht-van-klagen-2022', '--out', file, '--data', ctx.dataDir]);
    expect([r.code, r.err]).toEqual([0, '']);
    const second = path.join(ctx.dataDir, 'v-toezeggingen.csv');
    expect(r.out).toContain(second);
    expect(csvRows(fs.readFileSync(second, 'utf8'))[0]).toContain('Niveau');
  });

  it('when a motivation starts like a formula, then the CSV still neutralises it', () => {
    const tampered = structuredClone(cmp);
    const cell = tampered.checklists[0].rows[0].cells[0];
    cell.later = { ...cell.later!, motivation: '=HYPERLINK("http://x")' };
    const text = comparisonCsv(tampered, ctx.catalogue);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('tab names', () => {
  it('when names are long or repeat, then they are cut between words and numbered within 31 characters', () => {
    const used = new Set<string>();
    const long = 'Het waarborgen van het leren van klachten door de organisatie';
    const a = sheetName(long, used);
    const b = sheetName(long, used);
    expect(a).toBe('Het waarborgen van het leren…');
    expect(b).toBe('Het waarborgen van het… (2)');
    expect([a.length, b.length].every((n) => n <= 31)).toBe(true);
    expect(sheetName('a/b:c', used)).toBe('a b c');
    expect(shortenOnWords('Kort', 31)).toBe('Kort');
  });
});
