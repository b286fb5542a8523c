// Shared set-up for the inspector screens' component tests: the demo data, one logged-in agent
// per role, and a form post with the role's CSRF token. ("Nothing changed": see db-state.ts.)
import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../../src/web/app';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from './context';
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

/** Post a form as a role, with that role's CSRF token. */
export function postAs(w: World, role: RoleName, path: string, form: Record<string, string | string[]>) {
  const { agent, csrf } = w.as[role];
  return agent.post(path).type('form').send({ _csrf: csrf, ...form });
}
