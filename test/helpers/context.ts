// Test set-up shared by all suites: a real SQLite file in a fresh temporary data directory, the
// real criteria/, optionally the demo inspections, and accounts per role.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openContext, Ctx } from '../../src/context';
import { loadDemo } from '../../src/demo/load';
import type { Role } from '../../src/domain/vocabulary';
import { createUser } from '../../src/store/users.store';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestCtx extends Ctx {
  cleanup: () => void;
}

export function tempDir(prefix = 'toetsing-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function makeCtx(opts: { demo?: boolean; criteriaDir?: string } = {}): TestCtx {
  const dir = tempDir();
  const ctx = openContext(dir, opts.criteriaDir);
  if (opts.demo) loadDemo(ctx);
  return {
    ...ctx,
    cleanup: () => {
      try { ctx.db.close(); } catch { /* already closed */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo accounts' emails (team of the demo inspections), with a known test password. */
export const USERS: Record<'beheerder' | 'inspecteur' | 'buitenstaander' | 'lezer', { email: string; role: Role }> = {
  beheerder: { email: 'beheerder@demo.toetsing.local', role: 'beheerder' },
  inspecteur: { email: 'inspecteur@demo.toetsing.local', role: 'inspecteur' },
  buitenstaander: { email: 'buiten@test.toetsing.local', role: 'inspecteur' },
  lezer: { email: 'lezer@demo.toetsing.local', role: 'lezer' },
};

export async function addUsers(ctx: Ctx): Promise<void> {
  for (const u of Object.values(USERS)) await createUser(ctx.db, 'test', { email: u.email, role: u.role, password: TEST_PASSWORD });
}

export function inspectionIdByRef(ctx: Ctx, ref: string): number {
  const r = ctx.db.prepare('SELECT id FROM inspections WHERE ref = ?').get(ref) as { id: number } | undefined;
  if (!r) throw new Error(`no inspection ${ref}`);
  return r.id;
}

export function changeLogCount(ctx: Ctx): number {
  return (ctx.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;
}
