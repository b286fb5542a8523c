// The demo chain the comparison suites share: the demo inspections 2015 → 2022 → 2026 with the
// test accounts, and the web app on them. One place, so every comparison suite starts from the
// same data and a renamed demo reference is changed once.
import type { Express } from 'express';
import { buildApp } from '../../src/web/app';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx } from './context';

export interface DemoChain {
  ctx: TestCtx;
  app: Express;
  id15: number;
  id22: number;
  id26: number;
}

export async function demoChain(): Promise<DemoChain> {
  const ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  return {
    ctx,
    app: buildApp(ctx),
    id15: inspectionIdByRef(ctx, 'klachtbehandeling-2015'),
    id22: inspectionIdByRef(ctx, 'recht-van-klagen-2022'),
    id26: inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief'),
  };
}
