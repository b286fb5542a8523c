// The table of contents printed speculatively (src/reports/toc.ts), with real Chromium and read
// back with poppler: after an edit that moves no heading the report costs one print, after one
// that moves a chapter the numbers are still right, the same content is read from the store
// without printing, and the delivered PDF carries no trace of the measuring (text, bookmarks).
import fs from 'node:fs';
import path from 'node:path';
import { OPERATOR } from '../../src/app/operator';
import { nationalReportDocx, nationalReportPdf } from '../../src/app/reports';
import { reportDocument } from '../../src/reports';
import { closeEngine, printCount } from '../../src/reports/engine';
import { diskPdfStore, reportCacheDir } from '../../src/reports/pdf-cache';
import { clearTocCache, destinationPages, PdfStore, printWithTocDetailed, TwoPassDocument } from '../../src/reports/toc';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { inspectionIdByRef, makeCtx, tempDir, TestCtx } from '../helpers/context';
import { pagesOf, pdfBookmarks, pdfText } from '../helpers/pdf';
import { norm } from './report-helpers';

/**
 * Every entry of the contents (page 2) against the page its heading is printed on. A heading is
 * found from the previous one's page on, on a line of its own (or two lines read together).
 */
function tocMismatches(pdf: Buffer): { entries: number; wrong: Array<{ entry: string; listed: number; found: number }> } {
  const layout = pagesOf(pdf, 'layout');
  const tocPage = layout.findIndex((p) => /^\s*Inhoud\s*$/m.test(p));
  const entries = layout[tocPage].split('\n')
    .map((l) => /^\s*(\S.*?\S)\s{2,}(\d+)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ text: norm(m[1]), page: Number(m[2]) }));
  const wrong: Array<{ entry: string; listed: number; found: number }> = [];
  let from = tocPage + 1;
  for (const e of entries) {
    const onPage = (p: string) => p.split('\n').some((l, k, all) => norm(l) === e.text || norm(`${l} ${all[k + 1] ?? ''}`) === e.text);
    const at = layout.findIndex((p, i) => i >= from && onPage(p));
    if (at + 1 !== e.page) wrong.push({ entry: e.text, listed: e.page, found: at + 1 });
    from = Math.max(from, at);
  }
  return { entries: entries.length, wrong };
}

const filler = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `<p>Alinea ${i + 1} over ${word}: de Inspectie beoordeelt of de klacht tijdig, zorgvuldig en volledig is afgehandeld en of de klager daarover is geïnformeerd.</p>`).join('');

/** A small report: three chapters, the first with two sections of `first` and `second` paragraphs. */
function doc(first: number, second: number, word = 'klachten'): TwoPassDocument {
  return reportDocument({
    title: 'Proefrapport inhoudsopgave',
    page: { runningTitle: 'Proefrapport', mark: 'CONCEPT', final: false, illustrative: false },
    titlePage: '<section class="title-page"><p>Proefrapport</p></section>',
    body: (r) =>
      r.heading(1, 'Hoofdstuk een') + r.heading(2, 'Paragraaf een punt een') + filler(first, word) + r.heading(2, 'Paragraaf een punt twee') + filler(second, word) +
      r.heading(1, 'Hoofdstuk twee') + filler(5, word) + r.heading(2, 'Paragraaf twee punt een') + filler(3, word) +
      r.heading(1, 'Hoofdstuk drie') + filler(2, word),
  });
}

/** A print counted by the engine (not by time). */
async function counted<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const before = printCount();
  const out = await fn();
  return [printCount() - before, out];
}

afterAll(async () => {
  await closeEngine();
});

describe('speculative table of contents', () => {
  const report = { report: 'test:proefrapport' };

  beforeAll(() => clearTocCache());

  test('when a report is printed for the first time, then a measuring print and the final print, and every entry shows its heading\'s page', async () => {
    const [prints, out] = await counted(() => printWithTocDetailed(doc(4, 4), {}, report));
    expect(prints).toBe(2);
    expect(out.prints).toBe(2);
    const toc = tocMismatches(out.pdf);
    expect(toc.entries).toBe(6);
    expect(toc.wrong).toEqual([]);
  }, 120_000);

  test('when an edit changes words but moves no heading, then exactly one print and the contents stay right', async () => {
    const [prints, out] = await counted(() => printWithTocDetailed(doc(4, 4, 'klaagschriften'), {}, report));
    expect(prints).toBe(1);
    expect(pdfText(out.pdf, 'raw')).toContain('klaagschriften');
    expect(tocMismatches(out.pdf).wrong).toEqual([]);
  }, 120_000);

  test('when an edit pushes a section and the next chapters to later pages, then the contents show the new pages', async () => {
    const before = await destinationPages((await printWithTocDetailed(doc(4, 4), {}, report)).pdf);
    const [prints, out] = await counted(() => printWithTocDetailed(doc(60, 4), {}, report));
    const after = await destinationPages(out.pdf);
    // The edit really moved them: otherwise this test would prove nothing.
    expect(after.get('s3-2')!).toBeGreaterThan(before.get('s3-2')!);
    expect(after.get('s4-1')!).toBeGreaterThan(before.get('s4-1')!);
    expect(prints).toBeGreaterThanOrEqual(2);
    expect(prints).toBeLessThanOrEqual(3);
    const toc = tocMismatches(out.pdf);
    expect(toc.entries).toBe(6);
    expect(toc.wrong).toEqual([]);
  }, 120_000);

  test('when the report is delivered, then its text, bookmarks and tags hold only what the reader sees: no probes, a bookmark per heading', async () => {
    const { pdf } = await printWithTocDetailed(doc(60, 4), {}, report);
    expect(pdfText(pdf, 'raw')).not.toMatch(/zqtoc|toc-probe/);
    expect(pdf.toString('latin1')).not.toMatch(/zqtoc/);
    expect(await pdfBookmarks(pdf)).toEqual(expect.arrayContaining([
      { title: 'Hoofdstuk een', depth: expect.any(Number) },
      { title: 'Paragraaf een punt twee', depth: expect.any(Number) },
      { title: 'Hoofdstuk drie', depth: expect.any(Number) },
    ]));
  }, 120_000);

  test('when the same content is asked for again with a store, then the stored bytes come back without a print', async () => {
    const kept = new Map<string, Buffer>();
    const store: PdfStore = { get: (k) => kept.get(k) ?? null, put: (k, b) => { kept.set(k, b); } };
    const first = await printWithTocDetailed(doc(7, 7), {}, { ...report, store });
    const [prints, again] = await counted(() => printWithTocDetailed(doc(7, 7), {}, { ...report, store }));
    expect(first.prints).toBeGreaterThanOrEqual(1);
    expect(prints).toBe(0);
    expect(again.pdf.equals(first.pdf)).toBe(true);
    // Other print options are another PDF: not served from the same entry.
    const [otherPrints] = await counted(() => printWithTocDetailed(doc(7, 7), { tagged: false }, { ...report, store }));
    expect(otherPrints).toBe(1);
  }, 120_000);
});

describe('national report of the demo after an edit', () => {
  let ctx: TestCtx;
  let id: number;

  beforeAll(() => {
    clearTocCache();
    ctx = makeCtx({ demo: true });
    id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  });

  afterAll(() => ctx.cleanup());

  test('when one verdict changes after a download, then the next download costs one print, its contents are right, and an unchanged one none', async () => {
    await nationalReportPdf(ctx, OPERATOR, id);
    const key = { inspectionId: id, checklist: 'toetsingskader', criterion: 'k2', unit: 'AMS' };
    const cell = getCell(ctx.db, key);
    saveVerdict(ctx.db, OPERATOR.email, key, cell.version, { verdict: cell.verdict === 'nagekomen' ? 'niet_nagekomen' : 'nagekomen', motivation: cell.motivation, workflow: cell.workflow });
    const [prints, pdf] = await counted(() => nationalReportPdf(ctx, OPERATOR, id));
    expect(prints).toBe(1);
    const toc = tocMismatches(pdf);
    expect(toc.entries).toBeGreaterThan(30);
    expect(toc.wrong).toEqual([]);

    const [again, same] = await counted(() => nationalReportPdf(ctx, OPERATOR, id));
    expect(again).toBe(0);
    expect(same.equals(pdf)).toBe(true);
  }, 240_000);

  test('when the Word file is asked for twice without a change, then the second is the stored file, and after an edit a new one', async () => {
    const first = await nationalReportDocx(ctx, OPERATOR, id);
    const dir = reportCacheDir(ctx.dataDir);
    const stored = fs.readdirSync(dir).filter((f) => f.endsWith('.docx'));
    expect(stored.length).toBe(1);
    expect((await nationalReportDocx(ctx, OPERATOR, id)).equals(first)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.docx'))).toEqual(stored);
    const key = { inspectionId: id, checklist: 'toetsingskader', criterion: 'k3', unit: 'AMS' };
    const cell = getCell(ctx.db, key);
    saveVerdict(ctx.db, OPERATOR.email, key, cell.version, { verdict: cell.verdict === 'nagekomen' ? 'niet_nagekomen' : 'nagekomen', motivation: cell.motivation, workflow: cell.workflow });
    const changed = await nationalReportDocx(ctx, OPERATOR, id);
    expect(changed.equals(first)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.docx')).length).toBe(2);
  }, 120_000);

  test('then the stored PDFs and Word files are private files under the data directory', () => {
    const dir = reportCacheDir(ctx.dataDir);
    const files = fs.readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of files) expect({ f, mode: fs.statSync(path.join(dir, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
  });
});

describe('disk store of finished PDFs', () => {
  test('when the folder grows past its limit, then the least recently used PDF goes and the others stay readable', () => {
    const dir = path.join(tempDir('toetsing-pdfcache-'), 'cache', 'reports');
    try {
      const store = diskPdfStore(dir, 2500);
      const pdf = (c: string) => Buffer.from(`%PDF-1.4\n${c.repeat(1000)}`);
      const key = (c: string) => c.repeat(64);
      store.put(key('a'), pdf('a'));
      store.put(key('b'), pdf('b'));
      // Reading a makes it the most recently used one.
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(path.join(dir, `${key('a')}.pdf`), past, past);
      fs.utimesSync(path.join(dir, `${key('b')}.pdf`), past, past);
      expect(store.get(key('a'))?.equals(pdf('a'))).toBe(true);
      store.put(key('c'), pdf('c'));
      expect(store.get(key('b'))).toBeNull();
      expect(store.get(key('a'))?.equals(pdf('a'))).toBe(true);
      expect(store.get(key('c'))?.equals(pdf('c'))).toBe(true);
      expect(store.get('../../etc/passwd')).toBeNull();
    } finally {
      fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });
});
