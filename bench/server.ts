// The server under test, as a real `toetsing serve` process, and the client side of the
// benchmark: start-up time, logging in through the form, memory read from /proc, and the load
// generator in a second process. Everything talks to 127.0.0.1 only.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { must } from '../src/errors';
import type { LoadResult, LoadSpec } from './load';
import { BENCH_STATIC_ENV } from '../src/web/bench-static';

const ROOT = path.resolve(__dirname, '..');

export interface Server {
  proc: ChildProcess;
  port: number;
  startupMs: number;
  stop: () => Promise<void>;
}

export function request(port: number, opts: { method?: string; path: string; cookie?: string; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: {
          accept: 'text/html',
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(opts.body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout on ${opts.path}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * Start `node bin/toetsing.js serve` and time it until /login answers. The server gets the bench's
 * static yardstick (src/web/bench-static.ts); `nodeArgs` (e.g. `--heapsnapshot-signal=SIGUSR2`,
 * or BENCH_NODE_ARGS) go to Node, for finding where memory goes.
 */
export async function startServer(dataDir: string, criteriaDir: string, nodeArgs: string[] = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)): Promise<Server> {
  const started = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin', 'toetsing.js'), 'serve', '--data', dataDir, '--criteria', criteriaDir, '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [BENCH_STATIC_ENV]: '1' },
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    proc.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${output}`)); });
  });
  for (;;) {
    const r = await request(port, { path: '/login' }).catch(() => null);
    if (r?.status === 200) break;
    await new Promise((res) => setTimeout(res, 10));
  }
  const startupMs = performance.now() - started;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => { clearTimeout(kill); resolve(); });
      proc.kill('SIGTERM');
    });
  return { proc, port, startupMs, stop };
}

/** The session cookie of a real login through the form (login CSRF cookie and field included). */
export async function login(port: number, email: string, password: string): Promise<string> {
  const page = await request(port, { path: '/login' });
  const lc = /name="lc" value="([^"]+)"/.exec(page.body.toString())?.[1];
  const cookies = (page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  if (!lc) throw new Error('login page without lc field');
  const body = new URLSearchParams({ email, password, lc, terug: '/' }).toString();
  const res = await request(port, { method: 'POST', path: '/login', cookie: cookies, body });
  const sid = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('toetsing_sid=') && c.length > 'toetsing_sid='.length);
  if (res.status !== 303 || !sid) throw new Error(`login failed: ${res.status}`);
  return sid;
}

/** Resident set size now and at its peak (high-water mark), in MiB, from /proc. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

/** Run the load generator (bench/load.ts) in its own process and return its figures. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'load.ts'), JSON.stringify(spec)],
      { cwd: ROOT, timeout: (spec.maxSeconds + 60) * 1000, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`load generator failed: ${err.message}\n${stderr}`));
        resolve(JSON.parse(stdout) as LoadResult);
      },
    );
  });
}

/** Pages of a PDF as poppler's pdfinfo reports them. */
export function pdfPages(pdf: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdfinfo', ['-'], (err, stdout) => {
      if (err) return reject(new Error(`pdfinfo failed: ${err.message}`, { cause: err }));
      resolve(Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN));
    });
    must(child.stdin, 'de invoer van pdfinfo').end(pdf);
  });
}
