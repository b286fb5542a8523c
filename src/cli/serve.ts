// `toetsing serve`: the web app. With --demo-if-empty (the README's run command) an empty data
// directory first gets the demo inspections and one demo account per role.
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { resolveConfig } from '../config';
import { openContext } from '../context';
import { loadDemo } from '../demo/load';
import { countUsers } from '../store/users.store';
import { listInspections } from '../store/inspections.store';
import { startServer } from '../web/server';
import { closeEngine, configureEngine } from '../reports/engine';
import { ensureDemoAccounts, formatAccounts } from './demo-accounts';
import type { Io } from './io';
import { dataOptions } from './options';

// The port and host are settings: resolveConfig() checks them, as it checks $PORT and $TOETSING_HOST.
export const serveOptions = dataOptions.extend({ port: z.string().optional(), host: z.string().optional(), demoIfEmpty: z.boolean().optional() });

export async function serveCommand(io: Io, opts: z.infer<typeof serveOptions>): Promise<void> {
  const cfg = resolveConfig(opts);
  configureEngine(cfg.pdf);
  const ctx = openContext(cfg.dataDir, cfg.criteriaDir);
  if (opts.demoIfEmpty && listInspections(ctx.db).length === 0 && countUsers(ctx.db) === 0) {
    const ids = loadDemo(ctx);
    io.out(`Lege datamap: demo geladen (${ids.length} onderzoeken).`);
    io.out(formatAccounts(await ensureDemoAccounts(ctx)));
  } else if (countUsers(ctx.db) === 0) {
    io.out("Er zijn nog geen accounts. Maak de eerste beheerder aan met: toetsing user add <email> --role beheerder");
  }
  const server = await startServer(ctx, { port: cfg.port, host: cfg.host, secureCookies: cfg.secureCookies, trustProxy: cfg.trustProxy });
  const addr = server.address() as AddressInfo;
  io.out(`Toetsing draait op http://${addr.address}:${addr.port}/ (datamap ${cfg.dataDir}). Stoppen: Ctrl+C`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => { void closeEngine().finally(() => { ctx.db.close(); resolve(); }); });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
