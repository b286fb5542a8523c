// The demo 2022 inspection against the published report it is based on (Recht van klagen, 2023):
// its outline has the report's numbered headings in the report's order, carries the report's 27
// footnotes with their pinpoints, and says things in its own words. Every expectation is derived
// from the source text itself, so a change on either side shows up here.
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { loadCatalogue } from '../../src/criteria';
import { demoDocuments } from '../../src/demo/files';
import { describeWithSource, SOURCE_REPORT } from '../helpers/source-report';
import { bodyProblems, blockCalls, citedSource, inspectionChecklists, numberOutline, outlineShapeProblem, type SectionInput } from '../../src/domain/outline';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE = SOURCE_REPORT ?? '';

// ---------------------------------------------------------------------------------------------
// The source: a pdftotext dump. Headings are lines of their own; footnotes stand in blocks at the
// foot of a page, after a line holding one space, numbered 1, 2, … through the report.

const sourceRaw = SOURCE && existsSync(SOURCE) ? readFileSync(SOURCE, 'utf8') : '';
const sourceLines = sourceRaw.split('\n');

interface SourceNote {
  number: number;
  text: string;
}

/** The page-foot notes, in order; the lines they take up are returned so prose checks skip them. */
function sourceNotes(lines: string[]): { notes: SourceNote[]; noteLines: Set<number> } {
  const notes: SourceNote[] = [];
  const noteLines = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== ' ') continue;
    let current: SourceNote | null = null;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j];
      const start = /^(\d{1,2}) (\S.*)$/.exec(line);
      // Only the next number in the sequence starts a note: the checklists in the appendices are numbered too.
      if (start && Number(start[1]) === notes.length + 1) {
        current = { number: Number(start[1]), text: start[2].trim() };
        notes.push(current);
      } else if (current && line.trim() !== '' && !line.startsWith(' ')) {
        current.text += ` ${line.trim()}`;
      } else break;
      noteLines.add(j);
    }
  }
  return { notes, noteLines };
}

/** "1.2 Title", "Hoofdstuk 2 Title" and "Bijlage 1: Title", with a title that wraps onto the next line joined. */
function sourceHeadings(lines: string[]): Array<{ number: string; title: string }> {
  const out: Array<{ number: string; title: string }> = [];
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  lines.forEach((line, i) => {
    const next = lines.at(i + 1) ?? '';
    const wrapped = (title: string) => clean(next.trim() === '' ? title : `${title} ${next}`);
    let m = /^\s*(\d)\.(\d{1,2}) (\S.*)$/.exec(line);
    if (m) {
      out.push({ number: `${m[1]}.${m[2]}`, title: clean(m[3]) });
      return;
    }
    // A chapter heading's title starts with a capital; "Hoofdstuk 2 gaat over …" in the leeswijzer does not.
    m = /^\s*Hoofdstuk (\d) +([A-Z].*)$/.exec(line);
    if (m) {
      out.push({ number: m[1], title: wrapped(m[2]) });
      return;
    }
    m = /^\s*Bijlage (\d): (\S.*)$/.exec(line);
    if (m) out.push({ number: `Bijlage ${m[1]}`, title: wrapped(m[2]) });
  });
  return out;
}

const { notes, noteLines } = sourceNotes(sourceLines);
const headings = sourceHeadings(sourceLines);

/** Lower case, typographic quotes and punctuation gone, one space between words. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘'`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// The source's prose without page furniture and footnote blocks, hyphenation at line ends undone
// and the footnote markers glued to words ("verbeteren1.") taken off.
const sourceProse = normalise(
  sourceLines
    .filter((l, i) => !noteLines.has(i) && !/^\s*\d+\s*$/.test(l) && l.trim() !== 'Recht van klagen')
    .join('\n')
    .replace(/-\s*\n\s*/g, '-')
    .replace(/(\p{Ll}{2})\d{1,2}(?=[\s.,;:]|$)/gmu, '$1'),
);
/** Prose and notes, for checking that what is quoted is what the source says. */
const sourceText = ` ${sourceProse} ${normalise(notes.map((n) => n.text).join(' '))} `;

const WINDOW = 12;
const sourceWindows = new Set<string>();
{
  const words = sourceProse.split(' ');
  for (let i = 0; i + WINDOW <= words.length; i++) sourceWindows.add(words.slice(i, i + WINDOW).join(' '));
}

/** The stretches of `text` made of runs of 12 or more words that the source also has, overlapping runs joined. */
function copiedRuns(text: string): string[] {
  const words = normalise(text).split(' ').filter(Boolean);
  const out: string[] = [];
  let from = -1;
  let to = -1;
  for (let i = 0; i + WINDOW <= words.length; i++) {
    if (!sourceWindows.has(words.slice(i, i + WINDOW).join(' '))) continue;
    if (from >= 0 && i > to) {
      out.push(words.slice(from, to).join(' '));
      from = -1;
    }
    if (from < 0) from = i;
    to = i + WINDOW;
  }
  if (from >= 0) out.push(words.slice(from, to).join(' '));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The demo document, read by the demo loader with the import's validation.

const catalogue = loadCatalogue(path.join(ROOT, 'criteria'));
const demo = demoDocuments(catalogue).find((d) => d.inspection.ref === 'recht-van-klagen-2022')!;
const sections: SectionInput[] = demo.outline ?? [];
const numbered = numberOutline(sections);
const evidence = new Map(demo.evidence.map((e) => [e.ref, e]));

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
function dutchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A footnote as the reader gets it: a cited source's title, party, date and pinpoint, or the free text. */
function resolve(noteText: string): string {
  const cited = citedSource(noteText);
  if (!cited) return noteText;
  const e = evidence.get(cited.ref);
  if (!e) return noteText;
  return [e.title, e.party, e.dateFrom ? dutchDate(e.dateFrom) : '', cited.pinpoint].join(' ');
}

interface Citation {
  /** The footnote label ("n11", "n3a"), or null for a block's source. */
  label: string | null;
  text: string;
}

/** Footnote references and blocks' sources, in reading order. */
function citations(): Citation[] {
  const out: Citation[] = [];
  for (const s of sections) {
    const defs = new Map<string, string>();
    for (const line of s.body.split('\n')) {
      const m = /^\[\^([^\]\s]+)\]:[ \t]*(.*)$/.exec(line);
      if (m) defs.set(m[1], m[2]);
    }
    for (const line of s.body.split('\n')) {
      if (/^\[\^[^\]\s]+\]:/.test(line)) continue;
      const call = blockCalls(line).at(0);
      if (call && 'name' in call && call.options.bron) out.push({ label: null, text: call.options.bron });
      for (const m of line.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) out.push({ label: m[1], text: defs.get(m[1]) ?? '' });
    }
  }
  return out;
}

/** What a source note pins down: its numbers, its web address, and the words that say where (art., blz., lid, toelichting, hoofdstuk, bijlage). */
function pinpoints(text: string): string[] {
  const urls = text.match(/https?:\/\/\S+/g) ?? [];
  const numbers = (text.replace(/https?:\/\/\S+/g, '').match(/\d+/g) ?? []).map((n) => `#${n}`);
  const words = text.toLowerCase().match(/\b(art|blz|lid|toelichting|hoofdstuk|bijlage)\b/g) ?? [];
  return [...new Set([...numbers, ...words, ...urls])];
}

function covers(resolved: string, pin: string): boolean {
  if (pin.startsWith('#')) return new RegExp(`(^|\\D)${pin.slice(1)}(\\D|$)`).test(resolved);
  if (pin.startsWith('http')) return resolved.includes(pin);
  return resolved.toLowerCase().includes(pin);
}

// ---------------------------------------------------------------------------------------------
// Own words: quotations are allowed for the conclusion per toezegging, the recommendations and the
// regulation's definition of a complaint, each verbatim and attributed; everything else is ours.

interface Quote {
  text: string;
  attributed: boolean;
}

/** A text split into what it quotes and what it says itself; block lines and footnote markers removed, footnote texts kept. */
function splitQuotes(raw: string): { own: string; quotes: Quote[] } {
  const quotes: Quote[] = [];
  const lines = raw
    .split('\n')
    .filter((l) => !/^\s*\{\{.*\}\}\s*$/.test(l))
    .map((l) => l.replace(/^\[\^[^\]\s]+\]:\s*(@[A-Za-z0-9._-]+,?)?/, ''));
  let text = lines
    .join('\n')
    .replace(/\[\^[^\]\s]+\]/g, '')
    // A block quote paragraph, with its attribution "(Recht van klagen, …)" at its end.
    .replace(/^> (.*?)(\s*\(Recht van klagen[^)]*\))?$/gm, (_all, q: string, attribution?: string) => {
      quotes.push({ text: q, attributed: Boolean(attribution) });
      return ' ';
    });
  text = text.replace(/[“‘]([^”’]+)[”’](\s*\((?:Recht van klagen|Uitvoeringsregeling)[^)]*\))?/g, (_all, q: string, attribution?: string) => {
    quotes.push({ text: q, attributed: Boolean(attribution) });
    return ' ';
  });
  return { own: text, quotes };
}

const recommendationOpeners = demo.recommendations.map((r) => normalise(r.text).split(' ').slice(0, 3).join(' '));
/** What the source itself puts between ‘…’: the regulation's definition of a complaint, among others. */
const sourceQuoted = [...sourceRaw.matchAll(/‘([^’]+)’/g)].map((m) => normalise(m[1]));

function quoteProblem(q: Quote, where: string): string | null {
  const n = normalise(q.text);
  if (!sourceText.includes(` ${n} `)) return `${where}: quoted but not the source's words: ${q.text}`;
  if (n.split(' ').length < WINDOW) return null;
  const allowed = n.startsWith('de inspectie concludeert') || recommendationOpeners.some((o) => n.startsWith(o)) || sourceQuoted.includes(n);
  if (!allowed) return `${where}: a long quotation that is no conclusion, recommendation or the regulation's definition: ${q.text}`;
  if (!q.attributed && !sourceQuoted.includes(n)) return `${where}: a quotation without "(Recht van klagen, …)": ${q.text}`;
  return null;
}

/** Every text of the demo document that screens and reports show, with where it is. The checklists and the recommendations are quotations as data. */
function demoTexts(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  sections.forEach((s, i) => {
    out.push({ where: `outline[${i}] ${s.title}`, text: s.body });
    out.push({ where: `outline[${i}].marking`, text: s.marking });
  });
  for (const [k, v] of Object.entries(demo.inspection.texts)) out.push({ where: `inspection.texts.${k}`, text: v });
  out.push({ where: 'inspection.illustrativeNote', text: demo.inspection.illustrativeNote });
  demo.findings.forEach((f) => out.push({ where: `findings ${f.criterion}`, text: f.text }));
  demo.conclusions.forEach((c) => out.push({ where: `conclusions ${c.group}`, text: c.text }));
  demo.recommendationFollowups.forEach((f) => out.push({ where: `follow-up ${f.recommendationRef}`, text: f.motivation }));
  // A source's title is a bibliographic reference and may be the source's own words; its description may not.
  demo.evidence.forEach((e) => out.push({ where: `evidence ${e.ref}`, text: e.description }));
  for (const v of demo.verdicts) {
    const cell = `verdict ${v.criterion}/${v.unit}`;
    out.push({ where: cell, text: v.motivation });
    v.evidence.forEach((l) => out.push({ where: `${cell} excerpt ${l.ref}`, text: l.excerpt }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describeWithSource('the source report as read by this test', () => {
  it('yields 27 footnotes numbered 1 to 27 and the numbered headings of five chapters and three appendices', () => {
    expect(notes.map((n) => n.number)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(notes[10].text).toBe('Politiewet 2012, art. 70 lid 2.');
    expect(headings.filter((h) => /^\d$/.test(h.number)).map((h) => h.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(headings.filter((h) => h.number.startsWith('Bijlage'))).toHaveLength(3);
    expect(headings.find((h) => h.number === '4')?.title).toBe('Het uniform behandelen van klachten');
  });
});

describeWithSource('the demo 2022 outline against Recht van klagen', () => {
  it('when the demo loader reads the 2022 file, then it has an outline whose levels never skip one', () => {
    expect(sections.length).toBeGreaterThan(40);
    expect(outlineShapeProblem(sections)).toBeNull();
  });

  it('when the outline is numbered, then it starts with every numbered heading of the source, in the source’s order', () => {
    const ours = numbered.filter((n) => n.number !== '').map((n) => ({ number: n.number, title: n.section.title }));
    expect(ours.slice(0, headings.length)).toEqual(headings);
    // What follows are the tool's own appendices.
    for (const extra of ours.slice(headings.length)) expect(extra.number).toMatch(/^Bijlage \d+$/);
  });

  it('opens with the voorwoord and the samenvatting, and every heading up to bijlage 3 is a line of the source', () => {
    expect(sections.slice(0, 2).map((s) => [s.kind, s.title])).toEqual([
      ['ongenummerd', 'Voorwoord'],
      ['ongenummerd', 'Samenvatting'],
    ]);
    const lines = new Set(sourceLines.map((l) => l.replace(/\s+/g, ' ').trim()));
    const lastSourceAppendix = numbered.findIndex((n) => n.number === headings.at(-1)?.number);
    const missing = numbered
      .slice(0, lastSourceAppendix + 1)
      .filter((n) => n.number === '')
      .map((n) => n.section.title)
      .filter((t) => !lines.has(t));
    expect(missing).toEqual([]);
  });

  it('when its bodies are checked as the editor checks them, then no block or footnote is refused', () => {
    const scope = { checklists: inspectionChecklists(catalogue, demo.inspection.checklists), evidenceRefs: new Set(evidence.keys()) };
    const problems = sections.flatMap((s) => bodyProblems(s.body, scope).map((p) => `${s.title}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('carries every footnote of the source, in the source’s order, with its pinpoints and numbers', () => {
    const cites = citations();
    const byNote = (n: number) => cites.filter((c) => c.label !== null && new RegExp(`^n${n}[a-z]?$`).test(c.label));
    const problems: string[] = [];
    let lastIndex = -1;
    for (const note of notes) {
      let mine = byNote(note.number);
      // A note the source puts under a table or figure is the block's source line.
      if (mine.length === 0) {
        const before = cites.findIndex((c) => byNote(note.number + 1).includes(c));
        mine = cites
          .slice(lastIndex + 1, before < 0 ? undefined : before)
          .filter((c) => c.label === null)
          .slice(0, 1);
      }
      if (mine.length === 0) {
        problems.push(`note ${note.number} (${note.text}) has no footnote`);
        continue;
      }
      if (cites.indexOf(mine[0]) < lastIndex) problems.push(`note ${note.number} comes before note ${note.number - 1}`);
      lastIndex = cites.indexOf(mine[mine.length - 1]);
      const resolved = mine.map((c) => resolve(c.text)).join(' ');
      const lost = pinpoints(note.text).filter((p) => !covers(resolved, p));
      if (lost.length > 0) problems.push(`note ${note.number} (${note.text}) lost ${lost.join(', ')}: ${resolved}`);
    }
    expect(problems).toEqual([]);
  });

  it('puts the complaint table in § 2.1 with the source’s caption and its source, and the figure of bijlage 3 with the source’s credit', () => {
    const caption = sourceLines.findIndex((l) => l.startsWith('Tabel: '));
    const sourceCaption = normalise(`${sourceLines[caption]} ${sourceLines[caption + 1]}`.replace(/^Tabel: /, '').replace(/\d+\.\s*$/, ''));
    const placed = numbered.flatMap((n, i) => blockCalls(n.section.body).map((call) => ({ i, call })));
    const table = placed.find(({ call }) => 'name' in call && call.name === 'klachtcijfers');
    expect(table).toBeDefined();
    const options = (table!.call as { options: Record<string, string> }).options;
    expect(normalise(options.titel)).toBe(sourceCaption);
    expect(resolve(options.bron)).toContain('Analyse jaarverslagen 2020 klachtencommissies eenheden');
    // Under § 2.1: the last numbered section before the table.
    expect(numbered.slice(0, table!.i + 1).filter((n) => n.number !== '').at(-1)?.number).toBe('2.1');

    const credit = sourceLines.find((l) => l.startsWith('Bron: '))!.replace(/^Bron: /, '').trim();
    const appendix = numbered.find((n) => n.number === 'Bijlage 3')!;
    const figure = blockCalls(appendix.section.body).find((c) => 'name' in c && c.name === 'figuur') as { options: Record<string, string> } | undefined;
    expect(figure).toBeDefined();
    expect(resolve(figure!.options.bron)).toContain(credit);
    expect(appendix.section.body).toMatch(/niet in de tekst van het rapport/);
  });

  it('marks every section with text as a summary in own words, or as illustrative', () => {
    const unmarked = sections.filter((s) => s.body.trim() !== '' && !/Samenvatting in eigen woorden|Illustratief|letterlijk|Recht van klagen|brontekst/.test(s.marking));
    expect(unmarked.map((s) => s.title)).toEqual([]);
  });

  it('quotes only the conclusion per toezegging, the recommendations and the regulation, verbatim and attributed, and copies no run of 12 words elsewhere', () => {
    const problems: string[] = [];
    for (const { where, text } of demoTexts()) {
      const { own, quotes } = splitQuotes(text);
      for (const q of quotes) {
        const p = quoteProblem(q, where);
        if (p) problems.push(p);
      }
      for (const run of copiedRuns(own)) problems.push(`${where}: copied from the source: ${run}`);
    }
    expect(problems).toEqual([]);
  });

  it('quotes each toezegging’s concluding sentences in its deelconclusie, and gives each its own words besides', () => {
    for (const c of demo.conclusions.filter((x) => ['opvolgen', 'leren', 'uniform'].includes(x.group))) {
      const { own, quotes } = splitQuotes(c.text);
      expect(quotes.map((q) => normalise(q.text).startsWith('de inspectie concludeert') && q.attributed)).toEqual([true]);
      expect(normalise(own).split(' ').length).toBeGreaterThan(30);
    }
  });
});
