// Finished PDFs (and Word files) on disk, under the data directory (cache/reports), so that a
// report whose content has not changed is read back instead of printed or packed again. The key
// of a PDF is a SHA-256 of its final HTML and the print options (src/reports/toc.ts), that of a
// Word file one of its report model (modelKey): both hold everything the file shows, so a user
// can only get bytes from here by asking for a report that, built from what that user may read,
// is exactly the same. Files are private (0600 in a 0700 folder) like the rest of
// the data; the folder is bounded in bytes, the least recently used file goes first. Nothing
// here is needed: a file that cannot be written or read is simply printed again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../store/db';
import type { PdfStore } from './toc';

/** Enough for the national report of a large inspection (26 MB) and its units several times over. */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

export function reportCacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache', 'reports');
}

const KEY = /^[0-9a-f]{64}$/;

/** What a stored file of one kind is called and how its first bytes read. */
interface Kind { ext: string; magic: string }
const PDF: Kind = { ext: '.pdf', magic: '%PDF-' };
const DOCX: Kind = { ext: '.docx', magic: 'PK' };

export function diskPdfStore(dir: string, limitBytes = DEFAULT_CACHE_BYTES): PdfStore {
  return diskStore(dir, PDF, limitBytes);
}

/** The same for Word files (a zip), in the same folder and within the same limit. */
export function diskDocxStore(dir: string, limitBytes = DEFAULT_CACHE_BYTES): PdfStore {
  return diskStore(dir, DOCX, limitBytes);
}

/**
 * A key for a report model: a SHA-256 of all of it (Maps and Sets by their entries, so a model's
 * images count), with the kind of report, so a national and a unit model never share one.
 */
export function modelKey(kind: string, model: unknown): string {
  const json = JSON.stringify(model, (_k, v: unknown) => (v instanceof Map ? { map: [...v.entries()] } : v instanceof Set ? { set: [...v] } : v));
  return crypto.createHash('sha256').update(kind).update('\n').update(json).digest('hex');
}

function diskStore(dir: string, kind: Kind, limitBytes: number): PdfStore {
  const file = (key: string) => path.join(dir, `${key}${kind.ext}`);
  return {
    get(key) {
      if (!KEY.test(key)) return null;
      try {
        const pdf = fs.readFileSync(file(key));
        // Used: moves to the back of the eviction order.
        const now = new Date();
        fs.utimesSync(file(key), now, now);
        return pdf.subarray(0, kind.magic.length).toString('latin1') === kind.magic ? pdf : null;
      } catch {
        return null;
      }
    },
    put(key, pdf) {
      if (!KEY.test(key) || pdf.length > limitBytes) return;
      try {
        ensurePrivateDir(path.dirname(dir));
        ensurePrivateDir(dir);
        // Written whole under another name first: a reader never sees half a file.
        const tmp = path.join(dir, `.${key}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, pdf, { mode: PRIVATE_FILE_MODE });
        fs.renameSync(tmp, file(key));
        trim(dir, limitBytes);
      } catch (e) {
        console.warn(`Rapportcache: ${(e as Error).message}`);
      }
    },
  };
}

/** Remove the least recently used files until the folder fits its limit. */
function trim(dir: string, limitBytes: number): void {
  const files = fs
    .readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => {
      try {
        const s = fs.statSync(path.join(dir, n));
        return [{ n, size: s.size, used: s.mtimeMs }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.used - b.used);
  let total = files.reduce((t, f) => t + f.size, 0);
  for (const f of files) {
    if (total <= limitBytes) break;
    fs.rmSync(path.join(dir, f.n), { force: true });
    total -= f.size;
  }
}
