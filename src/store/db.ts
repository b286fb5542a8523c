// Opening the database: one file in the data directory, WAL, synchronous=FULL, foreign keys on,
// a busy timeout, and the numbered migrations applied in one transaction each.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { configError } from '../errors';
import { LATEST_VERSION, migrations } from './migrations';

export type DB = Database.Database;

export const DB_FILE = 'toetsing.sqlite';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

export function filesDir(dataDir: string): string {
  return path.join(dataDir, 'files');
}

// The data holds password hashes, interview reports and personal data: only the account that runs
// Toetsing may read it, whatever the umask. Folders are 0700 and files 0600, set explicitly (a
// `mode` at creation is filtered through the umask); SQLite gives the -wal and -shm files the
// database file's own mode.
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** chmod, except where we may not (another account reading the data) or the file is not there. */
function chmodIfOwn(target: string, mode: number): void {
  try {
    fs.chmodSync(target, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EACCES' && code !== 'ENOENT') throw e;
  }
}

/** Create `dir` (and missing parents) readable by this account only; an existing one is tightened. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodIfOwn(dir, PRIVATE_DIR_MODE);
}

/** Make a file this process wrote readable by this account only. */
export function makePrivate(file: string): void {
  chmodIfOwn(file, PRIVATE_FILE_MODE);
}

/** The database file with its WAL and shared-memory files, made private. */
export function makeDatabasePrivate(dbFile: string): void {
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) makePrivate(f);
}

/** Open (creating when needed) the database in `dataDir` and bring its schema up to date. */
export function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): DB {
  ensurePrivateDir(dataDir);
  ensurePrivateDir(filesDir(dataDir));
  const db = new Database(databasePath(dataDir), { readonly: options.readonly ?? false });
  // Before the first statement: the WAL and -shm files that configure() creates copy this mode.
  makeDatabasePrivate(databasePath(dataDir));
  try {
    configure(db);
    if (!options.readonly) migrate(db);
    else checkVersion(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function configure(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function checkVersion(db: DB): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw configError(
      `De database heeft schemaversie ${current}, nieuwer dan deze versie van Toetsing kent (${LATEST_VERSION}). ` +
        'Werk Toetsing bij; de database is niet aangeraakt.',
    );
  }
  return current;
}

/**
 * One migration step in its own transaction, ending at its version. Exported for the tests that
 * stop a database part-way (at an older release's schema) the way the runner would have left it.
 */
export function applyMigration(db: DB, m: (typeof migrations)[number]): void {
  // better-sqlite3 runs SQLite in defensive mode, which forbids editing sqlite_schema; a
  // migration that loosens a constraint that way (editsSchema) runs with it lifted, alone, and
  // bumps schema_version so every other connection reloads the changed definition.
  if (m.editsSchema) db.unsafeMode(true);
  try {
    db.transaction(() => {
      db.exec(m.sql);
      if (m.editsSchema) db.pragma(`schema_version = ${(db.pragma('schema_version', { simple: true }) as number) + 1}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  } finally {
    if (m.editsSchema) db.unsafeMode(false);
  }
}

export function migrate(db: DB): void {
  const current = checkVersion(db);
  for (const m of migrations) {
    if (m.version > current) applyMigration(db, m);
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function nowIso(): string {
  return new Date().toISOString();
}
