// Server-side sessions in the database. The cookie holds a random token; only its SHA-256 is
// stored, so a copy of the database does not hand out live sessions. Each session also has a
// random public handle, the only name the "Mijn account" page uses for it.
import crypto from 'node:crypto';
import type { DB } from './db';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** How stale the stored idle clock may get before a request writes it again. */
export const TOUCH_RESOLUTION_MS = 60 * 1000;
/** Enough of a User-Agent to recognise the browser; the rest is noise. */
export const USER_AGENT_MAX = 400;

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface SessionRow {
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  handle: string;
}

/** A session as its owner sees it. */
export interface SessionInfo {
  handle: string;
  userAgent: string;
  createdAt: number;
  lastSeenAt: number;
}

const live = (now: number) => [now - IDLE_TIMEOUT_MS, now - ABSOLUTE_TIMEOUT_MS] as const;

export function createSession(db: DB, userId: number, now = Date.now(), userAgent = ''): { token: string; csrf: string; handle: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(32).toString('base64url');
  const handle = crypto.randomBytes(16).toString('hex');
  db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, handle, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    sha(token), userId, csrf, now, now, handle, userAgent.slice(0, USER_AGENT_MAX),
  );
  return { token, csrf, handle };
}

/** The live session for a token, touching its idle clock; expired ones are removed. */
export function touchSession(db: DB, token: string, now = Date.now()): SessionRow | null {
  const id = sha(token);
  const row = db.prepare('SELECT user_id, csrf_token, created_at, last_seen_at, handle FROM sessions WHERE id_hash = ?').get(id) as SessionRow | undefined;
  if (!row) return null;
  if (now - row.last_seen_at > IDLE_TIMEOUT_MS || now - row.created_at > ABSOLUTE_TIMEOUT_MS) {
    db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(id);
    return null;
  }
  // A write per request would cost a synced commit on every page view (measured: about 8 ms,
  // serialising concurrent requests); a one-minute resolution of the 30-minute idle clock is
  // plenty.
  if (now - row.last_seen_at >= TOUCH_RESOLUTION_MS) db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, id);
  return { ...row, last_seen_at: now };
}

export function destroySession(db: DB, token: string): void {
  db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha(token));
}

/** A user's live sessions, the most recently used first. */
export function listUserSessions(db: DB, userId: number, now = Date.now()): SessionInfo[] {
  const [idle, absolute] = live(now);
  const rows = db.prepare(
    'SELECT handle, user_agent, created_at, last_seen_at FROM sessions WHERE user_id = ? AND last_seen_at >= ? AND created_at >= ? ORDER BY last_seen_at DESC, created_at DESC',
  ).all(userId, idle, absolute) as Array<{ handle: string; user_agent: string; created_at: number; last_seen_at: number }>;
  return rows.map((r) => ({ handle: r.handle, userAgent: r.user_agent, createdAt: r.created_at, lastSeenAt: r.last_seen_at }));
}

/** End one of the user's own sessions by its handle; false when the user has no such session. */
export function destroyUserSession(db: DB, userId: number, handle: string): boolean {
  return db.prepare('DELETE FROM sessions WHERE user_id = ? AND handle = ?').run(userId, handle).changes > 0;
}

/** End every session of the user but the one with handle `keep`; returns how many ended. */
export function destroyOtherSessions(db: DB, userId: number, keep: string): number {
  return db.prepare('DELETE FROM sessions WHERE user_id = ? AND handle != ?').run(userId, keep).changes;
}

export function purgeExpiredSessions(db: DB, now = Date.now()): void {
  const [idle, absolute] = live(now);
  db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(idle, absolute);
}
