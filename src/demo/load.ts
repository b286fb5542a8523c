// Loading the demo inspections: every document goes through the same validation and import as
// a file from another machine would.
import type { Ctx } from '../context';
import { conflict } from '../errors';
import { importDocument } from '../store/documents';
import { demoDocuments } from './files';
import { loadDemoReview } from './review';

export function loadDemo(ctx: Ctx): number[] {
  const docs = demoDocuments(ctx.catalogue);
  const present = docs.some((d) => ctx.db.prepare('SELECT 1 FROM inspections WHERE ref = ?').get(d.inspection.ref));
  if (present) throw conflict('De demo-onderzoeken staan al in deze datamap; er is niets geladen.');
  return ctx.db.transaction(() => docs.map((d) => {
    const id = importDocument(ctx.db, ctx.catalogue, 'demo', d);
    loadDemoReview(ctx, d, id);
    return id;
  }))();
}
