// Every state-changing request carries the session's CSRF token: without it, or with a wrong
// one, every POST route answers 403 and nothing in the database (or the files folder) changes.
import request from 'supertest';
import { allRoutes } from '../../src/web/routes';
import type { RouteDef } from '../../src/web/route-table';
import { USERS, TEST_PASSWORD } from '../helpers/context';
import { dbFingerprint, storedFiles } from '../helpers/db-state';
import { closeFixture, fillPath, Fixture, securityFixture, sessionFor } from './support';

let fx: Fixture;
beforeAll(async () => { fx = await securityFixture(); });
afterAll(() => closeFixture(fx));

const posts = allRoutes.filter((r) => r.method === 'post' && r.access !== 'public');

function post(r: RouteDef, cookie: string, csrf: string | undefined) {
  const req = request(fx.app).post(fillPath(r.path, fx.ids)).set('Cookie', cookie);
  if (r.multipart) {
    const m = req.field('title', 'Aanval').field('type', 'document').attach('bestand', Buffer.from('%PDF-1.4 aanval'), 'aanval.pdf');
    return csrf === undefined ? m : m.field('_csrf', csrf);
  }
  return req.type('form').send({ ...(csrf === undefined ? {} : { _csrf: csrf }), title: 'Aanval', text: 'Aanval', motivation: 'Aanval' });
}

test('there are POST routes to check', () => expect(posts.length).toBeGreaterThan(5));

describe.each(posts.map((r) => [`POST ${r.path}`, r] as const))('%s', (_name, route) => {
  test.each([
    ['no token', undefined],
    ['a wrong token', 'x'.repeat(43)],
    ['an empty token', ''],
  ])('with %s: 403 and nothing changed', async (_what, token) => {
    const s = sessionFor(fx, 'beheerder');
    const before = dbFingerprint(fx.ctx);
    const filesBefore = storedFiles(fx.ctx);
    const res = await post(route, s.cookie, token);
    expect([route.path, res.status]).toEqual([route.path, 403]);
    expect(dbFingerprint(fx.ctx)).toBe(before);
    expect(storedFiles(fx.ctx)).toEqual(filesBefore);
  });

  test("with another session's token: 403 and nothing changed", async () => {
    const mine = sessionFor(fx, 'beheerder');
    const theirs = sessionFor(fx, 'beheerder');
    const before = dbFingerprint(fx.ctx);
    const res = await post(route, mine.cookie, theirs.csrf);
    expect([route.path, res.status]).toEqual([route.path, 403]);
    expect(dbFingerprint(fx.ctx)).toBe(before);
  });
});

test('when the login form is posted without its own token, then 403 and no session is made', async () => {
  const before = (fx.ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
  const res = await request(fx.app).post('/login').type('form').send({ email: USERS.lezer.email, password: TEST_PASSWORD });
  expect(res.status).toBe(403);
  expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('toetsing_sid=') && !c.startsWith('toetsing_sid=;'))).toBe(false);
  expect((fx.ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n).toBe(before);
});
