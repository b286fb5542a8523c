// Who may do what with an inspection. One rule set, used by every use case (src/app/), and
// through them by every route and command.
//  - beheerder: everything.
//  - inspecteur: reads every inspection; works on those whose team they are on. Evidence
//    files (interview reports hold personal data) are only for the team.
//  - lezer (management): reads overviews and reports; changes nothing, downloads no files.
//  - nobody changes a vastgesteld inspection: a correction is a new revision.
// A request outside these rights for a specific inspection answers "not found", not
// "forbidden", so ids of other teams' work are not confirmed to exist.
import type { InspectionStatus, Role } from './vocabulary';

export interface Actor {
  id: number;
  email: string;
  role: Role;
}

/** What the rules need to know of an inspection. */
export interface Guarded {
  team: string[];
  status: InspectionStatus;
}

export function onTeam(actor: Actor, team: string[]): boolean {
  const me = actor.email.toLowerCase();
  return team.some((e) => e.toLowerCase() === me);
}

/** Works on this inspection (its team, or a beheerder), whatever its status: history, reopening. */
export function worksOn(actor: Actor, inspection: Pick<Guarded, 'team'>): boolean {
  return actor.role === 'beheerder' || (actor.role === 'inspecteur' && onTeam(actor, inspection.team));
}

/** May change the inspection now: works on it and it is not vastgesteld. The screens show forms on this rule. */
export function mayEdit(actor: Actor, inspection: Guarded): boolean {
  return inspection.status !== 'vastgesteld' && worksOn(actor, inspection);
}

export function canDownloadEvidence(actor: Actor, inspection: Pick<Guarded, 'team'>): boolean {
  return worksOn(actor, inspection);
}

export function canCreateInspection(actor: Actor): boolean {
  return actor.role === 'beheerder' || actor.role === 'inspecteur';
}
