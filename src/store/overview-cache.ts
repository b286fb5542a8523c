// The overview's figures per inspection on disk, under the data directory (cache/overview.json),
// so that the first view of the overview after a start reads them back instead of reading and
// computing every inspection (about 3 s on 25 large ones). Each entry carries the key it was
// computed under (src/app/status.ts decides what goes in it); an entry whose key differs is
// simply not used. Nothing here is needed: a file that is missing, unreadable or malformed reads
// as empty, and one that cannot be written is left as it is.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, makePrivate } from './db';

export interface CachedFigures {
  key: string;
  figures: unknown;
}

const fileSchema = z.object({ entries: z.record(z.string(), z.object({ key: z.string(), figures: z.unknown() })) });

export function overviewCacheFile(dataDir: string): string {
  return path.join(dataDir, 'cache', 'overview.json');
}

/** The last file read, by its size and time of change: the overview asks once per inspection. */
const lastRead = new Map<string, { stamp: string; entries: Map<number, CachedFigures> }>();

/** Every stored entry by inspection id; empty when there is no usable file. Shared: not to be changed. */
export function readOverviewCache(dataDir: string): ReadonlyMap<number, CachedFigures> {
  const file = overviewCacheFile(dataDir);
  try {
    const st = fs.statSync(file);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const kept = lastRead.get(file);
    if (kept?.stamp === stamp) return kept.entries;
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) return new Map();
    const entries = new Map(Object.entries(parsed.data.entries).map(([id, e]) => [Number(id), { key: e.key, figures: e.figures }]));
    lastRead.set(file, { stamp, entries });
    return entries;
  } catch {
    return new Map();
  }
}

/** Entries computed in this turn of the event loop, written together (the overview computes many at once). */
const pending = new Map<string, Map<number, CachedFigures>>();

/**
 * Store one inspection's entry, keeping those another process (a CLI command, a second server)
 * wrote since: re-read, merge, and replace the file in one rename so no reader sees half a file.
 * Entries stored in the same turn are written in one go, after it.
 */
export function writeOverviewEntry(dataDir: string, inspectionId: number, entry: CachedFigures): void {
  const file = overviewCacheFile(dataDir);
  let batch = pending.get(file);
  if (!batch) {
    pending.set(file, (batch = new Map<number, CachedFigures>()));
    setImmediate(() => { flush(dataDir); });
  }
  batch.set(inspectionId, entry);
}

/** Write what is pending for this data directory now (also for tests and at shutdown). */
export function flushOverviewCache(dataDir: string): void {
  flush(dataDir);
}

function flush(dataDir: string): void {
  const file = overviewCacheFile(dataDir);
  const batch = pending.get(file);
  if (!batch) return;
  pending.delete(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const entries = new Map(readOverviewCache(dataDir));
    for (const [id, e] of batch) entries.set(id, e);
    ensurePrivateDir(path.dirname(file));
    fs.writeFileSync(tmp, JSON.stringify({ entries: Object.fromEntries(entries) }));
    makePrivate(tmp);
    fs.renameSync(tmp, file);
  } catch {
    // Only a later start loses the shortcut; it computes the figures again.
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * A SHA-256 over the names and contents of the given files and of every file under the given
 * folders, in name order: what the code that computes the figures is, so a new release never
 * reads back figures an older one computed.
 */
export function codeFingerprint(paths: string[]): string {
  const hash = crypto.createHash('sha256');
  // Named relative to the folder given, so the same code installed elsewhere has the same print.
  const add = (p: string, name: string) => {
    if (fs.statSync(p).isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) add(path.join(p, entry), `${name}/${entry}`);
    } else {
      hash.update(name).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  for (const p of paths) add(p, path.basename(p));
  return hash.digest('hex');
}
