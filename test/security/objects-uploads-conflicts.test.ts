// Object-level access (another team's inspection or evidence by id → 404), uploads that try to
// fool the server, and two editors saving the same cell (no lost update).
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { allRoutes } from '../../src/web/routes';
import { createInspection } from '../../src/store/inspections.store';
import { createEvidence, storeFileBytes } from '../../src/store/evidence.store';
import { getCell } from '../../src/store/verdicts.store';
import { MAX_UPLOAD_BYTES } from '../../src/web/uploads';
import { USERS } from '../helpers/context';
import { dbFingerprint, storedFiles } from '../helpers/db-state';
import { closeFixture, fillPath, Fixture, Ids, isUnderInspection, securityFixture, sessionFor } from './support';

let fx: Fixture;
let theirs: Ids;

beforeAll(async () => {
  fx = await securityFixture();
  // An inspection whose team is someone else: the demo inspector is not on it.
  const inspection = createInspection(fx.ctx.db, fx.ctx.catalogue, 'test', {
    title: 'Onderzoek van een ander team', year: 2024, fieldworkStart: null, fieldworkEnd: null,
    checklists: [{ id: 'toetsingskader', version: fx.ctx.catalogue.checklists.get('toetsingskader')!.version }],
    units: [fx.ids.unit], team: [USERS.buitenstaander.email], predecessorId: null,
  });
  const bytes = Buffer.from('%PDF-1.4\n% vertrouwelijk verslag\n%%EOF\n');
  const evidence = createEvidence(fx.ctx.db, 'test', inspection,
    { type: 'document', title: 'Vertrouwelijk', dateFrom: null, dateTo: null, party: '', units: [], description: '', wederhoor: null },
    { name: 'vertrouwelijk.pdf', sha256: storeFileBytes(fx.ctx.dataDir, bytes), mime: 'application/pdf', size: bytes.length });
  const recommendation = 0;
  theirs = { ...fx.ids, inspection, evidence, recommendation };
});
afterAll(() => closeFixture(fx));

describe("another team's inspection and evidence", () => {
  const edits = allRoutes.filter((r) => isUnderInspection(r) && r.method === 'post');

  test.each(edits.map((r) => [r.path, r] as const))('when an inspector off the team posts to %s, then 404 and nothing changes', async (_p, route) => {
    const s = sessionFor(fx, 'inspecteur');
    const before = dbFingerprint(fx.ctx);
    const req = request(fx.app).post(fillPath(route.path, theirs)).set('Cookie', s.cookie);
    const res = route.multipart ? await req.field('_csrf', s.csrf) : await req.type('form').send({ _csrf: s.csrf });
    expect([route.path, res.status]).toEqual([route.path, 404]);
    expect(dbFingerprint(fx.ctx)).toBe(before);
  });

  test("when an inspector off the team, or a lezer, asks for the evidence file by id, then 404 — the same as an id that does not exist", async () => {
    const file = `/onderzoeken/${theirs.inspection}/bronnen/${theirs.evidence}/bestand`;
    for (const role of ['inspecteur', 'lezer'] as const) {
      const s = sessionFor(fx, role);
      const res = await request(fx.app).get(file).set('Cookie', s.cookie);
      expect([role, res.status]).toEqual([role, 404]);
      expect(res.text).not.toContain('vertrouwelijk verslag');
    }
    const s = sessionFor(fx, 'inspecteur');
    const missing = await request(fx.app).get(`/onderzoeken/999999/bronnen/999999/bestand`).set('Cookie', s.cookie);
    expect(missing.status).toBe(404);
    const own = sessionFor(fx, 'buitenstaander');
    await request(fx.app).get(file).set('Cookie', own.cookie).expect(200);
  });

  test("when the other team's evidence id is used under one's own inspection, then 404 and it cannot be linked", async () => {
    const s = sessionFor(fx, 'inspecteur');
    const mine = fx.ids.inspection;
    await request(fx.app).get(`/onderzoeken/${mine}/bronnen/${theirs.evidence}/bestand`).set('Cookie', s.cookie).expect(404);
    await request(fx.app).get(`/onderzoeken/${mine}/bronnen/${theirs.evidence}`).set('Cookie', s.cookie).expect(404);
    const before = dbFingerprint(fx.ctx);
    const link = await request(fx.app)
      .post(`/onderzoeken/${mine}/cellen/toetsingskader/k1/${fx.ids.unit}/koppelingen`).set('Cookie', s.cookie)
      .type('form').send({ _csrf: s.csrf, evidenceId: String(theirs.evidence), excerpt: 'x' });
    expect([400, 404]).toContain(link.status);
    expect(dbFingerprint(fx.ctx)).toBe(before);
  });
});

describe('uploads', () => {
  const url = () => `/onderzoeken/${fx.ids.inspection}/bronnen/nieuw`;
  /** The multipart body built by hand, so the file name reaches the server byte for byte. */
  function upload(bytes: Buffer, filename: string) {
    const s = sessionFor(fx, 'inspecteur');
    const boundary = '----toetsing-test-boundary';
    const fields: Record<string, string> = { _csrf: s.csrf, type: 'document', title: `Upload ${filename.length}`, dateFrom: '', dateTo: '', party: '', description: '' };
    const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return request(fx.app).post(url()).set('Cookie', s.cookie).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(Buffer.concat(parts));
  }
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

  test.each([
    ['a file one byte over the limit', () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_UPLOAD_BYTES - 8)]), 'groot.pdf', /te groot/],
    ['PNG bytes named .pdf', () => PNG, 'rapport.pdf', /inhoud is PNG|geen PDF/],
    ['a Windows program named .pdf', () => Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary\x00\x00'), 'verslag.pdf', /geen PDF/],
    ['a PDF named .png', () => Buffer.from('%PDF-1.4 x'), 'foto.png', /inhoud is PDF/],
    ['HTML named .txt with a NUL', () => Buffer.from('<script>alert(1)</script>\u0000'), 'notitie.txt', /geen platte tekst|niet wordt geaccepteerd/],
    ['an empty file', () => Buffer.alloc(0), 'leeg.pdf', /leeg/],
    // The multipart parser already refuses raw control characters in a header; either way: 400.
    ['a name with control characters', () => Buffer.from('hallo'), 'ver\u0007slag\u001b[31m.txt', /ongeldige tekens|kon niet worden ontvangen/],
    ['a name with a NUL byte', () => Buffer.from('hallo'), 'verslag.pdf\u0000.txt', /ongeldige tekens|kon niet worden ontvangen/],
  ])('when %s is uploaded, then 400 with a message, nothing stored', async (_what, bytes, name, message) => {
    const before = dbFingerprint(fx.ctx);
    const filesBefore = storedFiles(fx.ctx);
    const res = await upload(bytes(), name);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
    expect(dbFingerprint(fx.ctx)).toBe(before);
    expect(storedFiles(fx.ctx)).toEqual(filesBefore);
  }, 60_000);

  test.each(['..', '../../', '/'])('when the file name is only %j, then no file is stored under such a name and nothing is written outside the files folder', async (name) => {
    const filesBefore = storedFiles(fx.ctx);
    const res = await upload(Buffer.from('hallo'), name);
    expect([303, 400]).toContain(res.status);
    const bad = fx.ctx.db.prepare("SELECT file_name FROM evidence WHERE file_name IS NOT NULL AND (file_name LIKE '%/%' OR file_name LIKE '%\\%' OR file_name LIKE '.%' OR file_name = '')").all();
    expect(bad).toEqual([]);
    expect(storedFiles(fx.ctx).filter((f) => !filesBefore.includes(f))).toEqual([]);
  });

  test('when a file name climbs out with ../, then only its last segment is kept, the bytes live under their hash, and the download is a safe attachment', async () => {
    const bytes = Buffer.from('gewone tekst\n');
    const res = await upload(bytes, '../../../etc/cron.d/evil.txt');
    expect(res.status).toBe(303);
    const row = fx.ctx.db.prepare("SELECT id, file_name, file_sha256 FROM evidence WHERE inspection_id = ? ORDER BY id DESC LIMIT 1").get(fx.ids.inspection) as { id: number; file_name: string; file_sha256: string };
    expect(row.file_name).toBe('evil.txt');
    expect(fs.existsSync(path.join(fx.ctx.dataDir, 'files', row.file_sha256))).toBe(true);
    expect(fs.existsSync(path.resolve(fx.ctx.dataDir, '..', 'etc', 'cron.d', 'evil.txt'))).toBe(false);
    const s = sessionFor(fx, 'inspecteur');
    const dl = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}/bronnen/${row.id}/bestand`).set('Cookie', s.cookie).expect(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['content-disposition']).not.toMatch(/[\r\n]/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('two editors on the same cell', () => {
  test('when both start from the same version, then the second save gets 409 with both versions shown, and the first is kept', async () => {
    const cellUrl = `/onderzoeken/${fx.ids.inspection}/cellen/toetsingskader/k2/${fx.ids.unit}`;
    const key = { inspectionId: fx.ids.inspection, checklist: 'toetsingskader', criterion: 'k2', unit: fx.ids.unit };
    const a = sessionFor(fx, 'inspecteur');
    const b = sessionFor(fx, 'beheerder');
    const pageA = await request(fx.app).get(cellUrl).set('Cookie', a.cookie).expect(200);
    const pageB = await request(fx.app).get(cellUrl).set('Cookie', b.cookie).expect(200);
    const version = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
    expect(version(pageA.text)).toBe(version(pageB.text));
    const level = fx.ctx.catalogue.checklists.get('toetsingskader')!.scale.levels;
    await request(fx.app).post(cellUrl).set('Cookie', a.cookie).type('form')
      .send({ _csrf: a.csrf, verdict: level[0].code, motivation: 'Motivering van A: eerst opgeslagen', workflow: 'gereed', version: version(pageA.text) }).expect(303);
    const second = await request(fx.app).post(cellUrl).set('Cookie', b.cookie).type('form')
      .send({ _csrf: b.csrf, verdict: level[level.length - 1].code, motivation: 'Motivering van B: later, op dezelfde versie', workflow: 'in_behandeling', version: version(pageB.text) });
    expect(second.status).toBe(409);
    expect(second.text).toContain('Motivering van A: eerst opgeslagen');
    expect(second.text).toContain('Motivering van B: later, op dezelfde versie');
    const stored = getCell(fx.ctx.db, key);
    expect(stored.motivation).toBe('Motivering van A: eerst opgeslagen');
    // B can still save deliberately, on top of the version now shown.
    expect(version(second.text)).toBe(String(stored.version));
  });
});
