// The reports as Word files, read back by an independent reader: LibreOffice converts the demo
// 2022 national report, a unit report and the comparison to PDF (and the national one to text)
// without error; the text holds every criterion and ombudsman point of criteria/checklists/
// verbatim and every chapter heading of the report model in order, and LibreOffice's pages hold
// the footnotes. The file itself is read as what it is, a zip of WordprocessingML: headings in
// Word's Heading styles, footnotes as Word footnotes numbered as the model numbers them, repeating
// header rows, rows that do not split, charts with alternative text, the status in the header,
// "pagina X van Y" as fields, the document properties. At vaststelling the Word files are stored
// with their SHA-256 and served as stored.
import type { Express } from 'express';
import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { finalise } from '../../src/app/finalisation';
import { comparisonFile } from '../../src/app/compare';
import { nationalReportDocx, nationalReportModel, unitReportDocx } from '../../src/app/reports';
import { inspectionStatus } from '../../src/domain/status';
import { closeEngine } from '../../src/reports';
import { Note, noteText } from '../../src/reports/common';
import { htmlBlocks, htmlInline } from '../../src/reports/docx/html';
import { NoteBook, packDocx } from '../../src/reports/docx/kit';
import type { NationalReportModel } from '../../src/reports/national.model';
import { acceptBlockers, storedDocx } from '../../src/store/finalisation.store';
import { getInspection, loadSnapshot } from '../../src/store/inspections.store';
import { buildApp } from '../../src/web/app';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';
import { office, Office } from '../helpers/libreoffice';
import { pdfText } from '../helpers/pdf';
import { actorOf } from '../helpers/use-cases';
import { binary } from '../security/support';
import { norm } from './report-helpers';

let ctx: TestCtx;
let lo: Office;
let model: NationalReportModel;
let national: Buffer;
let txt = '';
let pdfs: { national: string; unit: string; comparison: string };
let id2022: number;

const CRITERIA_DIR = path.resolve(__dirname, '..', '..', 'criteria', 'checklists');

/** The parts of a .docx by name. */
function parts(docx: Buffer): (name: string) => string {
  const files = unzipSync(new Uint8Array(docx));
  return (name) => {
    const part = files[name] as Uint8Array | undefined;
    if (!part) throw new Error(`no ${name} in the docx`);
    return strFromU8(part);
  };
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every paragraph of a part: its style and its text. */
function paragraphs(xml: string): Array<{ style: string | null; text: string }> {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? null,
    text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1])).join(''),
  }));
}

/** The headings the model gives, with the Word heading level each must have. */
function modelHeadings(m: NationalReportModel): Array<{ level: number; text: string }> {
  return m.sections.flatMap((s) => [
    { level: s.level, text: s.heading },
    ...s.parts.flatMap((p) => {
      if (p.kind !== 'block') return [];
      const b = p.block;
      if (b.type === 'uitkomsten') return b.groups.map((g) => ({ level: Math.min(b.level, 4), text: g.title }));
      if (b.type === 'criteria') return b.criteria.map((c) => ({ level: Math.min(b.level, 4), text: c.heading }));
      return [];
    }),
  ]);
}

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  lo = office();
  id2022 = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  const actor = actorOf(ctx, 'inspecteur');
  model = nationalReportModel(ctx, actor, id2022);
  national = await nationalReportDocx(ctx, actor, id2022);
  const unit = await unitReportDocx(ctx, actor, id2022, 'NN');
  const cmp = await comparisonFile(ctx, actor, { earlier: inspectionIdByRef(ctx, 'klachtbehandeling-2015'), later: id2022 }, 'docx', { motivations: true });
  const files = { national: path.join(lo.dir, 'landelijk.docx'), unit: path.join(lo.dir, 'eenheid.docx'), comparison: path.join(lo.dir, 'vergelijking.docx') };
  fs.writeFileSync(files.national, national);
  fs.writeFileSync(files.unit, unit);
  fs.writeFileSync(files.comparison, cmp.content);
  // One start of LibreOffice per format: it converts all files given at once.
  const [n, u, c] = lo.convert([files.national, files.unit, files.comparison], 'pdf');
  pdfs = { national: n, unit: u, comparison: c };
  txt = fs.readFileSync(lo.convert([files.national], 'txt:Text')[0], 'utf8');
}, 600_000);

afterAll(async () => {
  await closeEngine();
  lo.cleanup();
  ctx.cleanup();
});

test('when LibreOffice converts the national, unit and comparison Word files, then each becomes a PDF of many pages with the report text', () => {
  const n = pdfText(fs.readFileSync(pdfs.national));
  const u = pdfText(fs.readFileSync(pdfs.unit));
  const c = pdfText(fs.readFileSync(pdfs.comparison));
  for (const t of [n, u, c]) expect(t.split('\f').length).toBeGreaterThan(5);
  expect(norm(n)).toContain('Landelijk rapport');
  expect(norm(u)).toContain('Rapport per eenheid');
  expect(norm(u)).toContain('Oordelen in één oogopslag');
  expect(norm(c)).toContain('Vergelijking van onderzoeken');
  expect(norm(c)).toContain('Veranderingen in één oogopslag');
  // The status on every page, and "pagina X van Y" filled in by LibreOffice from the fields.
  const pages = n.split('\f').filter((p) => p.trim() !== '');
  for (const [i, p] of pages.entries()) {
    expect(p).toContain('CONCEPT');
    expect(norm(p)).toContain(`pagina ${i + 1} van ${pages.length}`);
  }
});

test('when the national Word file is read as text, then every criterion and ombudsman point stands in it verbatim', () => {
  const text = norm(txt);
  let checked = 0;
  for (const file of fs.readdirSync(CRITERIA_DIR).filter((f) => f.endsWith('.yaml'))) {
    const checklist = parse(fs.readFileSync(path.join(CRITERIA_DIR, file), 'utf8')) as { groups: Array<{ criteria: Array<{ text: string; subpoints?: string[] }> }> };
    for (const c of checklist.groups.flatMap((g) => g.criteria)) {
      for (const t of [c.text, ...(c.subpoints ?? [])]) {
        expect({ text: t, found: text.includes(norm(t)) }).toEqual({ text: t, found: true });
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThanOrEqual(23);
});

test('when the national Word file is read as text, then every level-1 and level-2 heading of the model stands on a line of its own, in the order of the PDF', () => {
  const lines = txt.split(/\r?\n/).map((l) => l.trim());
  const wanted = model.sections.filter((s) => s.level <= 2).map((s) => s.heading);
  expect(wanted.length).toBeGreaterThan(30);
  let from = 0;
  for (const h of wanted) {
    const at = lines.indexOf(h, from);
    expect({ heading: h, found: at >= 0 }).toEqual({ heading: h, found: true });
    from = at + 1;
  }
});

test('when the converted pages are read, then they hold the text of every footnote of the model', () => {
  const pages = norm(pdfText(fs.readFileSync(pdfs.national), 'raw'));
  const notes = model.sections.flatMap((s) => s.notes);
  expect(notes.length).toBeGreaterThan(50);
  for (const n of notes) {
    // A long note may run on to the next page, under that page's header: its start is enough.
    const start = norm(noteText(n)).slice(0, 60);
    expect({ note: n.number, found: pages.includes(start) }).toEqual({ note: n.number, found: true });
  }
});

test('when word/document.xml is read, then every heading is a paragraph in Word\'s Heading style of its level, in the order of the model, and a TOC field lists them', () => {
  const doc = parts(national)('word/document.xml');
  const paras = paragraphs(doc);
  let from = 0;
  for (const h of modelHeadings(model)) {
    const at = paras.findIndex((p, i) => i >= from && p.text === h.text && p.style === `Heading${h.level}`);
    expect({ heading: h.text, level: h.level, found: at >= 0 }).toEqual({ heading: h.text, level: h.level, found: true });
    from = at + 1;
  }
  // Nothing else is dressed up as a heading.
  expect(paras.filter((p) => p.style?.startsWith('Heading')).length).toBe(modelHeadings(model).length);
  // An updatable TOC field over Heading 1–2 (toMatch would print the whole part on failure).
  expect(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/.test(doc)).toBe(true);
});

test('when word/footnotes.xml is read, then it holds every note of the model as a Word footnote, and Word numbers them as the model does', () => {
  const get = parts(national);
  const footnotes = new Map([...get('word/footnotes.xml').matchAll(/<w:footnote w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)]
    .filter((m) => Number(m[1]) > 0)
    .map((m) => [Number(m[1]), norm(paragraphs(m[2]).map((p) => p.text).join(' '))]));
  const notes = model.sections.flatMap((s) => s.notes);
  expect(footnotes.size).toBe(notes.length);
  for (const n of notes) expect({ note: n.number, text: footnotes.get(n.number) }).toEqual({ note: n.number, text: norm(noteText(n)) });
  // Word numbers footnotes by the order of their references: the references run 1, 2, 3, …
  const refs = [...get('word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
  expect(refs).toEqual(notes.map((n) => n.number));
});

test('when the document\'s parts are read, then tables repeat their header and keep rows whole, charts carry alternative text, verdicts are words on a shading, and the page is A4 with status and page fields', () => {
  const get = parts(national);
  const doc = get('word/document.xml');
  const tables = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  expect(tables.length).toBeGreaterThan(20);
  for (const t of tables) {
    expect(t).toContain('<w:tblHeader/>');
    expect(t).toContain('<w:tblStyle w:val="Rapporttabel"/>');
    const rows = t.match(/<w:tr>|<w:tr /g)?.length ?? 0;
    expect(t.match(/<w:cantSplit\/>/g)?.length ?? 0).toBe(rows);
  }
  const styles = get('word/styles.xml');
  expect(styles).toContain('w:styleId="Rapporttabel"');
  expect(styles).toContain('w:styleId="Heading1"');
  expect(styles).toMatch(/<w:lang w:val="nl-NL"\/>/);
  // The charts: PNG images with a description.
  const drawings = [...doc.matchAll(/<wp:docPr [^>]*descr="([^"]+)"/g)].map((m) => m[1]);
  expect(drawings.length).toBeGreaterThanOrEqual(1);
  expect(drawings).toContain('Afgeronde klachten naar status en fase, 2016–2020');
  // A verdict is its label in a character style with a shading (defined once in the styles).
  expect(doc.includes('<w:rStyle w:val="Shade-v-positive"/></w:rPr><w:t xml:space="preserve"> Nagekomen </w:t>')).toBe(true);
  expect(styles).toMatch(/w:styleId="Shade-v-positive"[\s\S]*?<w:shd [^>]*w:fill="DCEFDC"/);
  expect(doc.includes('<w:pgSz w:w="11906" w:h="16838"')).toBe(true);
  const headers = ['word/header1.xml', 'word/header2.xml'].map(get).join('');
  expect(headers).toContain('CONCEPT');
  const footer = get('word/footer1.xml') + get('word/footer2.xml');
  expect(footer).toMatch(/PAGE/);
  expect(footer).toMatch(/NUMPAGES/);
  expect(footer).toContain('pagina ');
  const core = get('docProps/core.xml');
  expect(core).toContain('<dc:title>Recht van klagen — landelijk rapport</dc:title>');
  expect(core).toContain('<dc:creator>Inspectie Justitie en Veiligheid</dc:creator>');
  expect(core).toContain('<dc:language>nl-NL</dc:language>');
  expect(core).toMatch(/<dc:subject>[^<]+<\/dc:subject>/);
  // Illustrative content is marked as in the PDF: the title page's note and the sections' markings.
  const paras = paragraphs(doc);
  expect(paras.some((p) => p.style === 'Marking' && p.text.startsWith('Illustratief onderzoek.'))).toBe(true);
  for (const s of model.sections.filter((x) => x.marking)) expect(paras.some((p) => p.style === 'Marking' && p.text === s.marking)).toBe(true);
});

test('when a text uses every tag of the sanitised set, then each becomes its Word form and a footnote marker a Word footnote', async () => {
  const note: Note = { number: 1, evidenceId: null, ref: '', title: '', typeLabel: '', date: '', party: '', wederhoor: null, pinpoint: '', html: 'Zie <em>art. 9:1</em> Awb.', footnote: true };
  const notes = new NoteBook([note], htmlInline);
  const html = '<p class="subhead">Tussenkop</p><p>Een <strong>vet</strong> en <em>schuin</em> woord, <code>iets</code>, regel<br>twee.<sup class="fn"><a href="#noot-1" aria-label="noot 1">1</a></sup></p>'
    + '<ul><li>punt a<ul><li>dieper</li></ul></li></ul><ol><li>eerste</li><li>tweede</li></ol><blockquote><p>citaat</p></blockquote>'
    + '<pre><code>regel 1\nregel 2\n</code></pre><table><thead><tr><th>Kop</th><th>Waarde</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table><hr><p>m<sup>2</sup></p>';
  const body = htmlBlocks(html, notes);
  const docx = await packDocx({ title: 't', subject: 's', runningTitle: 'r', mark: 'CONCEPT', final: false, illustrative: false, titlePage: [], body, notes });
  const get = parts(docx);
  const doc = get('word/document.xml');
  const paras = [...doc.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
  const para = (text: string) => paras.find((p) => paragraphs(p)[0]?.text.includes(text)) ?? '';
  expect(para('Tussenkop')).toContain('<w:pStyle w:val="Subhead"/>');
  expect(para('Een vet')).toMatch(/<w:b\/>[\s\S]*?>vet</);
  expect(para('Een vet')).toMatch(/<w:i\/>[\s\S]*?>schuin</);
  expect(para('Een vet')).toContain('<w:br/>');
  expect(para('Een vet')).toContain('<w:footnoteReference w:id="1"/>');
  expect(norm(get('word/footnotes.xml').replace(/<[^>]+>/g, ' '))).toContain('Zie art. 9:1 Awb.');
  const numbering = (p: string) => /<w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/>/.exec(p)?.slice(1) ?? null;
  expect(numbering(para('punt a'))?.[0]).toBe('0');
  expect(numbering(para('dieper'))?.[0]).toBe('1');
  expect(numbering(para('eerste'))?.[1]).toBe(numbering(para('tweede'))?.[1]);
  expect(numbering(para('eerste'))?.[1]).not.toBe(numbering(para('punt a'))?.[1]);
  expect(para('citaat')).toContain('<w:pStyle w:val="Quote"/>');
  expect(para('regel 1')).toContain('<w:pStyle w:val="Code"/>');
  expect(para('regel 2')).toContain('<w:pStyle w:val="Code"/>');
  const tbl = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc)?.[0] ?? '';
  expect(tbl).toContain('<w:tblHeader/>');
  expect(paragraphs(tbl).map((p) => p.text)).toEqual(['Kop', 'Waarde', 'a', '1']);
  expect(doc).toContain('<w:pBdr><w:bottom');
  expect(para('m2')).toMatch(/<w:vertAlign w:val="superscript"\/>[\s\S]*?>2</);
});

describe('vaststelling', () => {
  let app: Express;
  let id: number;
  beforeAll(async () => {
    app = buildApp(ctx);
    id = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
    ctx.db.prepare('INSERT INTO inspection_team (inspection_id, email) VALUES (?, ?)').run(id, USERS.beheerder.email);
    const keys = inspectionStatus(loadSnapshot(ctx.db, id), ctx.catalogue).blockers.map((b) => b.key);
    if (keys.length > 0) acceptBlockers(ctx.db, ctx.catalogue, USERS.inspecteur.email, id, keys, 'Aanvaard voor de test');
    await finalise(ctx, actorOf(ctx, 'beheerder'), getInspection(ctx.db, id));
  }, 600_000);

  test('when an inspection is finalised, then its Word files are stored with their hash, marked final, and downloads serve exactly those bytes', async () => {
    const i = getInspection(ctx.db, id);
    expect(i.status).toBe('vastgesteld');
    const stored = storedDocx(ctx.db, id, null);
    expect(stored).not.toBeNull();
    const header = ['word/header1.xml', 'word/header2.xml'].map(parts(stored!)).join('');
    expect(header).toContain('Vastgesteld op');
    expect(header).not.toContain('CONCEPT');
    const { agent } = await login(app, USERS.lezer.email);
    const dl = await agent.get(`/onderzoeken/${id}/rapport.docx`).buffer(true).parse(binary).expect(200);
    expect(dl.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(dl.headers['content-disposition']).toMatch(/\.docx"?$/);
    expect(Buffer.compare(dl.body as Buffer, stored!)).toBe(0);
    const unit = i.units[0];
    const unitDl = await agent.get(`/onderzoeken/${id}/eenheden/${unit}/rapport.docx`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(unitDl.body as Buffer, storedDocx(ctx.db, id, unit)!)).toBe(0);
    // The stored bytes are guarded like every table of a finalised inspection.
    expect(() => ctx.db.prepare('UPDATE final_docx SET docx = ? WHERE inspection_id = ?').run(Buffer.from('x'), id)).toThrow(/vastgesteld/);
  });

  test('when a concept report is downloaded as Word, then it is a .docx named like the PDF', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    const dl = await agent.get(`/onderzoeken/${id2022}/rapport.docx`).buffer(true).parse(binary).expect(200);
    expect(dl.headers['content-disposition']).toContain('landelijk rapport (concept).docx');
    expect((dl.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const home = await agent.get(`/onderzoeken/${id2022}`).expect(200);
    expect(home.text).toContain(`/onderzoeken/${id2022}/rapport.docx`);
    expect(home.text).toContain('Download als Word');
  });
});
