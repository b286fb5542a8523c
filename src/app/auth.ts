// Signing in and out. An unknown account and a wrong password get the same answer (and cost the
// same work: users.store verifies against a dummy hash); after 5 failures in 15 minutes an account
// is refused even the right password until the window passes; every sign-in gets a fresh session.
import type { Ctx } from '../context';
import { createSession, destroySession } from '../store/sessions.store';
import { checkPassword } from '../store/users.store';

const BAD_LOGIN = 'Onjuist e-mailadres of wachtwoord.';
const LOCKED = 'Te veel mislukte pogingen voor dit account. Probeer het over een kwartier opnieuw.';
const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_MAX_FAILURES = 5;
/** Bound the map: an attacker spraying random addresses must not grow memory without limit. */
const MAX_TRACKED_ACCOUNTS = 10_000;

/** Failed attempts per account (lower-cased e-mail) in the current window; in memory, per process. */
const failures = new Map<string, { count: number; since: number }>();

/** Forget every failed attempt, so tests (and only tests) can start from zero. */
export function resetAccountLimits(): void {
  failures.clear();
}

function accountLocked(email: string, now: number): boolean {
  const f = failures.get(email);
  if (!f) return false;
  if (now - f.since > ACCOUNT_WINDOW_MS) {
    failures.delete(email);
    return false;
  }
  return f.count >= ACCOUNT_MAX_FAILURES;
}

function noteFailure(email: string, now: number): void {
  const f = failures.get(email);
  if (!f || now - f.since > ACCOUNT_WINDOW_MS) failures.set(email, { count: 1, since: now });
  else f.count++;
  if (failures.size > MAX_TRACKED_ACCOUNTS) failures.delete(failures.keys().next().value as string);
}

export type SignInResult =
  | { ok: true; token: string }
  /** `locked`: too many failures for this account; `bad_login`: unknown account or wrong password (one answer for both). */
  | { ok: false; refusal: 'locked' | 'bad_login'; message: string };

/**
 * Check the e-mail address and password and start a session. `previousToken` is the session the
 * browser already had: it is ended, so a planted or old session id is never carried over.
 */
export async function signIn(ctx: Ctx, input: { email: string; password: string; previousToken?: string }): Promise<SignInResult> {
  const email = input.email.toLowerCase();
  const now = Date.now();
  if (accountLocked(email, now)) return { ok: false, refusal: 'locked', message: LOCKED };
  const user = await checkPassword(ctx.db, email, input.password);
  if (!user) {
    noteFailure(email, now);
    return { ok: false, refusal: 'bad_login', message: BAD_LOGIN };
  }
  failures.delete(email);
  if (input.previousToken) destroySession(ctx.db, input.previousToken);
  return { ok: true, token: createSession(ctx.db, user.id).token };
}

export function signOut(ctx: Ctx, token: string): void {
  destroySession(ctx.db, token);
}
