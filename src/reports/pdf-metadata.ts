// What Chromium's PDF lacks for an archivable, accessible report, added after printing with
// pdf-lib: document properties (Info) and the same in XMP, identifying the file as PDF/A-2b; an
// sRGB output intent (Chromium paints in DeviceRGB, which PDF/A only accepts with one); a file
// identifier; and a description on every link (annotation /Contents and the /Link structure
// element's /Alt), which Chromium leaves empty. pdf-lib loads and saves the objects as they are,
// so the structure tree, /MarkInfo, /Lang and the outline Chromium wrote stay untouched.
//
// Not claimed: conformance A (Chromium's tags are not checked against PDF/A-2a's rules) and a
// full PDF/A-2b validation (no veraPDF here); test/helpers/pdf_structure.py checks what it can.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import { arrayOf, dictOf, editPdf, PdfEdit } from './pdf-update';

export const PDF_AUTHOR = 'Inspectie Justitie en Veiligheid';

export interface PdfMetadata {
  title: string;
  subject?: string;
  keywords?: string[];
}

export interface ArchivalInput {
  metadata: PdfMetadata;
  /** "Toetsing 0.1.0". */
  creator: string;
  /** Description per link target ("#s3-2", "https://…"), from the printed HTML. */
  links: Map<string, string>;
}

/** sRGB IEC61966-2.1 (little CMS, zlib licence; see reports/icc/README.md). */
const ICC_PATH = path.resolve(__dirname, '..', '..', 'reports', 'icc', 'sRGB.icc');
let icc: Buffer | null = null;

/** The profile, deflated once for the process. */
function iccProfile(): Buffer {
  icc ??= zlib.deflateSync(fs.readFileSync(ICC_PATH));
  return icc;
}

let version: string | null = null;

/** "Toetsing <version>", from package.json (read once). */
export function creatorTool(): string {
  if (version === null) {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    version = typeof pkg.version === 'string' ? pkg.version : 'onbekend';
  }
  return `Toetsing ${version}`;
}

// --- reading the HTML -------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#')) {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Text of an HTML fragment: tags become spaces (so "Inleiding" and "7" do not run together). */
function textOf(html: string): string {
  const visible = html.replace(/<(span|i|b)\b[^>]*aria-hidden="true"[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  return decodeEntities(visible.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`, 'is').exec(attrs);
  return m ? decodeEntities(m[2]) : null;
}

/** The document's <title>, for a report printed without metadata. */
export function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const t = m ? textOf(m[1]) : '';
  return t === '' ? null : t;
}

/** <meta name="description|keywords" content="…"> in the head. */
function htmlMeta(html: string, name: string): string | null {
  const head = html.slice(0, Math.max(0, html.search(/<body[\s>]/i)));
  for (const m of head.matchAll(/<meta\b([^>]*)>/gi)) {
    if (attr(m[1], 'name')?.toLowerCase() === name) return attr(m[1], 'content');
  }
  return null;
}

/** The metadata asked for, else what the HTML's head says. */
export function metadataFor(html: string, given?: PdfMetadata): PdfMetadata {
  if (given) return given;
  const keywords = htmlMeta(html, 'keywords');
  return {
    title: htmlTitle(html) ?? 'Rapport',
    subject: htmlMeta(html, 'description') ?? undefined,
    keywords: keywords ? keywords.split(',').map((k) => k.trim()).filter((k) => k !== '') : undefined,
  };
}

/**
 * A description per link target: aria-label, else title, else the link's visible text. A target
 * linked with different texts keeps the first (a later link to it says where it goes as well).
 */
export function linkDescriptions(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const href = attr(m[1], 'href');
    if (!href || out.has(href)) continue;
    const text = attr(m[1], 'aria-label') ?? attr(m[1], 'title') ?? textOf(m[2]);
    if (text.trim() !== '') out.set(href, text.trim());
  }
  return out;
}

// --- XMP ----------------------------------------------------------------------------------------

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A date as XMP writes it, to the second, in UTC: the same instant as Info's "D:…Z". */
function xmpDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function xmpPacket(p: { title: string; author: string; subject?: string; keywords?: string; creator: string; producer?: string; date: Date }): string {
  const lines = [
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">`,
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(p.author)}</rdf:li></rdf:Seq></dc:creator>`,
    ...(p.subject !== undefined ? [`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.subject)}</rdf:li></rdf:Alt></dc:description>`] : []),
    ...(p.keywords !== undefined ? [`<pdf:Keywords>${xml(p.keywords)}</pdf:Keywords>`] : []),
    ...(p.producer !== undefined ? [`<pdf:Producer>${xml(p.producer)}</pdf:Producer>`] : []),
    `<xmp:CreatorTool>${xml(p.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${xmpDate(p.date)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(p.date)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(p.date)}</xmp:MetadataDate>`,
    `<pdfaid:part>2</pdfaid:part>`,
    `<pdfaid:conformance>B</pdfaid:conformance>`,
    `</rdf:Description>`,
    `</rdf:RDF>`,
    `</x:xmpmeta>`,
  ];
  // Padding lets an editor rewrite the packet in place, as the XMP specification recommends.
  return `${lines.join('\n')}\n${' '.repeat(1024)}\n<?xpacket end="w"?>`;
}

// --- the PDF ------------------------------------------------------------------------------------

function text(o: PDFObject | undefined): string | null {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  if (o instanceof PDFName) return o.decodeText();
  return null;
}

/** "D:20261202000425+00'00'" (and the shorter forms) → the instant; null when unreadable. */
export function parsePdfDate(s: string | null): Date | null {
  const m = s === null ? null : /^D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:([Zz+-])(?:(\d\d)'?(\d\d)?'?)?)?$/.exec(s);
  if (!m) return null;
  const n = (x: string | undefined, d: number) => (x === undefined ? d : Number(x));
  const utc = Date.UTC(n(m[1], 0), n(m[2], 1) - 1, n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0));
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offset = sign * (n(m[8], 0) * 60 + n(m[9], 0)) * 60_000;
  const d = new Date(utc - offset);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant as Info writes it, in UTC, to the second. */
export function pdfDate(d: Date): string {
  return `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+00'00'`;
}

/** A number tree (the structure tree's /ParentTree) as a map. */
function numberTree(edit: PdfEdit, node: PDFDict | undefined, out = new Map<number, PDFObject>()): Map<number, PDFObject> {
  if (!node) return out;
  const nums = arrayOf(edit, node.get(PDFName.of('Nums')));
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const k = nums.get(i);
      if (k instanceof PDFNumber) out.set(k.asNumber(), nums.get(i + 1));
    }
  }
  const kids = arrayOf(edit, node.get(PDFName.of('Kids')));
  if (kids) for (let i = 0; i < kids.size(); i++) numberTree(edit, dictOf(edit, kids.get(i)), out);
  return out;
}

/** The page objects in order (the page tree walked depth first). */
function pages(edit: PdfEdit, node: PDFDict | undefined, out: PDFDict[] = [], depth = 0): PDFDict[] {
  if (!node || depth > 32) return out;
  if (node.get(PDFName.of('Type')) === PDFName.of('Page')) out.push(node);
  const kids = arrayOf(edit, node.get(PDFName.of('Kids')));
  if (kids) for (let i = 0; i < kids.size(); i++) pages(edit, dictOf(edit, kids.get(i)), out, depth + 1);
  return out;
}

/** Where a link annotation goes, as the HTML wrote it: "#id" inside the document, else its URI. */
function linkTarget(edit: PdfEdit, annot: PDFDict): string | null {
  const dest = text(edit.resolve(annot.get(PDFName.of('Dest'))));
  if (dest !== null) return `#${dest}`;
  const action = dictOf(edit, annot.get(PDFName.of('A')));
  if (!action) return null;
  const uri = text(edit.resolve(action.get(PDFName.of('URI'))));
  if (uri !== null) return uri;
  const d = text(edit.resolve(action.get(PDFName.of('D'))));
  return d !== null ? `#${d}` : null;
}

/**
 * A description on every link: the annotation's /Contents and its /Link structure element's
 * /Alt. Returns the links that got none (a target the HTML does not describe).
 */
function describeLinks(edit: PdfEdit, catalog: PDFDict, links: Map<string, string>): string[] {
  const missing: string[] = [];
  const structRoot = dictOf(edit, catalog.get(PDFName.of('StructTreeRoot')));
  const parents = numberTree(edit, dictOf(edit, structRoot?.get(PDFName.of('ParentTree'))));
  for (const page of pages(edit, dictOf(edit, catalog.get(PDFName.of('Pages'))))) {
    const annots = arrayOf(edit, page.get(PDFName.of('Annots')));
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const ref = annots.get(i);
      const annot = dictOf(edit, ref);
      if (!(ref instanceof PDFRef) || annot?.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const target = linkTarget(edit, annot);
      const description = target === null ? null : (links.get(target) ?? (target.startsWith('#') ? null : target));
      if (description === null) {
        missing.push(target ?? '(onbekend doel)');
        continue;
      }
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(description));
      edit.changed(ref);
      const key = annot.get(PDFName.of('StructParent'));
      const elemRef = key instanceof PDFNumber ? parents.get(key.asNumber()) : undefined;
      const elem = dictOf(edit, elemRef);
      if (elemRef instanceof PDFRef && elem?.get(PDFName.of('S')) === PDFName.of('Link') && !elem.has(PDFName.of('Alt'))) {
        elem.set(PDFName.of('Alt'), PDFHexString.fromText(description));
        edit.changed(elemRef);
      }
    }
  }
  return missing;
}

function outputIntent(edit: PdfEdit): PDFRef {
  const c = edit.context;
  return edit.add(
    c.obj({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      OutputConditionIdentifier: PDFHexString.fromText('sRGB IEC61966-2.1'),
      Info: PDFHexString.fromText('sRGB IEC61966-2.1'),
      RegistryName: PDFHexString.fromText('http://www.color.org'),
      DestOutputProfile: edit.add(c.stream(iccProfile(), { N: 3, Filter: 'FlateDecode' })),
    }),
  );
}

/**
 * Chromium's PDF → the same PDF with document properties in Info and XMP (PDF/A-2b), an sRGB
 * output intent, a file identifier and a description on every link.
 */
export async function archivalPdf(pdf: Buffer, input: ArchivalInput, open: (pdf: Buffer) => Promise<PdfEdit> = editPdf): Promise<Buffer> {
  const edit = await open(pdf);
  const c = edit.context;
  const catalog = dictOf(edit, edit.root);
  if (!catalog) throw new Error('PDF: no catalog');
  const oldInfo = edit.info ? dictOf(edit, edit.info) : undefined;
  const m = input.metadata;
  // Chromium's print time, to the second, is the document's date in Info and XMP alike.
  const printed = parsePdfDate(text(oldInfo?.get(PDFName.of('CreationDate')))) ?? new Date();
  const date = new Date(Math.floor(printed.getTime() / 1000) * 1000);
  const subject = m.subject !== undefined && m.subject.trim() !== '' ? m.subject : undefined;
  const keywords = m.keywords && m.keywords.length > 0 ? m.keywords.join(', ') : undefined;
  const producer = text(oldInfo?.get(PDFName.of('Producer'))) ?? undefined;

  const info = c.obj({});
  const put = (key: string, value: string | undefined) => { if (value !== undefined) info.set(PDFName.of(key), PDFHexString.fromText(value)); };
  put('Title', m.title);
  put('Author', PDF_AUTHOR);
  put('Subject', subject);
  put('Keywords', keywords);
  put('Creator', input.creator);
  put('Producer', producer);
  info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(date)));
  info.set(PDFName.of('ModDate'), PDFString.of(pdfDate(date)));
  edit.setInfo(edit.add(info));

  const packet = xmpPacket({ title: m.title, author: PDF_AUTHOR, subject, keywords, creator: input.creator, producer, date });
  // Uncompressed: PDF/A wants the metadata readable by tools that do not parse the PDF.
  const metadata = edit.add(c.stream(Buffer.from(packet, 'utf8'), { Type: 'Metadata', Subtype: 'XML' }));
  catalog.set(PDFName.of('Metadata'), metadata);
  catalog.set(PDFName.of('OutputIntents'), c.obj([outputIntent(edit)]));
  // A viewer's title bar shows the title, not the file name (PDF/UA asks for it too).
  const prefs = dictOf(edit, catalog.get(PDFName.of('ViewerPreferences'))) ?? c.obj({});
  prefs.set(PDFName.of('DisplayDocTitle'), c.obj(true));
  catalog.set(PDFName.of('ViewerPreferences'), prefs);
  edit.changed(edit.root);
  const missing = describeLinks(edit, catalog, input.links);
  if (missing.length > 0) console.warn(`PDF: ${missing.length} koppeling(en) zonder beschrijving: ${[...new Set(missing)].slice(0, 5).join(', ')}`);

  // The permanent identifier from what makes this print unique (its title, print time, length and
  // the end of its bytes, where Chromium's cross-reference table sits), without hashing all of it;
  // the changing one from what was added.
  const first = crypto.createHash('md5').update(m.title).update(pdfDate(date)).update(String(pdf.length)).update(pdf.subarray(Math.max(0, pdf.length - 4096))).digest('hex');
  const second = crypto.createHash('md5').update(first).update(packet).digest('hex');
  return edit.save([first, second]);
}
