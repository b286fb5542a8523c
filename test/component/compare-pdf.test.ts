// The comparison PDF, printed by the real report engine (Chromium): its text holds every
// criterion with both verdicts for every unit, and the print furniture of the other reports.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../src/web/app';
import { closeEngine } from '../../src/reports/engine';
import { loadComparison } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { criterionNumbers } from '../../src/reports/compare-rows';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';
import { run } from '../helpers/cli';
import { pdfText } from '../helpers/pdf';
import { unitNameOf } from '../../src/domain/units';

jest.setTimeout(180_000);

let ctx: TestCtx;
beforeAll(async () => { ctx = makeCtx({ demo: true }); await addUsers(ctx); });
afterAll(async () => { await closeEngine(); ctx.cleanup(); });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the comparison PDF (2015 → 2022, demo)', () => {
  it('when downloaded, then its text holds every criterion with both verdicts per unit, page numbers and the illustrative mark', async () => {
    const id15 = inspectionIdByRef(ctx, 'klachtbehandeling-2015');
    const id22 = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(`/vergelijken.pdf?eerder=${id15}&later=${id22}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const pages = (text.match(/\f/g) ?? []).length;
    expect(text).toMatch(new RegExp(`pagina 3 van ${pages}`));
    expect(text).toContain('illustratief onderzoek');
    expect(text).toContain('CONCEPT');

    // Chapter "Per criterium": for each criterion its heading, then a line per unit with the
    // 2015 verdict and the 2022 verdict (or a dash where that inspection has none).
    const cmp = loadComparison(ctx, OPERATOR, { earlier: id15, later: id22 });
    const start = text.indexOf('Per criterium', text.indexOf('Per criterium') + 1);
    expect(start).toBeGreaterThan(0);
    let at = start;
    let checked = 0;
    for (const c of cmp.checklists) {
      const list = (c.later ?? c.earlier)!;
      const noun = list.groups[0].kind === 'toezegging' ? 'criterium' : 'punt';
      const headings = c.rows.map((r) => `${list.shortTitle}, ${noun} ${criterionNumbers(r).later || criterionNumbers(r).earlier}`);
      c.rows.forEach((row, i) => {
        const from = text.indexOf(headings[i], at);
        expect([headings[i], from > 0]).toEqual([headings[i], true]);
        const nextHeading = i + 1 < headings.length ? text.indexOf(headings[i + 1], from + headings[i].length) : text.indexOf('Opvolging van de aanbevelingen', from);
        const section = text.slice(from, nextHeading > 0 ? nextHeading : undefined);
        expect(section).toContain((row.laterCriterion ?? row.earlierCriteria[0]).text.slice(0, 40));
        for (const cell of row.cells) {
          const e = cell.earlier ? escape(cell.earlier.label) : '—';
          const l = cell.later ? escape(cell.later.label) : '—';
          const line = new RegExp(`^\\s*${escape(unitNameOf(ctx.catalogue, cmp.later, cell.unit))}\\s{2,}${e}\\s{2,}${l}\\s`, 'm');
          expect([headings[i], cell.unit, line.test(section)]).toEqual([headings[i], cell.unit, true]);
          checked++;
        }
        at = from + headings[i].length;
      });
    }
    expect(checked).toBe((16 + 7) * 14);
  });

  it('when the command line writes it with motivations, then the file holds both motivations side by side', async () => {
    const file = path.join(ctx.dataDir, 'v.pdf');
    const r = await run(['compare', 'recht-van-klagen-2022', 'klachtbehandeling-2026-illustratief', '--motivaties', '--out', file, '--data', ctx.dataDir]);
    expect(r.code).toBe(0);
    const text = pdfText(fs.readFileSync(file));
    expect(text).toContain('Vergelijking 2022 → 2026');
    expect(text).toMatch(/MOTIVERING 2022\s+MOTIVERING 2026/i);
  });
});
