// The report PDFs as an archive and a screen reader see them, read with another PDF library
// (pikepdf, test/helpers/pdf_structure.py) than the one that wrote them: headings that nest
// without jumps, every figure with a text alternative, links with a description, the PDF/A-2
// identification in XMP with an sRGB output intent, Info and XMP saying the same, fonts
// embedded, no JavaScript and nothing outside the file. No veraPDF here: these are the rules of
// PDF/A-2b that can be checked on this machine, not a validation.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { comparisonFile } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { nationalReportPdf, unitReportPdf } from '../../src/app/reports';
import { closeEngine, renderPdf } from '../../src/reports';
import type { VerdictView } from '../../src/present';
import { verdictChart } from '../../src/reports/charts';
import { archivalPdf, creatorTool, linkDescriptions, metadataFor, PDF_AUTHOR } from '../../src/reports/pdf-metadata';
import { editPdfWhole } from '../../src/reports/pdf-update';
import { inspectionIdByRef, makeCtx, tempDir, TestCtx } from '../helpers/context';

const PYTHON = '/usr/bin/python3';
const CHECKER = path.resolve(__dirname, '..', 'helpers', 'pdf_structure.py');

interface Structure {
  tagged: boolean;
  lang: string | null;
  structTree: boolean;
  displayDocTitle: boolean;
  trailerId: boolean;
  outline: Array<{ level: number; title: string }>;
  headings: Array<{ tag: string; level: number; text: string; page: number | null }>;
  headingJumps: Array<{ from: string | null; fromText: string | null; to: string; toText: string; page: number | null }>;
  figures: Array<{ alt: string | null; page: number | null }>;
  figuresWithoutAlt: Array<{ alt: string | null; page: number | null }>;
  links: { annotationsDescribed: number; annotationsUndescribed: unknown[]; structElements: number; structWithoutAlt: unknown[] };
  info: Record<string, string>;
  xmp: Record<string, string | boolean | null>;
  infoXmpMismatches: unknown[] | null;
  outputIntents: Array<{ S: string; condition: string; icc: boolean; N: number | null; iccColourSpace: string | null; iccSignature: string | null }>;
  fonts: number;
  fontsNotEmbedded: string[];
  javascript: string[];
  external: unknown[];
}

let dir: string;

function structureOf(pdf: Buffer, name: string): Structure {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return JSON.parse(execFileSync(PYTHON, [CHECKER, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Structure;
}

/** "H2 "2.1 Criterium 1" → H4 "Bevindingen" (p. 9)", so a failure names the headings. */
function describeJumps(s: Structure): string[] {
  return s.headingJumps.map((j) => `${j.from ?? 'begin'} "${j.fromText ?? ''}" → ${j.to} "${j.toText}" (p. ${j.page ?? '?'})`);
}

let ctx: TestCtx;
const printed = new Map<string, Structure>();

beforeAll(async () => {
  dir = tempDir('toetsing-pdfa-');
  ctx = makeCtx({ demo: true });
  const id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  const earlier = inspectionIdByRef(ctx, 'klachtbehandeling-2015');
  printed.set('national', structureOf(await nationalReportPdf(ctx, OPERATOR, id), 'national'));
  printed.set('unit', structureOf(await unitReportPdf(ctx, OPERATOR, id, 'AMS'), 'unit'));
  const cmp = await comparisonFile(ctx, OPERATOR, { earlier, later: id }, 'pdf', { motivations: false });
  printed.set('comparison', structureOf(cmp.content as Buffer, 'comparison'));
}, 240_000);

afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const REPORTS = [
  ['the national report of the demo 2022 inspection', 'national'],
  ['the unit report of Amsterdam', 'unit'],
  ['the comparison of 2015 and 2022', 'comparison'],
] as const;

describe.each(REPORTS)('%s', (_label, key) => {
  const s = () => printed.get(key)!;

  test('when printed, then its headings nest without skipping a level', () => {
    expect(s().headings.length).toBeGreaterThan(0);
    expect(s().headings[0].level).toBe(1);
    expect(describeJumps(s())).toEqual([]);
  });

  test('then every figure has a text alternative', () => {
    expect(s().figuresWithoutAlt).toEqual([]);
  });

  test('then every link says where it goes, on the annotation and in the structure tree', () => {
    expect(s().links.annotationsUndescribed).toEqual([]);
    expect(s().links.structWithoutAlt).toEqual([]);
  });

  test('then the tags, the language and the bookmarks Chromium wrote are still there', () => {
    expect(s()).toMatchObject({ tagged: true, structTree: true, lang: 'nl', displayDocTitle: true, trailerId: true });
    expect(s().outline.length).toBeGreaterThan(0);
  });

  test('then XMP identifies it as PDF/A-2b and it has an sRGB output intent with an embedded ICC profile', () => {
    expect(s().xmp).toMatchObject({ present: true, packet: true, filtered: false, 'pdfaid:part': '2', 'pdfaid:conformance': 'B' });
    expect(s().outputIntents).toEqual([expect.objectContaining({ S: '/GTS_PDFA1', icc: true, N: 3, iccColourSpace: 'RGB', iccSignature: 'acsp' })]);
  });

  test('then Info names the inspectorate and Toetsing, and says the same as XMP', () => {
    expect(s().info).toMatchObject({ Author: PDF_AUTHOR, Creator: creatorTool() });
    expect(s().info.Title).toBeTruthy();
    expect(s().xmp['dc:title']).toBe(s().info.Title);
    expect(s().infoXmpMismatches).toEqual([]);
  });

  test('then every font is embedded, and there is no JavaScript and no reference outside the file', () => {
    expect(s().fonts).toBeGreaterThan(0);
    expect(s().fontsNotEmbedded).toEqual([]);
    expect(s().javascript).toEqual([]);
    expect(s().external).toEqual([]);
  });
});

describe('the charts', () => {
  test('when the national report is printed, then its complaint chart is a figure whose text alternative gives the numbers in words', () => {
    const alts = printed.get('national')!.figures.map((f) => f.alt ?? '');
    const complaints = alts.find((a) => a.includes('afgeronde klachten per jaar'));
    // The source's table, 2016–2020: the small second-phase series is spelled out like the rest.
    expect(complaints).toContain('afgerond 9.732, 9.655, 9.484, 10.284, 13.090');
    expect(complaints).toContain('tweede fase 471, 328, 232, 196, 190');
  });

  test('when the verdict chart is drawn, then it is an image labelled with the count of every verdict per row', () => {
    const levels: VerdictView[] = [
      { code: 'nagekomen', abbr: 'N', label: 'Nagekomen', cls: 'v-positive' },
      { code: 'ten_dele', abbr: 'Tdn', label: 'Ten dele nagekomen', cls: 'v-partial' },
      { code: 'niet', abbr: 'Nn', label: 'Niet nagekomen', cls: 'v-negative' },
    ];
    const svg = verdictChart(
      [
        { group: 'Het opvolgen van klachten', counts: [{ label: 'Nagekomen', cls: 'v-positive', count: 10 }, { label: 'Ten dele nagekomen', cls: 'v-partial', count: 3 }, { label: 'Niet nagekomen', cls: 'v-negative', count: 1 }] },
        { group: 'Leren & verbeteren', counts: [{ label: 'Nagekomen', cls: 'v-positive', count: 0 }, { label: 'Ten dele nagekomen', cls: 'v-partial', count: 14 }, { label: 'Niet nagekomen', cls: 'v-negative', count: 0 }] },
      ],
      levels,
    );
    expect(svg).toMatch(/^<svg role="img" aria-label="Staafdiagram, aantal eenheden per oordeel\. Het opvolgen van klachten: 10 nagekomen, 3 ten dele nagekomen, 1 niet nagekomen; Leren &amp; verbeteren: 14 ten dele nagekomen\."/);
  });
});

describe('a document printed without metadata', () => {
  test('when printed, then its <title> and meta description and keywords become the document properties', async () => {
    const html = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef &amp; rapport</title>' +
      '<meta name="description" content="Een proef"><meta name="keywords" content="klachten, politie"></head>' +
      '<body><h1 id="a">Kop</h1><p><a href="#a">Naar de kop</a></p></body></html>';
    const s = structureOf(await renderPdf(html), 'bare');
    expect(s.info).toMatchObject({ Title: 'Proef & rapport', Subject: 'Een proef', Keywords: 'klachten, politie', Author: PDF_AUTHOR });
    expect(s.xmp).toMatchObject({ 'dc:title': 'Proef & rapport', 'dc:description': 'Een proef', 'pdf:Keywords': 'klachten, politie' });
    expect(s.infoXmpMismatches).toEqual([]);
    expect(s.links.annotationsDescribed).toBe(1);
  });

  test('when metadata is given, then it wins over the HTML head', async () => {
    const html = '<!doctype html><html lang="nl"><head><title>HTML-titel</title></head><body><p>x</p></body></html>';
    const s = structureOf(await renderPdf(html, { metadata: { title: 'Gegeven titel', subject: 'Onderwerp', keywords: ['een', 'twee woorden'] } }), 'given');
    expect(s.info).toMatchObject({ Title: 'Gegeven titel', Subject: 'Onderwerp', Keywords: 'een, twee woorden' });
    expect(s.infoXmpMismatches).toEqual([]);
  });

  test('when a PDF cannot be updated incrementally, then the full rewrite gives the same properties', async () => {
    const html = '<!doctype html><html lang="nl"><head><title>Herschreven</title></head><body><h1 id="k">Kop</h1><p><a href="#k" aria-label="Terug naar de kop">terug</a></p></body></html>';
    const bare = await renderPdf(html, { archival: false });
    const s = structureOf(await archivalPdf(bare, { metadata: metadataFor(html), creator: creatorTool(), links: linkDescriptions(html) }, editPdfWhole), 'whole');
    expect(s).toMatchObject({ tagged: true, structTree: true, lang: 'nl', trailerId: true });
    expect(s.xmp).toMatchObject({ present: true, 'pdfaid:part': '2', 'dc:title': 'Herschreven' });
    expect(s.outputIntents).toHaveLength(1);
    expect(s.infoXmpMismatches).toEqual([]);
    expect(s.links.structWithoutAlt).toEqual([]);
    expect(s.links.annotationsDescribed).toBe(1);
  });

  test('when printed as a measuring pass (untagged), then it is left as Chromium wrote it', async () => {
    const s = structureOf(await renderPdf('<!doctype html><html lang="nl"><head><title>Meten</title></head><body><p>x</p></body></html>', { tagged: false, outline: false }), 'measuring');
    expect(s.xmp.present).toBe(false);
    expect(s.outputIntents).toEqual([]);
  });
});
