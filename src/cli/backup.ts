// `toetsing backup` and `toetsing restore`.
//
// A backup is a folder: the database (SQLite's online backup API, consistent while the app keeps
// writing), the evidence files, and manifest.json with every file's SHA-256, the schema version
// and the change log's last hash. A target ending in .sqlite or .db writes only the database, as
// the first version of this command did.
//
// Restore checks everything before anything is in place: the manifest's hashes, PRAGMA
// integrity_check, the change log's chain and its last hash. It restores into a temporary folder
// next to the target and renames it into place, so a refused or interrupted restore leaves nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { configError, conflict, integrityError, invalid } from '../errors';
import { verifyChangeLog } from '../store/changelog';
import { DB_FILE, ensurePrivateDir, filesDir, makeDatabasePrivate, makePrivate, PRIVATE_FILE_MODE, schemaVersion } from '../store/db';
import { LATEST_VERSION } from '../store/migrations';
import { contextFrom, Io } from './io';

export const MANIFEST = 'manifest.json';
const FORMAT = 'toetsing-backup';

// A path is checked where it is used (inside()), so that a refusal can name the bad path.
const fileEntry = z.object({ path: z.string(), sha256: z.string(), size: z.number() });

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  database: fileEntry,
  changeLog: z.object({ entries: z.number().int(), lastHash: z.string() }),
  files: z.array(fileEntry),
});

export type Manifest = z.infer<typeof manifestSchema>;

function sha256File(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

const isDatabaseFile = (target: string) => /\.(sqlite|sqlite3|db)$/i.test(target);

/**
 * The online backup into `file`, readable by this account only (a backup holds what the data
 * directory holds): the file is made 0600 and empty before SQLite writes into it, so it is never
 * readable by others, not even while the copy runs.
 */
async function privateBackup(ctx: { db: Database.Database }, file: string): Promise<void> {
  fs.writeFileSync(file, '', { flag: 'wx', mode: PRIVATE_FILE_MODE });
  makePrivate(file);
  await ctx.db.backup(file);
  makeDatabasePrivate(file);
}

/** Copy a file and make the copy private (copyFile keeps the source's mode). */
function privateCopy(from: string, to: string): void {
  fs.copyFileSync(from, to);
  makePrivate(to);
}

export async function backupCommand(io: Io, target: string, opts: { data?: string; criteria?: string }): Promise<void> {
  const dest = path.resolve(target);
  if (fs.existsSync(dest)) throw conflict(`${target} bestaat al; kies een nieuwe naam.`);
  if (!fs.existsSync(path.dirname(dest))) throw conflict(`De map ${path.dirname(target)} bestaat niet.`);
  const ctx = contextFrom(opts);
  const tmp = `${dest}.part-${process.pid}`;
  try {
    if (isDatabaseFile(dest)) {
      await privateBackup(ctx, tmp);
      fs.renameSync(tmp, dest);
      io.out(`Back-up van de database geschreven naar ${target} (zonder bronbestanden; gebruik een mapnaam voor een volledige back-up).`);
      return;
    }
    ensurePrivateDir(tmp);
    ensurePrivateDir(path.join(tmp, 'files'));
    const dbCopy = path.join(tmp, DB_FILE);
    await privateBackup(ctx, dbCopy);
    // The copy is a single self-contained file; read its facts from the copy itself.
    const copy = new Database(dbCopy, { readonly: true });
    let facts: { schemaVersion: number; entries: number; lastHash: string };
    try {
      const log = verifyChangeLog(copy);
      const broken = log.firstBroken;
      if (broken) throw integrityError(`Het wijzigingslogboek van de database is beschadigd (regel ${broken.seq}: ${broken.reason}); geen back-up gemaakt.`);
      facts = { schemaVersion: schemaVersion(copy), entries: log.entries, lastHash: log.lastHash };
    } finally {
      copy.close();
    }
    // Files after the database: they are content-addressed and never removed, so every file the
    // copied database refers to is there.
    const files: Manifest['files'] = [];
    const source = filesDir(ctx.dataDir);
    for (const name of fs.readdirSync(source).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort()) {
      const to = path.join(tmp, 'files', name);
      privateCopy(path.join(source, name), to);
      files.push({ path: `files/${name}`, sha256: sha256File(to), size: fs.statSync(to).size });
    }
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      schemaVersion: facts.schemaVersion,
      database: { path: DB_FILE, sha256: sha256File(dbCopy), size: fs.statSync(dbCopy).size },
      changeLog: { entries: facts.entries, lastHash: facts.lastHash },
      files,
    };
    fs.writeFileSync(path.join(tmp, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
    makePrivate(path.join(tmp, MANIFEST));
    fs.renameSync(tmp, dest);
    io.out(`Back-up geschreven naar ${target}: database (${facts.entries} logregels), ${files.length} bronbestanden, ${MANIFEST}.`);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    ctx.db.close();
  }
}

const damaged = (why: string) => integrityError(`De back-up is beschadigd en is niet teruggezet: ${why}`);

function readManifest(backupDir: string): Manifest {
  const file = path.join(backupDir, MANIFEST);
  if (!fs.existsSync(file)) throw damaged(`${MANIFEST} ontbreekt.`);
  let raw: unknown;
  try { raw = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { throw damaged(`${MANIFEST} is geen geldige JSON.`); }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw damaged(`${MANIFEST} heeft niet de verwachte vorm.`);
  const m = parsed.data;
  if (m.schemaVersion > LATEST_VERSION) {
    throw configError(`De back-up heeft schemaversie ${m.schemaVersion}, nieuwer dan deze versie van Toetsing kent (${LATEST_VERSION}). Werk Toetsing bij.`);
  }
  return m;
}

/** Paths in a manifest stay inside the backup: no absolute paths, no `..`. */
function inside(backupDir: string, rel: string): string {
  if (!/^(files\/[0-9a-f]{64}|[A-Za-z0-9._-]+)$/.test(rel)) throw damaged(`ongeldig pad in ${MANIFEST}: ${JSON.stringify(rel)}.`);
  return path.join(backupDir, rel);
}

function checkFile(backupDir: string, entry: z.infer<typeof fileEntry>): void {
  const file = inside(backupDir, entry.path);
  if (!fs.existsSync(file)) throw damaged(`${entry.path} ontbreekt.`);
  if (fs.statSync(file).size !== entry.size) throw damaged(`${entry.path} heeft een andere grootte dan in ${MANIFEST} (${fs.statSync(file).size} in plaats van ${entry.size} bytes).`);
  if (sha256File(file) !== entry.sha256) throw damaged(`${entry.path} klopt niet met zijn SHA-256 in ${MANIFEST}.`);
}

function checkDatabase(dbFile: string, m: Manifest): void {
  let db: Database.Database;
  try { db = new Database(dbFile, { readonly: true, fileMustExist: true }); } catch (e) { throw damaged(`de database kan niet worden geopend (${(e as Error).message}).`); }
  try {
    let integrity: string[];
    try { integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check); } catch (e) {
      throw damaged(`de database is onleesbaar (${(e as Error).message}).`);
    }
    if (integrity.join() !== 'ok') throw damaged(`PRAGMA integrity_check meldt: ${integrity.slice(0, 3).join('; ')}.`);
    const log = verifyChangeLog(db);
    const broken = log.firstBroken;
    if (broken) throw damaged(`het wijzigingslogboek is gebroken bij regel ${broken.seq}: ${broken.reason}.`);
    if (log.lastHash !== m.changeLog.lastHash || log.entries !== m.changeLog.entries) {
      throw damaged(`het wijzigingslogboek eindigt niet waar ${MANIFEST} zegt (${log.entries} regels, laatste hash ${log.lastHash.slice(0, 12)}…; verwacht ${m.changeLog.entries} regels, ${m.changeLog.lastHash.slice(0, 12)}…).`);
    }
    if (schemaVersion(db) !== m.schemaVersion) throw damaged(`de schemaversie (${schemaVersion(db)}) verschilt van ${MANIFEST} (${m.schemaVersion}).`);
  } finally {
    db.close();
  }
}

export const restoreOptions = z.object({ data: z.string().refine((s) => s !== '', 'Geef met --data de (lege of nieuwe) map om in terug te zetten.') });

export function restoreCommand(io: Io, backup: string, opts: z.infer<typeof restoreOptions>): void {
  const backupDir = path.resolve(backup);
  const target = path.resolve(opts.data);
  if (!fs.existsSync(backupDir) || !fs.statSync(backupDir).isDirectory()) throw invalid(`${backup} is geen back-upmap.`);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw conflict(`${opts.data} is niet leeg; terugzetten gebeurt alleen in een lege of nieuwe map, zodat er niets wordt overschreven.`, 'data');
  }
  const m = readManifest(backupDir);
  if (m.database.path !== DB_FILE) throw damaged(`onverwachte databasenaam in ${MANIFEST}.`);
  checkFile(backupDir, m.database);
  const listed = new Set(m.files.map((f) => f.path));
  for (const f of m.files) {
    checkFile(backupDir, f);
    if (f.path !== `files/${f.sha256}`) throw damaged(`${f.path} draagt niet de naam van zijn eigen SHA-256.`);
  }
  const present = fs.existsSync(path.join(backupDir, 'files')) ? fs.readdirSync(path.join(backupDir, 'files')).map((n) => `files/${n}`) : [];
  const extra = present.filter((p) => !listed.has(p));
  if (extra.length > 0) throw damaged(`bestanden die niet in ${MANIFEST} staan: ${extra.slice(0, 3).join(', ')}.`);

  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.restore-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    // The restored folder is a data directory: 0700, its files 0600, as openDatabase makes them.
    ensurePrivateDir(tmp);
    ensurePrivateDir(path.join(tmp, 'files'));
    privateCopy(path.join(backupDir, DB_FILE), path.join(tmp, DB_FILE));
    for (const f of m.files) privateCopy(inside(backupDir, f.path), path.join(tmp, f.path));
    // Check the copies, not the originals: what ends up in place is what was checked.
    checkFile(tmp, m.database);
    for (const f of m.files) checkFile(tmp, f);
    checkDatabase(path.join(tmp, DB_FILE), m);
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  io.out(`Back-up van ${m.createdAt} teruggezet in ${opts.data}: database (${m.changeLog.entries} logregels, keten in orde), ${m.files.length} bronbestanden, alle hashes gecontroleerd.`);
}
