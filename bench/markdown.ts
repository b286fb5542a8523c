// `npm run bench:markdown`: what the markdown guards buy (issue 15). Prints JSON: markdown-it on the
// bomb (25,000 × `![`) and on prose of the same length, at markdown-it's default nesting and at
// ours; the shape check's own cost; and over HTTP the comparison page with 223 stored bomb
// motivations (cold and warm cache) while a parallel GET /login is timed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { openContext } from '../src/context';
import { loadDemo } from '../src/demo/load';
import { clearMarkdownCache, MARKDOWN_OPTIONS, markdownProblem, renderMarkdown } from '../src/markdown';
import { createSession } from '../src/store/sessions.store';
import { createUser } from '../src/store/users.store';
import { getCell, saveVerdict } from '../src/store/verdicts.store';
import { buildApp } from '../src/web/app';
import { SESSION_COOKIE } from '../src/web/session';

const BOMB = '!['.repeat(25_000);
const PROSE = 'De eenheid handelt klachten **tijdig** af; zie [het jaarverslag](https://example.org/jaarverslag). '.repeat(600).slice(0, BOMB.length);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ms(f: () => unknown, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return Math.round(median(times) * 10) / 10;
}

function get(url: string, cookie = ''): Promise<{ status: number; ms: number; bytes: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { cookie } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => { bytes += c.length; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Math.round(performance.now() - start), bytes }));
    }).on('error', reject);
  });
}

async function main(): Promise<void> {
  // markdown-it's types leave maxNesting out of Options; the option itself is honoured.
  const defaultNesting = { ...MARKDOWN_OPTIONS, maxNesting: 100 };
  const defaultMd = new MarkdownIt(defaultNesting);
  const ourMd = new MarkdownIt(MARKDOWN_OPTIONS);
  const markdownIt = {
    bombDefaultNestingMs: ms(() => defaultMd.render(BOMB)),
    bombOurNestingMs: ms(() => ourMd.render(BOMB)),
    proseSameLengthMs: ms(() => ourMd.render(PROSE)),
    shapeCheckOfBombMs: ms(() => markdownProblem(BOMB), 21),
    guardedRenderOfBombMs: ms(() => { clearMarkdownCache(); renderMarkdown(BOMB); }),
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-bench-md-'));
  const ctx = openContext(dir);
  try {
    loadDemo(ctx);
    const id = (ref: string) => (ctx.db.prepare('SELECT id FROM inspections WHERE ref = ?').get(ref) as { id: number }).id;
    const earlier = id('recht-van-klagen-2022');
    const later = id('klachtbehandeling-2026-illustratief');
    const rows = ctx.db.prepare('SELECT checklist_id, criterion_id, unit_code FROM verdicts WHERE inspection_id = ? ORDER BY id LIMIT 223').all(later) as Array<{ checklist_id: string; criterion_id: string; unit_code: string }>;
    // Each one different, so that the cache does not render them once for all.
    for (const [i, r] of rows.entries()) {
      const key = { inspectionId: later, checklist: r.checklist_id, criterion: r.criterion_id, unit: r.unit_code };
      const cell = getCell(ctx.db, key);
      saveVerdict(ctx.db, 'bench', key, cell.version, { verdict: cell.verdict, motivation: `${String(i).padStart(3, '0')}${BOMB.slice(3)}`, workflow: cell.workflow });
    }
    const user = await createUser(ctx.db, 'bench', { email: 'lezer@bench.local', role: 'lezer', password: 'bench-wachtwoord-lang-genoeg' });
    const cookie = `${SESSION_COOKIE}=${createSession(ctx.db, user).token}`;
    const server = http.createServer(buildApp(ctx));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = `${base}/vergelijken?eerder=${earlier}&later=${later}&motivaties=1`;
    await get(`${base}/login`);
    // The page's modules (charts, comparison) load on first use; that is not what is measured.
    await get(`${base}/vergelijken?eerder=${earlier}&later=${later}`, cookie);
    const http1: Record<string, unknown> = {
      bombMotivations: rows.length,
      // What the page would cost without the guards: every bomb through markdown-it at its default nesting.
      unguardedEstimateMs: Math.round(rows.length * markdownIt.bombDefaultNestingMs),
    };
    for (const run of ['cold', 'warm']) {
      if (run === 'cold') clearMarkdownCache();
      const compare = get(page, cookie);
      const finished = compare.then(() => true, () => true);
      // Another user's GET /login, one after the other while the page is made: the slowest is the wait.
      const logins: number[] = [];
      do {
        logins.push((await get(`${base}/login`)).ms);
      } while (!(await Promise.race([finished, new Promise<boolean>((resolve) => setTimeout(() => { resolve(false); }, 25))])));
      const c = await compare;
      http1[run] = { comparePageMs: c.ms, comparePageStatus: c.status, comparePageBytes: c.bytes, parallelLogins: logins.length, slowestParallelLoginMs: Math.max(...logins) };
    }
    await new Promise((resolve) => server.close(resolve));
    console.log(JSON.stringify({ at: new Date().toISOString(), cores: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), markdownIt, http: http1 }, null, 2));
  } finally {
    ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
