// The change log: append-only in the database, hash-chained, and `toetsing audit verify` names
// the first entry that was altered or removed.
import Database from 'better-sqlite3';
import path from 'node:path';
import { run } from '../helpers/cli';
import { makeCtx, TestCtx } from '../helpers/context';

let ctx: TestCtx;
beforeEach(() => { ctx = makeCtx({ demo: true }); });
afterEach(() => ctx.cleanup());

/** Tamper as an attacker with file access would: drop the guard, then change the row. */
function tamper(sql: string): void {
  ctx.db.close();
  const db = new Database(path.join(ctx.dataDir, 'toetsing.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS change_log_no_update; DROP TRIGGER IF EXISTS change_log_no_delete;');
  db.exec(sql);
  db.close();
}

test('when the log is intact, then audit verify says so with the number of entries and exits 0', async () => {
  const n = (ctx.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;
  ctx.db.close();
  const r = await run(['audit', 'verify', '--data', ctx.dataDir]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(new RegExp(`in orde: ${n} regels`));
});

test('when the application tries to update or delete a log entry, then the database refuses', () => {
  expect(() => ctx.db.prepare("UPDATE change_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
  expect(() => ctx.db.prepare('DELETE FROM change_log WHERE seq = 1').run()).toThrow(/append-only/);
});

test('when an entry was altered, then audit verify names that entry and exits 1', async () => {
  tamper("UPDATE change_log SET new_value = '\"vervalst\"' WHERE seq = 2");
  const r = await run(['audit', 'verify', '--data', ctx.dataDir]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/eerste fout bij regel 2: inhoud gewijzigd/);
});

test('when an entry was removed, then audit verify names the missing entry and exits 1', async () => {
  tamper('DELETE FROM change_log WHERE seq = 2');
  const r = await run(['audit', 'verify', '--data', ctx.dataDir]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/regel 2: regel 2 ontbreekt/);
});

test('when an entry was altered and its hash recomputed, then the next entry no longer links and is named', async () => {
  ctx.db.close();
  const db = new Database(path.join(ctx.dataDir, 'toetsing.sqlite'));
  db.exec('DROP TRIGGER change_log_no_update');
  // Recompute entry 1 the way an attacker would; entry 2 still points at the old hash.
  db.prepare("UPDATE change_log SET hash = ? WHERE seq = 1").run('f'.repeat(64));
  db.close();
  const r = await run(['audit', 'verify', '--data', ctx.dataDir]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/regel 1: inhoud gewijzigd|regel 2: verwijzing naar de vorige regel/);
});
