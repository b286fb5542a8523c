// The second factor's SQL: secrets, recovery codes and the half-sessions between the password and
// the code (tables in migrations/006_totp.ts).
//
// What changes an account's protection (enrolment, enabling, disabling, a reset, new recovery codes,
// a recovery code used up) is logged in the change log in the same transaction, never with a
// secret or a code. The bookkeeping of a sign-in itself (the last accepted time step, the
// half-sessions) is not, like the sessions table it leads to: it would log every login. Wrong codes
// are counted by the sign-in throttle (throttles.store.ts), not here.
import crypto from 'node:crypto';
import { conflict } from '../errors';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export type ChallengePurpose = 'verify' | 'enrol';

export interface TotpState {
  userId: number;
  /** The confirmed secret (base32), null while the second factor is off. */
  secret: string | null;
  enabledAt: string | null;
  pendingSecret: string | null;
  pendingSince: number | null;
  lastStep: number;
  /** Recovery codes not used yet. */
  recoveryLeft: number;
}

interface TotpRow {
  user_id: number;
  secret: string | null;
  enabled_at: string | null;
  pending_secret: string | null;
  pending_since: number | null;
  last_step: number;
}

export interface ChallengeRow {
  user_id: number;
  purpose: ChallengePurpose;
  csrf_token: string;
  return_to: string;
  created_at: number;
  failures: number;
}

function recoveryLeft(db: DB, userId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM totp_recovery_codes WHERE user_id = ? AND used_at IS NULL').get(userId) as { n: number }).n;
}

/** The account's second-factor state; an account that never touched it has everything off. */
export function totpState(db: DB, userId: number): TotpState {
  const r = db.prepare('SELECT * FROM user_totp WHERE user_id = ?').get(userId) as TotpRow | undefined;
  return {
    userId,
    secret: r?.secret ?? null,
    enabledAt: r?.enabled_at ?? null,
    pendingSecret: r?.pending_secret ?? null,
    pendingSince: r?.pending_since ?? null,
    lastStep: r?.last_step ?? 0,
    recoveryLeft: recoveryLeft(db, userId),
  };
}

/** Which accounts have the second factor on (for the beheerder's list of accounts). */
export function enabledUserIds(db: DB): Set<number> {
  return new Set((db.prepare('SELECT user_id FROM user_totp WHERE secret IS NOT NULL').all() as Array<{ user_id: number }>).map((r) => r.user_id));
}

const ensureRow = (db: DB, userId: number) => db.prepare('INSERT OR IGNORE INTO user_totp (user_id) VALUES (?)').run(userId);

/** Keep a new secret as the one being set up (replacing an earlier unconfirmed one). */
export function savePendingSecret(db: DB, actor: string, userId: number, secret: string, now = Date.now()): void {
  db.transaction(() => {
    ensureRow(db, userId);
    db.prepare('UPDATE user_totp SET pending_secret = ?, pending_since = ? WHERE user_id = ?').run(secret, now, userId);
    logChange(db, { actor, inspectionId: null, entity: 'user', entityId: userId, action: 'totp_enrolment_started' });
  }).immediate();
}

/**
 * Make the pending secret the account's secret, with `step` as the last used time step (the code
 * that confirmed it cannot be used again) and these recovery codes (hashes) instead of any before.
 * Refused when the pending secret changed meanwhile (another tab started over).
 */
export function enableTotp(db: DB, actor: string, userId: number, input: { secret: string; step: number; recoveryHashes: string[] }): void {
  db.transaction(() => {
    const r = db.prepare('SELECT pending_secret, secret FROM user_totp WHERE user_id = ?').get(userId) as Pick<TotpRow, 'pending_secret' | 'secret'> | undefined;
    if (r?.secret) throw conflict('De tweede factor is al ingesteld.');
    if (r?.pending_secret !== input.secret) throw conflict('De instelling is intussen opnieuw begonnen. Scan de nieuwe code.');
    db.prepare(`UPDATE user_totp SET secret = pending_secret, enabled_at = ?, pending_secret = NULL, pending_since = NULL,
      last_step = ? WHERE user_id = ?`).run(nowIso(), input.step, userId);
    insertRecoveryCodes(db, userId, input.recoveryHashes);
    logChange(db, { actor, inspectionId: null, entity: 'user', entityId: userId, action: 'totp_enabled', new: { recoveryCodes: input.recoveryHashes.length } });
  }).immediate();
}

function insertRecoveryCodes(db: DB, userId: number, hashes: string[]): void {
  db.prepare('DELETE FROM totp_recovery_codes WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES (?, ?)');
  for (const h of hashes) insert.run(userId, h);
}

/** New recovery codes instead of all earlier ones (used or not). */
export function replaceRecoveryCodes(db: DB, actor: string, userId: number, hashes: string[]): void {
  db.transaction(() => {
    const before = recoveryLeft(db, userId);
    insertRecoveryCodes(db, userId, hashes);
    logChange(db, { actor, inspectionId: null, entity: 'user', entityId: userId, action: 'totp_recovery_codes_renewed', old: { recoveryLeft: before }, new: { recoveryLeft: hashes.length } });
  }).immediate();
}

/**
 * Accept a time step for the account: true only if it is later than every step accepted before.
 * One conditional UPDATE, so two requests with the same code cannot both get through.
 */
export function acceptStep(db: DB, userId: number, step: number): boolean {
  return db.prepare('UPDATE user_totp SET last_step = ? WHERE user_id = ? AND secret IS NOT NULL AND last_step < ?')
    .run(step, userId, step).changes === 1;
}

/** Use up a recovery code (by its hash): true when it existed and was unused. */
export function useRecoveryCode(db: DB, actor: string, userId: number, hash: string): boolean {
  return db.transaction(() => {
    const used = db.prepare('UPDATE totp_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL').run(nowIso(), userId, hash).changes === 1;
    if (!used) return false;
    logChange(db, { actor, inspectionId: null, entity: 'user', entityId: userId, action: 'totp_recovery_code_used', new: { recoveryLeft: recoveryLeft(db, userId) } });
    return true;
  }).immediate();
}

/**
 * Switch the second factor off: secret, pending secret, recovery codes and half-sessions go.
 * `endSessions` also ends the account's sessions (a beheerder's reset: whoever holds them may be
 * the one who took the phone). `action` names it in the change log.
 */
export function removeTotp(db: DB, actor: string, userId: number, opts: { action: 'totp_disabled' | 'totp_reset'; endSessions: boolean }): void {
  db.transaction(() => {
    const wasOn = Boolean((db.prepare('SELECT secret FROM user_totp WHERE user_id = ?').get(userId) as Pick<TotpRow, 'secret'> | undefined)?.secret);
    db.prepare('DELETE FROM user_totp WHERE user_id = ?').run(userId);
    db.prepare('DELETE FROM totp_recovery_codes WHERE user_id = ?').run(userId);
    db.prepare('DELETE FROM totp_challenges WHERE user_id = ?').run(userId);
    if (opts.endSessions) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    logChange(db, { actor, inspectionId: null, entity: 'user', entityId: userId, action: opts.action, old: { totp: wasOn }, new: { totp: false } });
  }).immediate();
}

/** Start a half-session for the account; the token goes in a cookie, only its hash is stored. */
export function createChallenge(db: DB, userId: number, purpose: ChallengePurpose, returnTo: string, now = Date.now()): { token: string; csrf: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(32).toString('base64url');
  db.transaction(() => {
    // One half-session per account at a time: a new password entry replaces an older one.
    db.prepare('DELETE FROM totp_challenges WHERE user_id = ?').run(userId);
    db.prepare('INSERT INTO totp_challenges (id_hash, user_id, purpose, csrf_token, return_to, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha(token), userId, purpose, csrf, returnTo, now);
  }).immediate();
  return { token, csrf };
}

/** The half-session for a token if it is younger than `ttlMs`; an expired one is removed. */
export function findChallenge(db: DB, token: string, ttlMs: number, now = Date.now()): ChallengeRow | null {
  const id = sha(token);
  const row = db.prepare('SELECT user_id, purpose, csrf_token, return_to, created_at, failures FROM totp_challenges WHERE id_hash = ?').get(id) as ChallengeRow | undefined;
  if (!row) return null;
  if (now - row.created_at > ttlMs || now < row.created_at) {
    db.prepare('DELETE FROM totp_challenges WHERE id_hash = ?').run(id);
    return null;
  }
  return row;
}

/** Count a wrong code against the half-session; returns its failures so far. */
export function noteChallengeFailure(db: DB, token: string): number {
  const id = sha(token);
  db.prepare('UPDATE totp_challenges SET failures = failures + 1 WHERE id_hash = ?').run(id);
  return (db.prepare('SELECT failures FROM totp_challenges WHERE id_hash = ?').get(id) as { failures: number } | undefined)?.failures ?? 0;
}

export function deleteChallenge(db: DB, token: string): void {
  db.prepare('DELETE FROM totp_challenges WHERE id_hash = ?').run(sha(token));
}

export function purgeExpiredChallenges(db: DB, ttlMs: number, now = Date.now()): void {
  db.prepare('DELETE FROM totp_challenges WHERE created_at < ?').run(now - ttlMs);
}

