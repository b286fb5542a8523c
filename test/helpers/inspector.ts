// Shared set-up for the inspector screens' component tests: the demo data, one logged-in agent
// per role, and a way to assert that a request changed nothing.
import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../../src/web/app';
import { addUsers, changeLogCount, inspectionIdByRef, makeCtx, TestCtx, USERS } from './context';
import { Agent, login } from './http';

export type RoleName = keyof typeof USERS;
export const ROLE_NAMES: RoleName[] = ['beheerder', 'inspecteur', 'buitenstaander', 'lezer'];

export interface World {
  ctx: TestCtx;
  app: Express;
  as: Record<RoleName, { agent: Agent; csrf: string }>;
  anon: () => ReturnType<typeof request>;
  id2022: number;
}

export async function makeWorld(): Promise<World> {
  const ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  const app = buildApp(ctx);
  const as = {} as World['as'];
  for (const r of ROLE_NAMES) as[r] = await login(app, USERS[r].email);
  return { ctx, app, as, anon: () => request(app), id2022: inspectionIdByRef(ctx, 'recht-van-klagen-2022') };
}

/** A fingerprint of everything a request could change: the change log and the tables' contents. */
export function dbFingerprint(ctx: TestCtx): string {
  const tables = ['inspections', 'verdicts', 'evidence', 'evidence_links', 'findings', 'conclusions', 'overrides', 'recommendations', 'recommendation_followups', 'users', 'inspection_team'];
  const parts = tables.map((t) => JSON.stringify(ctx.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
  return `${changeLogCount(ctx)}|${parts.join('|')}`;
}

/** Post a form as a role, with that role's CSRF token. */
export function postAs(w: World, role: RoleName, path: string, form: Record<string, string | string[]>) {
  const { agent, csrf } = w.as[role];
  return agent.post(path).type('form').send({ _csrf: csrf, ...form });
}
