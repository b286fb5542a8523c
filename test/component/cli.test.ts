import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { run } from '../helpers/cli';
import { tempDir } from '../helpers/context';

jest.setTimeout(120_000);

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const rows = (table: string) => {
  if (!fs.existsSync(path.join(dir, 'toetsing.sqlite'))) return 0;
  const db = new Database(path.join(dir, 'toetsing.sqlite'), { readonly: true });
  try { return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n; } finally { db.close(); }
};

describe('toetsing demo, list and status', () => {
  it('when the demo is loaded, then list shows the inspections and status shows the 2022 roll-up the source concludes', async () => {
    const demo = await run(['demo', '--data', dir]);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/Demo geladen: 3 onderzoeken/);
    expect(demo.out).toMatch(/lezer@demo\.toetsing\.local\s+lezer\s+\S{12,}/);

    const list = await run(['list', '--json', '--data', dir]);
    const inspections = JSON.parse(list.out) as Array<{ ref: string; year: number }>;
    expect(inspections.map((i) => i.ref)).toEqual(expect.arrayContaining(['klachtbehandeling-2015', 'recht-van-klagen-2022']));

    const status = await run(['status', 'recht-van-klagen-2022', '--json', '--data', dir]);
    expect(status.code).toBe(0);
    const s = JSON.parse(status.out);
    const tk = s.checklists.find((c: { id: string }) => c.id === 'toetsingskader');
    const national = Object.fromEntries(tk.groups.map((g: { id: string; national: { final: string } }) => [g.id, g.national.final]));
    expect(national).toEqual({ opvolgen: 'nagekomen', leren: 'ten_dele', uniform: 'ten_dele' });

    const text = await run(['status', 'recht-van-klagen-2022', '--data', dir]);
    expect(text.out).toMatch(/Het opvolgen van klachten: Nagekomen/);
    expect(text.out).toMatch(/Blokkades voor een definitief rapport/);
  });

  it('when the demo is loaded twice, then the second time is refused and nothing is added', async () => {
    await run(['demo', '--data', dir]);
    const n = rows('inspections');
    const again = await run(['demo', '--data', dir]);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/staan al in deze datamap/);
    expect(rows('inspections')).toBe(n);
  });
});

describe('export and import', () => {
  it('export → import → export gives the same document', async () => {
    await run(['demo', '--data', dir]);
    const first = path.join(dir, 'a.json');
    expect((await run(['export', 'recht-van-klagen-2022', '--out', first, '--data', dir])).code).toBe(0);
    const other = tempDir();
    // The predecessor must exist in the target first.
    const base = path.join(dir, 'base.json');
    await run(['export', 'klachtbehandeling-2015', '--out', base, '--data', dir]);
    expect((await run(['import', base, '--data', other])).code).toBe(0);
    const imported = await run(['import', first, '--data', other]);
    expect(imported.code).toBe(0);
    const second = path.join(dir, 'b.json');
    await run(['export', 'recht-van-klagen-2022', '--out', second, '--data', other]);
    expect(fs.readFileSync(second, 'utf8')).toBe(fs.readFileSync(first, 'utf8'));
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('when an import file is invalid, then the problems are named in Dutch and nothing is written', async () => {
    await run(['demo', '--data', dir]);
    const n = rows('inspections');
    const logN = rows('change_log');
    const doc = JSON.parse((await run(['export', 'recht-van-klagen-2022', '--data', dir])).out);
    doc.inspection.ref = 'nieuw-onderzoek';
    doc.verdicts[0].verdict = 'prima';
    doc.verdicts[1].unit = 'XX';
    doc.evidence[0].type = 'geruchten';
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await run(['import', file, '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Het document is ongeldig/);
    expect(r.err).toMatch(/evidence\.0\.type/);
    expect(rows('inspections')).toBe(n);
    expect(rows('change_log')).toBe(logN);

    doc.evidence[0].type = 'document';
    fs.writeFileSync(file, JSON.stringify(doc));
    const r2 = await run(['import', file, '--data', dir]);
    expect(r2.err).toMatch(/oordeel 'prima' bestaat niet op de schaal/);
    expect(r2.err).toMatch(/eenheid 'XX'/);
    expect(rows('inspections')).toBe(n);
  });

  it('when an inspection with the same key exists, then the import is refused whole', async () => {
    await run(['demo', '--data', dir]);
    const file = path.join(dir, 'x.json');
    await run(['export', 'recht-van-klagen-2022', '--out', file, '--data', dir]);
    const n = rows('verdicts');
    const r = await run(['import', file, '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bestaat al een onderzoek met sleutel 'recht-van-klagen-2022'/);
    expect(rows('verdicts')).toBe(n);
  });
});

describe('errors a user can make on the command line', () => {
  it.each([
    [['status', 'bestaat-niet'], /Onderzoek 'bestaat-niet' bestaat niet/],
    [['import', '/geen/bestand.json'], /bestand bestaat niet/],
    [['list', '--kleur'], /Onbekende optie: --kleur/],
    [['onzin'], /Onbekend commando: onzin/],
    [['user', 'add', 'geen-email', '--role', 'lezer', '--password-stdin'], /ongeldig e-mailadres 'geen-email'/],
    [['user', 'add', 'a@b.nl', '--role', 'koning', '--password-stdin'], /onbekende rol 'koning'/],
    [['user', 'add', 'a@b.nl', '--password-stdin'], /Verplichte optie ontbreekt: --role/],
    [['export'], /Argument ontbreekt: onderzoek/],
  ])('toetsing %j answers in Dutch with a non-zero exit', async (args, message) => {
    const r = await run([...args, '--data', dir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  });

  it('when a password is too short, then no account is made', async () => {
    const r = await run(['user', 'add', 'a@b.nl', '--role', 'lezer', '--password-stdin', '--data', dir], 'kort\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/minstens 12 tekens/);
    expect(rows('users')).toBe(0);
  });

  it('when user add is refused, then it gives the web form\'s message, and an address is stored lower-cased as the form stores it', async () => {
    const bad = await run(['user', 'add', 'geen-email', '--role', 'lezer', '--password-stdin', '--data', dir], 'een lang genoeg wachtwoord\n');
    expect(bad.err).toMatch(/Vul een geldig e-mailadres in\./);
    expect((await run(['user', 'add', 'A@B.nl', '--role', 'lezer', '--password-stdin', '--data', dir], 'een lang genoeg wachtwoord\n')).out).toMatch(/Account a@b\.nl \(lezer\) aangemaakt/);
    const dup = await run(['user', 'add', 'a@b.nl', '--role', 'beheerder', '--password-stdin', '--data', dir], 'een lang genoeg wachtwoord\n');
    expect(dup.code).not.toBe(0);
    expect(dup.err).toMatch(/Er bestaat al een account voor a@b\.nl/);
    expect(rows('users')).toBe(1);
  });

  it('when a valid account is added from stdin, then it exists with its role', async () => {
    const r = await run(['user', 'add', 'a@b.nl', '--role', 'beheerder', '--password-stdin', '--data', dir], 'een lang genoeg wachtwoord\n');
    expect(r.code).toBe(0);
    const list = await run(['user', 'list', '--data', dir]);
    expect(list.out).toMatch(/a@b\.nl\s+beheerder\s+actief/);
  });

  it('when the import file is not JSON, then it says so', async () => {
    const file = path.join(dir, 'x.json');
    fs.writeFileSync(file, '{ niet json');
    const r = await run(['import', file, '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/geen geldige JSON/);
  });

  it('every command has --help', async () => {
    for (const cmd of [['serve'], ['demo'], ['list'], ['status'], ['user', 'add'], ['export'], ['import'], ['backup']]) {
      const r = await run([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/--data/);
    }
  });
});

describe('backup', () => {
  it('when a backup is made, then it is a complete, consistent database', async () => {
    await run(['demo', '--data', dir]);
    const target = path.join(tempDir(), 'backup.sqlite');
    const r = await run(['backup', target, '--data', dir]);
    expect(r.code).toBe(0);
    const db = new Database(target, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT COUNT(*) AS n FROM inspections').get() as { n: number }).n).toBe(rows('inspections'));
    db.close();
  });
});
