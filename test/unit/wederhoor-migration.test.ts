// Migration 010 adds the wederhoor tables and widens the evidence type CHECK in place (the
// runner's editsSchema): a database written at migration 7 keeps every piece of evidence, its
// links and units and the finalisation guards, and accepts the new type bestuurlijke_reactie.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databasePath, openDatabase, schemaVersion } from '../../src/store/db';
import { LATEST_VERSION, migrations } from '../../src/store/migrations';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-w1-mig-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database file as Toetsing wrote it at migration 7: a concept and a vastgesteld inspection, each with linked evidence. */
function writeAtVersion7(): { concept: number; final: number } {
  const db = new Database(databasePath(dir));
  for (const m of migrations.filter((x) => x.version <= 7)) db.exec(m.sql);
  db.pragma('user_version = 7');
  const add = db.prepare("INSERT INTO inspections (ref, title, year, status, created_at) VALUES (?, 't', 2026, 'concept', 'nu')");
  const concept = Number(add.run('a').lastInsertRowid);
  const final = Number(add.run('b').lastInsertRowid);
  for (const id of [concept, final]) {
    const e = Number(db.prepare("INSERT INTO evidence (inspection_id, ref, type, title, created_at) VALUES (?, 'B001', 'document', 'Brief', 'nu')").run(id).lastInsertRowid);
    const v = Number(db.prepare("INSERT INTO verdicts (inspection_id, unit_code, checklist_id, criterion_id, verdict) VALUES (?, 'U1', 'c', 'k1', 'voldoet')").run(id).lastInsertRowid);
    db.prepare("INSERT INTO evidence_links (evidence_id, verdict_id, excerpt) VALUES (?, ?, 'zin')").run(e, v);
    db.prepare("INSERT INTO evidence_units (evidence_id, unit_code) VALUES (?, 'U1')").run(e);
  }
  db.prepare("UPDATE inspections SET status = 'vastgesteld' WHERE id = ?").run(final);
  db.close();
  return { concept, final };
}

test('when a version-7 database is opened, then its evidence, links and units are kept and the type bestuurlijke_reactie is accepted', () => {
  const { concept } = writeAtVersion7();
  const db = openDatabase(dir);
  try {
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM evidence').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM evidence_links').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM evidence_units').get()).toEqual({ n: 2 });
    db.prepare("INSERT INTO evidence (inspection_id, ref, type, title, created_at) VALUES (?, 'B002', 'bestuurlijke_reactie', 'Reactie', 'nu')").run(concept);
    expect(() => db.prepare("INSERT INTO evidence (inspection_id, ref, type, title, created_at) VALUES (?, 'B003', 'brief', 'x', 'nu')").run(concept)).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  } finally {
    db.close();
  }
});

test('when migrated, then a vastgesteld inspection still refuses new evidence, and the schema is defensive again afterwards', () => {
  const { final } = writeAtVersion7();
  const db = openDatabase(dir);
  try {
    expect(() => db.prepare("INSERT INTO evidence (inspection_id, ref, type, title, created_at) VALUES (?, 'B009', 'bestuurlijke_reactie', 'x', 'nu')").run(final)).toThrow(/vastgesteld/);
    expect(() => db.prepare('DELETE FROM evidence_links').run()).toThrow(/vastgesteld/);
    expect(() => db.exec("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = sql WHERE name = 'evidence'")).toThrow(/may not be modified/);
  } finally {
    db.close();
  }
});

test('when one connection migrates, then another connection opened before sees the widened type', () => {
  const { concept } = writeAtVersion7();
  const early = new Database(databasePath(dir));
  early.prepare('SELECT COUNT(*) FROM evidence').get();
  const db = openDatabase(dir);
  try {
    early.prepare("INSERT INTO evidence (inspection_id, ref, type, title, created_at) VALUES (?, 'B004', 'bestuurlijke_reactie', 'x', 'nu')").run(concept);
    expect(db.prepare("SELECT COUNT(*) AS n FROM evidence WHERE type = 'bestuurlijke_reactie'").get()).toEqual({ n: 1 });
  } finally {
    early.close();
    db.close();
  }
});

test('when a round is stored for a vastgesteld inspection in the database directly, then the guard refuses it', () => {
  const { final } = writeAtVersion7();
  const db = openDatabase(dir);
  try {
    expect(() => db.prepare("INSERT INTO wederhoor_rounds (inspection_id, party_organisation, sent_on, deadline, created_by, created_at) VALUES (?, 'Gemeente', '2026-01-01', '2026-01-15', 'x', 'nu')").run(final)).toThrow(/vastgesteld/);
    expect(() => db.prepare("INSERT INTO wederhoor_rounds (inspection_id, party_organisation, sent_on, deadline, created_by, created_at) VALUES (1, 'Gemeente', '2026-01-15', '2026-01-01', 'x', 'nu')").run()).toThrow(/CHECK/);
  } finally {
    db.close();
  }
});
