// Invisible characters in upload names: a bidi override makes `invoice\u202egpj.txt` read as
// "invoicetxt.jpg". Bidi controls and other format characters are stripped from the stored name
// (control characters stay refused), so the name shown is the name it has.
import request from 'supertest';
import { stripFormatting, stripInvisible } from '../../src/files/names';
import { checkUpload, safeDisplayName } from '../../src/files/sniff';
import { closeFixture, Fixture, securityFixture, sessionFor } from './support';

const INVISIBLES = [
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', // embeddings and overrides
  '\u2066', '\u2067', '\u2068', '\u2069', // isolates
  '\u200e', '\u200f', '\u061c', // marks
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', // zero-width, word joiner, BOM, soft hyphen
  '\u2028', '\u2029', // line and paragraph separators
];

describe('the one function', () => {
  test('when a name holds every bidi and invisible format character, then all are stripped and the visible letters stay', () => {
    const name = INVISIBLES.map((c, i) => `${c}${String.fromCharCode(97 + (i % 26))}`).join('') + '.txt';
    const stripped = stripFormatting(name);
    expect(stripped).toBe(INVISIBLES.map((_c, i) => String.fromCharCode(97 + (i % 26))).join('') + '.txt');
    expect(INVISIBLES.filter((c) => stripped.includes(c))).toEqual([]);
  });

  test('when a one-line text holds control characters, then stripInvisible removes them too; multiline keeps tab and newlines', () => {
    expect(stripInvisible('a\u0007b\u001bc\u0085d\te\nf')).toBe('abcdef');
    expect(stripInvisible('a\u0007b\te\r\nf\u202e', { multiline: true })).toBe('ab\te\r\nf');
  });

  test('when an upload is named invoice\\u202egpj.txt, then the kept name is invoicegpj.txt and it is judged as the .txt it is', () => {
    expect(safeDisplayName('invoice\u202egpj.txt')).toBe('invoicegpj.txt');
    expect(checkUpload('invoice\u202egpj.txt', Buffer.from('gewone tekst\n'))).toMatchObject({ ok: true, kind: 'text', name: 'invoicegpj.txt' });
    // A name whose extension is hidden behind an override is judged by the extension it really has.
    expect(checkUpload('foto\u202egnp.pdf', Buffer.from('gewone tekst\n'))).toMatchObject({ ok: false });
  });

  test('when a name is only invisible characters, then nothing usable remains and it is refused', () => {
    expect(safeDisplayName('\u202e\u200b')).toBeNull();
  });

  test('when a name holds control characters, then it is still refused (not silently changed)', () => {
    expect(safeDisplayName('ver\u0007slag.txt')).toBeNull();
  });

  test('when a name is in decomposed Unicode, then it is kept in NFC', () => {
    expect(safeDisplayName('Verslag e\u0301e\u0301n.txt')).toBe('Verslag \u00e9\u00e9n.txt');
  });
});

describe('an upload through the evidence form', () => {
  let fx: Fixture;
  beforeAll(async () => { fx = await securityFixture(); });
  afterAll(() => closeFixture(fx));

  function upload(name: string, bytes: Buffer) {
    const s = sessionFor(fx, 'inspecteur');
    const boundary = '----toetsing-bidi-boundary';
    const fields: Record<string, string> = { _csrf: s.csrf, type: 'document', title: 'Factuur', dateFrom: '', dateTo: '', party: '', description: '' };
    const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return request(fx.app).post(`/onderzoeken/${fx.ids.inspection}/bronnen/nieuw`).set('Cookie', s.cookie).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(Buffer.concat(parts));
  }

  test('when invoice\\u202egpj.txt is uploaded, then it is stored and shown as invoicegpj.txt, without the override, also in the download name', async () => {
    const res = await upload('invoice\u202egpj.txt', Buffer.from('gewone tekst\n'));
    expect(res.status).toBe(303);
    const row = fx.ctx.db.prepare('SELECT id, file_name FROM evidence WHERE inspection_id = ? ORDER BY id DESC LIMIT 1').get(fx.ids.inspection) as { id: number; file_name: string };
    expect(row.file_name).toBe('invoicegpj.txt');
    const s = sessionFor(fx, 'inspecteur');
    const page = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}/bronnen/${row.id}`).set('Cookie', s.cookie).expect(200);
    expect(page.text).toContain('invoicegpj.txt');
    expect(page.text).not.toContain('\u202e');
    const dl = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}/bronnen/${row.id}/bestand`).set('Cookie', s.cookie).expect(200);
    expect(decodeURIComponent(dl.headers['content-disposition'])).toContain('invoicegpj.txt');
    expect(dl.headers['content-disposition']).not.toMatch(/%E2%80%AE|\u202e/i);
  });
});
