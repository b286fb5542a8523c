// Object-level access for routes under /onderzoeken/:inspectionId. Every such route starts
// here; outside their rights a user gets 404 (the id is not confirmed to exist).
import type { Request } from 'express';
import { canDownloadEvidence, canEditInspection } from '../domain/access';
import type { InspectionSummary } from '../domain/inspection';
import { notFound } from '../errors';
import { getInspection } from '../store/inspections.store';

export type AccessMode = 'read' | 'edit' | 'files';

export function inspectionIdParam(req: Request): number {
  const raw = req.params.inspectionId;
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw)) throw notFound('Onderzoek niet gevonden');
  return Number(raw);
}

/** Load the inspection of the route, or 404 when it does not exist or the user may not `mode` it. */
export function inspectionFor(req: Request, mode: AccessMode): InspectionSummary {
  const inspection = getInspection(req.ctx.db, inspectionIdParam(req));
  const user = req.user;
  if (!user) throw notFound('Onderzoek niet gevonden');
  if (mode === 'edit' && !canEditInspection(user, inspection.team)) throw notFound('Onderzoek niet gevonden');
  if (mode === 'files' && !canDownloadEvidence(user, inspection.team)) throw notFound('Bestand niet gevonden');
  return inspection;
}

export function numericParam(req: Request, name: string, what = 'Niet gevonden'): number {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw)) throw notFound(what);
  return Number(raw);
}
