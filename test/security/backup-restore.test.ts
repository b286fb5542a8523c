// Backups and restore: a backup folder holds the database, the evidence files and a manifest of
// hashes; restore refuses anything damaged, with a message that says what, and leaves nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { run } from '../helpers/cli';
import { makeCtx, tempDir, TestCtx, inspectionIdByRef } from '../helpers/context';
import { createEvidence, storeFileBytes } from '../../src/store/evidence.store';
import { verifyChangeLog } from '../../src/store/changelog';

let ctx: TestCtx;
let work: string;
let backup: string;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  const id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  for (const text of ['eerste verslag', 'tweede verslag']) {
    const bytes = Buffer.from(`%PDF-1.4 ${text}`);
    const sha256 = storeFileBytes(ctx.dataDir, bytes);
    createEvidence(ctx.db, 'test', id, { type: 'document', title: text, dateFrom: null, dateTo: null, party: '', units: [], description: '', wederhoor: null },
      { name: `${text}.pdf`, sha256, mime: 'application/pdf', size: bytes.length });
  }
  work = tempDir('toetsing-backup-');
  backup = path.join(work, 'backup');
  const r = await run(['backup', backup, '--data', ctx.dataDir]);
  expect(r).toMatchObject({ code: 0 });
});

afterAll(() => {
  ctx.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A fresh copy of the good backup to damage. */
function copyOfBackup(): string {
  const dir = fs.mkdtempSync(path.join(work, 'copy-'));
  fs.cpSync(backup, path.join(dir, 'b'), { recursive: true });
  return path.join(dir, 'b');
}

test('when a backup is made, then the folder holds the database, every evidence file and a manifest with their hashes and the last change-log hash', () => {
  const m = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
  expect(m.format).toBe('toetsing-backup');
  expect(m.schemaVersion).toBe(ctx.db.pragma('user_version', { simple: true }));
  expect(m.changeLog.lastHash).toBe(verifyChangeLog(ctx.db).lastHash);
  expect(m.database.sha256).toMatch(/^[0-9a-f]{64}$/);
  const inData = fs.readdirSync(path.join(ctx.dataDir, 'files')).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();
  expect(m.files.map((f: { path: string }) => f.path)).toEqual(inData.map((n) => `files/${n}`));
  expect(inData.length).toBeGreaterThanOrEqual(2);
});

test('when a good backup is restored into a new folder, then the data is back and the change log verifies', async () => {
  const target = path.join(work, 'restored');
  const r = await run(['restore', backup, '--data', target]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const db = new Database(path.join(target, 'toetsing.sqlite'), { readonly: true });
  try {
    expect(verifyChangeLog(db).lastHash).toBe(verifyChangeLog(ctx.db).lastHash);
    expect((db.prepare('SELECT COUNT(*) AS n FROM evidence').get() as { n: number }).n).toBe(
      (ctx.db.prepare('SELECT COUNT(*) AS n FROM evidence').get() as { n: number }).n,
    );
  } finally { db.close(); }
  expect(fs.readdirSync(path.join(target, 'files')).length).toBeGreaterThanOrEqual(2);
});

test('when the target folder is not empty, then restore refuses and touches nothing', async () => {
  const target = fs.mkdtempSync(path.join(work, 'busy-'));
  fs.writeFileSync(path.join(target, 'iets.txt'), 'van iemand anders');
  const r = await run(['restore', backup, '--data', target]);
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(/niet leeg/);
  expect(fs.readdirSync(target)).toEqual(['iets.txt']);
});

const damages: Array<[string, (b: string) => void, RegExp]> = [
  ['an evidence file is altered', (b) => {
    const f = fs.readdirSync(path.join(b, 'files'))[0];
    fs.appendFileSync(path.join(b, 'files', f), 'x');
  }, /files\/[0-9a-f]{64} heeft een andere grootte|klopt niet met zijn SHA-256/],
  ['an evidence file is missing', (b) => fs.rmSync(path.join(b, 'files', fs.readdirSync(path.join(b, 'files'))[0])), /files\/[0-9a-f]{64} ontbreekt/],
  ['the database file has a flipped byte', (b) => {
    const f = path.join(b, 'toetsing.sqlite');
    const bytes = fs.readFileSync(f);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(f, bytes);
  }, /toetsing\.sqlite klopt niet met zijn SHA-256/],
  ['the manifest is missing', (b) => fs.rmSync(path.join(b, 'manifest.json')), /manifest\.json ontbreekt/],
  ['the manifest names a path outside the backup', (b) => {
    const m = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
    m.files[0].path = '../../etc/passwd';
    fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify(m));
  }, /ongeldig pad/],
  ['a change-log entry was rewritten (hashes in the manifest updated to match)', (b) => {
    const f = path.join(b, 'toetsing.sqlite');
    const db = new Database(f);
    db.exec('DROP TRIGGER change_log_no_update');
    db.prepare("UPDATE change_log SET actor = 'mallory' WHERE seq = 2").run();
    db.close();
    rehashDatabase(b);
  }, /wijzigingslogboek is gebroken bij regel 2/],
  ['the change log was cut short at the end (hashes in the manifest updated to match)', (b) => {
    const f = path.join(b, 'toetsing.sqlite');
    const db = new Database(f);
    db.exec('DROP TRIGGER change_log_no_delete');
    db.prepare('DELETE FROM change_log WHERE seq = (SELECT MAX(seq) FROM change_log)').run();
    db.close();
    rehashDatabase(b);
  }, /eindigt niet waar manifest\.json zegt/],
];

function rehashDatabase(b: string): void {
  const f = path.join(b, 'toetsing.sqlite');
  fs.rmSync(`${f}-wal`, { force: true });
  fs.rmSync(`${f}-shm`, { force: true });
  const m = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
  const bytes = fs.readFileSync(f);
  m.database.sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  m.database.size = bytes.length;
  fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify(m));
}

test.each(damages)('when %s, then restore refuses with a message that says what is wrong and leaves nothing behind', async (_what, damage, message) => {
  const b = copyOfBackup();
  damage(b);
  const target = path.join(path.dirname(b), 'doel');
  const r = await run(['restore', b, '--data', target]);
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(/De back-up is beschadigd en is niet teruggezet/);
  expect(r.err).toMatch(message);
  expect(fs.existsSync(target)).toBe(false);
  expect(fs.readdirSync(path.dirname(b)).filter((n) => n.includes('restore'))).toEqual([]);
});

test('when the backup target ends in .sqlite, then only a consistent copy of the database is written (the first form of the command)', async () => {
  const file = path.join(work, 'alleen-db.sqlite');
  const r = await run(['backup', file, '--data', ctx.dataDir]);
  expect(r.code).toBe(0);
  const db = new Database(file, { readonly: true });
  try { expect(verifyChangeLog(db).ok).toBe(true); } finally { db.close(); }
});

test('when the backup target exists, then backup refuses', async () => {
  const r = await run(['backup', backup, '--data', ctx.dataDir]);
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(/bestaat al/);
});
