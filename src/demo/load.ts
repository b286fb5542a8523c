// Loading the demo inspections: every document goes through the same validation and import as
// a file from another machine would.
import type { Ctx } from '../context';
import { AppError } from '../errors';
import { importDocument } from '../store/documents';
import { demoDocuments } from './index';

export function demoPresent(ctx: Ctx): boolean {
  return demoDocuments().some((d) => ctx.db.prepare('SELECT 1 FROM inspections WHERE ref = ?').get(d.inspection.ref));
}

export function loadDemo(ctx: Ctx): number[] {
  if (demoPresent(ctx)) throw new AppError(409, 'De demo-onderzoeken staan al in deze datamap; er is niets geladen.');
  return ctx.db.transaction(() => demoDocuments().map((d) => importDocument(ctx.db, ctx.catalogue, 'demo', d)))();
}
