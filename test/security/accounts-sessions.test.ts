// Accounts and sessions to the bar of SECURITY.md: no default accounts, one answer for unknown
// user and wrong password, rate limits, a fresh session id at login, idle and absolute timeouts,
// sessions ended when rights change, security headers and cookie flags.
import type { Express } from 'express';
import request from 'supertest';
import { resolveConfig } from '../../src/config';
import { ensureDemoAccounts } from '../../src/cli/demo-accounts';
import { loadDemo } from '../../src/demo/load';
import { ABSOLUTE_TIMEOUT_MS, createSession, IDLE_TIMEOUT_MS, touchSession } from '../../src/store/sessions.store';
import { countUsers, findUserByEmail, passwordProblem, updateUser } from '../../src/store/users.store';
import { buildApp } from '../../src/web/app';
import { resetLoginLimits } from '../../src/web/routes/auth.routes';
import { SESSION_COOKIE } from '../../src/web/session';
import { addUsers, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';

let ctx: TestCtx;
let app: Express;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  app = buildApp(ctx);
});
afterAll(() => ctx.cleanup());
beforeEach(() => resetLoginLimits(app));

function sessionCookie(res: request.Response): string | undefined {
  const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return all.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

async function attempt(agent: ReturnType<typeof request.agent>, email: string, password: string) {
  const page = await agent.get('/login');
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  return agent.post('/login').type('form').send({ email, password, lc, terug: '/' });
}

/** A login form's token and its cookie, fetched without any session. */
async function loginForm(theApp: Express): Promise<{ lc: string; lcCookie: string }> {
  const page = await request(theApp).get('/login');
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  const lcCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('toetsing_lc='))!.split(';')[0];
  return { lc, lcCookie };
}

const alertText = (html: string) => /role="alert"><p>([^<]*)<\/p>/.exec(html)?.[1];

describe('accounts', () => {
  test('when a data folder is new or holds only the demo inspections, then no account exists', () => {
    const fresh = makeCtx();
    try {
      expect(countUsers(fresh.db)).toBe(0);
      loadDemo(fresh);
      expect(countUsers(fresh.db)).toBe(0);
    } finally { fresh.cleanup(); }
  });

  test('when the demo command makes its accounts, then each gets its own random password, different every time', async () => {
    const a = makeCtx();
    const b = makeCtx();
    try {
      const first = await ensureDemoAccounts(a);
      const second = await ensureDemoAccounts(b);
      expect(first.length).toBeGreaterThan(0);
      const passwords = [...first, ...second].map((x) => x.password);
      expect(new Set(passwords).size).toBe(passwords.length);
      for (const p of passwords) expect(passwordProblem(p)).toBeNull();
    } finally { a.cleanup(); b.cleanup(); }
  });

  test('when a password is stored, then it is an Argon2id hash at the explicit parameters', () => {
    const row = ctx.db.prepare('SELECT password_hash FROM users WHERE email = ?').get(USERS.lezer.email) as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('when a password is 11 characters, then it is refused; 12 and 128 are accepted; no composition rules', () => {
    // Lower-case letters only: no composition rules. The rest of the policy: password-policy.test.ts.
    expect(passwordProblem('blauwe bank'.padEnd(11, 'x').slice(0, 11))).toMatch(/minstens 12/);
    expect(passwordProblem('vlotgrasduin')).toBeNull();
    expect(passwordProblem('vlotgrasduin kwaststoep '.repeat(6).slice(0, 128))).toBeNull();
  });
});

describe('login', () => {
  test('when the account is unknown or the password wrong, then the status and the message are the same, and the time is of the same order', async () => {
    const times = { unknown: [] as number[], wrong: [] as number[] };
    let unknown!: request.Response;
    let wrong!: request.Response;
    for (let i = 0; i < 3; i++) {
      resetLoginLimits(app);
      let t = process.hrtime.bigint();
      unknown = await attempt(request.agent(app), `niemand${i}@example.org`, 'een fout wachtwoord!');
      times.unknown.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      wrong = await attempt(request.agent(app), USERS.lezer.email, 'een fout wachtwoord!');
      times.wrong.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    expect(alertText(wrong.text)).toBe(alertText(unknown.text));
    expect(alertText(wrong.text)).toBe('Onjuist e-mailadres of wachtwoord.');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    // A figure, not an assertion: both paths run one Argon2id verification.
    console.log(`login timing (median ms): unknown account ${median(times.unknown).toFixed(1)}, wrong password ${median(times.wrong).toFixed(1)}`);
  });

  // Failed attempts slow an account or address down rather than locking it: throttling.test.ts.

  test('when a browser logs in, then it gets a new session id: the cookie before login differs from the one after, and the old one is dead', async () => {
    const first = await attempt(request.agent(app), USERS.lezer.email, TEST_PASSWORD);
    const before = sessionCookie(first)!.split(';')[0];
    const { lc, lcCookie } = await loginForm(app);
    const second = await request(app).post('/login').set('Cookie', `${before}; ${lcCookie}`).type('form').send({ email: USERS.lezer.email, password: TEST_PASSWORD, lc });
    expect(second.status).toBe(303);
    const after = sessionCookie(second)!.split(';')[0];
    expect(after).not.toBe(before);
    await request(app).get('/').set('Cookie', before).expect(303).expect('location', /^\/login/);
    await request(app).get('/').set('Cookie', after).expect(200);
  });

  test('when an attacker plants a session cookie before login, then login does not adopt it', async () => {
    const planted = `${SESSION_COOKIE}=aangeleverd-door-aanvaller`;
    const agent = request.agent(app);
    const page = await agent.get('/login').set('Cookie', planted);
    const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
    const lcCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('toetsing_lc='))!.split(';')[0];
    const res = await request(app).post('/login').set('Cookie', `${planted}; ${lcCookie}`).type('form').send({ email: USERS.lezer.email, password: TEST_PASSWORD, lc });
    expect(res.status).toBe(303);
    expect(sessionCookie(res)!.split(';')[0]).not.toBe(planted);
  });

  test('when a user logs out, then the session is destroyed on the server (the old cookie no longer works)', async () => {
    const { agent, csrf } = await login(app, USERS.lezer.email);
    const token = (ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    expect(token).toBeGreaterThan(0);
    const cookie = cookieOf(agent);
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    await request(app).get('/').set('Cookie', cookie).expect(303).expect('location', /^\/login/);
  });
});

function cookieOf(agent: ReturnType<typeof request.agent>): string {
  const jar = (agent as unknown as { jar: { getCookie: (n: string, o: unknown) => { value: string } | undefined } }).jar;
  const c = jar.getCookie(SESSION_COOKIE, { domain: '127.0.0.1', path: '/', secure: false, script: false });
  if (c) return `${SESSION_COOKIE}=${c.value}`;
  throw new Error('no session cookie in agent');
}

describe('session lifetime (fake clock)', () => {
  const userId = () => findUserByEmail(ctx.db, USERS.lezer.email)!.id;

  test('when a session is used within 30 minutes each time, then it lives; after 30 idle minutes it is gone', () => {
    const t0 = 1_700_000_000_000;
    const { token } = createSession(ctx.db, userId(), t0);
    expect(touchSession(ctx.db, token, t0 + IDLE_TIMEOUT_MS - 1000)).not.toBeNull();
    const t1 = t0 + IDLE_TIMEOUT_MS - 1000;
    expect(touchSession(ctx.db, token, t1 + IDLE_TIMEOUT_MS + 1)).toBeNull();
    // And it stays gone: the expired row was removed, not just ignored.
    expect(touchSession(ctx.db, token, t1 + 1000)).toBeNull();
  });

  test('when a session is kept busy, then it still ends 12 hours after login', () => {
    const t0 = 1_700_000_000_000;
    const { token } = createSession(ctx.db, userId(), t0);
    let t = t0;
    while (t + 20 * 60 * 1000 <= t0 + ABSOLUTE_TIMEOUT_MS) {
      t += 20 * 60 * 1000;
      expect(touchSession(ctx.db, token, t)).not.toBeNull();
    }
    expect(touchSession(ctx.db, token, t0 + ABSOLUTE_TIMEOUT_MS + 1)).toBeNull();
  });

  test('when 31 idle minutes have passed on the server, then the next request goes to the login page', async () => {
    const { agent } = await login(app, USERS.lezer.email);
    ctx.db.prepare('UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE user_id = ?').run(31 * 60 * 1000, userId());
    await agent.get('/').expect(303).expect('location', /^\/login/);
  });

  test('when the warning shows, then every page carries it with a form to stay logged in, and using it resets the idle clock', async () => {
    const { agent, csrf } = await login(app, USERS.lezer.email);
    const page = await agent.get('/').expect(200);
    expect(page.text).toContain(`data-idle-ms="${IDLE_TIMEOUT_MS}"`);
    expect(page.text).toMatch(/id="session-warning"[\s\S]*action="\/sessie\/verlengen"/);
    ctx.db.prepare('UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE user_id = ?').run(25 * 60 * 1000, userId());
    const before = Date.now();
    await agent.post('/sessie/verlengen').type('form').send({ _csrf: csrf, terug: '/' }).expect(303).expect('location', '/');
    const seen = ctx.db.prepare('SELECT MAX(last_seen_at) AS t FROM sessions WHERE user_id = ?').get(userId()) as { t: number };
    expect(seen.t).toBeGreaterThanOrEqual(before);
  });
});

describe('rights changed', () => {
  test.each([
    ['the user is disabled', { active: false }],
    ['the role changes', { role: 'inspecteur' as const }],
  ])('when %s, then their open sessions end (the next request goes to login)', async (_what, patch) => {
    const email = `wissel-${Object.keys(patch)[0]}@test.toetsing.local`;
    const { createUser } = await import('../../src/store/users.store');
    const id = await createUser(ctx.db, 'test', { email, role: 'lezer', password: TEST_PASSWORD });
    const { agent } = await login(app, email);
    await agent.get('/').expect(200);
    updateUser(ctx.db, USERS.beheerder.email, id, patch);
    await agent.get('/').expect(303).expect('location', /^\/login/);
  });
});

describe('headers and cookies', () => {
  test('when any page is served, then it has a strict CSP, nosniff, frame-ancestors none and no X-Powered-By', async () => {
    for (const path of ['/login', '/', '/bestaat-niet']) {
      const res = await request(app).get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  test('when a session cookie is set, then it is HttpOnly and SameSite=Lax, and not Secure over plain HTTP', async () => {
    const res = await attempt(request.agent(app), USERS.lezer.email, TEST_PASSWORD);
    const c = sessionCookie(res)!;
    expect(c).toMatch(/HttpOnly/);
    expect(c).toMatch(/SameSite=Lax/);
    expect(c).not.toMatch(/Secure/);
  });

  test('when TOETSING_SECURE_COOKIES=1, then the configuration asks for Secure cookies and the session cookie carries Secure', async () => {
    expect(resolveConfig({}, { TOETSING_SECURE_COOKIES: '1' }).secureCookies).toBe(true);
    expect(resolveConfig({}, {}).secureCookies).toBe(false);
    const secureApp = buildApp(ctx, { secureCookies: true });
    // Over plain HTTP a cookie jar would drop Secure cookies, so carry the login cookie by hand.
    // Over HTTPS the cookies carry the __Host- prefix (cookies.test.ts).
    const page = await request(secureApp).get('/login');
    const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
    const lcCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-toetsing-lc='))!.split(';')[0];
    const res = await request(secureApp).post('/login').set('Cookie', lcCookie).type('form').send({ email: USERS.lezer.email, password: TEST_PASSWORD, lc });
    expect(res.status).toBe(303);
    const c = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((x) => x.startsWith('__Host-toetsing='));
    expect(c).toMatch(/; Secure/);
    expect(c).toMatch(/HttpOnly/);
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});
