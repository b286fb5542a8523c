// "Nothing changed": a fingerprint of the whole database, to take before and after a request that
// must not write. The tables are read from sqlite_master at run time, so a new table is covered
// without anyone adding it to a list.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../../src/context';

/**
 * Left out, and why: `sessions` changes on requests that change nothing else: every request
 * with a session moves its last_seen_at forward, and the tests make a fresh session per request.
 * (The login throttle lives in memory, not in a table.)
 */
const CHANGES_ON_EVERY_REQUEST = new Set(['sessions']);

type Db = Ctx['db'];

/** The columns that put a table's rows in one fixed order: its primary key, else the rowid. */
function orderOf(db: Db, table: string): string {
  const pk = (db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as Array<{ name: string }>)
    .map((c) => `"${c.name}"`);
  return pk.length > 0 ? pk.join(', ') : 'rowid';
}

/**
 * One line per table, in name order: its name, row count and a SHA-256 over its columns and rows;
 * the first line covers the schema itself. A multi-line string, so a failing `toBe` shows which
 * table moved.
 */
export function dbFingerprint({ db }: Pick<Ctx, 'db'>): string {
  const schema = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').raw().all();
  const lines = [`schema ${crypto.createHash('sha256').update(JSON.stringify(schema)).digest('hex')}`];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const name of tables.filter((t) => !CHANGES_ON_EVERY_REQUEST.has(t))) {
    // Rows as arrays (not objects) hash a third faster; the column names go in once.
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY ${orderOf(db, name)}`).raw();
    const h = crypto.createHash('sha256').update(JSON.stringify(rows.columns().map((c) => c.name)));
    let count = 0;
    for (const row of rows.iterate() as IterableIterator<unknown[]>) {
      // A BLOB (a stored report PDF) as base64: JSON would spell it out as an array of numbers.
      h.update(`\n${JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v)))}`);
      count += 1;
    }
    lines.push(`${name} ${count} ${h.digest('hex')}`);
  }
  return lines.join('\n');
}

/** The evidence files in the data folder (named by their SHA-256), sorted. */
export function storedFiles({ dataDir }: Pick<Ctx, 'dataDir'>): string[] {
  return fs.readdirSync(path.join(dataDir, 'files')).sort();
}
