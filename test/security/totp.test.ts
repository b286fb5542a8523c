// The second factor (TOTP with recovery codes), over real HTTP and SQLite: enrolment on Mijn
// account, the second step of signing in, wrong and replayed codes, recovery codes used once, the
// throttle, beheerders forced to enrol before anything else, the half-session's expiry, the
// beheerder's reset, switching it off, and the CSRF check on every POST of it.
import type { Express } from 'express';
import * as OTPAuth from 'otpauth';
import request from 'supertest';
import { OPERATOR } from '../../src/app/operator';
import { CHALLENGE_TTL_MS, resetSecondFactorByEmail } from '../../src/app/totp';
import { resetThrottles } from '../../src/app/auth';
import { createSession } from '../../src/store/sessions.store';
import { createUser, findUserByEmail } from '../../src/store/users.store';
import { buildApp } from '../../src/web/app';
import { SESSION_COOKIE } from '../../src/web/session';
import { addUsers, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { Agent, csrfFrom, login } from '../helpers/http';

let ctx: TestCtx;
let app: Express;

beforeEach(async () => {
  ctx = makeCtx();
  await addUsers(ctx);
  app = buildApp(ctx);
});
afterEach(() => ctx.cleanup());

const STEP = '/login/tweede-factor';
const ENROL_STEP = '/login/tweede-factor/instellen';

/** The code an authenticator app shows for `secret`, `stepsAhead` time steps from now. */
function codeFor(secret: string, stepsAhead = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** A code that is certainly wrong now (none of the steps the window accepts). */
function wrongCode(secret: string): string {
  const near = new Set([-1, 0, 1, 2].map((d) => codeFor(secret, d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}

const secretOn = (html: string) => /class="totp-secret"[^>]*>([^<]+)</.exec(html)![1].replace(/\s/g, '');
const codesOn = (html: string) => [...html.matchAll(/<li><code>([A-Z2-9-]{19})<\/code><\/li>/g)].map((m) => m[1]);
const stepCsrfOn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const hasSession = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
const sessionsOf = (email: string) => (ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(findUserByEmail(ctx.db, email)!.id) as { n: number }).n;
const logOf = (action: string) => ctx.db.prepare('SELECT actor, entity_id, old_value, new_value FROM change_log WHERE action = ? ORDER BY seq').all(action) as Array<{ actor: string; entity_id: string; old_value: string | null; new_value: string | null }>;

/** The password step through the real login form; returns the agent and where it was sent. */
async function password(email: string, terug = '/'): Promise<{ agent: Agent; location: string; res: request.Response }> {
  resetThrottles(ctx);
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  const res = await agent.post('/login').type('form').send({ email, password: TEST_PASSWORD, lc, terug }).expect(303);
  return { agent, location: res.headers.location, res };
}

/** The second step with a code; the step page's own CSRF token is read first. */
async function secondStep(agent: Agent, code: string): Promise<request.Response> {
  const page = await agent.get(STEP).expect(200);
  return agent.post(STEP).type('form').send({ _csrf: stepCsrfOn(page.text), code });
}

/** Enrol an account that is signed in (an agent with a session) from Mijn account; returns the secret and recovery codes. */
async function enrolOnAccount(agent: Agent): Promise<{ secret: string; codes: string[] }> {
  const page = await agent.get('/account/tweede-factor/instellen').expect(200);
  const secret = secretOn(page.text);
  const res = await agent.post('/account/tweede-factor/instellen').type('form').send({ _csrf: csrfFrom(page.text), code: codeFor(secret) }).expect(200);
  return { secret, codes: codesOn(res.text) };
}

describe('enrolment on Mijn account', () => {
  test('when an inspector confirms the shown secret with a current code, then the factor is on and ten recovery codes are shown once, and the log holds neither', async () => {
    const { agent } = await login(app, USERS.inspecteur.email);
    const page = await agent.get('/account/tweede-factor/instellen').expect(200);
    expect(page.text).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"[^>]*alt="QR-code/);
    expect(page.text).toContain('otpauth://totp/Toetsing:inspecteur%40demo.toetsing.local?issuer=Toetsing&amp;secret=');
    const secret = secretOn(page.text);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const res = await agent.post('/account/tweede-factor/instellen').type('form').send({ _csrf: csrfFrom(page.text), code: codeFor(secret) }).expect(200);
    const codes = codesOn(res.text);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const status = await agent.get('/account/tweede-factor').expect(200);
    expect(status.text).toContain('staat <strong>aan</strong>');
    expect(status.text).toContain('<strong>10</strong> van de 10');
    // Never shown again: not on the status page, not on the enrolment page (which now sends back).
    expect(status.text).not.toContain(secret);
    await agent.get('/account/tweede-factor/instellen').expect(303);

    const enabled = logOf('totp_enabled');
    expect(enabled).toHaveLength(1);
    const everything = JSON.stringify(ctx.db.prepare('SELECT * FROM change_log').all());
    expect(everything).not.toContain(secret);
    for (const c of codes) expect(everything).not.toContain(c.replace(/-/g, ''));
    // Recovery codes are stored only as hashes.
    const stored = JSON.stringify(ctx.db.prepare('SELECT * FROM totp_recovery_codes').all());
    for (const c of codes) expect(stored).not.toContain(c.replace(/-/g, ''));
  });

  test('when the confirming code is wrong, then the factor stays off and the same secret is shown again with the message', async () => {
    const { agent } = await login(app, USERS.inspecteur.email);
    const page = await agent.get('/account/tweede-factor/instellen').expect(200);
    const secret = secretOn(page.text);
    const res = await agent.post('/account/tweede-factor/instellen').type('form').send({ _csrf: csrfFrom(page.text), code: wrongCode(secret) }).expect(400);
    expect(res.text).toContain('Deze code klopt niet');
    expect(secretOn(res.text)).toBe(secret);
    expect((await agent.get('/account/tweede-factor')).text).toContain('staat <strong>uit</strong>');
  });
});

describe('signing in with the second factor', () => {
  async function enrolled(email = USERS.inspecteur.email) {
    const { agent } = await login(app, email);
    return enrolOnAccount(agent);
  }

  test('when the password is right, then there is no session yet: every page leads to the code step, and the code makes the session', async () => {
    const { secret } = await enrolled();
    const { agent, location, res } = await password(USERS.inspecteur.email, '/vergelijken');
    expect(location).toBe(STEP);
    expect(hasSession(res)).toBe(false);
    expect((await agent.get('/').expect(303)).headers.location).toMatch(/^\/login\?terug=/);
    expect((await agent.get('/login').expect(303)).headers.location).toBe(STEP);

    const done = await secondStep(agent, codeFor(secret, 1));
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/vergelijken');
    expect(hasSession(done)).toBe(true);
    await agent.get('/').expect(200);
  });

  test('when the code is wrong, then 400 with a message and no session', async () => {
    const { secret } = await enrolled();
    const { agent } = await password(USERS.inspecteur.email);
    const before = sessionsOf(USERS.inspecteur.email);
    const res = await secondStep(agent, wrongCode(secret));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Deze code klopt niet');
    expect(hasSession(res)).toBe(false);
    expect(sessionsOf(USERS.inspecteur.email)).toBe(before);
  });

  test('when a code that was used is entered again, then it is refused, also in a new sign-in', async () => {
    const { secret } = await enrolled();
    const code = codeFor(secret, 1);
    const first = await password(USERS.inspecteur.email);
    expect((await secondStep(first.agent, code)).status).toBe(303);

    const second = await password(USERS.inspecteur.email);
    const replay = await secondStep(second.agent, code);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('al gebruikt');
    expect(hasSession(replay)).toBe(false);
    // Nor an older code after a newer one: the enrolment's code was for an earlier step.
    expect((await secondStep(second.agent, codeFor(secret, 0))).status).toBe(400);
  });

  test('when a recovery code is used, then it signs in once, with or without dashes, and never again', async () => {
    const { codes } = await enrolled();
    const first = await password(USERS.inspecteur.email);
    expect((await secondStep(first.agent, codes[3].toLowerCase())).status).toBe(303);
    const status = await first.agent.get('/account/tweede-factor').expect(200);
    expect(status.text).toContain('<strong>9</strong> van de 10');
    expect(logOf('totp_recovery_code_used')).toHaveLength(1);

    const again = await password(USERS.inspecteur.email);
    const res = await secondStep(again.agent, codes[3].replace(/-/g, ''));
    expect(res.status).toBe(400);
    expect(hasSession(res)).toBe(false);
  });

  test('when wrong codes pile up, then the step waits (429) even for the right code, and is not locked for good', async () => {
    const { secret } = await enrolled();
    const { agent } = await password(USERS.inspecteur.email);
    // Three are free; then each next attempt waits longer (2, 4, 8 … seconds), whatever it holds.
    for (let i = 0; i < 3; i++) expect((await secondStep(agent, wrongCode(secret))).status).toBe(400);
    let status = 400;
    for (let i = 0; i < 5 && status === 400; i++) status = (await secondStep(agent, wrongCode(secret))).status;
    expect(status).toBe(429);
    // As if the last wrong code came in just now, so the wait cannot have passed on a slow machine.
    ctx.db.prepare("UPDATE login_throttles SET last_failure_at = ? WHERE key LIKE 'tweede factor:%'").run(Date.now());
    const refused = await secondStep(agent, codeFor(secret, 1));
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Wacht');
    expect(hasSession(refused)).toBe(false);
    // The beheerder lifts it (or the wait passes): then the right code works.
    resetThrottles(ctx);
    expect((await secondStep(agent, codeFor(secret, 1))).status).toBe(303);
  });

  test('when the half-session is older than five minutes, then the code is not even checked and the password is asked again', async () => {
    const { secret } = await enrolled();
    const { agent } = await password(USERS.inspecteur.email);
    const page = await agent.get(STEP).expect(200);
    ctx.db.prepare('UPDATE totp_challenges SET created_at = created_at - ?').run(CHALLENGE_TTL_MS + 1000);
    const res = await agent.post(STEP).type('form').send({ _csrf: stepCsrfOn(page.text), code: codeFor(secret, 1) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?tweedefactor=verlopen');
    expect(hasSession(res)).toBe(false);
    expect((await agent.get('/login?tweedefactor=verlopen').expect(200)).text).toContain('verlopen');
    // The code was not used up: a fresh sign-in takes it.
    const fresh = await password(USERS.inspecteur.email);
    expect((await secondStep(fresh.agent, codeFor(secret, 1))).status).toBe(303);
  });

  test('when a user without the factor signs in (not a beheerder), then the password alone gives the session', async () => {
    const { location, res } = await password(USERS.lezer.email);
    expect(location).toBe('/');
    expect(hasSession(res)).toBe(true);
  });
});

describe('beheerders must have the second factor', () => {
  test('when a beheerder without it signs in, then every page leads to enrolment until a code confirms it; the next sign-in asks the code', async () => {
    const { agent, location, res } = await password(USERS.beheerder.email, '/beheer/gebruikers');
    expect(location).toBe(ENROL_STEP);
    expect(hasSession(res)).toBe(false);
    for (const p of ['/', '/beheer/gebruikers', '/account', '/vergelijken']) {
      const r = await agent.get(p).expect(303);
      expect(r.headers.location).toMatch(/^\/login/);
      expect((await agent.get(r.headers.location).expect(303)).headers.location).toBe(ENROL_STEP);
    }
    await agent.get(STEP).expect(303).expect('location', ENROL_STEP);

    const page = await agent.get(ENROL_STEP).expect(200);
    expect(page.text).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"[^>]*alt="QR-code/);
    const secret = secretOn(page.text);
    const wrong = await agent.post(ENROL_STEP).type('form').send({ _csrf: stepCsrfOn(page.text), code: wrongCode(secret) }).expect(400);
    expect(secretOn(wrong.text)).toBe(secret);

    const done = await agent.post(ENROL_STEP).type('form').send({ _csrf: stepCsrfOn(page.text), code: codeFor(secret) }).expect(200);
    expect(hasSession(done)).toBe(true);
    expect(codesOn(done.text)).toHaveLength(10);
    expect(done.text).toContain('href="/beheer/gebruikers"');
    await agent.get('/beheer/gebruikers').expect(200);

    const next = await password(USERS.beheerder.email);
    expect(next.location).toBe(STEP);
    expect((await secondStep(next.agent, codeFor(secret, 1))).status).toBe(303);
  });

  test('when a beheerder tries to switch the factor off, then it is refused', async () => {
    const { agent, location } = await password(USERS.beheerder.email);
    expect(location).toBe(ENROL_STEP);
    const page = await agent.get(ENROL_STEP).expect(200);
    const secret = secretOn(page.text);
    await agent.post(ENROL_STEP).type('form').send({ _csrf: stepCsrfOn(page.text), code: codeFor(secret) }).expect(200);
    const account = await agent.get('/account/tweede-factor').expect(200);
    expect(account.text).toContain('verplicht');
    const res = await agent.post('/account/tweede-factor/uitschakelen').type('form').send({ _csrf: csrfFrom(account.text), password: TEST_PASSWORD, code: codeFor(secret, 1) }).expect(400);
    expect(res.text).toContain('verplicht');
    expect(logOf('totp_disabled')).toHaveLength(0);
  });
});

describe('switching off, new recovery codes, and the beheerder\'s reset', () => {
  test('when an inspector switches it off, then password and a current code are needed, and the next sign-in needs only the password', async () => {
    const { agent } = await login(app, USERS.inspecteur.email);
    const { secret } = await enrolOnAccount(agent);
    const page = await agent.get('/account/tweede-factor').expect(200);
    const csrf = csrfFrom(page.text);
    const badPassword = await agent.post('/account/tweede-factor/uitschakelen').type('form').send({ _csrf: csrf, password: 'niet het wachtwoord', code: codeFor(secret, 1) }).expect(400);
    expect(badPassword.text).toContain('Dit wachtwoord klopt niet.');
    resetThrottles(ctx);
    await agent.post('/account/tweede-factor/uitschakelen').type('form').send({ _csrf: csrf, password: TEST_PASSWORD, code: codeFor(secret, 1) }).expect(303);
    expect(logOf('totp_disabled')).toHaveLength(1);
    const { location } = await password(USERS.inspecteur.email);
    expect(location).toBe('/');
  });

  test('when new recovery codes are made with a current code, then the old ones stop working', async () => {
    const { agent } = await login(app, USERS.inspecteur.email);
    const { secret, codes: old } = await enrolOnAccount(agent);
    const page = await agent.get('/account/tweede-factor').expect(200);
    const res = await agent.post('/account/tweede-factor/herstelcodes').type('form').send({ _csrf: csrfFrom(page.text), code: codeFor(secret, 1) }).expect(200);
    const renewed = codesOn(res.text);
    expect(renewed).toHaveLength(10);
    expect(renewed.some((c) => old.includes(c))).toBe(false);
    expect(logOf('totp_recovery_codes_renewed')).toHaveLength(1);

    const { agent: next } = await password(USERS.inspecteur.email);
    expect((await secondStep(next, old[0])).status).toBe(400);
    expect((await secondStep(next, renewed[0])).status).toBe(303);
  });

  test('when a beheerder resets an inspector\'s factor, then it is off, the inspector\'s sessions end, and the log names the beheerder', async () => {
    const { agent: inspector } = await login(app, USERS.inspecteur.email);
    await enrolOnAccount(inspector);
    const target = findUserByEmail(ctx.db, USERS.inspecteur.email)!;

    // Another beheerder with the factor already on signs in (made in the store: this test is about the reset).
    const adminId = findUserByEmail(ctx.db, USERS.beheerder.email)!.id;
    const { token, csrf } = createSession(ctx.db, adminId);
    const admin = request.agent(app);
    const cookie = `${SESSION_COOKIE}=${token}`;
    const users = await admin.get('/beheer/gebruikers').set('Cookie', cookie).expect(200);
    expect(users.text).toContain(`/beheer/gebruikers/${String(target.id)}/tweede-factor`);
    await admin.post(`/beheer/gebruikers/${String(target.id)}/tweede-factor`).set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);

    expect(sessionsOf(USERS.inspecteur.email)).toBe(0);
    const reset = logOf('totp_reset');
    expect(reset).toHaveLength(1);
    expect(reset[0]).toMatchObject({ actor: USERS.beheerder.email, entity_id: String(target.id) });
    const { location } = await password(USERS.inspecteur.email);
    expect(location).toBe('/');

    // Not one's own: that would be a way round the factor.
    const own = await admin.post(`/beheer/gebruikers/${String(adminId)}/tweede-factor`).set('Cookie', cookie).type('form').send({ _csrf: csrf });
    expect(own.status).toBe(400);
  });

  test('when a reset beheerder signs in again, then enrolment is required again', async () => {
    await createUser(ctx.db, 'test', { email: 'tweede@test.toetsing.local', role: 'beheerder', password: TEST_PASSWORD });
    const first = await password('tweede@test.toetsing.local');
    const page = await first.agent.get(ENROL_STEP).expect(200);
    await first.agent.post(ENROL_STEP).type('form').send({ _csrf: stepCsrfOn(page.text), code: codeFor(secretOn(page.text)) }).expect(200);

    const adminId = findUserByEmail(ctx.db, USERS.beheerder.email)!.id;
    const { token, csrf } = createSession(ctx.db, adminId);
    const target = findUserByEmail(ctx.db, 'tweede@test.toetsing.local')!;
    await request(app).post(`/beheer/gebruikers/${String(target.id)}/tweede-factor`).set('Cookie', `${SESSION_COOKIE}=${token}`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await password('tweede@test.toetsing.local')).location).toBe(ENROL_STEP);
  });
});

test('when the only beheerder lost phone and codes, then the operator resets the factor from the command line (logged as cli) and enrolment follows', async () => {
  const first = await password(USERS.beheerder.email);
  const page = await first.agent.get(ENROL_STEP).expect(200);
  await first.agent.post(ENROL_STEP).type('form').send({ _csrf: stepCsrfOn(page.text), code: codeFor(secretOn(page.text)) }).expect(200);
  expect((await password(USERS.beheerder.email)).location).toBe(STEP);

  resetSecondFactorByEmail(ctx, OPERATOR, ' Beheerder@Demo.Toetsing.Local ');
  expect(logOf('totp_reset')[0]).toMatchObject({ actor: 'cli' });
  expect(sessionsOf(USERS.beheerder.email)).toBe(0);
  expect((await password(USERS.beheerder.email)).location).toBe(ENROL_STEP);
  expect(() => resetSecondFactorByEmail(ctx, OPERATOR, 'niemand@test.nl')).toThrow('Er is geen account');
});

describe('CSRF on every POST of the second factor', () => {
  test('when the steps of signing in are posted without the half-session\'s token or with another\'s, then 403 and nothing changes', async () => {
    // Another account's half-session, for its token.
    await createUser(ctx.db, 'test', { email: 'ander@test.toetsing.local', role: 'beheerder', password: TEST_PASSWORD });
    const other = await password('ander@test.toetsing.local');
    const foreign = stepCsrfOn((await other.agent.get(ENROL_STEP).expect(200)).text);
    const mine = await password(USERS.beheerder.email);
    await mine.agent.get(ENROL_STEP).expect(200);
    for (const path of [ENROL_STEP, STEP, `${STEP}/annuleren`]) {
      for (const token of [undefined, '', 'x'.repeat(43), foreign]) {
        const before = dbFingerprint(ctx);
        const res = await mine.agent.post(path).type('form').send({ ...(token === undefined ? {} : { _csrf: token }), code: '123456' });
        expect([path, token, res.status]).toEqual([path, token, 403]);
        expect(dbFingerprint(ctx)).toBe(before);
      }
    }
  });

  test('when the account\'s and the beheerder\'s POSTs come without the session\'s token, then 403 and nothing changes', async () => {
    const { agent } = await login(app, USERS.inspecteur.email);
    await enrolOnAccount(agent);
    const adminId = findUserByEmail(ctx.db, USERS.beheerder.email)!.id;
    const { token } = createSession(ctx.db, adminId);
    const target = findUserByEmail(ctx.db, USERS.inspecteur.email)!.id;
    const anonymous = request.agent(app);
    const posts: Array<[Agent, string, string | null]> = [
      [agent, '/account/tweede-factor/instellen', null],
      [agent, '/account/tweede-factor/uitschakelen', null],
      [agent, '/account/tweede-factor/herstelcodes', null],
      [anonymous, `/beheer/gebruikers/${String(target)}/tweede-factor`, `${SESSION_COOKIE}=${token}`],
    ];
    for (const [who, path, cookie] of posts) {
      for (const csrf of [undefined, 'x'.repeat(43)]) {
        const before = dbFingerprint(ctx);
        let req = who.post(path).type('form');
        if (cookie) req = req.set('Cookie', cookie);
        const res = await req.send({ ...(csrf === undefined ? {} : { _csrf: csrf }), code: '123456', password: TEST_PASSWORD });
        expect([path, res.status]).toEqual([path, 403]);
        expect(dbFingerprint(ctx)).toBe(before);
      }
    }
  });
});
