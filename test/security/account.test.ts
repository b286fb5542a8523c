// "Mijn account" (issue 15): users see their own sessions (device, signed in, last seen, "deze
// sessie") and end one or all others; they change their own password with the current one, the
// policy checked, every other session ended and the change logged without the password.
import type { Express } from 'express';
import request from 'supertest';
import { deviceOf } from '../../src/app/account';
import { buildApp } from '../../src/web/app';
import { resetLoginLimits } from '../../src/web/routes/auth.routes';
import { csrfFrom } from '../helpers/http';
import { makeCtx, TestCtx } from '../helpers/context';
import { createUser, findUserByEmail } from '../../src/store/users.store';

let ctx: TestCtx;
let app: Express;

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PASSWORD = 'blauwe olifant danst traag';
let seq = 0;

beforeAll(() => {
  ctx = makeCtx();
  app = buildApp(ctx);
});
afterAll(() => ctx.cleanup());
beforeEach(() => resetLoginLimits(app));

/** A fresh account of its own per test, so sessions and passwords of one test never meet another's. */
async function newAccount(): Promise<string> {
  const email = `gebruiker${++seq}@test.toetsing.local`;
  await createUser(ctx.db, 'test', { email, role: 'inspecteur', password: PASSWORD });
  return email;
}

type Agent = ReturnType<typeof request.agent>;

async function signInAs(email: string, userAgent: string, password = PASSWORD): Promise<{ agent: Agent; csrf: string; status: number }> {
  const agent = request.agent(app);
  agent.set('User-Agent', userAgent);
  const page = await agent.get('/login');
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  const res = await agent.post('/login').type('form').send({ email, password, lc, terug: '/' });
  if (res.status !== 303) return { agent, csrf: '', status: res.status };
  const account = await agent.get('/account').expect(200);
  return { agent, csrf: csrfFrom(account.text), status: res.status };
}

const handles = (html: string) => [...html.matchAll(/name="sessie" value="([0-9a-f]{32})"/g)].map((m) => m[1]);
const userId = (email: string) => findUserByEmail(ctx.db, email)!.id;
const sessionCount = (email: string) => (ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(userId(email)) as { n: number }).n;

describe('the page', () => {
  test('when a user has two sessions, then Mijn account lists both by device, with sign-in and last-seen times, and marks this one', async () => {
    const email = await newAccount();
    await signInAs(email, SAFARI_IPHONE);
    const { agent } = await signInAs(email, FIREFOX);
    const page = await agent.get('/account').expect(200);
    expect(page.text).toContain('Firefox op Linux');
    expect(page.text).toContain('Safari op iOS');
    expect(page.text).toMatch(/Firefox op Linux <span class="badge">deze sessie<\/span>/);
    expect(page.text).not.toMatch(/Safari op iOS <span class="badge">deze sessie/);
    expect(handles(page.text)).toHaveLength(2);
    expect(page.text).toContain('Alle andere sessies beëindigen');
    // Every role reaches it from the header.
    expect(page.text).toMatch(/<a href="\/account"[^>]*>Mijn account<\/a>/);
  });

  test('when a User-Agent holds markup or is unknown, then the page shows it short and escaped', async () => {
    const email = await newAccount();
    const { agent } = await signInAs(email, `<script>alert(1)</script>${'x'.repeat(300)}`);
    const page = await agent.get('/account').expect(200);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;xxx');
    expect(deviceOf(`<script>${'x'.repeat(300)}`).length).toBeLessThanOrEqual(60);
    expect(deviceOf('')).toBe('Onbekend apparaat');
    expect(deviceOf('curl/8.5.0')).toBe('curl');
  });
});

describe('ending sessions', () => {
  test('when a user ends another of their sessions, then that browser is signed out and this one stays', async () => {
    const email = await newAccount();
    const other = await signInAs(email, SAFARI_IPHONE);
    const me = await signInAs(email, FIREFOX);
    const page = await me.agent.get('/account');
    const safariRow = /Safari op iOS[\s\S]*?name="sessie" value="([0-9a-f]{32})"/.exec(page.text)![1];
    // Without the CSRF token: refused, nothing ends.
    await me.agent.post('/account/sessies/beeindigen').type('form').send({ sessie: safariRow }).expect(403);
    expect(sessionCount(email)).toBe(2);
    await me.agent.post('/account/sessies/beeindigen').type('form').send({ _csrf: me.csrf, sessie: safariRow }).expect(303).expect('location', '/account?beeindigd=1');
    await other.agent.get('/').expect(303).expect('location', /^\/login/);
    await me.agent.get('/').expect(200);
    expect((await me.agent.get('/account?beeindigd=1')).text).toContain('De sessie is beëindigd.');
  });

  test('when a user ends all other sessions, then only this one is left', async () => {
    const email = await newAccount();
    const a = await signInAs(email, SAFARI_IPHONE);
    const b = await signInAs(email, 'curl/8.5.0');
    const me = await signInAs(email, FIREFOX);
    expect(sessionCount(email)).toBe(3);
    await me.agent.post('/account/sessies/andere-beeindigen').type('form').send({ _csrf: me.csrf }).expect(303).expect('location', '/account?beeindigd=2');
    expect(sessionCount(email)).toBe(1);
    await a.agent.get('/').expect(303);
    await b.agent.get('/').expect(303);
    await me.agent.get('/').expect(200);
  });

  test("when a user sends another user's session handle, then it is not found and that session lives on", async () => {
    const victim = await newAccount();
    const theirs = await signInAs(victim, SAFARI_IPHONE);
    const theirHandle = handles((await theirs.agent.get('/account')).text)[0];
    const me = await signInAs(await newAccount(), FIREFOX);
    await me.agent.post('/account/sessies/beeindigen').type('form').send({ _csrf: me.csrf, sessie: theirHandle }).expect(404);
    await theirs.agent.get('/').expect(200);
  });

  test('when a user ends the session in use, then that is signing out', async () => {
    const email = await newAccount();
    const me = await signInAs(email, FIREFOX);
    const [mine] = handles((await me.agent.get('/account')).text);
    await me.agent.post('/account/sessies/beeindigen').type('form').send({ _csrf: me.csrf, sessie: mine }).expect(303).expect('location', '/login');
    await me.agent.get('/').expect(303).expect('location', /^\/login/);
    expect(sessionCount(email)).toBe(0);
  });

  test('when the handle is not one, then 400 with a message, nothing ends', async () => {
    const email = await newAccount();
    const me = await signInAs(email, FIREFOX);
    const res = await me.agent.post('/account/sessies/beeindigen').type('form').send({ _csrf: me.csrf, sessie: "' OR 1=1 --" }).expect(400);
    expect(res.text).toContain('Deze sessie bestaat niet (meer).');
    expect(sessionCount(email)).toBe(1);
  });
});

describe('changing the own password', () => {
  const NEW = 'zeven groene kikkers zingen luid';

  function change(me: { agent: Agent; csrf: string }, body: Record<string, string>) {
    return me.agent.post('/account/wachtwoord').type('form').send({ _csrf: me.csrf, ...body });
  }

  test('when the current password is right and the new one passes, then it changes, every other session ends, this one stays, and the log says so without the password', async () => {
    const email = await newAccount();
    const other = await signInAs(email, SAFARI_IPHONE);
    const me = await signInAs(email, FIREFOX);
    const before = (ctx.db.prepare('SELECT MAX(seq) AS s FROM change_log').get() as { s: number }).s;
    const res = await change(me, { current: PASSWORD, password: NEW, confirm: NEW }).expect(303);
    expect(res.headers.location).toBe('/account?wachtwoord=1&beeindigd=1');
    await other.agent.get('/').expect(303).expect('location', /^\/login/);
    await me.agent.get('/').expect(200);
    expect((await me.agent.get(res.headers.location)).text).toContain('Uw wachtwoord is gewijzigd. Uw andere sessie is beëindigd.');

    expect((await signInAs(email, FIREFOX, PASSWORD)).status).toBe(401);
    expect((await signInAs(email, FIREFOX, NEW)).status).toBe(303);

    const logged = ctx.db.prepare('SELECT actor, entity, entity_id, action, old_value, new_value FROM change_log WHERE seq > ?').all(before) as Array<Record<string, string | null>>;
    expect(logged).toEqual([expect.objectContaining({ actor: email, entity: 'user', entity_id: String(userId(email)), action: 'password' })]);
    const text = JSON.stringify(logged);
    expect(text).not.toContain(NEW);
    expect(text).not.toContain(PASSWORD);
  });

  test.each([
    ['the current password is wrong', { current: 'niet mijn wachtwoord', password: NEW, confirm: NEW }, 'current', 'Uw huidige wachtwoord klopt niet.'],
    ['the two new ones differ', { current: PASSWORD, password: NEW, confirm: NEW + '!' }, 'confirm', 'De twee nieuwe wachtwoorden zijn niet gelijk.'],
    ['the new one is common', { current: PASSWORD, password: 'passwordpassword', confirm: 'passwordpassword' }, 'password', 'lijst van veelgebruikte en gelekte wachtwoorden'],
    ['the new one is too short', { current: PASSWORD, password: 'kort', confirm: 'kort' }, 'password', 'minstens 12 tekens'],
    ['the new one is the old one', { current: PASSWORD, password: PASSWORD, confirm: PASSWORD }, 'password', 'hetzelfde als het huidige'],
    ['a field is missing', { current: PASSWORD, password: NEW }, 'confirm', 'Vul het nieuwe wachtwoord nogmaals in.'],
  ])('when %s, then 400 with the message at its field, nothing changes and no session ends', async (_what, body, field, message) => {
    const email = await newAccount();
    const other = await signInAs(email, SAFARI_IPHONE);
    const me = await signInAs(email, FIREFOX);
    const hash = ctx.db.prepare('SELECT password_hash FROM users WHERE email = ?').get(email);
    const res = await change(me, body).expect(400);
    expect(res.text).toMatch(new RegExp(`<p class="field__error" id="f-${field}-error">[^<]*${message}`));
    // Typed passwords are never sent back.
    for (const v of Object.values(body)) expect(res.text).not.toContain(`value="${v}"`);
    expect(ctx.db.prepare('SELECT password_hash FROM users WHERE email = ?').get(email)).toEqual(hash);
    await other.agent.get('/').expect(200);
  });

  test('when someone with the session guesses the current password again and again, then they are slowed down like a sign-in', async () => {
    const email = await newAccount();
    const me = await signInAs(email, FIREFOX);
    for (let i = 0; i < 3; i++) await change(me, { current: `gok ${i}`, password: NEW, confirm: NEW }).expect(400);
    const res = await change(me, { current: PASSWORD, password: NEW, confirm: NEW }).expect(400);
    expect(res.text).toMatch(/Te veel mislukte pogingen voor dit account\. U kunt het over \d+ seconden? opnieuw proberen/);
  });
});
