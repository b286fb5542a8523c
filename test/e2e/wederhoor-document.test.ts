// The handling document ("Verwerking van de reacties op het conceptrapport") of the demo: the PDF
// read back with poppler holds every reaction with its handling and motivation; the spreadsheet
// read back with openpyxl (a second reader) has the same rows; the command writes both, and
// refuses a wrong --out extension in Dutch with a non-zero exit. (The web download: test/component/wederhoor-reactions.test.ts.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OPERATOR } from '../../src/app/operator';
import { handlingDocumentFile, handlingDocumentModel } from '../../src/app/wederhoor-reactions';
import { HANDLING_LABELS } from '../../src/domain/wederhoor';
import { closeEngine } from '../../src/reports';
import { HANDLING_COLUMNS } from '../../src/reports/wederhoor-document';
import { loadSnapshot } from '../../src/store/inspections.store';
import { run } from '../helpers/cli';
import { inspectionIdByRef, makeCtx, tempDir, TestCtx } from '../helpers/context';
import { pdfInfo, pdfText } from '../helpers/pdf';
import { norm } from './report-helpers';

const PYTHON = '/usr/bin/python3';
const READ = path.join(__dirname, '../fixtures/read-xlsx-rows.py');

let ctx: TestCtx;
let id: number;
let pdf: Buffer;
let text: string;
let dir: string;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  dir = tempDir('toetsing-verwerking-');
  pdf = (await handlingDocumentFile(ctx, OPERATOR, id, 'pdf')).bytes;
  text = norm(pdfText(pdf, 'reading'));
}, 120_000);

afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const demoReactions = () => loadSnapshot(ctx.db, id).wederhoorReactions.flatMap((r) => r.reactions);

describe('the handling document of the demo', () => {
  test('when the demo is loaded, then it has a handful of handled reactions with all three handlings', () => {
    const reactions = demoReactions();
    expect(reactions.length).toBeGreaterThanOrEqual(5);
    expect(reactions.length).toBeLessThanOrEqual(7);
    expect(new Set(reactions.map((r) => r.handling))).toEqual(new Set(['overgenomen', 'gedeeltelijk_overgenomen', 'niet_overgenomen']));
    for (const r of reactions) expect(r.reaction).toMatch(/^\(Illustratief\)/);
  });

  test('when printed, then the PDF text holds every reaction of the demo with its passage, handling and motivation', () => {
    expect(pdfInfo(pdf).Title).toBe('Recht van klagen — Verwerking van de reacties op het conceptrapport');
    expect(text).toContain('Verwerking van de reacties op het conceptrapport'.toUpperCase());
    for (const r of demoReactions()) {
      const heading = `Reactie ${r.position}${r.paragraph === null ? ' (algemeen)' : ` bij paragraaf ${r.paragraph}`}`;
      const at = text.indexOf(heading);
      expect(at).toBeGreaterThan(-1);
      const block = text.slice(at, at + 3000);
      expect(block).toContain(norm(r.reaction));
      if (r.passage) expect(block).toContain(norm(r.passage));
      expect(block).toContain(`VERWERKING ${HANDLING_LABELS[r.handling!]}`);
      expect(block).toContain(norm(r.motivation));
    }
    // The intro sentence names the party, the date sent and the deadline.
    expect(text).toMatch(/Op 20 januari 2023 is het conceptrapport .*voor wederhoor voorgelegd aan Nationale politie \(korpsleiding\).* met als termijn 10 februari 2023/);
  });

  test('when written as a spreadsheet, then a second reader finds the same rows as the PDF, every text as text', async () => {
    const file = path.join(dir, 'verwerking.xlsx');
    fs.writeFileSync(file, (await handlingDocumentFile(ctx, OPERATOR, id, 'xlsx')).bytes);
    const read = JSON.parse(execFileSync(PYTHON, [READ, file, 'Verwerking'], { encoding: 'utf8' })) as { rows: unknown[][]; formulas: number };
    expect(read.formulas).toBe(0);
    expect(read.rows[0]).toEqual(HANDLING_COLUMNS.map((c) => c.header));
    const model = handlingDocumentModel(ctx, OPERATOR, id);
    const expected = model.rounds.flatMap((r) => r.rows.map((x) => [x.round, x.party, x.number, x.paragraph, x.heading, x.passage, x.reaction, x.proposed, x.handlingLabel, x.motivation, x.textChange ?? '']));
    const empty = (v: unknown) => v ?? '';
    expect(read.rows.slice(1).map((row) => row.map(empty))).toEqual(expected.map((row) => row.map(empty)));
    expect(read.rows.length - 1).toBe(demoReactions().length);
  });
});

describe('toetsing wederhoor', () => {
  test('when asked for a PDF and a spreadsheet, then it writes both', async () => {
    for (const ext of ['pdf', 'xlsx']) {
      const out = path.join(dir, `cli.${ext}`);
      const r = await run(['wederhoor', 'recht-van-klagen-2022', '--out', out, '--data', ctx.dataDir]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`geschreven naar ${out}`);
      const bytes = fs.readFileSync(out);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe(ext === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
  }, 120_000);

  test('when --out has another extension, then it refuses in Dutch with a non-zero exit and writes nothing', async () => {
    const out = path.join(dir, 'verwerking.docx');
    const r = await run(['wederhoor', 'recht-van-klagen-2022', '--out', out, '--data', ctx.dataDir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("Het uitvoerbestand moet op .pdf of .xlsx eindigen (niet '");
    expect(fs.existsSync(out)).toBe(false);
  });

  test('when the inspection does not exist, then it says so with a non-zero exit', async () => {
    const r = await run(['wederhoor', 'bestaat-niet', '--out', path.join(dir, 'x.pdf'), '--data', ctx.dataDir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^Fout: /);
  });
});
