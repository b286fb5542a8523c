// Signing in through the organisation's OpenID provider, against a real one: oidc-provider in a
// child process (test/helpers/oidc-provider.mjs) on 127.0.0.1. The app runs as a child process
// too (`toetsing serve`, the current source bundled with esbuild): openid-client 6 is an ES module
// that jest's CommonJS runtime cannot load, plain Node can. The test is the browser: it follows the redirects
// by hand with its own cookie jar, so it can also tamper with them as an attacker would.
//
// The app runs with TOETSING_LOCAL_PASSWORDS=0, so the same process also shows that the password
// form is gone and POST /login refuses. The settings' validation and the login page with both ways
// are checked in-process at the end.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildSync } from 'esbuild';
import request from 'supertest';
import { signInSettings, SignInSettings } from '../../src/config';
import { AppError } from '../../src/errors';
import { createUser, findUserByEmail, updateUser } from '../../src/store/users.store';
import { buildApp } from '../../src/web/app';
import { makeCtx, TEST_PASSWORD, TestCtx } from '../helpers/context';

const ROOT = path.resolve(__dirname, '..', '..');
const CLIENT_ID = 'toetsing-test';
const CLIENT_SECRET = 'test-secret-' + 'x'.repeat(32);

const ANNA = 'anna.de.vries@inspectie.example';
const BERT = 'bert@inspectie.example';
const CARLA = 'carla@inspectie.example';

let ctx: TestCtx;
let provider: ChildProcess | undefined;
let app: ChildProcess | undefined;
let issuer: string;
let appUrl: string;
let appLog = '';
let bundleDir: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Start a child and wait for the first stdout line that `ready` accepts. */
function startChild(args: string[], env: NodeJS.ProcessEnv, ready: (line: string) => boolean, onStderr: (s: string) => void): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`child did not start: ${out} ${err}`)); }, 30_000);
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); onStderr(d.toString()); });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find(ready);
      if (line !== undefined) {
        clearTimeout(timer);
        resolve({ child, line });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`child ended (${code}): ${out} ${err}`)); });
  });
}

beforeAll(async () => {
  ctx = makeCtx();
  await createUser(ctx.db, 'test', { email: ANNA, role: 'inspecteur', name: 'Anna de Vries', password: TEST_PASSWORD });
  await createUser(ctx.db, 'test', { email: BERT, role: 'lezer', password: TEST_PASSWORD });
  await createUser(ctx.db, 'test', { email: CARLA, role: 'lezer', password: TEST_PASSWORD });
  updateUser(ctx.db, 'test', findUserByEmail(ctx.db, BERT)!.id, { active: false });

  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  const accounts = [
    // The provider spells the address in capitals: the match is case-insensitive.
    { sub: 'anna', email: 'Anna.de.Vries@Inspectie.Example', email_verified: true },
    { sub: 'bert', email: BERT, email_verified: true },
    { sub: 'carla', email: CARLA, email_verified: false },
    { sub: 'onbekend', email: 'iemand@elders.example' },
  ];
  const started = await startChild(
    [path.join(__dirname, '..', 'helpers', 'oidc-provider.mjs'), JSON.stringify({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: `${appUrl}/login/oidc/terug`, accounts })],
    {},
    (line) => line.startsWith('{'),
    () => undefined,
  );
  provider = started.child;
  issuer = (JSON.parse(started.line) as { issuer: string }).issuer;

  const env = {
    TOETSING_OIDC_ISSUER: issuer,
    TOETSING_OIDC_CLIENT_ID: CLIENT_ID,
    TOETSING_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    TOETSING_OIDC_LABEL: 'Inspectie JenV',
    TOETSING_PUBLIC_URL: appUrl,
    TOETSING_LOCAL_PASSWORDS: '0',
  };
  // One plain-JS bundle of the app's own code, its packages left to node_modules: it starts in
  // well under a second where tsx needs several. Two folders below the project, so the app's
  // `__dirname/../..` paths (views, public, reports) land on the project as they do from dist/.
  bundleDir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.toetsing-oidc-test-'));
  const bundle = path.join(bundleDir, 'toetsing.js');
  buildSync({ entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', outfile: bundle, logLevel: 'error' });
  const serve = `require(${JSON.stringify(bundle)}).main(['serve', '--data', ${JSON.stringify(ctx.dataDir)}, '--criteria', ${JSON.stringify(path.join(ROOT, 'criteria'))}, '--port', '${port}'])`;
  app = (await startChild(['-e', serve], env, (line) => line.startsWith('Toetsing draait op'), (s) => { appLog += s; })).child;
});

afterAll(() => {
  app?.kill('SIGTERM');
  provider?.kill('SIGTERM');
  ctx.cleanup();
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
});

/** A browser: a cookie jar shared by the app and the provider (both on 127.0.0.1), redirects followed by hand. */
class Browser {
  readonly jar = new Map<string, string>();

  async get(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a))) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  location(res: Response, base: string): URL {
    expect(res.status).toBe(303);
    return new URL(res.headers.get('location')!, base);
  }

  /** The session cookie's value, if the app set one. */
  get session(): string | undefined {
    return this.jar.get('toetsing_sid');
  }
}

interface Tamper {
  /** Change the authorisation request on its way to the provider. */
  authRequest?: (url: URL) => void;
  /** Change the provider's answer on its way back to the app. */
  callback?: (url: URL) => void;
}

/** Sign in through the provider as `sub`; returns the app's answer to the callback. */
async function signInAs(browser: Browser, sub: string, tamper: Tamper = {}, start = '/login/oidc'): Promise<{ res: Response; callback: URL }> {
  const auth = browser.location(await browser.get(appUrl + start), appUrl);
  expect(auth.origin).toBe(issuer);
  tamper.authRequest?.(auth);
  const interaction = browser.location(await browser.get(auth), issuer);
  interaction.searchParams.set('login', sub);
  const resume = browser.location(await browser.get(interaction), issuer);
  const callback = browser.location(await browser.get(resume), issuer);
  expect(callback.origin + callback.pathname).toBe(`${appUrl}/login/oidc/terug`);
  tamper.callback?.(callback);
  return { res: await browser.get(callback), callback };
}

const sessionsOf = (email: string) => (ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?').get(email) as { n: number }).n;
const logSince = (from: number) => appLog.slice(from);

describe('sign-in through the OpenID provider (real provider, app as a child process)', () => {
  test('when the provider signs in a known active user, then the app asks with PKCE S256, state and nonce, starts a session, keeps the role and logs it', async () => {
    const browser = new Browser();
    const first = await browser.get(`${appUrl}/login/oidc?terug=${encodeURIComponent('/onderzoeken')}`);
    const auth = browser.location(first, appUrl);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('scope')).toBe('openid email');
    expect(auth.searchParams.get('redirect_uri')).toBe(`${appUrl}/login/oidc/terug`);
    // The started sign-in's cookie: HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET).
    expect(first.headers.getSetCookie().find((c) => c.startsWith('toetsing_oidc='))).toMatch(/HttpOnly/i);
    expect(first.headers.getSetCookie().find((c) => c.startsWith('toetsing_oidc='))).toMatch(/SameSite=Lax/i);

    const before = sessionsOf(ANNA);
    const interaction = browser.location(await browser.get(auth), issuer);
    interaction.searchParams.set('login', 'anna');
    const resume = browser.location(await browser.get(interaction), issuer);
    const callback = browser.location(await browser.get(resume), issuer);
    const res = await browser.get(callback);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/onderzoeken');
    expect(browser.session).toBeTruthy();
    expect(browser.jar.has('toetsing_oidc')).toBe(false);
    expect(sessionsOf(ANNA)).toBe(before + 1);

    const home = await browser.get(`${appUrl}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Anna de Vries');
    expect(findUserByEmail(ctx.db, ANNA)!.role).toBe('inspecteur');
    const entry = ctx.db.prepare("SELECT actor, new_value FROM change_log WHERE action = 'oidc_sign_in' ORDER BY seq DESC LIMIT 1").get() as { actor: string; new_value: string };
    expect(entry.actor).toBe(ANNA);
    expect(JSON.parse(entry.new_value)).toEqual({ issuer, subject: 'anna' });

    // The callback cannot be used a second time (the started sign-in is used up).
    const again = await new Browser().get(callback);
    expect(again.status).toBe(400);
  });

  test('when the state in the answer differs from the one sent, then no session and a clear Dutch page', async () => {
    const browser = new Browser();
    const from = appLog.length;
    const { res } = await signInAs(browser, 'anna', { callback: (u) => u.searchParams.set('state', 'aangepast-' + u.searchParams.get('state')) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('kon niet worden gecontroleerd');
    expect(browser.session).toBeUndefined();
    expect(logSince(from)).toMatch(/state/i);
  });

  test('when the ID token carries another nonce than the one sent, then no session', async () => {
    const browser = new Browser();
    const from = appLog.length;
    // The provider signs a correct ID token for the nonce it was given, which is not the app's.
    const { res } = await signInAs(browser, 'anna', { authRequest: (u) => u.searchParams.set('nonce', 'een-andere-nonce') });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('kon niet worden gecontroleerd');
    expect(browser.session).toBeUndefined();
    expect(logSince(from)).toMatch(/nonce/i);
  });

  test('when the ID token is signed by a key outside the provider\'s JWKS, then no session', async () => {
    const browser = new Browser();
    const from = appLog.length;
    // The provider's next token answer carries the same ID token (header, kid, claims) re-signed by another key.
    expect((await fetch(`${issuer}/test/misbehave?once=rogue-signature`, { method: 'POST' })).status).toBe(204);
    const { res } = await signInAs(browser, 'anna');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('kon niet worden gecontroleerd');
    expect(browser.session).toBeUndefined();
    expect(logSince(from)).toMatch(/signature/i);
  });

  test('when the authorisation request loses its PKCE challenge, then the provider refuses and there is no session', async () => {
    const browser = new Browser();
    const auth = browser.location(await browser.get(`${appUrl}/login/oidc`), appUrl);
    auth.searchParams.delete('code_challenge');
    auth.searchParams.delete('code_challenge_method');
    // The provider answers the app with an error instead of a code.
    const back = browser.location(await browser.get(auth), issuer);
    expect(back.searchParams.get('error')).toBeTruthy();
    const res = await browser.get(back);
    expect(res.status).toBe(403);
    expect(browser.session).toBeUndefined();
  });

  test('when the e-mail address has no account in Toetsing, then no session and the page says so', async () => {
    const browser = new Browser();
    const { res } = await signInAs(browser, 'onbekend');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('geen account voor iemand@elders.example');
    expect(browser.session).toBeUndefined();
  });

  test('when the account is disabled, then no session and the page says so', async () => {
    const browser = new Browser();
    const { res } = await signInAs(browser, 'bert');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('uitgeschakeld');
    expect(browser.session).toBeUndefined();
    expect(sessionsOf(BERT)).toBe(0);
  });

  test('when the provider says the e-mail address is not verified, then no session', async () => {
    const browser = new Browser();
    const { res } = await signInAs(browser, 'carla');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('geen bevestigd e-mailadres');
    expect(sessionsOf(CARLA)).toBe(0);
  });

  test('when the callback comes without a sign-in started in this browser, then no session', async () => {
    const { callback } = await signInAs(new Browser(), 'anna', { callback: () => undefined });
    // Another browser (the attacker's link in the victim's browser) with the same answer.
    const res = await new Browser().get(callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('niet in deze browser begonnen');
  });

  test('when local passwords are off, then the login page has no password form and POST /login refuses the right password', async () => {
    const browser = new Browser();
    const page = await browser.get(`${appUrl}/login`);
    const html = await page.text();
    expect(html).toContain('Inloggen via Inspectie JenV');
    expect(html).not.toContain('type="password"');
    const res = await browser.get(`${appUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: ANNA, password: TEST_PASSWORD, lc: browser.jar.get('toetsing_lc') ?? '', terug: '/' }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Inloggen met een wachtwoord staat uit');
    expect(browser.session).toBeUndefined();
  });
});

describe('sign-in settings', () => {
  const oidcEnv = { TOETSING_OIDC_ISSUER: 'https://login.example.nl/realms/ijenv', TOETSING_OIDC_CLIENT_ID: 'toetsing', TOETSING_OIDC_CLIENT_SECRET: 's', TOETSING_PUBLIC_URL: 'https://toetsing.example.nl' };
  const refusal = (env: NodeJS.ProcessEnv) => {
    try {
      signInSettings(env);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).message;
    }
    throw new Error('accepted');
  };

  test('when all OIDC settings are given, then the redirect URI is the public address + /login/oidc/terug', () => {
    expect(signInSettings(oidcEnv)).toEqual({
      oidc: { issuer: oidcEnv.TOETSING_OIDC_ISSUER, clientId: 'toetsing', clientSecret: 's', label: 'uw organisatie', redirectUri: 'https://toetsing.example.nl/login/oidc/terug' },
      localPasswords: true,
    });
    expect(signInSettings({})).toEqual({ oidc: null, localPasswords: true });
  });

  test('when a setting is missing or wrong, then the start is refused naming the variable', () => {
    expect(refusal({ ...oidcEnv, TOETSING_OIDC_CLIENT_SECRET: undefined })).toContain('TOETSING_OIDC_CLIENT_SECRET');
    expect(refusal({ ...oidcEnv, TOETSING_PUBLIC_URL: undefined })).toContain('TOETSING_PUBLIC_URL');
    expect(refusal({ ...oidcEnv, TOETSING_OIDC_ISSUER: 'http://login.example.nl' })).toContain('TOETSING_OIDC_ISSUER');
    expect(refusal({ ...oidcEnv, TOETSING_PUBLIC_URL: 'https://toetsing.example.nl/sub' })).toContain('TOETSING_PUBLIC_URL');
    expect(refusal({ TOETSING_LOCAL_PASSWORDS: '0' })).toContain('TOETSING_LOCAL_PASSWORDS');
    expect(refusal({ ...oidcEnv, TOETSING_LOCAL_PASSWORDS: 'nee' })).toContain('TOETSING_LOCAL_PASSWORDS');
  });

  test('when the provider is configured and passwords are on, then the login page offers both, and without OIDC only the form', async () => {
    const withOidc: SignInSettings = { ...signInSettings({ ...oidcEnv, TOETSING_OIDC_LABEL: 'Inspectie JenV' }) };
    const web = buildApp(ctx);
    web.set('signIn', withOidc);
    const both = await request(web).get('/login?terug=%2Fonderzoeken').expect(200);
    expect(both.text).toContain('href="/login/oidc?terug=%2Fonderzoeken">Inloggen via Inspectie JenV</a>');
    expect(both.text).toContain('type="password"');
    const plain = await request(buildApp(ctx)).get('/login').expect(200);
    expect(plain.text).not.toContain('/login/oidc');
    expect(plain.text).toContain('type="password"');
    await request(buildApp(ctx)).get('/login/oidc').expect(404);
  });
});
