// Who may do what with an inspection. One rule set, used by every route and command.
//  - beheerder: everything.
//  - inspecteur: reads every inspection; changes only those whose team they are on. Evidence
//    files (interview reports hold personal data) are only for the team.
//  - lezer (management): reads overviews and reports; changes nothing, downloads no files.
// A request outside these rights for a specific inspection answers 404, not 403, so ids of
// other teams' work are not confirmed to exist.
import type { Role } from './vocabulary';

export interface Actor {
  id: number;
  email: string;
  role: Role;
}

export function onTeam(actor: Actor, team: string[]): boolean {
  const me = actor.email.toLowerCase();
  return team.some((e) => e.toLowerCase() === me);
}

export function canEditInspection(actor: Actor, team: string[]): boolean {
  return actor.role === 'beheerder' || (actor.role === 'inspecteur' && onTeam(actor, team));
}

export function canDownloadEvidence(actor: Actor, team: string[]): boolean {
  return canEditInspection(actor, team);
}

export function canCreateInspection(actor: Actor): boolean {
  return actor.role === 'beheerder' || actor.role === 'inspecteur';
}
