// Throttling instead of lockout (issue 15): failed sign-ins make an account and an address wait
// longer and longer (capped at 15 minutes), the right password after the wait always works, a
// throttled attempt costs no hashing, the state survives a restart, and the beheerder sees and
// lifts throttles (CSRF, change log). The clock is moved by hand: no test waits.
import type { Express } from 'express';
import request from 'supertest';
import { openContext } from '../../src/context';
import { signIn } from '../../src/app/auth';
import * as users from '../../src/store/users.store';
import { createSession } from '../../src/store/sessions.store';
import { delayAfter, THROTTLE_POLICIES } from '../../src/store/throttles.store';
import { buildApp } from '../../src/web/app';
import { resetLoginLimits } from '../../src/web/routes/auth.routes';
import { addUsers, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';

let ctx: TestCtx;
let app: Express;

beforeAll(async () => {
  ctx = makeCtx();
  await addUsers(ctx);
  app = buildApp(ctx);
});
afterAll(() => ctx.cleanup());
beforeEach(() => resetLoginLimits(app));
afterEach(() => jest.restoreAllMocks());

const ADDRESS = '192.0.2.10';
const WRONG = 'een fout wachtwoord!';

async function attempt(email: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  return agent.post('/login').type('form').send({ email, password, lc, terug: '/' });
}

const alertText = (html: string) => /role="alert"><p>([^<]*)<\/p>/.exec(html)?.[1];
const sessionSet = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => /^toetsing_sid=[^;]/.test(c));

/** A signed-in agent without the login form (a beheerder's second factor is not what is tested here). */
function sessionAs(email: string): { agent: ReturnType<typeof request.agent>; csrf: string } {
  const { token, csrf } = createSession(ctx.db, users.findUserByEmail(ctx.db, email)!.id);
  const agent = request.agent(app);
  agent.set('Cookie', `toetsing_sid=${token}`);
  return { agent, csrf };
}

/** Move every throttle's clock back, as if `ms` had passed. */
function pass(ms: number): void {
  ctx.db.prepare('UPDATE login_throttles SET last_failure_at = last_failure_at - ?, first_failure_at = first_failure_at - ?').run(ms, ms);
}

describe('the delays', () => {
  test('when an account has failed 3 times, then each further failure doubles the wait from 2 seconds, capped at 15 minutes', () => {
    const p = THROTTLE_POLICIES.account;
    expect([0, 1, 2].map((n) => delayAfter(n, p))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map((n) => delayAfter(n, p) / 1000)).toEqual([2, 4, 8, 16]);
    expect(delayAfter(12, p)).toBe(15 * 60 * 1000);
    expect(delayAfter(10_000, p)).toBe(15 * 60 * 1000);
  });

  test('when failures keep coming right after each wait, then Retry-After grows and stops at 15 minutes, and the right password after the last wait still works', async () => {
    const email = USERS.lezer.email;
    let now = 1_800_000_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await signIn(ctx, { email, password: WRONG, address: ADDRESS }, now);
      expect(r.ok).toBe(false);
      if (!r.ok && r.refusal === 'throttled') {
        waits.push(r.retryAfterSeconds);
        now += r.retryAfterSeconds * 1000;
      }
    }
    expect(waits.slice(0, 5)).toEqual([2, 4, 8, 16, 32]);
    expect(Math.max(...waits)).toBe(900);
    expect(waits.slice(-3)).toEqual([900, 900, 900]);
    const ok = await signIn(ctx, { email, password: TEST_PASSWORD, address: ADDRESS }, now);
    expect(ok.ok).toBe(true);
  });
});

describe('over HTTP', () => {
  test('when an account has failed 3 times, then the next attempt, even with the right password, answers 429 with Retry-After and a Dutch message saying when; no session', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(USERS.lezer.email, WRONG)).status).toBe(401);
    const res = await attempt(USERS.lezer.email, TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(2);
    expect(alertText(res.text)).toMatch(/^Te veel mislukte inlogpogingen voor dit account\. U kunt het over \d+ seconden? opnieuw proberen/);
    expect(sessionSet(res)).toBe(false);
    // Other accounts are not slowed down by it.
    expect((await attempt(USERS.inspecteur.email, TEST_PASSWORD)).status).toBe(303);
  });

  test('when the wait has passed, then the right password signs in and the account starts from zero again', async () => {
    for (let i = 0; i < 4; i++) await attempt(USERS.lezer.email, WRONG);
    expect((await attempt(USERS.lezer.email, TEST_PASSWORD)).status).toBe(429);
    pass(60 * 60 * 1000);
    const res = await attempt(USERS.lezer.email, TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(sessionSet(res)).toBe(true);
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM login_throttles WHERE kind = 'account'").get()).toEqual({ n: 0 });
  });

  test('when an attempt is throttled, then no password is checked (no hashing for a refused attempt)', async () => {
    for (let i = 0; i < 3; i++) await attempt(USERS.lezer.email, WRONG);
    const check = jest.spyOn(users, 'checkPassword');
    for (let i = 0; i < 5; i++) expect((await attempt(USERS.lezer.email, WRONG)).status).toBe(429);
    expect(check).not.toHaveBeenCalled();
  });

  test('when an unknown account fails, then it is throttled exactly like a known one (the answer tells nothing about existence)', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('niemand@example.org', WRONG)).status).toBe(401);
    const res = await attempt('niemand@example.org', WRONG);
    expect(res.status).toBe(429);
    expect(alertText(res.text)).toMatch(/voor dit account/);
  });
});

describe('per address', () => {
  test('when one address fails 20 times over many accounts, then it must wait, for every account, while another address is not slowed down', async () => {
    for (let i = 0; i < 20; i++) expect((await signIn(ctx, { email: `spray${i}@example.org`, password: WRONG, address: ADDRESS })).ok).toBe(false);
    const refused = await signIn(ctx, { email: USERS.beheerder.email, password: TEST_PASSWORD, address: ADDRESS });
    expect(refused).toMatchObject({ ok: false, refusal: 'throttled' });
    if (!refused.ok) expect(refused.message).toMatch(/vanaf dit adres/);
    expect((await signIn(ctx, { email: USERS.beheerder.email, password: TEST_PASSWORD, address: '198.51.100.7' })).ok).toBe(true);
  });

  test('when colleagues behind one address sign in successfully all day, then their successes never count against the address', async () => {
    for (let i = 0; i < 25; i++) expect((await signIn(ctx, { email: USERS.inspecteur.email, password: TEST_PASSWORD, address: ADDRESS })).ok).toBe(true);
    expect(ctx.db.prepare("SELECT failures FROM login_throttles WHERE kind = 'address' AND key = ?").get(ADDRESS)).toBeUndefined();
  });

  test('when attempts arrive in parallel, then each is counted before its check: only the free ones reach the password', async () => {
    const check = jest.spyOn(users, 'checkPassword');
    const results = await Promise.all(Array.from({ length: 10 }, () => signIn(ctx, { email: USERS.lezer.email, password: WRONG, address: ADDRESS })));
    expect(check).toHaveBeenCalledTimes(THROTTLE_POLICIES.account.free);
    expect(results.filter((r) => !r.ok && r.refusal === 'throttled')).toHaveLength(10 - THROTTLE_POLICIES.account.free);
  });
});

test('when the server restarts, then the throttle is still there (it lives in the database)', async () => {
  for (let i = 0; i < 4; i++) await signIn(ctx, { email: USERS.lezer.email, password: WRONG, address: ADDRESS });
  const reopened = openContext(ctx.dataDir);
  try {
    const r = await signIn(reopened, { email: USERS.lezer.email, password: TEST_PASSWORD, address: ADDRESS });
    expect(r).toMatchObject({ ok: false, refusal: 'throttled' });
  } finally { reopened.db.close(); }
});

describe('the beheerder', () => {
  test('when an account and an address are throttled, then the users page lists both with the wait, and lifting one needs the CSRF token and is logged', async () => {
    const { agent, csrf } = sessionAs(USERS.beheerder.email);
    for (let i = 0; i < 5; i++) await signIn(ctx, { email: 'Dader@Example.org', password: WRONG, address: ADDRESS });
    for (let i = 0; i < 20; i++) await signIn(ctx, { email: `spray${i}@example.org`, password: WRONG, address: ADDRESS });
    const page = await agent.get('/beheer/gebruikers').expect(200);
    expect(page.text).toContain('Inlogbeperkingen');
    expect(page.text).toMatch(/Account:<\/span> dader@example\.org/);
    expect(page.text).toMatch(/Adres:<\/span> 192\.0\.2\.10/);
    expect(page.text).toMatch(/over \d+ (seconden?|minuten?)/);

    const body = { soort: 'account', sleutel: 'dader@example.org' };
    await agent.post('/beheer/gebruikers/inlogbeperking/opheffen').type('form').send(body).expect(403);
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM login_throttles WHERE kind = 'account' AND key = 'dader@example.org'").get()).toEqual({ n: 1 });

    await agent.post('/beheer/gebruikers/inlogbeperking/opheffen').type('form').send({ ...body, _csrf: csrf }).expect(303).expect('location', '/beheer/gebruikers?opgeheven=1');
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM login_throttles WHERE kind = 'account' AND key = 'dader@example.org'").get()).toEqual({ n: 0 });
    const logged = ctx.db.prepare("SELECT actor, action, entity_id FROM change_log WHERE entity = 'login_throttle' ORDER BY seq DESC LIMIT 1").get();
    expect(logged).toEqual({ actor: USERS.beheerder.email, action: 'delete', entity_id: 'account:dader@example.org' });
    // Lifting one that is gone is "not found", not a crash.
    await agent.post('/beheer/gebruikers/inlogbeperking/opheffen').type('form').send({ ...body, _csrf: csrf }).expect(404);
    // The account's password is checked again at once.
    expect(await signIn(ctx, { email: 'dader@example.org', password: WRONG, address: '198.51.100.8' })).toMatchObject({ ok: false, refusal: 'bad_login' });
  });

  test('when someone other than a beheerder tries to lift a throttle, then it is refused and the throttle stays', async () => {
    const { agent, csrf } = sessionAs(USERS.inspecteur.email);
    for (let i = 0; i < 5; i++) await signIn(ctx, { email: 'dader@example.org', password: WRONG, address: ADDRESS });
    await agent.post('/beheer/gebruikers/inlogbeperking/opheffen').type('form').send({ soort: 'account', sleutel: 'dader@example.org', _csrf: csrf }).expect(403);
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM login_throttles WHERE key = 'dader@example.org'").get()).toEqual({ n: 1 });
  });
});
