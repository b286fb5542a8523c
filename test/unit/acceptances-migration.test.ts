// Migration 003 widens the key of blocker_acceptances to one row per (blocker, person): existing
// acceptances are kept, and a finalised inspection's acceptances stay untouchable in the database.
import Database from 'better-sqlite3';
import { migrations } from '../../src/store/migrations';

function atVersion2() {
  const db = new Database(':memory:');
  for (const m of migrations.filter((x) => x.version <= 2)) db.exec(m.sql);
  const add = db.prepare("INSERT INTO inspections (ref, title, year, status, created_at) VALUES (?, 't', 2026, ?, 'nu')");
  const concept = Number(add.run('a', 'concept').lastInsertRowid);
  const final = Number(add.run('b', 'concept').lastInsertRowid);
  const accept = db.prepare("INSERT INTO blocker_acceptances VALUES (?, ?, ?, 'nu', 'reden')");
  accept.run(concept, 'k', 'x@test');
  accept.run(final, 'k', 'x@test');
  db.prepare("UPDATE inspections SET status = 'vastgesteld' WHERE id = ?").run(final);
  return { db, concept, final };
}

const migrate3 = (db: Database.Database) => db.exec(migrations.find((m) => m.version === 3)!.sql);

test('when a version-2 database is migrated, then its acceptances are kept, and a second person may accept the same blocker', () => {
  const { db, concept } = atVersion2();
  migrate3(db);
  expect(db.prepare('SELECT COUNT(*) AS n FROM blocker_acceptances').get()).toEqual({ n: 2 });
  db.prepare("INSERT INTO blocker_acceptances VALUES (?, 'k', 'y@test', 'nu', 'reden')").run(concept);
  expect(() => db.prepare("INSERT INTO blocker_acceptances VALUES (?, 'k', 'y@test', 'nu', 'reden')").run(concept)).toThrow(/UNIQUE/);
});

test('when migrated, then the acceptances of a vastgesteld inspection still cannot be added, changed or removed', () => {
  const { db, final } = atVersion2();
  migrate3(db);
  expect(() => db.prepare("INSERT INTO blocker_acceptances VALUES (?, 'k', 'y@test', 'nu', 'reden')").run(final)).toThrow(/vastgesteld/);
  expect(() => db.prepare("UPDATE blocker_acceptances SET motivation = 'x' WHERE inspection_id = ?").run(final)).toThrow(/vastgesteld/);
  expect(() => db.prepare('DELETE FROM blocker_acceptances WHERE inspection_id = ?').run(final)).toThrow(/vastgesteld/);
});
