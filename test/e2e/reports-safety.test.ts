// Rendering reports safely and robustly: user text never reaches the network or the file
// system, edge cases render, a dead browser is replaced, and a full queue says so.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../src/errors';
import { httpStatus } from '../../src/web/http-errors';
import { importDocument } from '../../src/store/documents';
import { OPERATOR } from '../../src/app/operator';
import { nationalReportPdf, unitReportPdf } from '../../src/app/reports';
import { closeEngine, renderPdf } from '../../src/reports';
import { browserPid, configureEngine } from '../../src/reports/engine';
import { makeCtx, TestCtx } from '../helpers/context';
import { pagesOf } from '../helpers/pdf';
import { norm, smallDocument } from './report-helpers';

let ctx: TestCtx;

beforeAll(() => { ctx = makeCtx(); });
afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
});

describe('a report whose user texts try to load things', () => {
  let server: http.Server;
  const hits: string[] = [];
  let port = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => { hits.push(req.url ?? ''); res.end('root:x:0:0:canary'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('when rendered, then the canary server receives no request and the payloads appear as text', async () => {
    const payloads = [
      `<img src=http://127.0.0.1:${port}/img>`,
      `<iframe src=file:///etc/passwd></iframe>`,
      `<link rel=stylesheet href=http://127.0.0.1:${port}/s.css>`,
      `<style>@import url(http://127.0.0.1:${port}/import.css);</style>`,
      `<p style="background:url(http://127.0.0.1:${port}/bg.png)">achtergrond</p>`,
      `<meta http-equiv=refresh content="0;url=http://127.0.0.1:${port}/refresh">`,
      `//127.0.0.1:${port}/relatief`,
      `<script>document.write('<img src=http://127.0.0.1:${port}/js>')</script>`,
    ];
    const text = payloads.join(' en ');
    const doc = smallDocument({ ref: 'canary', motivation: text, finding: text, evidenceTitle: payloads.slice(0, 4).join(' ') });
    // The title also lands in the CSS of the running header: try to break out of that string.
    doc.inspection.title = `Canary"); } @import url(http://127.0.0.1:${port}/title.css); x { content: ("`;
    const id = importDocument(ctx.db, ctx.catalogue, 'test', doc);

    const national = norm(pagesOf(await nationalReportPdf(ctx, OPERATOR, id), 'raw').join('\n'));
    const unit = norm(pagesOf(await unitReportPdf(ctx, OPERATOR, id, 'AMS'), 'raw').join('\n'));

    expect(hits).toEqual([]);
    for (const p of payloads) {
      expect(national).toContain(norm(p));
      expect(unit).toContain(norm(p));
    }
    expect(unit).toContain('<script>');
    expect(national + unit).not.toContain('root:x:');
    expect(national).toContain(`@import url(http://127.0.0.1:${port}/title.css)`);
  }, 120_000);
});

describe('edge cases', () => {
  test('when a unit has no verdicts at all, then its report and the national report still render', async () => {
    const id = importDocument(ctx.db, ctx.catalogue, 'test', smallDocument({ ref: 'leeg', verdicts: false }));
    const unit = norm(pagesOf(await unitReportPdf(ctx, OPERATOR, id, 'RT'), 'raw').join('\n'));
    expect(unit).toContain('nog geen enkel criterium beoordeeld');
    expect(unit).toContain('Niet beoordeeld');
    const national = norm(pagesOf(await nationalReportPdf(ctx, OPERATOR, id), 'raw').join('\n'));
    expect(national).toContain('Niet beoordeeld');
  }, 60_000);

  test('when the inspection has no predecessor and no figures, then the national report leaves those parts out or says so', async () => {
    const id = importDocument(ctx.db, ctx.catalogue, 'test', smallDocument({ ref: 'zonder-voorganger' }));
    const national = norm(pagesOf(await nationalReportPdf(ctx, OPERATOR, id), 'raw').join('\n'));
    expect(national).not.toContain('Opvolging eerdere aanbevelingen');
    expect(national).not.toContain('Vorig onderzoek');
    expect(national).toContain('Voor dit onderzoek zijn geen klachtcijfers vastgelegd.');
    const unit = norm(pagesOf(await unitReportPdf(ctx, OPERATOR, id, 'NN'), 'raw').join('\n'));
    expect(new Set(unit.match(/Oordeel \d{4}/g))).toEqual(new Set(['Oordeel 2024']));
  }, 60_000);

  test('when the inspection is vastgesteld, then every page shows the date of vaststelling and none says CONCEPT', async () => {
    const id = importDocument(ctx.db, ctx.catalogue, 'test', smallDocument({ ref: 'vastgesteld', status: 'vastgesteld' }));
    const pages = pagesOf(await nationalReportPdf(ctx, OPERATOR, id));
    for (const p of pages) {
      expect(p).toContain('Vastgesteld op 5 maart 2024');
      expect(p).not.toContain('CONCEPT');
    }
  }, 60_000);

  test('when an inspection holds 2,000 pieces of evidence, then the report renders with every one in the list of sources', async () => {
    const id = importDocument(ctx.db, ctx.catalogue, 'test', smallDocument({ ref: 'groot', evidence: 2000 }));
    const pdf = await nationalReportPdf(ctx, OPERATOR, id, { printTimeoutMs: 180_000 });
    const text = norm(pagesOf(pdf, 'raw').join('\n'));
    expect(text).toContain('Testbron nummer 1.');
    expect(text).toContain('Testbron nummer 2000');
    expect(pagesOf(pdf).length).toBeGreaterThan(40);
  }, 300_000);
});

describe('the engine', () => {
  const heavy = `<!doctype html><html lang="nl"><head><title>zwaar</title></head><body>${'<p>Een regel tekst die de printer bezig houdt.</p>'.repeat(30000)}</body></html>`;
  const light = '<!doctype html><html lang="nl"><head><title>licht</title></head><body><p>Klein</p></body></html>';

  test('when the browser is killed in the middle of a job, then that job fails with a Dutch 503 and the next job gets a new browser', async () => {
    await renderPdf(light);
    const before = browserPid()!;
    const job = renderPdf(heavy).then(() => 'klaar', (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    process.kill(before, 'SIGKILL');
    const outcome = await job;
    expect(outcome).toBeInstanceOf(AppError);
    expect(httpStatus((outcome as AppError).kind)).toBe(503);
    const pdf = await renderPdf(light);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(browserPid()).not.toBe(before);
  }, 60_000);

  test('when more jobs arrive than the queue holds, then the extra one is refused with 503 and the others finish', async () => {
    configureEngine({ concurrency: 1, maxQueue: 1 });
    try {
      const jobs = [renderPdf(light), renderPdf(light), renderPdf(light)].map((p) => p.then((b) => b.subarray(0, 5).toString(), (e: unknown) => (e instanceof AppError ? httpStatus(e.kind) : e)));
      expect(await Promise.all(jobs)).toEqual(['%PDF-', '%PDF-', 503]);
    } finally {
      configureEngine({ concurrency: 2, maxQueue: 32 });
    }
  }, 60_000);

  test('when a report is written, then the bytes are a Buffer', async () => {
    const pdf = await renderPdf(light);
    expect(Buffer.isBuffer(pdf)).toBe(true);
    const file = path.join(os.tmpdir(), `toetsing-buffer-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    fs.rmSync(file);
  });
});
