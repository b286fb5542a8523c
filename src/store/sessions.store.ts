// Server-side sessions in the database. The cookie holds a random token; only its SHA-256 is
// stored, so a copy of the database does not hand out live sessions.
import crypto from 'node:crypto';
import type { DB } from './db';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** How stale the stored idle clock may get before a request writes it again. */
export const TOUCH_RESOLUTION_MS = 60 * 1000;

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface SessionRow {
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

export function createSession(db: DB, userId: number, now = Date.now()): { token: string; csrf: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(sha(token), userId, csrf, now, now);
  return { token, csrf };
}

/** The live session for a token, touching its idle clock; expired ones are removed. */
export function touchSession(db: DB, token: string, now = Date.now()): SessionRow | null {
  const id = sha(token);
  const row = db.prepare('SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = ?').get(id) as SessionRow | undefined;
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

export function purgeExpiredSessions(db: DB, now = Date.now()): void {
  db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(now - IDLE_TIMEOUT_MS, now - ABSOLUTE_TIMEOUT_MS);
}
