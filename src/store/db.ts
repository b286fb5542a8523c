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

/** Open (creating when needed) the database in `dataDir` and bring its schema up to date. */
export function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): DB {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(filesDir(dataDir), { recursive: true });
  const db = new Database(databasePath(dataDir), { readonly: options.readonly ?? false });
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

export function migrate(db: DB): void {
  const current = checkVersion(db);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function nowIso(): string {
  return new Date().toISOString();
}
