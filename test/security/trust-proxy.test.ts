// Behind a reverse proxy (TOETSING_TRUST_PROXY): with the setting, the per-address sign-in
// throttle counts the client the proxy names in X-Forwarded-For, so two clients behind one proxy
// are throttled separately; without it the header is ignored (a client cannot choose its
// address). "Trust everyone" (true, *, /0) is refused with the reason, in Dutch.
import request from 'supertest';
import { signIn } from '../../src/app/auth';
import { resolveConfig, trustProxy } from '../../src/config';
import { buildApp } from '../../src/web/app';
import { resetLoginLimits } from '../../src/web/routes/auth.routes';
import { addUsers, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';

let ctx: TestCtx;

beforeAll(async () => {
  ctx = makeCtx();
  await addUsers(ctx);
});
afterAll(() => ctx.cleanup());

const CLIENT_A = '203.0.113.10';
const CLIENT_B = '203.0.113.20';

/** Fail 20 sign-ins over many accounts from `address`: the address policy's free attempts. */
async function sprayFrom(address: string): Promise<void> {
  for (let i = 0; i < 20; i++) expect((await signIn(ctx, { email: `spray${i}@example.org`, password: 'een fout wachtwoord!', address })).ok).toBe(false);
}

/** A sign-in over HTTP with this X-Forwarded-For; the status tells whether the address is throttled (429). */
async function attemptVia(app: ReturnType<typeof buildApp>, forwardedFor: string, email: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login').set('X-Forwarded-For', forwardedFor);
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  return agent.post('/login').set('X-Forwarded-For', forwardedFor).type('form').send({ email, password, lc, terug: '/' });
}

const addressThrottles = () => (ctx.db.prepare("SELECT key FROM login_throttles WHERE kind = 'address' ORDER BY key").all() as Array<{ key: string }>).map((r) => r.key);

describe('the setting', () => {
  test.each([
    [undefined, false], ['', false], ['0', false], ['uit', false],
    ['1', 1], ['2', 2],
    ['10.0.0.5', ['10.0.0.5']], [' 10.0.0.5, 10.1.0.0/16 ,fd00::/8', ['10.0.0.5', '10.1.0.0/16', 'fd00::/8']], ['loopback', ['loopback']],
  ] as const)('when TOETSING_TRUST_PROXY is %p, then express is given %p', (value, expected) => {
    expect(trustProxy({ TOETSING_TRUST_PROXY: value })).toEqual(expected);
  });

  test.each(['true', 'TRUE', '*', '0.0.0.0/0', '::/0'])('when TOETSING_TRUST_PROXY is %p, then the start is refused: any client could choose its address', (value) => {
    expect(() => trustProxy({ TOETSING_TRUST_PROXY: value })).toThrow(/Ongeldige instelling 'TOETSING_TRUST_PROXY'.*X-Forwarded-For/);
  });

  test.each([
    ['proxy.example.org', /geen IP-adres/],
    ['10.0.0.0/33', /prefixlengte/],
    ['10.0.0.1/8/2', /geen IP-adres/],
    ['11', /1 tot en met 10/],
  ])('when TOETSING_TRUST_PROXY is %p, then the start is refused naming the problem', (value, message) => {
    expect(() => trustProxy({ TOETSING_TRUST_PROXY: value })).toThrow(message);
  });

  test('when the server configuration is resolved, then it carries the setting (off when unset)', () => {
    expect(resolveConfig({ data: ctx.dataDir }, {}).trustProxy).toBe(false);
    expect(resolveConfig({ data: ctx.dataDir }, { TOETSING_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });
});

describe('the per-address throttle behind a proxy', () => {
  test('when the proxy is trusted, then two X-Forwarded-For addresses are throttled separately', async () => {
    const app = buildApp(ctx, { trustProxy: trustProxy({ TOETSING_TRUST_PROXY: 'loopback' }) });
    resetLoginLimits(app);
    await sprayFrom(CLIENT_A);
    const refused = await attemptVia(app, CLIENT_A, USERS.inspecteur.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('vanaf dit adres');
    expect((await attemptVia(app, CLIENT_B, USERS.inspecteur.email, TEST_PASSWORD)).status).toBe(303);
    // A failure through the proxy is counted on the client's address, not on the proxy's.
    expect((await attemptVia(app, CLIENT_B, USERS.lezer.email, 'een fout wachtwoord!')).status).toBe(401);
    expect(addressThrottles()).toEqual([CLIENT_A, CLIENT_B]);
  });

  test('when no proxy is trusted (the default), then X-Forwarded-For is ignored: the throttle counts the connection\'s address', async () => {
    const app = buildApp(ctx);
    resetLoginLimits(app);
    await sprayFrom(CLIENT_A);
    // Claiming to be the throttled client changes nothing: the connection's address is not throttled.
    expect((await attemptVia(app, CLIENT_A, USERS.inspecteur.email, TEST_PASSWORD)).status).toBe(303);
    expect((await attemptVia(app, CLIENT_B, USERS.lezer.email, 'een fout wachtwoord!')).status).toBe(401);
    const keys = addressThrottles();
    expect(keys).toContain(CLIENT_A);
    expect(keys).not.toContain(CLIENT_B);
    expect(keys.filter((k) => k !== CLIENT_A)).toEqual([expect.stringMatching(/127\.0\.0\.1|::1/)]);
  });
});
