// The data is readable by the account that runs Toetsing only, whatever the umask: the data
// directory and its files folder 0700, the database with its -wal and -shm files, evidence files,
// backups and restored data 0600 (issue 15: with umask 022 they used to be 0644 in 0755 folders).
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, databasePath, filesDir } from '../../src/store/db';
import { storeFileBytes } from '../../src/store/evidence.store';
import { run } from '../helpers/cli';
import { tempDir } from '../helpers/context';

let previousUmask: number;
let work: string;

beforeAll(() => {
  previousUmask = process.umask(0o022);
  work = tempDir('toetsing-modes-');
});

afterAll(() => {
  process.umask(previousUmask);
  fs.rmSync(work, { recursive: true, force: true });
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every folder and file below `root` (root included) with its mode, as 'relative path: 0oNNN'. */
function modesBelow(root: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    out.push(`${path.relative(root, p) || '.'}: 0o${mode(p).toString(8)}`);
    if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n));
  };
  walk(root);
  return out;
}

const privately = (entries: string[], root: string) =>
  entries.map((e) => {
    const rel = e.slice(0, e.lastIndexOf(':'));
    return `${rel}: 0o${fs.statSync(path.join(root, rel)).isDirectory() ? '700' : '600'}`;
  });

test('when a data directory is created under umask 022, then it and its files folder are 0700 and the database, -wal and -shm are 0600', () => {
  const data = path.join(work, 'new', 'data');
  const db = openDatabase(data);
  try {
    db.prepare('CREATE TABLE IF NOT EXISTS probe (x)').run();
    db.prepare('INSERT INTO probe VALUES (1)').run();
    expect(fs.existsSync(`${databasePath(data)}-wal`)).toBe(true);
    expect(fs.existsSync(`${databasePath(data)}-shm`)).toBe(true);
    expect(mode(data)).toBe(0o700);
    expect(mode(filesDir(data))).toBe(0o700);
    const entries = modesBelow(data);
    expect(entries).toEqual(privately(entries, data));
  } finally {
    db.close();
  }
});

test('when an existing data directory and database were readable by others, then opening it makes them private', () => {
  const data = path.join(work, 'old');
  fs.mkdirSync(data, { mode: 0o755 });
  fs.chmodSync(data, 0o755);
  openDatabase(data).close();
  fs.chmodSync(databasePath(data), 0o644);
  fs.chmodSync(filesDir(data), 0o755);
  fs.chmodSync(data, 0o755);
  const db = openDatabase(data);
  db.close();
  expect([mode(data), mode(filesDir(data)), mode(databasePath(data))]).toEqual([0o700, 0o700, 0o600]);
});

test('when an evidence file is stored, then it is 0600', () => {
  const data = path.join(work, 'evidence');
  openDatabase(data).close();
  const sha = storeFileBytes(data, Buffer.from('%PDF-1.4 verslag'));
  expect(mode(path.join(filesDir(data), sha))).toBe(0o600);
});

test('when a backup folder and a database-only backup are made and restored, then every folder is 0700 and every file 0600', async () => {
  const data = path.join(work, 'source');
  openDatabase(data).close();
  storeFileBytes(data, Buffer.from('%PDF-1.4 eerste'));
  storeFileBytes(data, Buffer.from('%PDF-1.4 tweede'));

  const folder = path.join(work, 'backup');
  expect(await run(['backup', folder, '--data', data])).toMatchObject({ code: 0, err: '' });
  const inBackup = modesBelow(folder);
  expect(inBackup.length).toBeGreaterThanOrEqual(5);
  expect(inBackup).toEqual(privately(inBackup, folder));

  const single = path.join(work, 'kopie.sqlite');
  expect(await run(['backup', single, '--data', data])).toMatchObject({ code: 0, err: '' });
  expect(mode(single)).toBe(0o600);

  const restored = path.join(work, 'restored');
  expect(await run(['restore', folder, '--data', restored])).toMatchObject({ code: 0, err: '' });
  const inRestored = modesBelow(restored);
  expect(inRestored).toEqual(privately(inRestored, restored));
  expect(mode(restored)).toBe(0o700);
});
