// Sign-in throttles: failed attempts per account and per client address, in the database so a
// restart does not reset them and the beheerder sees what the login uses. Not a lockout: after a
// few free failures each further attempt must wait a growing delay (capped), and once the wait is
// over the right password always works.
//
// An attempt is counted *before* the password is checked (reserveAttempt), inside one immediate
// transaction: parallel attempts cannot all slip through between the check and the count, and a
// refused attempt writes nothing and hashes nothing. A successful sign-in then settles its
// reservation (settleSuccess).
//
// Counting an attempt is not logged in the change log, as sessions are not: it is operational
// state, and an attacker must not be able to grow the append-only log with every guess. Clearing
// a throttle is a beheerder's decision and is logged.
import { logChange } from './changelog';
import type { DB } from './db';

export type ThrottleKind = 'account' | 'address';

export interface ThrottlePolicy {
  /** Failures without any delay. */
  free: number;
  /** The count starts again once this long has passed without a failure. */
  windowMs: number;
  /** The longest wait between attempts. */
  maxDelayMs: number;
}

const MINUTE = 60 * 1000;

/**
 * Accounts: three free failures, then 2, 4, 8 … seconds, at most 15 minutes, counted until a day
 * passes without a failure (about a hundred guesses a day at most, whoever sends them).
 * Addresses: colleagues behind one office address share it, so twenty free failures and a count
 * that starts again after an hour without one.
 */
export const THROTTLE_POLICIES: Readonly<Record<ThrottleKind, ThrottlePolicy>> = {
  account: { free: 3, windowMs: 24 * 60 * MINUTE, maxDelayMs: 15 * MINUTE },
  address: { free: 20, windowMs: 60 * MINUTE, maxDelayMs: 15 * MINUTE },
};

/** How long after the last of `failures` failures the next attempt must wait. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  // Capping the exponent first keeps 2 ** n finite for any count.
  return Math.min(policy.maxDelayMs, 1000 * 2 ** Math.min(failures - policy.free + 1, 30));
}

export interface Throttle {
  kind: ThrottleKind;
  key: string;
  failures: number;
  firstFailureAt: number;
  lastFailureAt: number;
  /** When the next attempt is allowed (≤ now when it is allowed already). */
  retryAt: number;
}

interface ThrottleDbRow {
  kind: ThrottleKind;
  key: string;
  failures: number;
  first_failure_at: number;
  last_failure_at: number;
}

const toThrottle = (r: ThrottleDbRow): Throttle => ({
  kind: r.kind,
  key: r.key,
  failures: r.failures,
  firstFailureAt: r.first_failure_at,
  lastFailureAt: r.last_failure_at,
  retryAt: r.last_failure_at + delayAfter(r.failures, THROTTLE_POLICIES[r.kind]),
});

const stale = (r: ThrottleDbRow, now: number) => now - r.last_failure_at > THROTTLE_POLICIES[r.kind].windowMs;

function readRow(db: DB, kind: ThrottleKind, key: string): ThrottleDbRow | undefined {
  return db.prepare('SELECT kind, key, failures, first_failure_at, last_failure_at FROM login_throttles WHERE kind = ? AND key = ?').get(kind, key) as ThrottleDbRow | undefined;
}

/** What an attempt counted before its check, so a success can take it back exactly. */
export interface Reservation {
  kind: ThrottleKind;
  key: string;
  at: number;
  /** The row before this attempt (null: none, or a stale one). */
  before: ThrottleDbRow | null;
}

export type ReserveResult =
  | { ok: true; reservations: Reservation[] }
  /** `kind`: the throttle that refused (the one with the later wait when both do). */
  | { ok: false; kind: ThrottleKind; retryAt: number };

/** Count one attempt for each key, or refuse (writing nothing) when any of them must still wait. */
export function reserveAttempt(db: DB, keys: Array<{ kind: ThrottleKind; key: string }>, now = Date.now()): ReserveResult {
  return db.transaction((): ReserveResult => {
    const rows = keys.map((k) => {
      const r = readRow(db, k.kind, k.key);
      return { ...k, row: r && !stale(r, now) ? r : null };
    });
    let refusal: { kind: ThrottleKind; retryAt: number } | null = null;
    for (const r of rows) {
      if (!r.row) continue;
      const retryAt = toThrottle(r.row).retryAt;
      if (retryAt > now && (!refusal || retryAt > refusal.retryAt)) refusal = { kind: r.kind, retryAt };
    }
    if (refusal) return { ok: false, ...refusal };
    // Rows nobody has failed on for longer than their window only take space.
    db.prepare('DELETE FROM login_throttles WHERE (kind = ? AND last_failure_at < ?) OR (kind = ? AND last_failure_at < ?)').run(
      'account', now - THROTTLE_POLICIES.account.windowMs, 'address', now - THROTTLE_POLICIES.address.windowMs,
    );
    const upsert = db.prepare(
      `INSERT INTO login_throttles (kind, key, failures, first_failure_at, last_failure_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET failures = excluded.failures, first_failure_at = excluded.first_failure_at, last_failure_at = excluded.last_failure_at`,
    );
    for (const r of rows) upsert.run(r.kind, r.key, (r.row?.failures ?? 0) + 1, r.row?.first_failure_at ?? now, now);
    return { ok: true, reservations: rows.map((r) => ({ kind: r.kind, key: r.key, at: now, before: r.row })) };
  }).immediate();
}

/**
 * The attempt succeeded. The account's count is cleared (whoever failed on it, its owner has now
 * shown the password). An address only gets this attempt back: one valid account must not wipe
 * out the failures an address collected on other accounts.
 */
export function settleSuccess(db: DB, reservations: Reservation[]): void {
  db.transaction(() => {
    for (const r of reservations) {
      if (r.kind === 'account') {
        db.prepare('DELETE FROM login_throttles WHERE kind = ? AND key = ?').run(r.kind, r.key);
        continue;
      }
      const now = readRow(db, r.kind, r.key);
      if (!now) continue;
      const untouched = now.failures === (r.before?.failures ?? 0) + 1 && now.last_failure_at === r.at;
      if (untouched && !r.before) db.prepare('DELETE FROM login_throttles WHERE kind = ? AND key = ?').run(r.kind, r.key);
      else if (untouched && r.before) {
        db.prepare('UPDATE login_throttles SET failures = ?, first_failure_at = ?, last_failure_at = ? WHERE kind = ? AND key = ?').run(
          r.before.failures, r.before.first_failure_at, r.before.last_failure_at, r.kind, r.key,
        );
      } else {
        // Other attempts came in between: take back one count, keep their time.
        db.prepare('UPDATE login_throttles SET failures = max(failures - 1, 0) WHERE kind = ? AND key = ?').run(r.kind, r.key);
      }
    }
  }).immediate();
}

/** Throttles that slow sign-in down now or at the next failure (past their free failures), longest wait first. */
export function activeThrottles(db: DB, now = Date.now()): Throttle[] {
  const rows = db.prepare('SELECT kind, key, failures, first_failure_at, last_failure_at FROM login_throttles').all() as ThrottleDbRow[];
  return rows
    .filter((r) => !stale(r, now) && r.failures >= THROTTLE_POLICIES[r.kind].free)
    .map(toThrottle)
    .sort((a, b) => b.retryAt - a.retryAt || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
}

/** Remove a throttle (the beheerder's decision, logged). Returns false when there was none. */
export function clearThrottle(db: DB, actor: string, kind: ThrottleKind, key: string): boolean {
  return db.transaction(() => {
    const r = readRow(db, kind, key);
    if (!r) return false;
    db.prepare('DELETE FROM login_throttles WHERE kind = ? AND key = ?').run(kind, key);
    logChange(db, { actor, inspectionId: null, entity: 'login_throttle', entityId: `${kind}:${key}`, action: 'delete', old: { failures: r.failures, lastFailureAt: new Date(r.last_failure_at).toISOString() } });
    return true;
  }).immediate();
}

/** Forget every throttle, so tests (and only tests) can start from zero. */
export function clearAllThrottles(db: DB): void {
  db.prepare('DELETE FROM login_throttles').run();
}
