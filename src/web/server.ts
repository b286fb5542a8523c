// Serving the app: listen, purge expired sessions at start and periodically, and close cleanly
// on SIGINT/SIGTERM.
import http from 'node:http';
import type { TrustProxy } from '../config';
import type { Ctx } from '../context';
import { purgeExpiredSessions } from '../store/sessions.store';
import { warmOverview } from '../app/status';
import { buildApp } from './app';

/** An expired session is refused when used anyway; the purge keeps unused ones from piling up. */
export const SESSION_PURGE_INTERVAL_MS = 10 * 60 * 1000;

export function startServer(
  ctx: Ctx,
  opts: { port: number; host: string; secureCookies: boolean; trustProxy?: TrustProxy; sessionPurgeIntervalMs?: number },
): Promise<http.Server> {
  const app = buildApp(ctx, { secureCookies: opts.secureCookies, trustProxy: opts.trustProxy });
  const server = http.createServer(app);
  const purge = () => {
    // A failed purge (the database busy for longer than its timeout) is retried at the next
    // interval; it must not stop the server.
    try { purgeExpiredSessions(ctx.db); } catch (e) { console.error(e); }
  };
  purge();
  // unref: the timer alone does not keep the process alive.
  const timer = setInterval(purge, opts.sessionPurgeIntervalMs ?? SESSION_PURGE_INTERVAL_MS).unref();
  server.once('close', () => clearInterval(timer));
  // The overview's figures, computed in the background so its first view after a start is quick.
  server.once('listening', () => {
    const stop = warmOverview(ctx);
    server.once('close', stop);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e) => { clearInterval(timer); reject(e); });
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
