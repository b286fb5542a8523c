// Judge an uploaded file's type from its bytes, never from its name, and check that the name's
// extension agrees. ZIP-based office formats are told apart by the names of their entries.
import { stripFormatting } from './names';

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'docx' | 'xlsx' | 'odt' | 'text';

export const KIND_MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  text: 'text/plain; charset=utf-8',
};

export const KIND_LABEL: Record<FileKind, string> = {
  pdf: 'PDF', png: 'PNG-afbeelding', jpeg: 'JPEG-afbeelding', gif: 'GIF-afbeelding',
  docx: 'Word-document (DOCX)', xlsx: 'Excel-werkmap (XLSX)', odt: 'OpenDocument-tekst (ODT)', text: 'platte tekst',
};

const EXTENSION_KIND: Record<string, FileKind> = {
  pdf: 'pdf', png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', docx: 'docx', xlsx: 'xlsx', odt: 'odt', txt: 'text', md: 'text', csv: 'text',
};

const ODT_MIME = 'application/vnd.oasis.opendocument.text';

function startsWith(bytes: Buffer, sig: number[] | string, at = 0): boolean {
  const s = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return bytes.length >= at + s.length && bytes.subarray(at, at + s.length).equals(s);
}

/** Entry names from a ZIP's central directory; null when the bytes are not a readable ZIP. */
export function zipEntryNames(bytes: Buffer): string[] | null {
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    if (p + 46 + nameLen > bytes.length) return null;
    names.push(bytes.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** ODF puts an uncompressed `mimetype` entry first; its content names the format. */
function odfMimetype(bytes: Buffer): string | null {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || bytes.length < 30) return null;
  const nameLen = bytes.readUInt16LE(26);
  const extraLen = bytes.readUInt16LE(28);
  if (bytes.subarray(30, 30 + nameLen).toString('latin1') !== 'mimetype') return null;
  const size = bytes.readUInt32LE(18);
  const start = 30 + nameLen + extraLen;
  return bytes.subarray(start, start + Math.min(size, 200)).toString('latin1');
}

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the bytes are, or null for anything we do not accept. */
export function sniff(bytes: Buffer): FileKind | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'gif';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (odfMimetype(bytes) === ODT_MIME) return 'odt';
    const names = zipEntryNames(bytes);
    if (!names) return null;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return null;
  }
  return isUtf8Text(bytes) ? 'text' : null;
}

export function kindOfExtension(name: string): FileKind | null {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? EXTENSION_KIND[m[1].toLowerCase()] ?? null : null;
}

/**
 * The name to keep for display and download: the last path segment, without control characters
 * or leading dots, and without invisible format characters (bidi controls would show
 * `invoice\u202egpj.txt` as "invoicetxt.jpg"; src/files/names.ts). Returns null when nothing
 * usable remains or the name held control characters.
 */
export function safeDisplayName(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  const base = stripFormatting(raw).split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned === '' ? null : cleaned;
}

export type UploadCheck =
  | { ok: true; kind: FileKind; mime: string; name: string }
  | { ok: false; message: string };

/** Everything an uploaded file must pass before it is stored. Messages are for the user. */
export function checkUpload(originalName: string, bytes: Buffer): UploadCheck {
  const name = safeDisplayName(originalName);
  if (!name) return { ok: false, message: 'De bestandsnaam bevat ongeldige tekens.' };
  if (bytes.length === 0) return { ok: false, message: 'Het bestand is leeg.' };
  const claimed = kindOfExtension(name);
  if (!claimed) return { ok: false, message: 'Dit bestandstype wordt niet geaccepteerd. Toegestaan: PDF, DOCX, XLSX, ODT, PNG, JPEG, GIF en platte tekst (.txt, .md, .csv).' };
  const actual = sniff(bytes);
  if (!actual) return { ok: false, message: `De inhoud van het bestand is geen ${KIND_LABEL[claimed]}, of een type dat niet wordt geaccepteerd.` };
  if (actual !== claimed) return { ok: false, message: `De naam zegt ${KIND_LABEL[claimed]}, maar de inhoud is ${KIND_LABEL[actual]}. Controleer het bestand.` };
  return { ok: true, kind: actual, mime: KIND_MIME[actual], name };
}
