// Cookies and HTTPS (issue 15): served over HTTPS (TOETSING_SECURE_COOKIES=1, or a
// TOETSING_PUBLIC_URL starting with https://), the cookies are `__Host-` prefixed with Secure,
// Path=/ and no Domain, and every response carries HSTS; over plain HTTP the plain names without
// Secure and no HSTS.
import type { Express } from 'express';
import request from 'supertest';
import { resolveConfig } from '../../src/config';
import { buildApp } from '../../src/web/app';
import { resetLoginLimits } from '../../src/web/routes/auth.routes';
import { addUsers, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';

let ctx: TestCtx;
let secureApp: Express;
let plainApp: Express;

beforeAll(async () => {
  ctx = makeCtx();
  await addUsers(ctx);
  secureApp = buildApp(ctx, { secureCookies: true });
  plainApp = buildApp(ctx);
});
afterAll(() => ctx.cleanup());
beforeEach(() => resetLoginLimits(plainApp));

const setCookies = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const named = (res: request.Response, name: string) => setCookies(res).find((c) => c.startsWith(`${name}=`));

/** Sign in by hand (a cookie jar over plain HTTP would drop Secure cookies). */
async function signIn(app: Express, lcName: string) {
  const page = await request(app).get('/login').expect(200);
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  const lcCookie = named(page, lcName);
  const res = await request(app).post('/login').set('Cookie', lcCookie!.split(';')[0]).type('form').send({ email: USERS.lezer.email, password: TEST_PASSWORD, lc });
  return { page, res };
}

describe('over HTTPS', () => {
  test('when signing in, then the login and session cookies are __Host- cookies: Secure, Path=/, HttpOnly, SameSite=Lax, no Domain', async () => {
    const { page, res } = await signIn(secureApp, '__Host-toetsing-lc');
    expect(res.status).toBe(303);
    for (const c of [named(page, '__Host-toetsing-lc')!, named(res, '__Host-toetsing')!]) {
      expect(c).toMatch(/; Secure/);
      expect(c).toMatch(/; Path=\/(;|$)/);
      expect(c).toMatch(/; HttpOnly/);
      expect(c).toMatch(/; SameSite=Lax/);
      expect(c).not.toMatch(/Domain=/i);
    }
    expect(named(res, 'toetsing_sid')).toBeUndefined();
  });

  test('when the session cookie comes back under its __Host- name, then the user is signed in; under the plain name it is not taken', async () => {
    const { res } = await signIn(secureApp, '__Host-toetsing-lc');
    const token = named(res, '__Host-toetsing')!.split(';')[0].split('=')[1];
    await request(secureApp).get('/').set('Cookie', `__Host-toetsing=${token}`).expect(200);
    await request(secureApp).get('/').set('Cookie', `toetsing_sid=${token}`).expect(303).expect('location', /^\/login/);
  });

  test('when any page is served, then it carries HSTS for a year, subdomains included', async () => {
    for (const path of ['/login', '/bestaat-niet', '/static/app.css']) {
      const res = await request(secureApp).get(path);
      expect([path, res.headers['strict-transport-security']]).toEqual([path, 'max-age=31536000; includeSubDomains']);
    }
  });

  test('when logging out, then the __Host- cookie is removed with the same attributes', async () => {
    const { res } = await signIn(secureApp, '__Host-toetsing-lc');
    const token = named(res, '__Host-toetsing')!.split(';')[0].split('=')[1];
    const home = await request(secureApp).get('/').set('Cookie', `__Host-toetsing=${token}`);
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.text)![1];
    const out = await request(secureApp).post('/logout').set('Cookie', `__Host-toetsing=${token}`).type('form').send({ _csrf: csrf }).expect(303);
    const cleared = named(out, '__Host-toetsing')!;
    expect(cleared).toMatch(/^__Host-toetsing=;/);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(cleared).toMatch(/; Secure/);
    expect(cleared).toMatch(/; Path=\//);
  });
});

describe('over plain HTTP', () => {
  test('when signing in, then the cookies have their plain names, without Secure, and there is no HSTS', async () => {
    const { page, res } = await signIn(plainApp, 'toetsing_lc');
    expect(res.status).toBe(303);
    const c = named(res, 'toetsing_sid')!;
    expect(c).toMatch(/HttpOnly/);
    expect(c).not.toMatch(/Secure/);
    expect(setCookies(res).some((x) => x.startsWith('__Host-'))).toBe(false);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('how the app knows it is served over HTTPS', () => {
  test.each([
    [{}, false],
    [{ TOETSING_SECURE_COOKIES: '1' }, true],
    [{ TOETSING_SECURE_COOKIES: 'true' }, true],
    [{ TOETSING_SECURE_COOKIES: '0' }, false],
    [{ TOETSING_PUBLIC_URL: 'https://toetsing.example.nl' }, true],
    [{ TOETSING_PUBLIC_URL: 'HTTPS://toetsing.example.nl/' }, true],
    [{ TOETSING_PUBLIC_URL: 'http://127.0.0.1:3000' }, false],
  ])('when the environment is %j, then secure cookies are %s', (env, secure) => {
    expect(resolveConfig({}, env).secureCookies).toBe(secure);
  });
});
