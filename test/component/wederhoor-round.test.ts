// Wederhoor rounds on the concept report (issue 13, point 3): the numbered concept as PDF and Word
// stored with their SHA-256 and the paragraph list, the rules of who may start one and when, and
// the reaction form as a second reader (openpyxl) sees it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { reactionFormXlsx, roundFile, startRound } from '../../src/app/wederhoor';
import { buildNationalModel } from '../../src/reports/national.model';
import { loadSnapshot } from '../../src/store/inspections.store';
import { getRound, listRounds } from '../../src/store/wederhoor.store';
import { formMarker } from '../../src/app/wederhoor-form-marker';
import { addUsers, changeLogCount, inspectionIdByRef, makeCtx, TestCtx } from '../helpers/context';
import { pdfText } from '../helpers/pdf';
import { actorOf } from '../helpers/use-cases';
import { AppError } from '../../src/errors';
import { exportDocument, importDocument } from '../../src/store/documents';
import { defaultOutline, inspectionChecklists } from '../../src/domain/outline';

let ctx: TestCtx;
let id: number;
beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
});
afterAll(() => ctx.cleanup());

const input = { organisation: 'Politie, korpsleiding', contact: 'mr. A. de Vries', sentOn: '2026-03-02', deadline: '2026-03-23', note: '' };
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try { await p; } catch (e) { if (e instanceof AppError) return e; throw e; }
  throw new Error('expected an AppError');
}

/** A file's text inside a zip (the Word file), read by Python's zipfile: another reader than docx wrote it with. */
function zipEntry(bytes: Buffer, entry: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-w1-'));
  try {
    const f = path.join(dir, 'f.zip');
    fs.writeFileSync(f, bytes);
    return execFileSync('/usr/bin/python3', ['-c', 'import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', f, entry], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('paragraph numbers in the model', () => {
  test('when the model is built twice with paragraph numbers, then the numbers and the list are identical, run 1, 2, 3 … and the normal model has none', () => {
    const s = loadSnapshot(ctx.db, id);
    const a = buildNationalModel(s, ctx.catalogue, { paragraphNumbers: true, generatedAt: '2026-03-01T10:00:00Z' });
    const b = buildNationalModel(s, ctx.catalogue, { paragraphNumbers: true, generatedAt: '2026-03-01T10:00:00Z' });
    expect(a.paragraphs).toEqual(b.paragraphs);
    const numbers = (a.paragraphs ?? []).map((p) => p.number);
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers).toEqual(numbers.map((_n, i) => i + 1));
    const html = JSON.stringify(a.sections);
    expect([...html.matchAll(/data-par=\\"(\d+)\\"/g)].map((m) => Number(m[1]))).toEqual(numbers);
    const plain = buildNationalModel(s, ctx.catalogue, {});
    expect(JSON.stringify(plain.sections)).not.toContain('data-par');
    expect(plain.paragraphs).toBeUndefined();
    // Every stored paragraph names the heading it stood under and has text.
    expect((a.paragraphs ?? []).every((p) => p.heading !== '' && p.excerpt !== '')).toBe(true);
  });
});

describe('starting a round', () => {
  let roundId: number;
  beforeAll(async () => {
    roundId = await startRound(ctx, actorOf(ctx, 'inspecteur'), id, input);
  }, 240_000);

  test('when a round is started, then its PDF and Word file are stored with matching SHA-256 and its paragraphs appear in the PDF, each number before its words', () => {
    const round = getRound(ctx.db, id, roundId);
    const pdf = roundFile(ctx, actorOf(ctx, 'inspecteur'), id, roundId, 'pdf').bytes;
    const docx = roundFile(ctx, actorOf(ctx, 'inspecteur'), id, roundId, 'docx').bytes;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha(pdf)).toBe(round.pdfSha256);
    expect(sha(docx)).toBe(round.docxSha256);
    expect(round.paragraphs.length).toBeGreaterThan(20);
    const text = pdfText(pdf, 'layout').replace(/\s+/g, ' ');
    let from = 0;
    for (const p of round.paragraphs) {
      const words = p.excerpt.split(' ').slice(0, 3).join(' ');
      const at = text.indexOf(`${p.number} ${words}`, from);
      expect({ number: p.number, found: at >= 0 }).toEqual({ number: p.number, found: true });
      from = at;
    }
  });

  test('when the Word file is read, then each paragraph starts with its number before a tab, in order', () => {
    const round = getRound(ctx.db, id, roundId);
    const doc = zipEntry(roundFile(ctx, actorOf(ctx, 'inspecteur'), id, roundId, 'docx').bytes, 'word/document.xml');
    const numbers = [...doc.matchAll(/<w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve">(\d+)<\/w:t><w:tab\/><\/w:r>/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(round.paragraphs.map((p) => p.number));
  });

  test('when the reaction form is read by openpyxl, then it has the headers, the whole-number validation up to the last paragraph, a frozen header and the very hidden marker', () => {
    return reactionFormXlsx(ctx, actorOf(ctx, 'inspecteur'), id, roundId).then(({ filename, bytes }) => {
      expect(filename).toMatch(/^reactieformulier-recht-van-klagen-2022-ronde-\d+\.xlsx$/);
      const round = getRound(ctx.db, id, roundId);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-w1-'));
      try {
        const f = path.join(dir, 'form.xlsx');
        fs.writeFileSync(f, bytes);
        const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
r = wb['Reacties']
dv = [{"type": d.type, "op": d.operator, "f1": d.formula1, "f2": d.formula2, "ranges": str(d.sqref)} for d in r.data_validations.dataValidation]
print(json.dumps({"sheets": [[ws.title, ws.sheet_state] for ws in wb.worksheets], "header": [c.value for c in r[1]], "freeze": r.freeze_panes,
  "widths": [r.column_dimensions[c].width for c in "ABCD"], "dv": dv, "marker": wb['Kenmerk']['A1'].value,
  "guide": [[c.value for c in row] for row in wb['Toelichting'].iter_rows()], "paragraphs": [[c.value for c in row] for row in wb['Paragrafen'].iter_rows(max_row=3)]}))`;
        const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, f], { encoding: 'utf8' })) as {
          sheets: string[][]; header: string[]; freeze: string; widths: number[]; dv: Array<{ type: string; op: string | null; f1: string; f2: string; ranges: string }>;
          marker: string; guide: unknown[][]; paragraphs: unknown[][];
        };
        expect(read.sheets).toEqual([['Reacties', 'visible'], ['Toelichting', 'visible'], ['Paragrafen', 'visible'], ['Kenmerk', 'veryHidden']]);
        expect(read.header).toEqual(['Paragraaf', 'Geciteerde passage', 'Reactie', 'Voorgestelde tekst']);
        expect(read.freeze).toBe('A2');
        expect(read.widths.every((w) => w >= 12)).toBe(true);
        expect(read.dv.length).toBeGreaterThan(0);
        expect(read.dv.every((d) => d.type === 'whole' && (d.op === null || d.op === 'between') && d.f1 === '1' && d.f2 === String(round.paragraphs.length))).toBe(true);
        expect(read.dv.map((d) => d.ranges).join(' ')).toContain('A2');
        expect(read.marker).toBe(formMarker(round));
        expect(read.guide.flat()).toEqual(expect.arrayContaining(['SHA-256 van de PDF', round.pdfSha256, 'Politie, korpsleiding, mr. A. de Vries']));
        expect(read.paragraphs[1]).toEqual([1, round.paragraphs[0].heading, expect.any(String)]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test('when a round is started, then the snapshot lists it with its paragraphs and the change log has it', () => {
    const s = loadSnapshot(ctx.db, id);
    expect(s.wederhoorRounds.map((r) => r.id)).toContain(roundId);
    const entry = ctx.db.prepare("SELECT new_value FROM change_log WHERE entity = 'wederhoor_round' AND entity_id = ?").get(String(roundId)) as { new_value: string };
    expect(JSON.parse(entry.new_value)).toMatchObject({ organisation: 'Politie, korpsleiding', pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});

describe('refusals', () => {
  test('when the deadline is not after the sent date, or a date is not one, then a Dutch message names the field and nothing is stored', async () => {
    const before = changeLogCount(ctx);
    const rounds = listRounds(ctx.db, id).length;
    const e = await rejection(startRound(ctx, actorOf(ctx, 'inspecteur'), id, { ...input, deadline: '2026-03-01' }));
    expect(e.kind).toBe('invalid');
    expect(e.field).toBe('deadline');
    expect(e.message).toBe('De termijn moet na de datum van verzending liggen.');
    const bad = await rejection(startRound(ctx, actorOf(ctx, 'inspecteur'), id, { ...input, sentOn: '2026-02-31' }));
    expect(bad.field).toBe('sentOn');
    expect(bad.message).toContain('geldige datum');
    const none = await rejection(startRound(ctx, actorOf(ctx, 'inspecteur'), id, { ...input, organisation: '  ' }));
    expect(none.field).toBe('organisation');
    expect(changeLogCount(ctx)).toBe(before);
    expect(listRounds(ctx.db, id).length).toBe(rounds);
  });

  test('when a lezer or someone outside the team starts a round, then it is refused and nothing is stored', async () => {
    const before = changeLogCount(ctx);
    expect((await rejection(startRound(ctx, actorOf(ctx, 'lezer'), id, input))).kind).toBe('not_found');
    expect((await rejection(startRound(ctx, actorOf(ctx, 'buitenstaander'), id, input))).kind).toBe('not_found');
    expect(changeLogCount(ctx)).toBe(before);
  });

  test('when the inspection is vastgesteld, then a round is refused as finalised', async () => {
    const finalId = inspectionIdByRef(ctx, 'klachtbehandeling-2015');
    expect((await rejection(startRound(ctx, actorOf(ctx, 'beheerder'), finalId, input))).kind).toBe('finalised');
  });
});

describe('export, import and the bestuurlijke reactie', () => {
  test('when the demo is exported, imported and exported again, then the wederhoor rounds are unchanged and the imported round has no files', () => {
    const doc = exportDocument(ctx.db, ctx.catalogue, id);
    expect(doc.wederhoor?.length).toBeGreaterThan(0);
    const copy = { ...doc, inspection: { ...doc.inspection, ref: 'recht-van-klagen-2022-kopie' } };
    const newId = importDocument(ctx.db, ctx.catalogue, 'test', copy);
    const again = exportDocument(ctx.db, ctx.catalogue, newId);
    expect(again.wederhoor).toEqual(doc.wederhoor);
    const rounds = listRounds(ctx.db, newId);
    expect(rounds.every((r) => !r.hasPdf && !r.hasDocx)).toBe(true);
    expect(rounds.some((r) => r.pdfSha256 !== null)).toBe(true);
  });

  test('when a document has no wederhoor key, then it imports with no rounds', () => {
    const doc = exportDocument(ctx.db, ctx.catalogue, id);
    const { wederhoor: _w, wederhoorReactions: _r, ...older } = doc;
    const newId = importDocument(ctx.db, ctx.catalogue, 'test', { ...older, inspection: { ...older.inspection, ref: 'recht-van-klagen-2022-oud' } });
    expect(listRounds(ctx.db, newId)).toEqual([]);
  });

  test('when the outline places {{bestuurlijke_reactie}}, then the letter prints with its party and the line about its file; without one a concept says none was received', () => {
    const s = loadSnapshot(ctx.db, id);
    const blocks = buildNationalModel(s, ctx.catalogue, {}).sections.flatMap((x) => x.parts).flatMap((p) => (p.kind === 'block' && p.block.type === 'bestuurlijke_reactie' ? [p.block] : []));
    expect(blocks).toHaveLength(1);
    const [letter] = blocks[0].letters;
    expect(letter).toMatchObject({ ref: 'B45', party: 'Nationale politie (korpschef)', file: null });
    expect(letter.html).toContain('<li>');
    const without = { ...s, evidence: s.evidence.filter((e) => e.type !== 'bestuurlijke_reactie') };
    const empty = buildNationalModel(without, ctx.catalogue, {}).sections.flatMap((x) => x.parts).find((p) => p.kind === 'block' && p.block.type === 'bestuurlijke_reactie');
    expect(empty?.kind === 'block' && empty.block.type === 'bestuurlijke_reactie' ? empty.block.letters : null).toEqual([]);
  });

  test('when a new inspection starts, then its outline has the optional bijlage for the bestuurlijke reactie with a nawoord after it', () => {
    const outline = defaultOutline(inspectionChecklists(ctx.catalogue, loadSnapshot(ctx.db, id).checklists), {}, false, { bestuurlijkeReactie: true });
    const at = outline.findIndex((x) => x.title === 'Bestuurlijke reactie');
    expect(outline[at]).toMatchObject({ level: 1, kind: 'bijlage', required: false, body: '{{bestuurlijke_reactie}}' });
    expect(outline[at + 1]).toMatchObject({ level: 2, title: 'Nawoord', required: false });
    expect(defaultOutline(inspectionChecklists(ctx.catalogue, loadSnapshot(ctx.db, id).checklists), {}, false).some((x) => x.title === 'Bestuurlijke reactie')).toBe(false);
  });
});
