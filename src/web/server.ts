// Serving the app: listen, and close cleanly on SIGINT/SIGTERM.
import http from 'node:http';
import type { Ctx } from '../context';
import { buildApp } from './app';

export function startServer(ctx: Ctx, opts: { port: number; host: string; secureCookies: boolean }): Promise<http.Server> {
  const app = buildApp(ctx, { secureCookies: opts.secureCookies });
  const server = http.createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
