// Export and import of whole inspections as one JSON document (the format is in
// src/domain/document.ts; the store validates an import as a whole before writing anything).
import type { Ctx } from '../context';
import { Actor, canCreateInspection } from '../domain/access';
import type { InspectionDocument } from '../domain/document';
import { forbidden } from '../errors';
import { exportDocument, importDocument } from '../store/documents';
import { openInspection } from './inspection-access';

export function exportInspection(ctx: Ctx, actor: Actor, inspectionId: number): InspectionDocument {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  return exportDocument(ctx.db, ctx.catalogue, inspection.id);
}

/** Import a parsed JSON value as a new inspection; returns its id. */
export function importInspection(ctx: Ctx, actor: Actor, raw: unknown): number {
  if (!canCreateInspection(actor)) throw forbidden();
  return importDocument(ctx.db, ctx.catalogue, actor.email, raw);
}
