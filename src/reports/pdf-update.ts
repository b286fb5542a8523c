// Changing a few objects of a finished PDF cheaply: an incremental update (ISO 32000-1 §7.5.6)
// appends the new and changed objects with a cross-reference section of their own and leaves
// the printed bytes as they are. Only the objects asked for are parsed (a few dozen of a
// national report's ~6,000), which costs milliseconds where loading and saving the whole file
// with pdf-lib costs 200–500 ms. A file this reader does not expect (a cross-reference stream,
// an earlier update, encryption) is edited through pdf-lib's full load and save instead.
import { PDFArray, PDFContext, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectParser, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

export interface PdfEdit {
  /** For building new objects (context.obj, context.flateStream). */
  readonly context: PDFContext;
  readonly root: PDFRef;
  /** The document information dictionary, if the file has one. */
  readonly info: PDFRef | null;
  /** The object a reference points to (anything else is returned as it is). */
  resolve(o: PDFObject | undefined): PDFObject | undefined;
  /** Record that the object at `ref` (as returned by resolve) was changed in place. */
  changed(ref: PDFRef): void;
  /** A new indirect object. */
  add(o: PDFObject): PDFRef;
  setInfo(ref: PDFRef): void;
  /** The file with the changes; `id` becomes the trailer's /ID (PDF/A requires one). */
  save(id: [string, string]): Promise<Buffer>;
}

export function dictOf(edit: PdfEdit, o: PDFObject | undefined): PDFDict | undefined {
  const r = edit.resolve(o);
  return r instanceof PDFDict ? r : undefined;
}

export function arrayOf(edit: PdfEdit, o: PDFObject | undefined): PDFArray | undefined {
  const r = edit.resolve(o);
  return r instanceof PDFArray ? r : undefined;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');

function bytesOf(o: PDFObject): Uint8Array {
  const buf = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(buf, 0);
  return buf;
}

function idArray(context: PDFContext, id: [string, string]): PDFArray {
  return context.obj([PDFHexString.of(id[0]), PDFHexString.of(id[1])]);
}

interface XrefEntry {
  offset: number;
  gen: number;
}

interface Subsection {
  first: number;
  count: number;
  /** Where its first 20-byte entry starts in the file. */
  at: number;
}

interface Xref {
  xrefOffset: number;
  entry: (n: number) => XrefEntry | null;
  trailer: PDFDict;
}

const ENTRY = /^(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)$/;

/**
 * The single classic cross-reference table and trailer at the end of the file, or null. Entries
 * are read when asked for: every entry is exactly 20 bytes, so only the subsection headers are
 * parsed up front, not the thousands of entries of which a few are needed.
 */
function readXref(pdf: Buffer, context: PDFContext): Xref | null {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return null;
  const xrefOffset = Number(m[1]);
  if (!(xrefOffset > 0 && xrefOffset < pdf.length)) return null;
  if (pdf.subarray(xrefOffset, xrefOffset + 4).toString('latin1') !== 'xref') return null;
  const sections: Subsection[] = [];
  const header = /^[\r\n ]*(\d+) (\d+)[ ]?(?:\r\n|\r|\n)/;
  let at = xrefOffset + 4;
  for (;;) {
    const head = header.exec(pdf.subarray(at, at + 48).toString('latin1'));
    if (!head) break;
    const section = { first: Number(head[1]), count: Number(head[2]), at: at + head[0].length };
    sections.push(section);
    at = section.at + section.count * 20;
    if (at > pdf.length) return null;
  }
  const rest = pdf.subarray(at, at + 32).toString('latin1');
  const t = /^\s*trailer\s*/.exec(rest);
  if (!t || sections.length === 0) return null;
  const trailer = PDFObjectParser.forBytes(pdf.subarray(at + t[0].length), context).parseObject();
  if (!(trailer instanceof PDFDict)) return null;
  // An earlier update or a hybrid file: its other sections would have to be merged. Encryption: not ours.
  for (const key of ['Prev', 'XRefStm', 'Encrypt']) if (trailer.has(PDFName.of(key))) return null;
  const entry = (n: number): XrefEntry | null => {
    const section = sections.find((x) => n >= x.first && n < x.first + x.count);
    if (!section) return null;
    const from = section.at + (n - section.first) * 20;
    const e = ENTRY.exec(pdf.subarray(from, from + 20).toString('latin1'));
    if (!e) throw new Error(`PDF: cross-reference entry ${n} is malformed`);
    return e[3] === 'n' ? { offset: Number(e[1]), gen: Number(e[2]) } : null;
  };
  return { xrefOffset, entry, trailer };
}

function incremental(pdf: Buffer): PdfEdit | null {
  const context = PDFContext.create();
  const found = readXref(pdf, context);
  if (!found) return null;
  const xref = found;
  const root = xref.trailer.get(PDFName.of('Root'));
  if (!(root instanceof PDFRef)) return null;
  const infoRef = xref.trailer.get(PDFName.of('Info'));
  let info = infoRef instanceof PDFRef ? infoRef : null;
  const size = xref.trailer.get(PDFName.of('Size'));
  if (!(size instanceof PDFNumber)) return null;
  let next = size.asNumber();

  const loaded = new Map<string, PDFObject>();
  const dirty = new Map<string, { ref: PDFRef; get: () => PDFObject }>();

  function load(ref: PDFRef): PDFObject | undefined {
    const key = ref.toString();
    const hit = loaded.get(key);
    if (hit) return hit;
    const e = xref.entry(ref.objectNumber);
    if (e?.gen !== ref.generationNumber) return undefined;
    const head = pdf.subarray(e.offset, e.offset + 64).toString('latin1');
    const h = /^\s*(\d+)\s+(\d+)\s+obj/.exec(head);
    if (!h || Number(h[1]) !== ref.objectNumber) throw new Error(`PDF: object ${key} is not at its offset`);
    const obj = PDFObjectParser.forBytes(pdf.subarray(e.offset + h[0].length), context).parseObject();
    loaded.set(key, obj);
    return obj;
  }

  return {
    context,
    root,
    get info() { return info; },
    resolve: (o) => (o instanceof PDFRef ? load(o) : o),
    changed: (ref) => {
      const obj = load(ref);
      if (!obj) throw new Error(`PDF: no object ${ref.toString()} to change`);
      dirty.set(ref.toString(), { ref, get: () => obj });
    },
    add: (o) => {
      const ref = PDFRef.of(next++, 0);
      loaded.set(ref.toString(), o);
      dirty.set(ref.toString(), { ref, get: () => o });
      return ref;
    },
    setInfo: (ref) => { info = ref; },
    save: (id) => {
      const parts: Uint8Array[] = [pdf];
      let at = pdf.length;
      const push = (b: Uint8Array) => { parts.push(b); at += b.length; };
      if (pdf[pdf.length - 1] !== 0x0a) push(ascii('\n'));
      const offsets: Array<{ n: number; gen: number; offset: number }> = [];
      for (const { ref, get } of dirty.values()) {
        offsets.push({ n: ref.objectNumber, gen: ref.generationNumber, offset: at });
        push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
        push(bytesOf(get()));
        push(ascii('\nendobj\n'));
      }
      offsets.sort((a, b) => a.n - b.n);
      const xrefAt = at;
      let table = 'xref\n';
      for (let i = 0; i < offsets.length; ) {
        let j = i;
        while (j + 1 < offsets.length && offsets[j + 1].n === offsets[j].n + 1) j++;
        table += `${offsets[i].n} ${j - i + 1}\n`;
        for (let k = i; k <= j; k++) table += `${String(offsets[k].offset).padStart(10, '0')} ${String(offsets[k].gen).padStart(5, '0')} n \n`;
        i = j + 1;
      }
      const trailer = context.obj({ Size: next, Root: root, ...(info ? { Info: info } : {}), Prev: xref.xrefOffset });
      trailer.set(PDFName.of('ID'), idArray(context, id));
      push(ascii(table + 'trailer\n'));
      push(bytesOf(trailer));
      push(ascii(`\nstartxref\n${xrefAt}\n%%EOF\n`));
      return Promise.resolve(Buffer.concat(parts));
    },
  };
}

async function whole(pdf: Buffer): Promise<PdfEdit> {
  // No yielding between objects: a yield per 50 objects costs more than the parsing itself.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const context = doc.context;
  const root = context.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw new Error('PDF: no catalog');
  return {
    context,
    root,
    get info() { return context.trailerInfo.Info instanceof PDFRef ? context.trailerInfo.Info : null; },
    resolve: (o) => (o instanceof PDFRef ? context.lookup(o) : o),
    // Objects are changed in place in the document's own context.
    changed: () => undefined,
    add: (o) => context.register(o),
    setInfo: (ref) => { context.trailerInfo.Info = ref; },
    save: async (id) => {
      context.trailerInfo.ID = idArray(context, id);
      // A classic cross-reference table: Chromium writes a PDF 1.4 header, and object streams are 1.5.
      return Buffer.from(await doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false, addDefaultPage: false }));
    },
  };
}

/** An editor for the PDF: an incremental update where the file allows it, else a full rewrite. */
export async function editPdf(pdf: Buffer): Promise<PdfEdit> {
  return incremental(pdf) ?? whole(pdf);
}

/** For tests: always the full rewrite. */
export async function editPdfWhole(pdf: Buffer): Promise<PdfEdit> {
  return whole(pdf);
}
