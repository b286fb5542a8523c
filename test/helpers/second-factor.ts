// The second step of signing in, for the shared login helpers (http.ts, e2e/browser.ts): a
// beheerder must set up the second factor at the first sign-in and enter a code at every later
// one (src/app/totp.ts). The helpers do what a user with an authenticator app does, through the
// real pages: read the key from the enrolment page, enter its code, keep the recovery codes.
//
// A code is accepted once (the last used time step is kept) and one step ahead at most, so a
// second sign-in within the same 30 seconds uses the next step's code, and further ones a
// recovery code, as a user without patience would.
import * as OTPAuth from 'otpauth';
import type { Page } from 'puppeteer';
import type request from 'supertest';

type Agent = ReturnType<typeof request.agent>;

export const STEP_PATH = '/login/tweede-factor';
export const ENROL_PATH = '/login/tweede-factor/instellen';

interface Factor {
  secret: string;
  recovery: string[];
  /** The highest time step this helper has used a code for. */
  usedStep: number;
}

/** Per account (e-mail address): the last enrolment this process saw. A new data folder enrols again and replaces it. */
const factors = new Map<string, Factor>();

const PERIOD_MS = 30_000;
const stepNow = () => Math.floor(Date.now() / PERIOD_MS);

function totp(secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

const secretOn = (html: string) => /class="totp-secret"[^>]*>([^<]+)</.exec(html)?.[1].replace(/\s/g, '');
const codesOn = (html: string) => [...html.matchAll(/<li><code>([A-Z2-9-]{19})<\/code><\/li>/g)].map((m) => m[1]);
const csrfOn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The code to type now for an enrolled account: this step's or the next one's, else a recovery code. */
function nextCode(email: string): string {
  const f = factors.get(email);
  if (!f) throw new Error(`second factor of ${email} unknown to the test helper (enrolled elsewhere?)`);
  const step = Math.max(stepNow(), f.usedStep + 1);
  if (step <= stepNow() + 1) {
    f.usedStep = step;
    return totp(f.secret).generate({ timestamp: step * PERIOD_MS });
  }
  const code = f.recovery.shift();
  if (!code) throw new Error(`the test helper ran out of recovery codes for ${email}`);
  return code;
}

function enrolled(email: string, secret: string, html: string): void {
  factors.set(email, { secret, recovery: codesOn(html), usedStep: stepNow() });
}

/** After POST /login answered 303 to `location`: complete the second step when it is one. */
export async function passSecondFactor(agent: Agent, location: string, email: string): Promise<void> {
  if (location === ENROL_PATH) {
    const page = await agent.get(ENROL_PATH).expect(200);
    const secret = secretOn(page.text);
    if (!secret) throw new Error('no key on the enrolment page');
    const done = await agent.post(ENROL_PATH).type('form').send({ _csrf: csrfOn(page.text), code: totp(secret).generate() });
    if (done.status !== 200) throw new Error(`enrolment failed for ${email}: ${String(done.status)}`);
    enrolled(email, secret, done.text);
  } else if (location === STEP_PATH) {
    const page = await agent.get(STEP_PATH).expect(200);
    const done = await agent.post(STEP_PATH).type('form').send({ _csrf: csrfOn(page.text), code: nextCode(email) });
    if (done.status !== 303) throw new Error(`second factor failed for ${email}: ${String(done.status)}`);
  }
}

/** The same in the browser, after the login form was submitted. */
export async function passSecondFactorInBrowser(page: Page, email: string): Promise<void> {
  const path = new URL(page.url()).pathname;
  if (path === ENROL_PATH) {
    const secret = secretOn(await page.content());
    if (!secret) throw new Error('no key on the enrolment page');
    await page.type('#code', totp(secret).generate());
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login/tweede-factor/instellen"] button[type=submit]')]);
    enrolled(email, secret, await page.content());
    // The recovery codes page: "verder" to where the login was going.
    await Promise.all([page.waitForNavigation(), page.click('a.button--primary')]);
  } else if (path === STEP_PATH) {
    await page.type('#code', nextCode(email));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login/tweede-factor"] button[type=submit]')]);
  }
}
