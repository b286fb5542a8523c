// Signing in and out. An unknown account and a wrong password get the same answer (and cost the
// same work: users.store verifies against a dummy hash). Failures slow sign-in down per account and
// per client address (src/store/throttles.store.ts): growing waits, never a lockout, and a
// throttled attempt is refused before any hashing. Every sign-in gets a fresh session.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { forbidden, notFound } from '../errors';
import { createSession, destroySession } from '../store/sessions.store';
import { activeThrottles, clearAllThrottles, clearThrottle, reserveAttempt, settleSuccess, Throttle, ThrottleKind } from '../store/throttles.store';
import { checkPassword } from '../store/users.store';
import { beginSecondStep, secondStepFor } from './totp';

const BAD_LOGIN = 'Onjuist e-mailadres of wachtwoord.';

/** "over 2 minuten", "over 40 seconden": how long a throttled user waits, rounded up. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `over ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'}`;
  const minutes = Math.ceil(seconds / 60);
  return `over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}`;
}

function throttledMessage(kind: ThrottleKind, retryAfterSeconds: number): string {
  const what = kind === 'account' ? 'voor dit account' : 'vanaf dit adres';
  return `Te veel mislukte inlogpogingen ${what}. U kunt het ${waitInWords(retryAfterSeconds)} opnieuw proberen; met het juiste wachtwoord lukt het dan.`;
}

export type SignInResult =
  | { ok: true; token: string; secondFactor?: undefined }
  /** The password is right, and a second factor must follow (src/app/totp.ts): a half-session, no session yet. */
  | { ok: true; secondFactor: 'verify' | 'enrol'; pendingToken: string }
  /** `bad_login`: unknown account or wrong password (one answer for both). */
  | { ok: false; refusal: 'bad_login'; message: string }
  /** `throttled`: too many recent failures for this account or address; try again after `retryAfterSeconds`. */
  | { ok: false; refusal: 'throttled'; message: string; retryAfterSeconds: number };

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, for the per-address throttle. */
  address: string;
  /** The browser's User-Agent, shown on "Mijn account" to recognise the session. */
  userAgent?: string;
  /** The session the browser already had: it is ended, so a planted or old session id is never carried over. */
  previousToken?: string;
  /** Where the browser goes once signed in (kept with a half-session until its second step). */
  returnTo?: string;
}

/** Check the e-mail address and password and start a session. */
export async function signIn(ctx: Ctx, input: SignInInput, now = Date.now()): Promise<SignInResult> {
  const email = input.email.toLowerCase();

  // 1. Throttle: count this attempt up front, or refuse it without checking anything.
  const reserved = reserveAttempt(ctx.db, [{ kind: 'account', key: email }, { kind: 'address', key: input.address }], now);
  if (!reserved.ok) {
    const retryAfterSeconds = Math.max(1, Math.ceil((reserved.retryAt - now) / 1000));
    return { ok: false, refusal: 'throttled', message: throttledMessage(reserved.kind, retryAfterSeconds), retryAfterSeconds };
  }

  // 2. The password (the attempt stays counted as a failure unless it succeeds).
  const user = await checkPassword(ctx.db, email, input.password);
  if (!user) return { ok: false, refusal: 'bad_login', message: BAD_LOGIN };

  // 3. Signed in: take the attempt back, end the old session, start a new one.
  settleSuccess(ctx.db, reserved.reservations);
  if (input.previousToken) destroySession(ctx.db, input.previousToken);
  // 4. A second factor on (or required for the role but not set up): only its step makes the session.
  const second = secondStepFor(ctx, user);
  if (second) return { ok: true, secondFactor: second, pendingToken: beginSecondStep(ctx, user, second, input.returnTo ?? '/').pendingToken };
  // The session runs on the real clock whatever `now` the throttle was given.
  return { ok: true, token: createSession(ctx.db, user.id, Date.now(), input.userAgent).token };
}

/**
 * Start a session for a user someone else authenticated (the organisation's OpenID provider,
 * src/app/oidc.ts), as a password sign-in starts one: the browser's old session ends first.
 */
export function startSession(ctx: Ctx, userId: number, input: { previousToken?: string; userAgent?: string }): string {
  if (input.previousToken) destroySession(ctx.db, input.previousToken);
  return createSession(ctx.db, userId, Date.now(), input.userAgent).token;
}

export function signOut(ctx: Ctx, token: string): void {
  destroySession(ctx.db, token);
}

export interface ThrottleView {
  kind: ThrottleKind;
  key: string;
  failures: number;
  lastFailureAt: string;
  /** "over 3 minuten" while the next attempt must wait; null when it may be made now. */
  waitsFor: string | null;
}

/** The throttles the beheerder sees on the users page. */
export function throttlesView(ctx: Ctx, actor: Actor, now = Date.now()): ThrottleView[] {
  if (actor.role !== 'beheerder') throw forbidden();
  return activeThrottles(ctx.db, now).map((t: Throttle) => ({
    kind: t.kind,
    key: t.key,
    failures: t.failures,
    lastFailureAt: new Date(t.lastFailureAt).toISOString(),
    waitsFor: t.retryAt > now ? waitInWords(Math.ceil((t.retryAt - now) / 1000)) : null,
  }));
}

/** The beheerder lifts a throttle (logged in the change log). */
export function liftThrottle(ctx: Ctx, actor: Actor, input: { kind: ThrottleKind; key: string }): void {
  if (actor.role !== 'beheerder') throw forbidden();
  if (!clearThrottle(ctx.db, actor.email, input.kind, input.key)) throw notFound('Deze beperking bestaat niet (meer).');
}

/** Forget every throttle, so tests (and only tests) can start from zero. */
export function resetThrottles(ctx: Ctx): void {
  clearAllThrottles(ctx.db);
}
