// Property test: arbitrary bodies (random keys and values, arrays, huge strings, any unicode,
// files with odd names) sent to every POST route as a logged-in beheerder with a valid CSRF
// token. The answer is always 2xx, 3xx or 4xx: bad input is the user's doing, never a crash.
import fc from 'fast-check';
import request from 'supertest';
import { allRoutes } from '../../src/web/routes';
import type { RouteDef } from '../../src/web/route-table';
import { closeFixture, fillPath, Fixture, securityFixture, sessionFor } from './support';

let fx: Fixture;
beforeAll(async () => { fx = await securityFixture(); });
afterAll(() => closeFixture(fx));

/** Field names the forms use, so generated bodies also reach past "unknown field". */
const FIELDS = [
  'title', 'year', 'fieldworkStart', 'fieldworkEnd', 'team', 'units', 'checklists', 'predecessor', 'ref', 'voorwoord', 'aanleiding',
  'onderzoeksvraag', 'methode', 'conclusie', 'verdict', 'motivation', 'workflow', 'version', 'evidenceId', 'excerpt', 'text', 'checklist',
  'criterion', 'group', 'scope', 'status', 'type', 'party', 'description', 'dateFrom', 'dateTo', 'wederhoorStatus', 'wederhoorDate',
  'criterium', 'eenheid', 'richting', 'direction', 'role', 'rol', 'active', 'email', 'name', 'password', 'blokkade', 'motivering', 'reden',
  'recommendationRef', 'evidence', 'terug', 'jaar', 'afterId', 'level', 'kind', 'marking', 'required', 'body',
  'verplicht', 'item', 'een', 'actie', 'organisation', 'organisatie', 'aanbevelingen_aan', 'stap', 'sleutel', 'basis', 'token', 'meer', 'code_0', 'name_0', 'kind_0',
  'code_1', 'name_1', 'kind_1',
];

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '0', '-1', '1', '2022', '99999999999999999999', '1e309', 'NaN', 'null', 'true', 'voldoet', 'gereed', 'beheerder',
    'toetsingskader', 'k1', '2022-02-30', '../../etc/passwd', '<script>alert(1)</script>', '\u0000', '\r\nSet-Cookie: x=y', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u202e'),
  fc.nat(300_000).map((n) => 'x'.repeat(n)),
);
const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });
const body = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), value, { maxKeys: 8 });
const upload = fc.option(fc.record({ bytes: fc.uint8Array({ maxLength: 3000 }), name: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('a.pdf', '../x.txt', 'con.docx', '.png')) }), { nil: undefined });

function send(route: RouteDef, b: Record<string, unknown>, file: { bytes: Uint8Array; name: string } | undefined) {
  const s = sessionFor(fx, 'beheerder');
  const req = request(fx.app).post(fillPath(route.path, fx.ids)).set('Cookie', s.cookie);
  if (!route.multipart) return req.type('form').send({ ...b, _csrf: s.csrf });
  let m = req.field('_csrf', s.csrf);
  for (const [k, v] of Object.entries(b)) {
    if (k === '' || k === '_csrf') continue;
    for (const x of Array.isArray(v) ? v : [v]) m = m.field(k, String(x));
  }
  if (file) m = m.attach('bestand', Buffer.from(file.bytes), { filename: file.name.replace(/["\r\n]/g, '_') || 'leeg', contentType: 'application/octet-stream' });
  return m;
}

const posts = allRoutes.filter((r) => r.method === 'post');

test.each(posts.map((r) => [r.path, r] as const))('POST %s never answers 5xx to arbitrary input', async (_path, route) => {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are wanted
  const seed = [...route.path].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7);
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(body, upload, async (b, file) => {
      const res = await send(route, b, file);
      statuses.add(res.status);
      if (res.status >= 500) throw new Error(`${route.path} → ${res.status} for ${JSON.stringify(b).slice(0, 300)}`);
    }),
    { numRuns: 30, seed },
  );
  // The bodies got past the session and CSRF checks into the handler (a 403 everywhere would prove nothing).
  if (route.access !== 'public') expect([route.path, [...statuses].some((st) => st !== 403)]).toEqual([route.path, true]);
}, 120_000);
