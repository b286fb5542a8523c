import crypto from 'node:crypto';
import fs from 'node:fs';
import { filePath, getEvidence, linksOfEvidence } from '../../src/store/evidence.store';
import { loadSnapshot } from '../../src/store/inspections.store';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, RoleName, World } from '../helpers/inspector';
import { minimalPdf } from '../helpers/files';
import { MAX_UPLOAD_BYTES } from '../../src/web/uploads';

let w: World;
let base: string;
beforeAll(async () => { w = await makeWorld(); base = `/onderzoeken/${w.id2022}/bronnen`; });
afterAll(() => w.ctx.cleanup());

const fields = { type: 'gespreksverslag', title: 'Gesprek teamchef VIK', dateFrom: '2022-03-01', dateTo: '', party: 'Teamchef VIK', units: 'NN', description: 'Verslag', wederhoorStatus: 'voorgelegd', wederhoorDate: '2022-03-10' };

function upload(role: RoleName, path: string, form: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const { agent, csrf } = w.as[role];
  let req = agent.post(path).field('_csrf', csrf);
  for (const [k, v] of Object.entries(form)) req = req.field(k, v);
  if (file) req = req.attach('bestand', file.bytes, { filename: file.name, contentType: 'application/octet-stream' });
  return req;
}

async function createWithPdf(): Promise<number> {
  const res = await upload('inspecteur', `${base}/nieuw`, fields, { name: 'verslag.pdf', bytes: minimalPdf() }).expect(303);
  return Number(/bronnen\/(\d+)/.exec(res.headers.location)![1]);
}

describe('evidence library', () => {
  test.each(['beheerder', 'inspecteur', 'buitenstaander', 'lezer'] as const)('when a %s opens the list, then the evidence is listed', async (role) => {
    const res = await w.as[role].agent.get(base).expect(200);
    expect(res.text).toMatch(/\d+ van \d+ bronnen/);
    expect(res.text.includes(`${base}/nieuw`)).toBe(role === 'beheerder' || role === 'inspecteur');
  });

  test('filters by type and wederhoor narrow the list; a bad filter gives 400', async () => {
    const all = loadSnapshot(w.ctx.db, w.id2022).evidence;
    const res = await w.as.lezer.agent.get(`${base}?soort=gespreksverslag`).expect(200);
    expect(res.text).toContain(`${all.filter((e) => e.type === 'gespreksverslag').length} van ${all.length} bronnen`);
    await w.as.lezer.agent.get(`${base}?wederhoor=geen&eenheid=NN`).expect(200);
    const linked = all.find((e) => loadSnapshot(w.ctx.db, w.id2022).verdicts.some((v) => v.links.some((l) => l.evidenceId === e.id)));
    if (linked) await w.as.lezer.agent.get(`${base}?criterium=toetsingskader/k1`).expect(200);
    const bad = await w.as.lezer.agent.get(`${base}?soort=geheim`).expect(400);
    expect(bad.text).toContain('Kies een soort uit de lijst.');
  });

  test('without a session, then login', async () => { await w.anon().get(base).expect(303); });

  test('when an inspector adds evidence with a PDF, then it is stored under its hash and downloadable as an attachment', async () => {
    await w.as.inspecteur.agent.get(`${base}/nieuw`).expect(200);
    const id = await createWithPdf();
    const e = getEvidence(w.ctx.db, w.id2022, id);
    expect(e).toMatchObject({ type: 'gespreksverslag', title: 'Gesprek teamchef VIK', units: ['NN'], wederhoor: { status: 'voorgelegd', date: '2022-03-10' } });
    expect(e.file).toMatchObject({ name: 'verslag.pdf', mime: 'application/pdf', sha256: crypto.createHash('sha256').update(minimalPdf()).digest('hex') });
    const dl = await w.as.inspecteur.agent.get(`${base}/${id}/bestand`).buffer(true).parse((res, cb) => { const c: Buffer[] = []; res.on('data', (d: Buffer) => c.push(d)); res.on('end', () => cb(null, Buffer.concat(c))); }).expect(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe('attachment; filename="verslag.pdf"');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(dl.body as Buffer, minimalPdf())).toBe(0);
  });

  test('when the file name has accents and a path, then only the base name is kept and the download names it per RFC 5987', async () => {
    const res = await upload('inspecteur', `${base}/nieuw`, { ...fields, type: 'document', wederhoorStatus: '', wederhoorDate: '' }, { name: '../../Verslag één (def).txt', bytes: Buffer.from('Gespreksverslag, één pagina\n') }).expect(303);
    const id = Number(/bronnen\/(\d+)/.exec(res.headers.location)![1]);
    expect(getEvidence(w.ctx.db, w.id2022, id).file).toMatchObject({ name: 'Verslag één (def).txt', mime: 'text/plain; charset=utf-8' });
    const dl = await w.as.beheerder.agent.get(`${base}/${id}/bestand`).expect(200);
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="Verslag een (def).txt"; filename*=UTF-8''Verslag%20%C3%A9%C3%A9n%20%28def%29.txt`);
  });

  test('when the content does not match the extension, then 400 with the message, input kept, nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const files = fs.readdirSync(`${w.ctx.dataDir}/files`).length;
    const res = await upload('inspecteur', `${base}/nieuw`, { ...fields, title: 'Mijn titel blijft' }, { name: 'verslag.pdf', bytes: Buffer.from('dit is tekst, geen pdf') }).expect(400);
    expect(res.text).toContain('de inhoud is platte tekst');
    expect(res.text).toContain('Mijn titel blijft');
    expect(dbFingerprint(w.ctx)).toBe(fp);
    expect(fs.readdirSync(`${w.ctx.dataDir}/files`).length).toBe(files);
  });

  test('when the file is larger than the limit, then 400 with the limit named, input kept, nothing stored', async () => {
    const fp = dbFingerprint(w.ctx);
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(MAX_UPLOAD_BYTES + 1 - minimalPdf().length, 0x20)]);
    const res = await upload('inspecteur', `${base}/nieuw`, { ...fields, title: 'Te groot bestand' }, { name: 'groot.pdf', bytes: big });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Het bestand is te groot; de grens is 25 MB.');
    expect(res.text).toContain('Te groot bestand');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the file is empty, then 400 and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const empty = await upload('inspecteur', `${base}/nieuw`, fields, { name: 'leeg.pdf', bytes: Buffer.alloc(0) }).expect(400);
    expect(empty.text).toMatch(/Het bestand is leeg\.|geen PDF/);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the metadata is wrong, then 400 with messages per field, and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const res = await upload('inspecteur', `${base}/nieuw`, { ...fields, title: '', dateFrom: '2022-13-45', type: 'document', wederhoorStatus: 'akkoord' }).expect(400);
    expect(res.text).toContain('De titel is verplicht.');
    expect(res.text).toContain('Vul een geldige datum in (JJJJ-MM-DD).');
    expect(res.text).toContain('Wederhoor geldt alleen voor gespreksverslagen en groepsgesprekken.');
    const noStatus = await upload('inspecteur', `${base}/nieuw`, { ...fields, wederhoorStatus: '' }).expect(400);
    expect(noStatus.text).toContain('Een gespreksverslag heeft een wederhoorstatus.');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when an inspector edits the evidence, then saved; a stale version gives 409 with both versions', async () => {
    const id = await createWithPdf();
    const e = getEvidence(w.ctx.db, w.id2022, id);
    await w.as.lezer.agent.get(`${base}/${id}`).expect(200);
    await upload('inspecteur', `${base}/${id}`, { ...fields, wederhoorStatus: 'akkoord', wederhoorDate: '2022-03-20', version: String(e.version) }).expect(303);
    const after = getEvidence(w.ctx.db, w.id2022, id);
    expect(after.wederhoor).toEqual({ status: 'akkoord', date: '2022-03-20' });
    expect(after.file?.name).toBe('verslag.pdf');
    const fp = dbFingerprint(w.ctx);
    const res = await upload('inspecteur', `${base}/${id}`, { ...fields, title: 'Mijn nieuwe titel', version: String(e.version) }).expect(409);
    expect(res.text).toContain('Mijn nieuwe titel');
    expect(res.text).toContain('Wederhoor: akkoord');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when evidence is linked to a cell from its page, then the page lists the cell with the excerpt', async () => {
    const id = await createWithPdf();
    const bad = await w.as.inspecteur.agent.post(`${base}/${id}/koppelingen`).type('form').send({ _csrf: w.as.inspecteur.csrf, criterium: 'toetsingskader/k99', eenheid: 'NN', excerpt: 'blijft staan' }).expect(400);
    expect(bad.text).toContain('Kies een criterium uit de lijst.');
    expect(bad.text).toContain('blijft staan');
    await w.as.inspecteur.agent.post(`${base}/${id}/koppelingen`).type('form').send({ _csrf: w.as.inspecteur.csrf, criterium: 'toetsingskader/k4', eenheid: 'NN', excerpt: 'p. 3: de klager is gebeld' }).expect(303);
    expect(linksOfEvidence(w.ctx.db, w.id2022, id)).toEqual([expect.objectContaining({ unit: 'NN', criterion: 'k4', excerpt: 'p. 3: de klager is gebeld' })]);
    const page = await w.as.lezer.agent.get(`${base}/${id}`).expect(200);
    expect(page.text).toContain('p. 3: de klager is gebeld');
    expect(page.text).not.toContain(`${base}/${id}/bestand`);
  });

  test('when a lezer or an outsider downloads a file, then 404', async () => {
    const id = await createWithPdf();
    await w.as.lezer.agent.get(`${base}/${id}/bestand`).expect(404);
    await w.as.buitenstaander.agent.get(`${base}/${id}/bestand`).expect(404);
    await w.anon().get(`${base}/${id}/bestand`).expect(303);
  });

  test('when the stored file was altered on disk, then it is not served', async () => {
    const id = await createWithPdf();
    const sha = getEvidence(w.ctx.db, w.id2022, id).file!.sha256;
    const p = filePath(w.ctx.dataDir, sha);
    const original = fs.readFileSync(p);
    fs.writeFileSync(p, Buffer.from('%PDF-1.4 vervalst'));
    try {
      const res = await w.as.inspecteur.agent.get(`${base}/${id}/bestand`);
      expect(res.status).toBe(500);
      expect(res.text).toContain('controlegetal');
    } finally {
      fs.writeFileSync(p, original);
    }
  });

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when a %s adds, edits or links evidence, then %i and nothing changes', async (role, status) => {
    const id = await createWithPdf();
    const fp = dbFingerprint(w.ctx);
    await w.as[role].agent.get(`${base}/nieuw`).expect(status);
    await upload(role, `${base}/nieuw`, fields, { name: 'verslag.pdf', bytes: minimalPdf() }).expect(status);
    await upload(role, `${base}/${id}`, { ...fields, version: '1' }).expect(status);
    await w.as[role].agent.post(`${base}/${id}/koppelingen`).type('form').send({ _csrf: w.as[role].csrf, criterium: 'toetsingskader/k4', eenheid: 'NN', excerpt: 'x' }).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
    await w.anon().post(`${base}/nieuw`).field('title', 'x').expect(401);
  });
});
