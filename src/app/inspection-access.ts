// Opening an inspection for an actor: the one place where "may this person see / change / download
// from this inspection" is decided for every use case. Outside their rights a person gets
// "not found", so other teams' ids are not confirmed to exist.
import type { Ctx } from '../context';
import { Actor, canDownloadEvidence, mayEdit, worksOn } from '../domain/access';
import type { InspectionSummary } from '../domain/inspection';
import { finalised, notFound } from '../errors';
import { findInspection, getInspection } from '../store/inspections.store';

export type AccessMode =
  /** Every role reads every inspection. */
  | 'read'
  /** Change it: on the team (or beheerder) and not vastgesteld. */
  | 'edit'
  /** Act on it as a team member whatever its status (reopen a vastgesteld inspection). */
  | 'team'
  /** Download its evidence files: the team only. */
  | 'files';

export function openInspection(ctx: Ctx, actor: Actor, inspectionId: number, mode: AccessMode): InspectionSummary {
  const inspection = getInspection(ctx.db, inspectionId);
  if (mode === 'read') return inspection;
  if (mode === 'files') {
    if (!canDownloadEvidence(actor, inspection)) throw notFound('Bestand niet gevonden');
    return inspection;
  }
  if (!worksOn(actor, inspection)) throw notFound('Onderzoek niet gevonden');
  if (mode === 'edit' && !mayEdit(actor, inspection)) throw finalised();
  return inspection;
}

/** Open an inspection by its number or its key, as a user types it on the command line. */
export function openInspectionRef(ctx: Ctx, actor: Actor, idOrRef: string, mode: AccessMode): InspectionSummary {
  return openInspection(ctx, actor, findInspection(ctx.db, idOrRef).id, mode);
}

/** What a page about this inspection may offer the actor. */
export function rightsOn(actor: Actor, inspection: InspectionSummary) {
  return {
    canEdit: mayEdit(actor, inspection),
    worksOn: worksOn(actor, inspection),
    canDownload: canDownloadEvidence(actor, inspection),
  };
}
