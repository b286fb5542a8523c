import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, openDatabase, schemaVersion } from '../../src/store/db';
import { LATEST_VERSION, migrations } from '../../src/store/migrations';
import { logChange, verifyChangeLog } from '../../src/store/changelog';
import { createInspection, loadSnapshot } from '../../src/store/inspections.store';
import { saveVerdict } from '../../src/store/verdicts.store';
import { changeLogCount, makeCtx, tempDir } from '../helpers/context';
import { StaleVersionError } from '../../src/errors';

describe('database and migrations', () => {
  it('when the data directory is empty, then the database is created at the latest schema with WAL and foreign keys', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('when the database is from an older version, then the missing migrations are applied', () => {
    const dir = tempDir();
    const raw = new Database(databasePath(dir));
    raw.exec(migrations[0].sql);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO users (email, role, password_hash, created_at) VALUES ('a@b.nl', 'lezer', 'x', '2020-01-01')").run();
    raw.close();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(1);
    db.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('when the database is from a newer version, then opening is refused with a clear message and nothing changes', () => {
    const dir = tempDir();
    const raw = new Database(databasePath(dir));
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(dir)).toThrow(/schemaversie \d+, nieuwer dan deze versie van Toetsing/);
    const again = new Database(databasePath(dir));
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    again.close();
    fs.rmSync(dir, { recursive: true });
  });
});

describe('writes and the change log', () => {
  const newInspection = {
    title: 'Test', year: 2024, fieldworkStart: null, fieldworkEnd: null,
    checklists: [{ id: 'toetsingskader', version: '2016' }], units: ['NN', 'ON'], team: ['x@y.nl'], predecessorId: null,
  };

  it('when an inspection is created, then every unit × criterion cell exists as niet beoordeeld, it has the default report outline, and both are logged', () => {
    const ctx = makeCtx();
    // Opening a fresh database already logged the checklist versions it took over from criteria/.
    const before = changeLogCount(ctx);
    const id = createInspection(ctx.db, ctx.catalogue, 'tester', newInspection);
    const s = loadSnapshot(ctx.db, id);
    expect(s.verdicts).toHaveLength(32);
    expect(s.verdicts.every((v) => v.verdict === 'niet_beoordeeld' && v.version === 1)).toBe(true);
    expect(s.outline.map((x) => x.title).slice(0, 3)).toEqual(['Voorwoord', 'Samenvatting', 'Aanleiding']);
    // The inspection, and its outline.
    expect(changeLogCount(ctx)).toBe(before + 2);
    expect(verifyChangeLog(ctx.db).ok).toBe(true);
    ctx.cleanup();
  });

  it('when a write fails halfway, then nothing of it remains, change log included', () => {
    const ctx = makeCtx();
    const before = changeLogCount(ctx);
    // 'XX' is no unit: the creation fails after the inspection row would have been written.
    expect(() => createInspection(ctx.db, ctx.catalogue, 'tester', { ...newInspection, units: ['NN', 'XX'] })).toThrow();
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM inspections').get() as { n: number }).n).toBe(0);
    expect(changeLogCount(ctx)).toBe(before);
    // And a failure inside the transaction after the log entry was written rolls the entry back too.
    const id = createInspection(ctx.db, ctx.catalogue, 'tester', newInspection);
    const n = changeLogCount(ctx);
    expect(() =>
      ctx.db.transaction(() => {
        logChange(ctx.db, { actor: 't', inspectionId: id, entity: 'x', entityId: 1, action: 'test' });
        ctx.db.prepare('INSERT INTO verdicts (inspection_id, unit_code, checklist_id, criterion_id) VALUES (?, ?, ?, ?)').run(id, 'NN', 'toetsingskader', 'k1');
      })(),
    ).toThrow(/UNIQUE/);
    expect(changeLogCount(ctx)).toBe(n);
    ctx.cleanup();
  });

  it('when a verdict is saved from an older version, then it is refused and the stored verdict stays', () => {
    const ctx = makeCtx();
    const id = createInspection(ctx.db, ctx.catalogue, 'tester', newInspection);
    const key = { inspectionId: id, checklist: 'toetsingskader', criterion: 'k1', unit: 'NN' };
    saveVerdict(ctx.db, 'a', key, 1, { verdict: 'nagekomen', motivation: 'eerste', workflow: 'gereed' });
    expect(() => saveVerdict(ctx.db, 'b', key, 1, { verdict: 'niet_nagekomen', motivation: 'tweede', workflow: 'gereed' })).toThrow(StaleVersionError);
    const cell = loadSnapshot(ctx.db, id).verdicts.find((v) => v.criterion === 'k1' && v.unit === 'NN')!;
    expect(cell).toMatchObject({ verdict: 'nagekomen', motivation: 'eerste', version: 2, updatedBy: 'a' });
    ctx.cleanup();
  });

  it('the change log refuses UPDATE and DELETE, and verification names the first altered entry', () => {
    const ctx = makeCtx();
    createInspection(ctx.db, ctx.catalogue, 'tester', newInspection);
    createInspection(ctx.db, ctx.catalogue, 'tester', { ...newInspection, title: 'Twee' });
    expect(() => ctx.db.prepare("UPDATE change_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM change_log').run()).toThrow(/append-only/);
    // Tamper behind the application's back: drop the trigger, alter entry 2.
    ctx.db.exec('DROP TRIGGER change_log_no_update');
    ctx.db.prepare("UPDATE change_log SET actor = 'mallory' WHERE seq = 2").run();
    const r = verifyChangeLog(ctx.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken!.seq).toBe(2);
    ctx.cleanup();
  });
});

it('the data directory holds the database file', () => {
  const ctx = makeCtx();
  expect(fs.existsSync(path.join(ctx.dataDir, 'toetsing.sqlite'))).toBe(true);
  ctx.cleanup();
});
