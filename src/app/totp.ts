// The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, as every authenticator
// app reads them) with ten recovery codes. Required for beheerders, optional for the other roles.
//
// Sign-in: a correct password for an account with the second factor on does not start a session
// but a half-session (totp_challenges, five minutes), which only the code turns into one. A
// beheerder without a second factor gets a half-session that only enrolment turns into a session,
// so until then every page leads back to enrolment (src/web/routes/totp.routes.ts).
//
// Choices:
// - The secret is stored as it is, not encrypted: the server needs it in the clear to check a
//   code, and a key kept beside the database (the only place this one-process app could keep one
//   without new configuration) protects nothing against whoever reads the data directory, which
//   is the owner's only. It is shown once, during enrolment, and never again, nor in the change log,
//   an export or a page afterwards.
// - Recovery codes have 80 random bits (16 characters of a 32-letter alphabet without look-alikes)
//   and are stored as their SHA-256: at 80 bits a fast hash cannot be searched, so Argon2's cost
//   (meant for guessable passwords) would only slow down every check of ten codes.
// - A code is accepted one step early or late (clock drift), and never twice: the account keeps the
//   last accepted step and a code for that step or an earlier one is refused.
// - Wrong codes are throttled by the sign-in throttle (growing waits per account and per address,
//   never a lockout) under a key of their own, so a correct password does not clear them; and per
//   half-session: after five wrong codes the password must be entered again.
import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { forbidden, invalid, notFound } from '../errors';
import { createSession } from '../store/sessions.store';
import { reserveAttempt, settleSuccess } from '../store/throttles.store';
import {
  acceptStep, ChallengePurpose, ChallengeRow, createChallenge, deleteChallenge, enableTotp, enabledUserIds, findChallenge,
  noteChallengeFailure, purgeExpiredChallenges, removeTotp, replaceRecoveryCodes, savePendingSecret, totpState, useRecoveryCode,
} from '../store/totp.store';
import { checkPassword, findUserByEmail, getUser, User } from '../store/users.store';

export type { ChallengePurpose };

export const TOTP_ISSUER = 'Toetsing';
const PERIOD = 30;
const DIGITS = 6;
const WINDOW = 1;
/** How long the half-session between the password and the code lives. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** How long a secret shown during enrolment can still be confirmed (a few sign-in attempts). */
const PENDING_TTL_MS = 30 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECOVERY_LENGTH = 16;
const CHALLENGE_MAX_FAILURES = 5;

const WRONG_CODE = 'Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de volgende code.';
const USED_CODE = 'Deze code is al gebruikt. Wacht op de volgende code in uw app.';
const ENDED = 'Te veel onjuiste codes. Log opnieuw in.';

/** Which roles must have a second factor. */
export const requiredFor = (role: User['role']): boolean => role === 'beheerder';

/** A code as typed: digits of the app, or a recovery code with or without dashes and spaces. */
export const codeField = z.string().max(64, 'Deze code is te lang.').transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().min(1, 'Vul de code in.'));

export const codeSchema = z.object({ code: codeField }).strict();
export const disableSchema = z.object({
  password: z.string().min(1, 'Vul uw wachtwoord in.').max(1024, 'Dit wachtwoord is te lang.'),
  code: codeField,
}).strict();

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The time step a 6-digit code belongs to, or null when it matches none in the window. */
function matchingStep(secret: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, '').validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : OTPAuth.TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

const hashCode = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

function newRecoveryCodes(): { shown: string[]; hashes: string[] } {
  const plain = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]).join(''));
  return { shown: plain.map((c) => c.replace(/(.{4})(?!$)/g, '$1-')), hashes: plain.map(hashCode) };
}

/** The sign-in throttle's key for an account's codes: apart from its password's, which a correct password clears. */
export const totpThrottleKey = (email: string) => `tweede factor: ${email}`;

function waitMessage(retryAt: number, now: number): string {
  const s = Math.max(1, Math.ceil((retryAt - now) / 1000));
  const wait = s === 1 ? '1 seconde' : s < 120 ? `${String(s)} seconden` : `${String(Math.ceil(s / 60))} minuten`;
  return `Te veel onjuiste codes. Wacht ${wait} en probeer het opnieuw.`;
}

type CheckResult = { ok: true } | { ok: false; reason: 'wrong' | 'used' | 'wait'; message: string; field: 'code' | 'password' };
/** `password`: the password that came with the code was wrong (the code was not looked at). */
type Verdict = 'ok' | 'wrong' | 'used' | 'password';

/** A code (app or recovery) against the account's secret; a correct one is used up here. */
function verifyCode(ctx: Ctx, user: User, secret: string, code: string, now: number): Verdict {
  if (/^\d+$/.test(code)) {
    const step = matchingStep(secret, code, now);
    if (step === null) return 'wrong';
    // A code for a step already used (a replay, or an older code after a newer) is refused.
    return acceptStep(ctx.db, user.id, step) ? 'ok' : 'used';
  }
  return code.length === RECOVERY_LENGTH && useRecoveryCode(ctx.db, user.email, user.id, hashCode(code)) ? 'ok' : 'wrong';
}

/**
 * Throttled as the password is (src/store/throttles.store.ts): the attempt is counted before the
 * check, per account and per client address, and only a success takes it back (a replayed code
 * stays counted). `attempt` is the check itself.
 */
async function throttled(ctx: Ctx, user: User, address: string, now: number, attempt: () => Verdict | Promise<Verdict>): Promise<CheckResult> {
  const reserved = reserveAttempt(ctx.db, [{ kind: 'account', key: totpThrottleKey(user.email) }, { kind: 'address', key: address }], now);
  if (!reserved.ok) return { ok: false, reason: 'wait', message: waitMessage(reserved.retryAt, now), field: 'code' };
  const verdict = await attempt();
  if (verdict === 'used') return { ok: false, reason: 'used', message: USED_CODE, field: 'code' };
  if (verdict === 'wrong') return { ok: false, reason: 'wrong', message: WRONG_CODE, field: 'code' };
  if (verdict === 'password') return { ok: false, reason: 'wrong', message: 'Dit wachtwoord klopt niet.', field: 'password' };
  settleSuccess(ctx.db, reserved.reservations);
  return { ok: true };
}

/** Check a code for an account with the second factor on. */
function checkCode(ctx: Ctx, user: User, code: string, address: string, now: number): Promise<CheckResult> {
  const secret = totpState(ctx.db, user.id).secret;
  if (!secret) return Promise.resolve({ ok: false, reason: 'wrong', message: WRONG_CODE, field: 'code' });
  return throttled(ctx, user, address, now, () => verifyCode(ctx, user, secret, code, now));
}

// ---------------------------------------------------------------------------------------------
// Sign-in

/** What a correct password leads to for this account: a code, enrolment first, or nothing more. */
export function secondStepFor(ctx: Ctx, user: User): ChallengePurpose | null {
  if (totpState(ctx.db, user.id).secret) return 'verify';
  return requiredFor(user.role) ? 'enrol' : null;
}

/** Start the half-session after a correct password; `returnTo` is where the session will go. */
export function beginSecondStep(ctx: Ctx, user: User, purpose: ChallengePurpose, returnTo: string): { pendingToken: string } {
  // Half-sessions nobody finished only take space; a sign-in is a fine moment to drop them.
  purgeExpiredChallenges(ctx.db, CHALLENGE_TTL_MS);
  return { pendingToken: createChallenge(ctx.db, user.id, purpose, returnTo).token };
}

export interface Pending {
  challenge: ChallengeRow;
  user: User;
}

/** The live half-session for a cookie's token, or null (none, expired, or the account blocked since). */
export function pendingStep(ctx: Ctx, token: string | undefined, now = Date.now()): Pending | null {
  if (!token) return null;
  const challenge = findChallenge(ctx.db, token, CHALLENGE_TTL_MS, now);
  if (!challenge) return null;
  const user = getUser(ctx.db, challenge.user_id);
  if (!user.active) {
    deleteChallenge(ctx.db, token);
    return null;
  }
  return { challenge, user };
}

export type StepResult =
  | { ok: true; sessionToken: string; returnTo: string; recoveryCodes?: string[] }
  /** `ended`: the half-session is gone (too many wrong codes), the user must enter the password again. */
  | { ok: false; message: string; ended: boolean; status: 400 | 429 };

function failed(ctx: Ctx, token: string, result: Exclude<CheckResult, { ok: true }>): StepResult {
  if (result.reason === 'wait') return { ok: false, message: result.message, ended: false, status: 429 };
  if (result.reason === 'wrong' && noteChallengeFailure(ctx.db, token) >= CHALLENGE_MAX_FAILURES) {
    deleteChallenge(ctx.db, token);
    return { ok: false, message: ENDED, ended: true, status: 429 };
  }
  return { ok: false, message: result.message, ended: false, status: 400 };
}

export interface StepInput {
  code: string;
  /** The client's address, for the throttle. */
  address: string;
  /** The browser's User-Agent, kept with the session ("Mijn account" shows it). */
  userAgent?: string;
}

/** The second step of signing in: the code (or a recovery code) turns the half-session into a session. */
export async function completeSignIn(ctx: Ctx, token: string, pending: Pending, input: StepInput, now = Date.now()): Promise<StepResult> {
  if (pending.challenge.purpose !== 'verify') return { ok: false, message: 'Stel eerst de tweede factor in.', ended: false, status: 400 };
  const result = await checkCode(ctx, pending.user, input.code, input.address, now);
  if (!result.ok) return failed(ctx, token, result);
  deleteChallenge(ctx.db, token);
  return { ok: true, sessionToken: createSession(ctx.db, pending.user.id, Date.now(), input.userAgent).token, returnTo: pending.challenge.return_to };
}

export interface EnrolmentView {
  uri: string;
  secret: string;
  /**
   * The QR code of `uri`, drawn here as SVG and given as a data: URL for an <img>: an image cannot
   * run script, and no request leaves the page.
   */
  qrImage: string;
}

/** The secret being set up for an account, made now when there is none (or it is too old). */
async function enrolmentFor(ctx: Ctx, user: User, now: number): Promise<EnrolmentView> {
  const state = totpState(ctx.db, user.id);
  let secret = state.pendingSecret;
  if (!secret || state.pendingSince === null || now - state.pendingSince > PENDING_TTL_MS) {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    savePendingSecret(ctx.db, user.email, user.id, secret, now);
  }
  const uri = totpFor(secret, user.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 220 });
  return { uri, secret: secret.replace(/(.{4})(?!$)/g, '$1 '), qrImage: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` };
}

/** Confirm the pending secret with a current code: the second factor is on; returns the recovery codes to show once. */
function confirmEnrolment(ctx: Ctx, user: User, code: string, now: number): { ok: true; recoveryCodes: string[] } | { ok: false; message: string } {
  const state = totpState(ctx.db, user.id);
  if (state.secret) return { ok: false, message: 'De tweede factor is al ingesteld.' };
  if (!state.pendingSecret || state.pendingSince === null || now - state.pendingSince > PENDING_TTL_MS) {
    return { ok: false, message: 'De instelling is verlopen. Begin opnieuw.' };
  }
  const step = matchingStep(state.pendingSecret, code, now);
  if (step === null) return { ok: false, message: 'Deze code klopt niet. Scan de QR-code opnieuw of typ de sleutel over, en vul de code in die de app nu toont.' };
  const codes = newRecoveryCodes();
  enableTotp(ctx.db, user.email, user.id, { secret: state.pendingSecret, step, recoveryHashes: codes.hashes });
  return { ok: true, recoveryCodes: codes.shown };
}

/** The enrolment page during sign-in (a beheerder without a second factor). */
export function loginEnrolmentView(ctx: Ctx, pending: Pending, now = Date.now()): Promise<EnrolmentView> {
  return enrolmentFor(ctx, pending.user, now);
}

/** Enrolment during sign-in: a correct code turns the half-session into a session. */
export function completeLoginEnrolment(ctx: Ctx, token: string, pending: Pending, input: StepInput, now = Date.now()): StepResult {
  if (pending.challenge.purpose !== 'enrol') return { ok: false, message: 'De tweede factor is al ingesteld.', ended: false, status: 400 };
  const result = confirmEnrolment(ctx, pending.user, input.code, now);
  if (!result.ok) {
    if (noteChallengeFailure(ctx.db, token) >= CHALLENGE_MAX_FAILURES) {
      deleteChallenge(ctx.db, token);
      return { ok: false, message: ENDED, ended: true, status: 429 };
    }
    return { ok: false, message: result.message, ended: false, status: 400 };
  }
  deleteChallenge(ctx.db, token);
  return {
    ok: true,
    sessionToken: createSession(ctx.db, pending.user.id, Date.now(), input.userAgent).token,
    returnTo: pending.challenge.return_to,
    recoveryCodes: result.recoveryCodes,
  };
}

/** Leave the half-session (another account, or later). */
export function cancelSecondStep(ctx: Ctx, token: string): void {
  deleteChallenge(ctx.db, token);
}

// ---------------------------------------------------------------------------------------------
// Mijn account

export interface TotpAccountView {
  enabled: boolean;
  enabledAt: string | null;
  recoveryLeft: number;
  required: boolean;
}

export function totpAccountView(ctx: Ctx, actor: Actor): TotpAccountView {
  const s = totpState(ctx.db, actor.id);
  return { enabled: s.secret !== null, enabledAt: s.enabledAt, recoveryLeft: s.recoveryLeft, required: requiredFor(actor.role) };
}

/** The enrolment page on "Mijn account": the secret to scan (kept for PENDING_TTL_MS across reloads). */
export function accountEnrolmentView(ctx: Ctx, actor: Actor, now = Date.now()): Promise<EnrolmentView> {
  const user = getUser(ctx.db, actor.id);
  if (totpState(ctx.db, user.id).secret) throw invalid('De tweede factor is al ingesteld.', 'code');
  return enrolmentFor(ctx, user, now);
}

/** Confirm enrolment from "Mijn account"; returns the recovery codes to show once. */
export function confirmAccountEnrolment(ctx: Ctx, actor: Actor, input: { code: string }, now = Date.now()): string[] {
  const result = confirmEnrolment(ctx, getUser(ctx.db, actor.id), input.code, now);
  if (!result.ok) throw invalid(result.message, 'code');
  return result.recoveryCodes;
}

const refused = (result: CheckResult): void => {
  if (!result.ok) throw invalid(result.message, result.field);
};

/**
 * Switch one's own second factor off: password and a current code, checked as one throttled
 * attempt (a stolen session must not be a way to guess either). Not for the roles that require it.
 */
export async function disableOwnTotp(ctx: Ctx, actor: Actor, input: { password: string; code: string; address: string }, now = Date.now()): Promise<void> {
  const user = getUser(ctx.db, actor.id);
  if (requiredFor(user.role)) throw invalid('Voor beheerders is de tweede factor verplicht; hij kan niet worden uitgezet.', 'code');
  const secret = totpState(ctx.db, user.id).secret;
  if (!secret) throw invalid('De tweede factor staat al uit.', 'code');
  refused(await throttled(ctx, user, input.address, now, async () =>
    (await checkPassword(ctx.db, user.email, input.password)) ? verifyCode(ctx, user, secret, input.code, now) : 'password'));
  removeTotp(ctx.db, user.email, user.id, { action: 'totp_disabled', endSessions: false });
}

/** New recovery codes (all earlier ones stop working); needs a current code. */
export async function renewRecoveryCodes(ctx: Ctx, actor: Actor, input: { code: string; address: string }, now = Date.now()): Promise<string[]> {
  const user = getUser(ctx.db, actor.id);
  if (!totpState(ctx.db, user.id).secret) throw invalid('Stel eerst de tweede factor in.', 'code');
  refused(await checkCode(ctx, user, input.code, input.address, now));
  const codes = newRecoveryCodes();
  replaceRecoveryCodes(ctx.db, user.email, user.id, codes.hashes);
  return codes.shown;
}

// ---------------------------------------------------------------------------------------------
// Beheer

/** Which accounts have a second factor (the beheerder's list of accounts shows it). */
export function totpOverview(ctx: Ctx, actor: Actor): Set<number> {
  if (actor.role !== 'beheerder') throw forbidden();
  return enabledUserIds(ctx.db);
}

/**
 * A beheerder resets another account's second factor (a lost phone): it is removed and the
 * account's sessions end; at the next sign-in the user sets it up again (a beheerder must).
 */
export function resetSecondFactor(ctx: Ctx, actor: Actor, input: { userId: number }): void {
  if (actor.role !== 'beheerder') throw forbidden();
  const user = getUser(ctx.db, input.userId);
  if (user.id === actor.id) throw invalid('U kunt uw eigen tweede factor niet herstellen; vraag een andere beheerder.', 'totp');
  if (!totpState(ctx.db, user.id).secret) throw invalid('Deze gebruiker heeft geen tweede factor ingesteld.', 'totp');
  removeTotp(ctx.db, actor.email, user.id, { action: 'totp_reset', endSessions: true });
}

/**
 * The same by e-mail address, for `toetsing user reset-2fa` (the operator, OPERATOR): the way back
 * in for the only beheerder who lost both the phone and the recovery codes.
 */
export function resetSecondFactorByEmail(ctx: Ctx, actor: Actor, email: string): User {
  const user = findUserByEmail(ctx.db, email.trim().toLowerCase());
  if (!user) throw notFound(`Er is geen account ${email}.`);
  resetSecondFactor(ctx, actor, { userId: user.id });
  return user;
}
