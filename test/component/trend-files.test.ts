// The trend as PDF and spreadsheet on the demo chain 2015 → 2022 → 2026: written by the command
// line and the web app, read back by other programs (pdftotext, openpyxl) and held against
// `toetsing trend --json`; the ombudsman points, which did not exist in 2015, shown as such; two
// inspections refused as a trend (that is a comparison).
import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import { buildApp } from '../../src/web/app';
import { closeEngine } from '../../src/reports/engine';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';
import { run } from '../helpers/cli';
import { pdfText } from '../helpers/pdf';
import { readXlsx, records, ReadSheet } from '../helpers/xlsx-reader';

jest.setTimeout(240_000);

interface JsonPoint { state: string; code: string | null; label: string; direction: string | null }
interface JsonShare { assessed: number; kept: number; keptOrPartial: number }
interface TrendJson {
  inspections: Array<{ id: number; year: number; title: string; name: string }>;
  checklists: Array<{
    id: string;
    version: string;
    title: string;
    usage: Array<{ used: boolean; note: string | null }>;
    groups: Array<{ id: string; number: number; title: string; national: JsonPoint[]; shares: Array<JsonShare | null> }>;
    criteria: Array<{ key: string; number: string; name: string; units: Record<string, JsonPoint[]> }>;
  }>;
}

const REFS = ['klachtbehandeling-2015', 'recht-van-klagen-2022', 'klachtbehandeling-2026-illustratief'];

let ctx: TestCtx;
let app: Express;
let ids: number[];
let json: TrendJson;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  app = buildApp(ctx);
  ids = REFS.map((r) => inspectionIdByRef(ctx, r));
  const r = await run(['trend', ...REFS, '--json', '--data', ctx.dataDir]);
  expect(r.err).toBe('');
  json = JSON.parse(r.out) as TrendJson;
});
afterAll(async () => { await closeEngine(); ctx.cleanup(); });

const pct = (part: number, s: JsonShare) => Math.round((part / s.assessed) * 100);
const sheet = (book: ReadSheet[], name: string) => {
  const s = book.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${book.map((b) => b.name).join(', ')}`);
  return s;
};

describe('the trend 2015 → 2022 → 2026 as data (demo)', () => {
  it('when asked as JSON, then the ombudsman points are "bestond nog niet" in 2015, with no share and no direction after', () => {
    const omb = json.checklists.find((c) => c.id === 'ombudsman')!;
    expect(omb.usage[0]).toEqual({ used: false, note: 'bestond nog niet (kader van 2021)' });
    expect(omb.groups[0].national[0]).toEqual({ state: 'not_used', code: null, label: 'Bestond nog niet', direction: null });
    expect(omb.groups[0].shares[0]).toBeNull();
    // 2022 is the first measurement of this checklist: no "niet vergelijkbaar" change into it.
    expect(omb.groups[0].national[1].direction).toBeNull();
    for (const c of omb.criteria) for (const points of Object.values(c.units)) expect(points[0].state).toBe('not_used');
    // The toetsingskader existed in every inspection: every point is a verdict.
    const tk = json.checklists.find((c) => c.id === 'toetsingskader')!;
    expect(tk.criteria.flatMap((c) => Object.values(c.units).flat()).every((p) => p.state === 'verdict')).toBe(true);
  });

  it('then the 2015 shares of toezegging 1 match a hand count of the demo grid (+ nagekomen, ~ ten dele)', () => {
    // The verdict grid of the 2015 demo (one character per unit): criteria 1–5 make up toezegging 1.
    const yaml = fs.readFileSync(path.join(__dirname, '..', '..', 'demo', '2015-klachtbehandeling.yaml'), 'utf8');
    const grid = ['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => new RegExp(`^\\s+${k}: "([^"]+)"`, 'm').exec(yaml)![1].replace(/ /g, ''));
    const count = (ch: string) => grid.join('').split('').filter((c) => c === ch).length;
    const share = json.checklists.find((c) => c.id === 'toetsingskader')!.groups.find((g) => g.number === 1)!.shares[0]!;
    expect(share).toEqual({ assessed: 5 * 14, kept: count('+'), keptOrPartial: count('+') + count('~') });
    expect(share).toEqual({ assessed: 70, kept: 2, keptOrPartial: 22 });
  });

  it('then criteria carry their names and inspections are named once with the year and "illustratief"', () => {
    const tk = json.checklists.find((c) => c.id === 'toetsingskader')!;
    expect(tk.criteria.every((c) => c.name.startsWith(`${c.number}. `) && c.name.length > c.number.length + 4)).toBe(true);
    expect(json.inspections.map((i) => i.name)).toEqual([
      'Klachtbehandeling door de politie (2015, illustratief)',
      'Recht van klagen (2022, illustratief)',
      'Klachtbehandeling door de politie: vervolgonderzoek 2026 (illustratief)',
    ]);
  });
});

describe('the trend as a spreadsheet, read back with openpyxl', () => {
  let book: ReadSheet[];
  beforeAll(async () => {
    const file = path.join(ctx.dataDir, 'trend.xlsx');
    const r = await run(['trend', ...REFS, '--out', file, '--data', ctx.dataDir]);
    expect([r.code, r.err]).toEqual([0, '']);
    book = readXlsx(fs.readFileSync(file));
  });

  it('then sheet Toezeggingen holds per toezegging and inspection the national verdict and the shares of the JSON, as numbers', () => {
    const s = sheet(book, 'Toezeggingen');
    const rows = records(s);
    const groups = json.checklists.flatMap((c) => c.groups.map((g) => ({ c, g })));
    // One header row and one row per toezegging: no block under the data.
    expect(rows.length).toBe(groups.length);
    for (const { c, g } of groups) {
      const row = rows.find((r) => String(r.Kader).startsWith(c.title) && r.Nummer === g.number);
      expect(row).toBeDefined();
      json.inspections.forEach((i, n) => {
        const share = g.shares[n];
        expect([c.id, g.id, i.year, row![`Landelijk oordeel ${i.year}`]]).toEqual([c.id, g.id, i.year, g.national[n].label]);
        if (share === null) {
          expect(row![`Beoordeelde cellen ${i.year}`]).toBeNull();
          expect(row![`Aandeel nagekomen ${i.year}`]).toBeNull();
        } else {
          expect(row![`Beoordeelde cellen ${i.year}`]).toBe(share.assessed);
          expect(row![`Nagekomen ${i.year}`]).toBe(share.kept);
          expect(row![`Nagekomen of ten dele ${i.year}`]).toBe(share.keptOrPartial);
          expect(row![`Aandeel nagekomen ${i.year}`] as number).toBeCloseTo(share.kept / share.assessed, 10);
          expect(row![`Aandeel nagekomen of ten dele ${i.year}`] as number).toBeCloseTo(share.keptOrPartial / share.assessed, 10);
        }
      });
    }
    // Shares are numeric cells shown as percentages.
    const header = s.rows[0];
    const col = header.indexOf('Aandeel nagekomen 2022');
    expect(s.types[1][col]).toBe('n');
    expect(s.formats[1][col]).toBe('0%');
  });

  it('then sheet Criteria holds every criterion × unit with the verdict of each inspection, criterion numbers as numbers', () => {
    const s = sheet(book, 'Criteria');
    const rows = records(s);
    const expected = json.checklists.flatMap((c) => c.criteria.flatMap((cr) => Object.entries(cr.units).map(([unit, points]) => ({ c, cr, unit, points }))));
    expect(rows.length).toBe(expected.length);
    expect(expected.length).toBe((16 + 7) * 14);
    for (const { c, cr, unit, points } of expected) {
      const row = rows.find((r) => String(r.Kader).startsWith(c.title) && String(r.Criterium) === cr.number && r.Eenheidscode === unit);
      expect(row).toBeDefined();
      expect(cr.name).toContain(String(row!.Naam).replace(/…$/, ''));
      json.inspections.forEach((i, n) => { expect([cr.key, unit, i.year, row![`Oordeel ${i.year}`]]).toEqual([cr.key, unit, i.year, points[n].label]); });
    }
    const numberCol = s.rows[0].indexOf('Criterium');
    expect(s.types.slice(1).every((t) => t[numberCol] === 'n')).toBe(true);
  });

  it('then sheet Onderzoeken names each year\'s inspection and says the ombudsman points did not exist in 2015', () => {
    const rows = records(sheet(book, 'Onderzoeken'));
    expect(rows.map((r) => r.Jaar)).toEqual([2015, 2022, 2026]);
    expect(rows[2].Onderzoek).toBe('Klachtbehandeling door de politie: vervolgonderzoek 2026 (illustratief)');
    const omb = json.checklists.find((c) => c.id === 'ombudsman')!;
    expect(rows[0][omb.title]).toBe('bestond nog niet (kader van 2021)');
  });
});

describe('the trend as a PDF, read back with pdftotext', () => {
  let text: string;
  let layout: string;
  beforeAll(async () => {
    const file = path.join(ctx.dataDir, 'trend.pdf');
    const r = await run(['trend', ...REFS, '--out', file, '--data', ctx.dataDir]);
    expect([r.code, r.err]).toEqual([0, '']);
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Content-stream order keeps a wrapped table cell together (a hyphen at a line end joined
    // again); the layout keeps a table row on one line and headings in place. Spaces collapsed.
    text = pdfText(pdf, 'raw').replace(/-\s+/g, '-').replace(/\s+/g, ' ');
    layout = pdfText(pdf, 'layout').replace(/\s+/g, ' ');
  });

  it('then the title names each inspection once, without a doubled "(illustratief)"', () => {
    expect(text).toContain('Trend 2015 → 2022 → 2026');
    expect(text).toContain('Klachtbehandeling door de politie: vervolgonderzoek 2026 (illustratief)');
    expect(text).not.toMatch(/\(illustratief\) \(2026/);
    expect(text).toContain('CONCEPT');
  });

  it('then the first chapter names both checklists\' group kinds and explains the strict verdict in each scale\'s words', () => {
    expect(text).toContain('Landelijk per toezegging en aandachtspunt');
    expect(text).toContain('Een toezegging is pas nagekomen als elk beoordeeld criterium bij elke eenheid nagekomen is');
    expect(text).toContain('Een aandachtspunt is pas opgevolgd als elk beoordeeld criterium bij elke eenheid opgevolgd is');
  });

  it('then per toezegging each inspection\'s national verdict and shares are those of the JSON', () => {
    for (const c of json.checklists) {
      c.groups.forEach((g, gi) => {
        const from = layout.indexOf(`${g.number}. ${g.title}`, layout.indexOf(`${c.title} (${c.version})`));
        expect([c.id, g.id, from > 0]).toEqual([c.id, g.id, true]);
        const next = gi + 1 < c.groups.length ? layout.indexOf(`${c.groups[gi + 1].number}. ${c.groups[gi + 1].title}`, from + 1) : -1;
        const section = layout.slice(from, next > 0 ? next : from + 2000);
        json.inspections.forEach((i, n) => {
          const s = g.shares[n];
          const figures = s === null ? '— — —' : `${s.assessed} ${s.kept} (${pct(s.kept, s)}%) ${s.keptOrPartial} (${pct(s.keptOrPartial, s)}%)`;
          const line = new RegExp(`${i.year} ${g.national[n].label.replace(/[()]/g, '\\$&')} .{0,40}?${figures.replace(/[()]/g, '\\$&')}`, 'i');
          expect([c.id, g.id, i.year, line.test(section)]).toEqual([c.id, g.id, i.year, true]);
        });
      });
    }
  });

  it('then every criterion appears by its name in the timeline, and the ombudsman points as not existing in 2015', () => {
    for (const c of json.checklists) for (const cr of c.criteria) expect([cr.key, text.includes(cr.name)]).toEqual([cr.key, true]);
    expect(text).toContain('bestond nog niet (kader van 2021)');
    expect(text).toContain('Kader bestond nog niet of werd niet gebruikt');
  });
});

describe('two inspections are a comparison, not a trend', () => {
  it('when the command line gets two, then it exits non-zero with a Dutch message naming the comparison', async () => {
    const r = await run(['trend', REFS[0], REFS[1], '--data', ctx.dataDir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/drie of meer onderzoeken/);
    expect(r.err).toContain(`toetsing compare ${REFS[0]} ${REFS[1]}`);
    expect(r.out).toBe('');
  });

  it('when the web page gets two, then it answers 400 with the message and a link to their comparison', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/trend?onderzoeken=${ids[0]},${ids[1]}`).expect(400);
    expect(res.text).toContain('Een trend gaat over drie of meer onderzoeken');
    expect(res.text).toContain(`href="/vergelijken?eerder=${ids[0]}&amp;later=${ids[1]}"`);
    await agent.get(`/trend.xlsx?onderzoeken=${ids[0]},${ids[1]}`).expect(400);
  });
});

describe('the trend on the web', () => {
  it('when shown, then the page names criteria, shows the missing checklist as such and links to both files', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/trend?onderzoeken=${ids.join(',')}`).expect(200);
    const tk = json.checklists.find((c) => c.id === 'toetsingskader')!;
    expect(res.text).toContain(tk.criteria[6].name.replace(/&/g, '&amp;'));
    expect(res.text).toContain('bestond nog niet');
    expect(res.text).not.toMatch(/>niet vergelijkbaar<\/span> <span class="dchip/);
    expect(res.text).toContain(`href="/trend.pdf?onderzoeken=${ids.join('%2C')}"`);
    expect(res.text).toContain(`href="/trend.xlsx?onderzoeken=${ids.join('%2C')}"`);
  });

  it('when the PDF is downloaded for a checklist, then it is a PDF named by title and years', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get('/trend.pdf?kader=toetsingskader').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => { cb(null, Buffer.concat(chunks)); });
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('Trend 2015-2022-2026 - Klachtbehandeling door de politie (concept).pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Trend 2015 → 2022 → 2026');
    // Limited to the toetsingskader: the ombudsman points are not in it.
    expect(text).not.toContain('Aandachtspunten Nationale ombudsman (2021)');
  });

  it('when the spreadsheet is downloaded, then it is named by title and years, not keys, and holds the same shares', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/trend.xlsx?onderzoeken=${ids.join(',')}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => { cb(null, Buffer.concat(chunks)); });
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('Trend 2015-2022-2026 - Klachtbehandeling door de politie (concept).xlsx');
    expect(res.headers['content-disposition']).not.toMatch(/klachtbehandeling-2015|recht-van-klagen/);
    const rows = records(sheet(readXlsx(res.body as Buffer), 'Toezeggingen'));
    const g = json.checklists[0].groups[0];
    expect(rows[0]['Nagekomen 2022']).toBe(g.shares[1]!.kept);
  });
});
