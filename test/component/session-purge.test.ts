// Expired sessions are refused on use anyway; the server also removes them from the database at
// start and then periodically, so they do not pile up.
import type http from 'node:http';
import { ABSOLUTE_TIMEOUT_MS, createSession, IDLE_TIMEOUT_MS } from '../../src/store/sessions.store';
import { findUserByEmail } from '../../src/store/users.store';
import { startServer } from '../../src/web/server';
import { addUsers, makeCtx, TestCtx, USERS } from '../helpers/context';

let ctx: TestCtx;
let server: http.Server | null = null;
let userId: number;

beforeAll(async () => {
  ctx = makeCtx();
  await addUsers(ctx);
  userId = findUserByEmail(ctx.db, USERS.inspecteur.email)!.id;
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  ctx.db.prepare('DELETE FROM sessions').run();
});
afterAll(() => ctx.cleanup());

const sessionCount = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

/** One idle-expired, one past the absolute limit though recently used, one live. */
function addSessions(): void {
  const now = Date.now();
  createSession(ctx.db, userId, now - IDLE_TIMEOUT_MS - 60_000);
  createSession(ctx.db, userId, now - ABSOLUTE_TIMEOUT_MS - 60_000);
  ctx.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE created_at < ?').run(now, now - ABSOLUTE_TIMEOUT_MS);
  createSession(ctx.db, userId, now);
}

const waitFor = async (ok: () => boolean, ms = 2000) => {
  for (const until = Date.now() + ms; !ok() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
};

test('when expired sessions exist and the server starts, then their rows are gone and the live session stays', async () => {
  addSessions();
  expect(sessionCount()).toBe(3);
  server = await startServer(ctx, { port: 0, host: '127.0.0.1', secureCookies: false });
  expect(sessionCount()).toBe(1);
  const live = ctx.db.prepare('SELECT last_seen_at, created_at FROM sessions').get() as { last_seen_at: number; created_at: number };
  expect(Date.now() - live.created_at).toBeLessThan(IDLE_TIMEOUT_MS);
});

test('when sessions expire while the server runs, then the periodic purge removes them and keeps the live one', async () => {
  server = await startServer(ctx, { port: 0, host: '127.0.0.1', secureCookies: false, sessionPurgeIntervalMs: 50 });
  addSessions();
  expect(sessionCount()).toBe(3);
  await waitFor(() => sessionCount() === 1);
  expect(sessionCount()).toBe(1);
});
