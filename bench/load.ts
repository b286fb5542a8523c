// The load generator, run as its own process so its work does not share the server's event
// loop: N keep-alive connections request the given paths in turn until the request count or
// the time limit is reached. It talks to 127.0.0.1 only and stops by itself.
import http from 'node:http';

export interface LoadSpec {
  port: number;
  paths: string[];
  cookie: string;
  connections: number;
  requests: number;
  /** Hard stop, whatever the count reached. */
  maxSeconds: number;
  /** Requests sent first and not measured (connections opened, caches and JIT warm). */
  warmup: number;
}

export interface LoadResult {
  connections: number;
  requests: number;
  errors: number;
  /** Responses per HTTP status (and 'error'): only the statuses seen. */
  statuses: Partial<Record<string, number>>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  requestsPerSecond: number;
  bytesPerResponse: number;
  stoppedByTime: boolean;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number) => Math.round(n * 10) / 10;

async function run(spec: LoadSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const get = (path: string) =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: spec.port, path, agent, headers: { cookie: spec.cookie, accept: 'text/html' } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => { bytes += c.length; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });

  let next = 0;
  const worker = async (count: number, record: boolean, latencies: number[], stats: { errors: number; bytes: number; statuses: LoadResult['statuses'] }, deadline: number) => {
    while (next < count && Date.now() < deadline) {
      const path = spec.paths[next++ % spec.paths.length];
      const t = performance.now();
      try {
        const r = await get(path);
        if (record) {
          latencies.push(performance.now() - t);
          stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
          stats.bytes += r.bytes;
          if (r.status !== 200) stats.errors++;
        }
      } catch {
        if (record) { stats.errors++; stats.statuses.error = (stats.statuses.error ?? 0) + 1; }
      }
    }
  };
  const deadline = Date.now() + spec.maxSeconds * 1000;
  const scratch = { errors: 0, bytes: 0, statuses: {} };
  await Promise.all(Array.from({ length: spec.connections }, () => worker(spec.warmup, false, [], scratch, deadline)));
  next = 0;
  const latencies: number[] = [];
  const stats: { errors: number; bytes: number; statuses: LoadResult['statuses'] } = { errors: 0, bytes: 0, statuses: {} };
  const started = performance.now();
  await Promise.all(Array.from({ length: spec.connections }, () => worker(spec.requests, true, latencies, stats, deadline)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    connections: spec.connections,
    requests: latencies.length,
    errors: stats.errors,
    statuses: stats.statuses,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    meanMs: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    requestsPerSecond: round(latencies.length / seconds),
    bytesPerResponse: Math.round(stats.bytes / Math.max(1, latencies.length)),
    stoppedByTime: latencies.length < spec.requests,
  };
}

if (require.main === module) {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  if (!Number.isInteger(spec.port) || spec.connections < 1 || spec.connections > 64 || spec.requests > 100_000 || spec.maxSeconds > 600) {
    throw new Error('load: spec out of bounds');
  }
  run(spec).then(
    (r) => process.stdout.write(JSON.stringify(r) + '\n'),
    (e: unknown) => { console.error(e); process.exitCode = 1; },
  );
}
