// The comparison that tells management what changed (issue 16, points 1–4), on the demo chain
// 2015 → 2022 → 2026: the summary in words, the share kept beside the strict verdict (checked
// against a hand count from the demo grids, not from the code under test), the headline over what
// both inspections assessed, criterion names, file names and a pair given in reverse order.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Express } from 'express';
import { loadComparison } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { summarise } from '../../src/present/comparison-summary';
import type { Comparison } from '../../src/domain/comparison/types';
import { closeEngine } from '../../src/reports/engine';
import { comparisonRunningTitle } from '../../src/reports/compare.model';
import { TestCtx, USERS } from '../helpers/context';
import { demoChain } from '../helpers/demo-chain';
import { login } from '../helpers/http';
import { run } from '../helpers/cli';
import { pdfText } from '../helpers/pdf';
import { hasSoffice, office } from '../helpers/libreoffice';

jest.setTimeout(180_000);

let ctx: TestCtx;
let app: Express;
let id15: number;
let id22: number;
let id26: number;
let cmp: Comparison;

beforeAll(async () => {
  ({ ctx, app, id15, id22, id26 } = await demoChain());
  cmp = loadComparison(ctx, OPERATOR, { earlier: id15, later: id22 });
});
afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
});

/** Per toezegging of the toetsingskader, [kept, assessed] counted straight from a demo file's grid. */
function handCount(file: string): Record<string, [number, number]> {
  const doc = YAML.parse(fs.readFileSync(path.join(__dirname, '../../demo', file), 'utf8')) as {
    grid: { tables: Array<{ checklist: string; rows: Record<string, string> }> };
  };
  const rows = doc.grid.tables.find((t) => t.checklist === 'toetsingskader')!.rows;
  // The three toezeggingen of the 2016 toetsingskader: criteria 1–5, 6–12 and 13–16.
  const groupOf = (k: string) => { const n = Number(k.slice(1)); return n <= 5 ? 'opvolgen' : n <= 12 ? 'leren' : 'uniform'; };
  const out: Record<string, [number, number]> = { opvolgen: [0, 0], leren: [0, 0], uniform: [0, 0] };
  for (const [k, marks] of Object.entries(rows)) {
    for (const m of marks.replace(/\s/g, '')) {
      if (m === '.') continue;
      out[groupOf(k)][1]++;
      if (m === '+') out[groupOf(k)][0]++;
    }
  }
  return out;
}

describe('the summary of 2015 → 2022', () => {
  it('when a unit declined, then the summary names the unit and the criterion (Noord-Holland, criterion 7)', () => {
    const sentences = summarise(cmp, ctx.catalogue).sentences;
    const decline = sentences.filter((s) => s.kind === 'decline');
    expect(decline).toHaveLength(1);
    expect(decline[0].text).toContain('Noord-Holland');
    expect(decline[0].text).toContain('7. Lijnchefs betrokken bij de leerstructuur');
    expect(decline[0].target).toBe('c-toetsingskader-k7');
  });

  it('when a toezegging stays "ten dele" while its share rises, then a sentence says so', () => {
    const s = summarise(cmp, ctx.catalogue).sentences.filter((x) => x.kind === 'strict_vs_share');
    expect(s.map((x) => x.target)).toEqual(['t-toetsingskader-leren', 't-toetsingskader-uniform']);
    expect(s[0].text).toMatch(/bleef ten dele nagekomen, maar het aandeel nagekomen cellen steeg van 0% \(2015\) naar 61% \(2022\)/);
  });

  it('then every sentence per toezegging counts improved, stayed and declined units', () => {
    const group = summarise(cmp, ctx.catalogue).sentences.filter((x) => x.kind === 'group');
    expect(group).toHaveLength(3);
    expect(group[1].text).toContain('van de 14 eenheden 13 verbeterden');
    expect(group[1].text).toContain('1 ging op een criterium achteruit');
  });
});

describe('the share kept per toezegging', () => {
  it('then for 2015 and 2022 it matches a hand count of the demo grids', () => {
    const earlier = handCount('2015-klachtbehandeling.yaml');
    const later = handCount('2022-recht-van-klagen.yaml');
    const progress = cmp.progress.find((p) => p.checklistId === 'toetsingskader')!;
    for (const g of progress.groups) {
      expect([g.earlier.kept, g.earlier.assessed]).toEqual(earlier[g.group.id]);
      expect([g.later.kept, g.later.assessed]).toEqual(later[g.group.id]);
    }
    // As read by hand: 2 of 70 kept in 2015 for opvolgen (k1 at MN and RT), all 70 in 2022.
    expect(earlier.opvolgen).toEqual([2, 70]);
    expect(later.opvolgen).toEqual([70, 70]);
  });
});

describe('the headline', () => {
  it('when a checklist exists only in 2022, then its cells are counted apart, not as "niet vergelijkbaar"', () => {
    expect(cmp.headline.cells).toBe(16 * 14);
    expect(cmp.headline.counts).toMatchObject({ verbeterd: 202, gelijk: 21, verslechterd: 1, niet_vergelijkbaar: 0 });
    expect(cmp.headline.apart).toEqual([{ checklistId: 'ombudsman', title: 'Aandachtspunten Nationale ombudsman', only: 'later', assessed: 98 }]);
  });

  it('then the page shows the headline and the cells counted apart', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/vergelijken?eerder=${id15}&later=${id22}`).expect(200);
    expect(res.text).toContain('Wat verbeterde, wat niet');
    expect(res.text).toMatch(/alleen in 2022 beoordeeld: <strong>98 cellen<\/strong>/);
    // The heatmap names its criteria, and the summary links to their rows.
    const heatmapRow = /<tr id="c-toetsingskader-k7">[\s\S]*?<\/tr>/.exec(res.text)?.[0] ?? '';
    expect(heatmapRow).toContain('<span class="crit-text">Lijnchefs betrokken bij de leerstructuur</span>');
    expect(res.text).toContain('href="#c-toetsingskader-k7"');
  });
});

describe('a pair given in reverse order', () => {
  it('when the later inspection is given first, then the page swaps them and says so', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/vergelijken?eerder=${id22}&later=${id15}`).expect(200);
    expect(res.text).toContain('De volgorde is omgedraaid');
    expect(res.text).toContain('Vergelijking 2015 → 2022');
    // The picker shows the order that was compared.
    const earlierSelect = /<select id="c-eerder"[\s\S]*?<\/select>/.exec(res.text)![0];
    expect(earlierSelect).toContain(`value="${id15}" selected`);
    const swapped = loadComparison(ctx, OPERATOR, { earlier: id22, later: id15 });
    expect([swapped.earlier.id, swapped.later.id, swapped.reordered]).toEqual([id15, id22, true]);
    expect(cmp.reordered).toBe(false);
  });

  it('when the later inspection is given first on the command line, then it says so and compares in order', async () => {
    const r = await run(['compare', 'recht-van-klagen-2022', 'klachtbehandeling-2015', '--data', ctx.dataDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('De volgorde is omgedraaid');
    expect(r.out).toContain('Vergelijking: Klachtbehandeling door de politie (2015, illustratief) → Recht van klagen (2022, illustratief)');
    expect(r.out).toContain('Achteruit op criterium 7. Lijnchefs betrokken bij de leerstructuur: Eenheid Noord-Holland');
  });
});

describe('names in the files', () => {
  it('then the running header names the titles without keys and without repeating a year', () => {
    const later = loadComparison(ctx, OPERATOR, { earlier: id22, later: id26 });
    expect(comparisonRunningTitle(later)).toBe('Vergelijking 2022 → 2026: Recht van klagen → Klachtbehandeling door de politie: vervolgonderzoek');
  });

  it('then the file names carry titles and each year once, no internal keys', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/vergelijken.docx?eerder=${id22}&later=${id26}`).expect(200);
    const disposition = decodeURIComponent(res.headers['content-disposition']);
    expect(disposition).toContain('Vergelijking Recht van klagen 2022 - Klachtbehandeling door de politie vervolgonderzoek 2026 (illustratief) (concept).docx');
    expect(disposition).not.toMatch(/2026.*2026/);
    expect(disposition).not.toContain('recht-van-klagen-2022');
  });

  it('then the PDF names the criteria, starts with the summary and has titles in its running header', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/vergelijken.pdf?eerder=${id15}&later=${id22}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('7. Lijnchefs betrokken bij de leerstructuur');
    expect(text).toContain('Achteruit op criterium 7. Lijnchefs betrokken bij de leerstructuur: Eenheid Noord-Holland');
    expect(text).toContain('Vergelijking 2015 → 2022: Klachtbehandeling door de politie → Recht van klagen');
    expect(text).toContain('Apart geteld, alleen in 2022 beoordeeld: 98 cellen');
    expect(text).toContain('Bron (onderzoek)');
    expect(text).not.toContain('klachtbehandeling-2015');
  });

  (hasSoffice() ? it : it.skip)('then the Word file, read by LibreOffice, starts with the summary and names the criteria', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const res = await agent.get(`/vergelijken.docx?eerder=${id15}&later=${id22}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const o = office();
    try {
      const file = path.join(o.dir, 'vergelijking.docx');
      fs.writeFileSync(file, res.body as Buffer);
      const [txt] = o.convert([file], 'txt:Text');
      const text = fs.readFileSync(txt, 'utf8').replace(/\s+/g, ' ');
      expect(text).toContain('Achteruit op criterium 7. Lijnchefs betrokken bij de leerstructuur: Eenheid Noord-Holland');
      expect(text).toContain('Apart geteld, alleen in 2022 beoordeeld: 98 cellen');
      // The summary comes before the heatmap chapter (the last mention; the contents list names it first).
      expect(text.indexOf('Achteruit op criterium 7')).toBeLessThan(text.lastIndexOf('Veranderingen in één oogopslag'));
      if (process.env.C1_LOOK) fs.copyFileSync(o.convert([file], 'pdf')[0], '/tmp/c1/cmp-docx.pdf');
    } finally {
      o.cleanup();
    }
  });
});
