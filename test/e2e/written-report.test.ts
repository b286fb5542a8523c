// The demo 2022 national report read against the published report it follows (Recht van klagen,
// ../shared/seeds): every numbered heading of the source in the source's order, in the text and
// in the bookmarks; the footnotes' pinpoints; the complaint table with its caption and source
// line; the conclusions and the recommendations. What is checked is derived from the source file.
import fs from 'node:fs';
import { describeWithSource, SOURCE_REPORT } from '../helpers/source-report';
import { nationalReportPdf } from '../../src/app/reports';
import { closeEngine } from '../../src/reports/engine';
import { addUsers, makeCtx, TestCtx } from '../helpers/context';
import { pdfBookmarks, pdfText } from '../helpers/pdf';
import { actorOf } from '../helpers/use-cases';
import { findInspection } from '../../src/store/inspections.store';
import { norm } from './report-helpers';

const source = SOURCE_REPORT ? fs.readFileSync(SOURCE_REPORT, 'utf8').split('\n').map((l) => l.replace(/\s+$/, '')) : null;
const flat = (s: string) => norm(s).replace(/-\s/g, '-');

/** The source's numbered headings: "Hoofdstuk N Title" (wrapped titles joined), "N.M Title" and "Bijlage N: Title". */
function sourceHeadings(lines: string[]): string[] {
  const out: string[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    let m = /^Hoofdstuk (\d) +([A-Z].*)$/.exec(line);
    if (m) {
      const next = (lines[i + 1] ?? '').trim();
      out.push(norm(`${m[1]} ${m[2]}${/^[a-z]/.test(next) ? ` ${next}` : ''}`));
      return;
    }
    m = /^(\d\.\d) +([A-Z].+)$/.exec(line);
    if (m) { out.push(norm(`${m[1]} ${m[2]}`)); return; }
    m = /^Bijlage (\d): (.+)$/.exec(line);
    if (m) {
      const next = (lines[i + 1] ?? '').trim();
      out.push(norm(`Bijlage ${m[1]} ${m[2]}${/^[a-z]/.test(next) ? ` ${next}` : ''}`));
    }
  });
  return out;
}

/** The source's 27 footnotes, found in order: note k is the first line after note k-1 that starts with "k ". */
function sourceFootnotes(lines: string[]): string[] {
  const notes: string[] = [];
  let at = 0;
  for (let k = 1; k <= 27; k++) {
    const i = lines.findIndex((l, j) => j > at && new RegExp(`^${k} [A-Z‘'G]`).test(l));
    if (i < 0) break;
    // A note runs on over the lines below it, up to an empty line, the next note or the page text (which starts with a space).
    let note = lines[i].slice(String(k).length);
    for (let j = i + 1; j < lines.length && lines[j].trim() !== '' && !lines[j].startsWith(' ') && !lines[j].startsWith(`${k + 1} `); j++) note += ` ${lines[j]}`;
    notes.push(norm(note));
    at = i;
  }
  return notes;
}

describeWithSource('the demo 2022 national report follows Recht van klagen', () => {
  let ctx: TestCtx;
  let text = '';
  let bookmarks: Array<{ title: string; depth: number }> = [];
  beforeAll(async () => {
    ctx = makeCtx({ demo: true });
    await addUsers(ctx);
    const id = findInspection(ctx.db, 'recht-van-klagen-2022').id;
    const pdf = await nationalReportPdf(ctx, actorOf(ctx, 'inspecteur'), id);
    text = flat(pdfText(pdf, 'raw'));
    bookmarks = await pdfBookmarks(pdf);
  }, 180_000);
  afterAll(async () => { ctx.cleanup(); await closeEngine(); });

  test('when the report is read, then every numbered heading of the source stands in its text and its bookmarks, in the source order', () => {
    const headings = sourceHeadings(source!);
    expect(headings.length).toBeGreaterThanOrEqual(25);
    let from = 0;
    for (const h of headings) {
      const at = text.indexOf(h, from);
      expect({ heading: h, found: at >= 0 }).toEqual({ heading: h, found: true });
      from = at;
    }
    // Chromium joins the lines of a heading that wraps without a space ("Nationaleombudsman"), so bookmarks are compared without spaces.
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    const titles = bookmarks.map((b) => squeeze(b.title));
    let b = 0;
    for (const h of headings) {
      const at = titles.indexOf(squeeze(h), b);
      expect({ bookmark: h, found: at >= 0 }).toEqual({ bookmark: h, found: true });
      b = at;
    }
  });

  test('when the notes are read, then the report has at least the source 27 footnotes and every pinpoint, date and title they cite', () => {
    const notes = sourceFootnotes(source!);
    expect(notes).toHaveLength(27);
    const expected = new Set<string>();
    for (const n of notes) {
      for (const m of n.matchAll(/\b(art\.? \d+(?: lid \d+)?|blz\. \d+)/g)) expected.add(m[1].replace(/^art (\d)/, 'art. $1'));
      for (const m of n.matchAll(/\((\d{1,2} [a-z]+ \d{4})\)/g)) expected.add(m[1]);
      for (const m of n.matchAll(/‘([^’]+)’ in:/g)) expected.add(m[1]);
      for (const m of n.matchAll(/Nationale ombudsman, ([A-Z][a-z]+ [a-z]+) \(\d{4}\)/g)) expected.add(m[1]);
    }
    expect([...expected]).toEqual(expect.arrayContaining(['art. 70 lid 2', 'art. 1', 'art. 5', 'art. 6 lid 1', 'blz. 15', '30 maart 2022', 'Een klacht is een gratis advies', 'Verkleurde beelden']));
    for (const e of expected) expect({ cited: e, found: text.toLowerCase().includes(e.toLowerCase()) }).toEqual({ cited: e, found: true });
    const numbers = [...text.matchAll(/Noten bij/g)].length;
    expect(numbers).toBeGreaterThan(3);
  });

  test('when the complaint table is read, then it has the source caption and a source line', () => {
    const start = source!.findIndex((l) => l.startsWith('Tabel:'));
    const caption = norm(`${source![start].replace(/^Tabel:\s*/, '')} ${source![start + 1]}`).replace(/\d+\.?$/, '').replace(/\.$/, '');
    expect(text).toContain(`Tabel: ${caption.slice(0, 80)}`);
    const table = text.indexOf('Tabel: ');
    expect(text.slice(table, table + 800)).toMatch(/Bron: .*Analyse jaarverslagen 2020 klachtencommissies eenheden/);
    for (const n of ['9.732', '13.090', '471', '190']) expect(text.slice(table, table + 800)).toContain(n);
  });

  test('when the conclusions and recommendations are read, then the source conclusion per toezegging and its four recommendations stand in the report', () => {
    const from = source!.findIndex((l) => l.startsWith('5.2 Aanbevelingen'));
    const to = source!.findIndex((l, i) => i > from && l.startsWith(' Bijlage 1') );
    const recommendations: string[] = [];
    for (const l of source!.slice(from, to > 0 ? to : undefined)) {
      if (l.trim().startsWith('•')) recommendations.push(l.trim().replace(/^•\s*/, ''));
      else if (recommendations.length && l.trim() && !l.trim().startsWith('Ten aanzien') && !/^\s*$/.test(l)) recommendations[recommendations.length - 1] += ` ${l.trim()}`;
    }
    expect(recommendations).toHaveLength(4);
    for (const r of recommendations) expect({ r, found: text.includes(norm(r).slice(0, 60)) }).toEqual({ r, found: true });
    const conclusions = source!.join('\n').split(/\n\s*\n/).map(norm).filter((p) => p.startsWith('De Inspectie concludeert'));
    expect(conclusions.length).toBeGreaterThanOrEqual(3);
    for (const c of conclusions) expect({ c, found: text.includes(c.slice(0, 70)) }).toEqual({ c, found: true });
  });
});
