// The pieces every Word report is made of: the styles (defined once in styles.xml, so the
// document stays editable as a whole), headings in Word's built-in Heading styles, verdicts as
// words on a shading, tables with a repeating header row and rows that do not split, footnotes,
// images, the page set-up and the packing. The writers (national.ts, unit.ts, compare.ts) only
// lay out their report model with these.
import {
  AlignmentType, BorderStyle, Document, FootnoteReferenceRun, Footer, Header, HeadingLevel, ImageRun,
  LevelFormat, LineRuleType, PageNumber, Packer, Paragraph, ParagraphChild, ShadingType, Tab, TabStopType, Table, TableCell, TableOfContents,
  TableRow, TextRun, VerticalAlignTable, WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Resvg } from '@resvg/resvg-js';
import type { VerdictView } from '../../present';
import { noteHtml, type Note } from '../common';

export type Block = Paragraph | Table;

export const ORGANISATION = 'Inspectie Justitie en Veiligheid';

/** A4 with the PDF's margins (20 mm, 18 mm right), in twips. */
const MM = 56.7;
const PAGE = { width: 11906, height: 16838, top: Math.round(20 * MM), right: Math.round(18 * MM), bottom: Math.round(20 * MM), left: Math.round(20 * MM) };
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const BRAND = '154273';
const BRAND_SOFT = 'E7EEF5';
const FONT = 'Liberation Sans';

/** Shading and ink of every verdict and direction class the reports use (reports/print.css, compare.css). */
const SHADES: Record<string, { fill: string; ink: string; name: string }> = {
  'v-positive': { fill: 'DCEFDC', ink: '1B4D1E', name: 'Oordeel positief' },
  'v-partial': { fill: 'FBEFC8', ink: '5C4100', name: 'Oordeel gedeeltelijk' },
  'v-negative': { fill: 'F8DCDC', ink: '7A1414', name: 'Oordeel negatief' },
  'v-none': { fill: 'ECECEC', ink: '333333', name: 'Oordeel geen' },
  'd-verbeterd': { fill: 'C8E6C9', ink: '1B4D1E', name: 'Richting verbeterd' },
  'd-gelijk': { fill: 'E3EAF1', ink: '263F5A', name: 'Richting gelijk' },
  'd-verslechterd': { fill: 'F8C9C4', ink: '7A1414', name: 'Richting verslechterd' },
  'd-nieuw-beoordeeld': { fill: 'D6E9F8', ink: '0B4A78', name: 'Richting nieuw beoordeeld' },
  'd-niet-meer-beoordeeld': { fill: 'FFE0B2', ink: '5C3500', name: 'Richting niet meer beoordeeld' },
  'd-niet-vergelijkbaar': { fill: 'EEEEEE', ink: '333333', name: 'Richting niet vergelijkbaar' },
};
const shadeOf = (cls: string) => SHADES[cls] ?? SHADES['v-none'];
const styleIdOf = (cls: string) => `Shade-${cls in SHADES ? cls : 'v-none'}`;

/** The table style: thin grid, brand-coloured header; referenced by every table, defined here once. */
const TABLE_STYLE = `<w:style w:type="table" w:styleId="Rapporttabel">
<w:name w:val="Rapporttabel"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
<w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr><w:rPr><w:sz w:val="17"/></w:rPr>
<w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="9DB1C7"/><w:left w:val="single" w:sz="4" w:space="0" w:color="9DB1C7"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="9DB1C7"/><w:right w:val="single" w:sz="4" w:space="0" w:color="9DB1C7"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="9DB1C7"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="9DB1C7"/>
</w:tblBorders><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="${BRAND}"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${BRAND_SOFT}"/></w:tcPr></w:tblStylePr>
</w:style>`;

function styles() {
  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: BRAND },
    paragraph: { spacing: { before, after: 100 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: { run: { font: FONT, size: 20, language: { value: 'nl-NL' } }, paragraph: { spacing: { after: 100, line: 276, lineRule: LineRuleType.AUTO } } },
      heading1: { ...heading(32, 360), paragraph: { ...heading(32, 360).paragraph, pageBreakBefore: true } },
      heading2: heading(26, 280),
      heading3: heading(23, 220),
      heading4: heading(21, 180),
      title: { run: { font: FONT, size: 48, bold: true, color: BRAND }, paragraph: { spacing: { before: 240, after: 240 } } },
      footnoteText: { run: { font: FONT, size: 16 }, paragraph: { spacing: { after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
    },
    paragraphStyles: [
      { id: 'Subhead', name: 'Tussenkop', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, color: BRAND }, paragraph: { keepNext: true, spacing: { before: 160, after: 60 } } },
      { id: 'Lead', name: 'Inleidende alinea', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 22 } },
      { id: 'Small', name: 'Klein', basedOn: 'Normal', next: 'Normal', run: { size: 17, color: '444444' } },
      { id: 'Marking', name: 'Markering illustratief', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 16, italics: true, color: '5C4100' }, paragraph: { spacing: { after: 120 }, shading: { type: ShadingType.CLEAR, fill: 'FFF6DA', color: 'auto' }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'B07D00', space: 4 } } } },
      { id: 'Empty', name: 'Nog leeg', basedOn: 'Normal', next: 'Normal', run: { italics: true, color: '757575' } },
      { id: 'Quote', name: 'Citaat', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true }, paragraph: { indent: { left: 400 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: BRAND, space: 6 } } } },
      { id: 'Box', name: 'Kader', basedOn: 'Normal', next: 'Normal', quickFormat: true, paragraph: { keepNext: true, indent: { left: 120, right: 120 }, shading: { type: ShadingType.CLEAR, fill: BRAND_SOFT, color: 'auto' }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: BRAND, space: 4 } } } },
      { id: 'Code', name: 'Code', basedOn: 'Normal', next: 'Normal', run: { font: 'Liberation Mono', size: 17 }, paragraph: { spacing: { after: 0 } } },
      { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 17, bold: true, color: BRAND }, paragraph: { keepNext: true, spacing: { before: 160, after: 60 } } },
      { id: 'SourceLine', name: 'Bronregel', basedOn: 'Normal', next: 'Normal', run: { size: 16, color: '444444' } },
      { id: 'TableText', name: 'Tabeltekst', basedOn: 'Normal', next: 'TableText', run: { size: 17 }, paragraph: { spacing: { after: 20, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: 'TitleMeta', name: 'Titelpagina', basedOn: 'Normal', next: 'TitleMeta', run: { size: 22 } },
      { id: 'TocHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: 32, bold: true, color: BRAND } },
      { id: 'HeaderText', name: 'Koptekst rapport', basedOn: 'Normal', run: { size: 16, color: '555555' }, paragraph: { spacing: { after: 0 } } },
    ],
    characterStyles: Object.entries(SHADES).map(([cls, s]) => ({
      id: styleIdOf(cls), name: s.name, basedOn: 'DefaultParagraphFont', quickFormat: true,
      run: { bold: true, color: s.ink, shading: { type: ShadingType.CLEAR, fill: s.fill, color: 'auto' } },
    })),
  };
}

const numbering = {
  config: [
    {
      reference: 'bullets',
      levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: ['•', '–', '·'][level], alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } } })),
    },
    {
      reference: 'numbers',
      levels: [0, 1, 2].map((level) => ({ level, format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level], text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 300 } } } })),
    },
  ],
};

// ---- Text

export type Inline = ParagraphChild;

export function text(t: string, opts: { bold?: boolean; italics?: boolean; size?: number; color?: string; superScript?: boolean; font?: string } = {}): TextRun {
  return new TextRun({ text: t, ...opts });
}

export function para(children: Inline[] | string, style?: string, opts: { keepNext?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({ children: typeof children === 'string' ? [text(children)] : children, style, keepNext: opts.keepNext, alignment: opts.alignment });
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/** A heading in Word's own Heading 1–4 style: the navigation pane and the TOC field read these. */
export function heading(level: number, t: string, opts: { pageBreak?: boolean } = {}): Paragraph {
  const l = Math.min(Math.max(level, 1), 4);
  return new Paragraph({ heading: HEADINGS[l - 1], children: [text(t)], pageBreakBefore: l === 1 ? opts.pageBreak ?? true : undefined });
}

/** A verdict (or a direction) in words, on its shading: the words carry it, never the colour alone. */
export function shaded(words: string, cls: string): TextRun {
  return new TextRun({ text: ` ${words} `, style: styleIdOf(cls) });
}

export function verdict(v: VerdictView): TextRun {
  return shaded(v.label, v.cls);
}

// ---- Tables

export interface CellSpec {
  children: Block[] | Inline[] | string;
  /** A verdict class: the cell is shaded like the verdict it holds in words. */
  shade?: string;
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'right' | 'center';
  bold?: boolean;
}

function cellBlocks(c: CellSpec): Block[] {
  const align = c.align === 'right' ? AlignmentType.RIGHT : c.align === 'center' ? AlignmentType.CENTER : undefined;
  if (typeof c.children === 'string') return [new Paragraph({ style: 'TableText', alignment: align, children: [text(c.children, { bold: c.bold })] })];
  if (c.children.length === 0) return [new Paragraph({ style: 'TableText', children: [] })];
  const isBlock = (x: Block | Inline): x is Block => x instanceof Paragraph || x instanceof Table;
  const children: Array<Block | Inline> = c.children;
  if (children.every(isBlock)) return children;
  return [new Paragraph({ style: 'TableText', alignment: align, children: children.filter((x): x is Inline => !isBlock(x)) })];
}

function cell(c: CellSpec, width: number | undefined): TableCell {
  const s = c.shade ? shadeOf(c.shade) : null;
  return new TableCell({
    children: cellBlocks(c),
    columnSpan: c.colSpan,
    rowSpan: c.rowSpan,
    verticalAlign: VerticalAlignTable.TOP,
    width: width === undefined ? undefined : { size: width, type: WidthType.DXA },
    shading: s ? { type: ShadingType.CLEAR, fill: s.fill, color: 'auto' } : undefined,
  });
}

/**
 * A table in the report's table style: its header rows repeat on every page, no row splits over
 * a page, and the caption above it stays with it. `widths` are fractions of the text width.
 */
export function table(opts: { caption?: string; header: CellSpec[][]; body: CellSpec[][]; widths?: number[] }): Block[] {
  const columns = opts.widths ?? (() => {
    const n = (opts.header.at(-1) ?? opts.body.at(0) ?? []).reduce((k, c) => k + (c.colSpan ?? 1), 0);
    return Array.from({ length: Math.max(n, 1) }, () => 1 / Math.max(n, 1));
  })();
  const total = columns.reduce((a, b) => a + b, 0);
  const twips = columns.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const rowOf = (cells: CellSpec[], header: boolean) => {
    let at = 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c) => {
        const span = c.colSpan ?? 1;
        const w = twips.slice(at, at + span).reduce((a, b) => a + b, 0);
        at += span;
        return cell(header ? { ...c, bold: true } : c, w || undefined);
      }),
    });
  };
  const t = new Table({
    style: 'Rapporttabel',
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    rows: [...opts.header.map((r) => rowOf(r, true)), ...opts.body.map((r) => rowOf(r, false))],
  });
  return [...(opts.caption ? [para(opts.caption, 'Caption', { keepNext: true })] : []), t];
}

// ---- Footnotes

/**
 * The report's notes as Word footnotes. A note becomes a footnote where the report first refers
 * to it; a later reference to the same note is its number in superscript. The model numbers
 * notes in the order the report shows them, so Word's own numbering gives the same numbers.
 */
export class NoteBook {
  private readonly known = new Map<number, Note>();
  private readonly placed = new Map<number, Note>();
  constructor(notes: Note[], private readonly inline: (html: string) => Inline[]) {
    for (const n of notes) this.known.set(n.number, n);
  }

  /** A reference to note `n` (a number from a marker in the text, or a note of a verdict). */
  ref(n: number | Note): Inline {
    const note = typeof n === 'number' ? this.known.get(n) : n;
    const number = typeof n === 'number' ? n : n.number;
    if (!note) return new TextRun({ text: String(number), superScript: true });
    if (this.placed.has(note.number)) return new TextRun({ text: String(note.number), superScript: true });
    this.placed.set(note.number, note);
    return new FootnoteReferenceRun(note.number);
  }

  /** The notes of a table cell: each note's reference, separated by commas; a dash for none. */
  refs(notes: Note[]): Inline[] {
    if (notes.length === 0) return [text('–')];
    return notes.flatMap((n, i) => (i === 0 ? [this.ref(n)] : [new TextRun({ text: ',', superScript: true }), this.ref(n)]));
  }

  footnotes(): Record<string, { children: Paragraph[] }> {
    return Object.fromEntries([...this.placed.values()].map((n) => [String(n.number), { children: [new Paragraph({ style: 'FootnoteText', children: this.inline(noteHtml(n)) })] }]));
  }
}

// ---- Images

function pngSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegSize(b: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return null;
}

/** Fit an image into the text width (at most `maxPx` wide at 96 dpi), keeping its proportions. */
function fit(size: { width: number; height: number }, maxPx: number): { width: number; height: number } {
  const w = Math.min(size.width, maxPx);
  return { width: Math.round(w), height: Math.round((size.height * w) / size.width) };
}

// An image's line grows with it (a fixed line height would clip it).
const IMAGE_SPACING = { before: 120, after: 60, line: 240, lineRule: LineRuleType.AUTO };

const TEXT_PX = Math.floor(TEXT_WIDTH / 15); // twips → px at 96 dpi

/**
 * A chart (SVG drawn on the server) as a PNG image with alternative text. Word 2016+ reads SVG,
 * but LibreOffice and older Word do not reliably, so the chart is rasterised here, at twice its
 * size for print, with the fonts of the PDF.
 */
export function chartImage(svg: string, alt: string): Paragraph {
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT }, background: '#ffffff' }).render().asPng();
  const size = pngSize(png) ?? { width: 1200, height: 800 };
  return new Paragraph({
    keepNext: true,
    spacing: IMAGE_SPACING,
    children: [new ImageRun({ type: 'png', data: png, transformation: fit({ width: size.width / 2, height: size.height / 2 }, TEXT_PX), altText: { name: alt.slice(0, 60), title: alt, description: alt } })],
  });
}

/** An image of the file (a data: URL, PNG or JPEG); null when it cannot be read. */
export function dataImage(src: string, alt: string): Paragraph | null {
  const m = /^data:image\/(png|jpeg);base64,(.*)$/s.exec(src);
  if (!m) return null;
  const data = Buffer.from(m[2], 'base64');
  const size = m[1] === 'png' ? pngSize(data) : jpegSize(data);
  if (!size) return null;
  return new Paragraph({
    keepNext: true,
    spacing: IMAGE_SPACING,
    children: [new ImageRun({ type: m[1] === 'png' ? 'png' : 'jpg', data, transformation: fit(size, TEXT_PX), altText: { name: alt.slice(0, 60), title: alt, description: alt } })],
  });
}

// ---- The document

export interface DocxReport {
  title: string;
  subject: string;
  runningTitle: string;
  /** "CONCEPT" or "Vastgesteld op …", in every page's header. */
  mark: string;
  final: boolean;
  illustrative: boolean;
  titlePage: Block[];
  body: Block[];
  notes: NoteBook;
}

function headerParagraph(left: string, mark: string, final: boolean): Paragraph {
  return new Paragraph({
    style: 'HeaderText',
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB', space: 2 } },
    children: [text(left), new TextRun({ children: [new Tab()] }), text(mark, { bold: true, size: 18, color: final ? '2E7D32' : 'B00020' })],
  });
}

/** The report as a .docx: title page, table of contents (a TOC field), the body, footnotes, A4. */
export async function packDocx(r: DocxReport): Promise<Buffer> {
  const footer = new Footer({
    children: [new Paragraph({
      style: 'HeaderText',
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      children: [
        text(r.illustrative ? `${ORGANISATION} · illustratief onderzoek` : ORGANISATION),
        new TextRun({ children: [new Tab(), 'pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] }),
      ],
    })],
  });
  // Built first: the body's references decide which footnotes exist.
  const body = r.body;
  const doc = new Document({
    title: r.title,
    subject: r.subject,
    creator: ORGANISATION,
    lastModifiedBy: ORGANISATION,
    description: r.illustrative ? 'Illustratief onderzoek: de inhoud is (deels) verzonnen.' : undefined,
    features: { updateFields: true },
    styles: styles(),
    numbering,
    footnotes: r.notes.footnotes(),
    sections: [{
      properties: {
        titlePage: true,
        page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, right: PAGE.right, bottom: PAGE.bottom, left: PAGE.left, header: 500, footer: 500 } },
      },
      headers: { first: new Header({ children: [headerParagraph('', r.mark, r.final)] }), default: new Header({ children: [headerParagraph(r.runningTitle, r.mark, r.final)] }) },
      footers: { first: footer, default: footer },
      children: [
        ...r.titlePage,
        new Paragraph({ style: 'TocHeading', pageBreakBefore: true, children: [text('Inhoud')] }),
        // Entries without page numbers: Word fills them in on opening (updateFields asks it to).
        // docx/layout could estimate them, but took 14–23 s for the national report here.
        new TableOfContents('Inhoud', { hyperlink: true, headingStyleRange: '1-2' }),
        ...body,
      ],
    }],
  });
  return finish(await Packer.toBuffer(doc), 'nl-NL');
}

/**
 * What `docx` has no option for, added to its parts: the document's language in the core
 * properties (dc:language) and the table style in styles.xml (its styles options take paragraph
 * and character styles only).
 */
function finish(docx: Buffer, lang: string): Buffer {
  const files = unzipSync(new Uint8Array(docx));
  const edit = (name: string, f: (xml: string) => string) => {
    const part = files[name] as Uint8Array | undefined;
    if (!part) throw new Error(`docx without ${name}`);
    files[name] = strToU8(f(strFromU8(part)));
  };
  edit('docProps/core.xml', (xml) => (xml.includes('<dc:language>') ? xml : xml.replace('</cp:coreProperties>', `<dc:language>${lang}</dc:language></cp:coreProperties>`)));
  edit('word/styles.xml', (xml) => xml.replace('</w:styles>', `${TABLE_STYLE.replace(/\n/g, '')}</w:styles>`));
  return Buffer.from(zipSync(files, { level: 6 }));
}
