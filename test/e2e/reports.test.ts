// The national and per-unit PDF reports of the demo, read back with poppler: every criterion and
// point verbatim, the verdicts the domain computed, numbered notes with their sources, a table of
// contents that points at the right pages, "pagina X van Y", metadata and the status mark.
import { allCriteria } from '../../src/domain/checklist';
import { inspectionStatus } from '../../src/domain/status';
import { describeTally } from '../../src/present';
import { loadSnapshot } from '../../src/store/inspections.store';
import { OPERATOR } from '../../src/app/operator';
import { nationalReportModel, nationalReportPdf, unitReportPdf } from '../../src/app/reports';
import { closeEngine } from '../../src/reports';
import { verdictLabel } from '../../src/domain/checklist';
import { inspectionIdByRef, makeCtx, TestCtx } from '../helpers/context';
import { pagesOf, pdfInfo } from '../helpers/pdf';
import { norm } from './report-helpers';

let ctx: TestCtx;
let id: number;
let pdf: Buffer;
let layout: string[];
let raw: string;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  pdf = await nationalReportPdf(ctx, OPERATOR, id);
  layout = pagesOf(pdf, 'layout');
  raw = norm(pagesOf(pdf, 'raw').join('\n'));
}, 120_000);

afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
});

describe('national report of the demo inspection', () => {
  test('when printed, then it is a tagged A4 PDF with the report title and language nl', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Recht van klagen — landelijk rapport');
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(pdf.toString('latin1')).toMatch(/\/Lang \(nl\)/);
  });

  test('then all 16 criteria (with the sub-points of criterion 6) and all 7 ombudsman points appear verbatim', () => {
    for (const id of ['toetsingskader', 'ombudsman']) {
      const checklist = ctx.catalogue.checklists.get(id)!;
      const criteria = allCriteria(checklist);
      expect(criteria.length).toBe(id === 'toetsingskader' ? 16 : 7);
      for (const cr of criteria) {
        expect(raw).toContain(norm(cr.text));
        for (const sp of cr.subpoints ?? []) expect(raw).toContain(norm(sp));
      }
    }
  });

  test('then every page says "pagina X van N" and carries the CONCEPT mark', () => {
    const n = Number(pdfInfo(pdf).Pages);
    expect(layout.length).toBe(n);
    layout.forEach((page, i) => {
      expect(norm(page)).toContain(`pagina ${i + 1} van ${n}`);
      expect(page).toContain('CONCEPT');
    });
  });

  test('then the national verdict per toezegging is the one the domain computed, in words', () => {
    const st = inspectionStatus(loadSnapshot(ctx.db, id), ctx.catalogue);
    const tk = st.rollups.find((r) => r.checklist.id === 'toetsingskader')!;
    for (const g of tk.checklist.groups) {
      const rolled = tk.rollup.nationalGroup.get(g.id)!;
      const label = verdictLabel(tk.checklist.scale, rolled.final);
      const counts = describeTally(tk.checklist, rolled.tally, { one: 'eenheid', many: 'eenheden' });
      expect(raw.toLowerCase()).toContain(`oordeel landelijk ${label} ${counts}`.toLowerCase());
    }
  });

  test('then every cited source has a numbered note with title, type, date and party, numbered by first citation', () => {
    const model = nationalReportModel(ctx, OPERATOR, id);
    const notes = model.sections.flatMap((s) => s.notes);
    // One sequence through the report, each note printed once, at the end of the chapter it was first numbered in.
    expect(notes.map((n) => n.number)).toEqual(notes.map((_n, i) => i + 1));
    const verdictNotes = notes.filter((n) => !n.footnote);
    expect(verdictNotes.length).toBeGreaterThan(5);
    for (const n of verdictNotes) {
      expect(raw).toContain(norm(`${n.number} ${n.title}. ${n.typeLabel}`));
      if (n.date) expect(raw).toContain(norm(`${n.title}. ${n.typeLabel}, ${n.date}`));
    }
    const interview = verdictNotes.find((n) => n.wederhoor !== null)!;
    expect(interview).toBeDefined();
    expect(raw).toContain(norm(`${interview.title}.`));
    expect(raw).toMatch(new RegExp(`${interview.number} [^]*?Wederhoor: `));
    // The list of sources holds every piece of evidence of the inspection.
    for (const e of loadSnapshot(ctx.db, id).evidence) expect(raw).toContain(norm(e.title));
  });

  test('then each table of contents entry shows the page on which its heading really is', () => {
    const tocPage = layout.findIndex((p) => /^\s*Inhoud\s*$/m.test(p));
    expect(tocPage).toBe(1);
    const entries = layout[tocPage].split('\n')
      .map((l) => /^\s*(\S.*?\S)\s{2,}(\d+)\s*$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ text: norm(m[1]), page: Number(m[2]) }));
    expect(entries.length).toBeGreaterThan(30);
    expect(entries.map((e) => e.text)).toEqual(expect.arrayContaining(['Samenvatting', '1 Inleiding', '2 Het opvolgen van klachten', '2.2 Deelconclusies']));
    let from = tocPage + 1;
    for (const e of entries) {
      // A long heading wraps: it is found on one line or on two lines read together.
      const onPage = (p: string) => p.split('\n').some((l, k, all) => norm(l) === e.text || norm(`${l} ${all[k + 1] ?? ''}`) === e.text);
      const at = layout.findIndex((p, i) => i >= from && onPage(p));
      expect({ entry: e.text, page: at + 1 }).toEqual({ entry: e.text, page: e.page });
      from = at;
    }
  });

  test('then the appendices hold the matrix with a legend in words, the complaint figures and a chart', () => {
    expect(raw).toContain('Oordelen per eenheid en criterium');
    expect(raw).toMatch(/Tdn Ten dele nagekomen/);
    expect(raw).toMatch(/Afgerond 9\.732 9\.655 9\.484 10\.284 13\.090/);
    expect(raw).toContain('Opvolging van de aanbevelingen uit 2015');
  });
});

describe('per-unit report of the demo inspection', () => {
  test('when printed for Amsterdam, then it shows the verdict per toezegging, the criteria, the points and the 2015 verdicts beside them', async () => {
    const unit = await unitReportPdf(ctx, OPERATOR, id, 'AMS');
    const text = norm(pagesOf(unit, 'raw').join('\n'));
    expect(pdfInfo(unit).Title).toBe('Recht van klagen — Eenheid Amsterdam');
    expect(text).toContain('Oordeel 2022');
    expect(text).toContain('Oordeel 2015');
    for (const cr of allCriteria(ctx.catalogue.checklists.get('ombudsman')!)) expect(text).toContain(norm(cr.text));
    expect(text).toMatch(/Het opvolgen van klachten (Nagekomen|Ten dele nagekomen|Niet nagekomen) \d+ van 5 criteria/);
    expect(text).toMatch(/pagina 1 van \d+/);
  }, 60_000);
});
