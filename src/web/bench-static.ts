// The benchmark's yardstick (issue 18): a fixed body of a given size sent by the same Express app,
// behind the same headers, session lookup and catalogue check as every page, so `npm run bench`
// can report the matrix page's p99 as a multiple of what sending that many bytes costs at all on
// this machine, measured in the same run. Mounted only when the benchmark starts the server with
// TOETSING_BENCH_STATIC=1 (bench/server.ts); a normal `toetsing serve` has no such path. The body
// is filler, never data, and only a signed-in user gets it.
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';

export const BENCH_STATIC_ENV = 'TOETSING_BENCH_STATIC';
export const BENCH_STATIC_PATH = '/__bench/statisch';

const MAX_BYTES = 16 * 1024 * 1024;
const query = z.object({ bytes: z.coerce.number().int().min(1).max(MAX_BYTES) });

// One body kept: the benchmark asks for one size (the matrix page's) per run.
let kept: Buffer | null = null;

function body(bytes: number): Buffer {
  if (kept?.length !== bytes) kept = Buffer.alloc(bytes, 'Statische referentie voor de benchmark. ');
  return kept;
}

export function mountBenchStatic(app: Express, env: NodeJS.ProcessEnv = process.env): void {
  if (env[BENCH_STATIC_ENV] !== '1') return;
  app.get(BENCH_STATIC_PATH, (req: Request, res: Response, next: NextFunction) => {
    // Unknown to anyone not signed in, as if the path did not exist.
    if (!req.user) {
      next();
      return;
    }
    const parsed = query.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).type('text').send(`bytes: geef een geheel aantal bytes tussen 1 en ${MAX_BYTES}`);
      return;
    }
    res.status(200).type('html').send(body(parsed.data.bytes));
  });
}
