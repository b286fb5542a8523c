// "Eenheden in dit onderzoek": the team (and beheerders) change which units of the inspection's unit
// set are in scope, until the first verdict (the rule: src/domain/unit-scope.ts). The units offered
// are those of the set the inspection was made with, not the organisation's current set: a later
// version of the units does not change an existing inspection.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { allCriteria, checklistVersion } from '../domain/checklist';
import { orderedScope, scopeChoiceProblem, scopeDiff, scopeLock } from '../domain/unit-scope';
import { organisationNameOf, unitSetOf, type Unit } from '../domain/units';
import { invalid, must } from '../errors';
import { scopeFacts, setInspectionUnits } from '../store/unit-scope.store';
import { openInspection, rightsOn } from './inspection-access';

/** The page: the inspection, every unit of its set with whether it is in scope, and whether it can still change. */
export function unitScopePage(ctx: Ctx, actor: Actor, inspectionId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'team');
  const set = unitSetOf(ctx.catalogue, inspection.unitSet);
  const inScope = new Set(inspection.units);
  // Units in scope that the set lacks (not possible through the app) are still listed, so nothing is hidden.
  const units: Unit[] = [...(set?.units ?? []), ...inspection.units.filter((c) => !set?.units.some((u) => u.code === c)).map((code) => ({ code, name: code, kind: '' }))];
  const facts = scopeFacts(ctx.db, inspection.id);
  return {
    inspection,
    organisation: organisationNameOf(ctx.catalogue, inspection),
    unitSetVersion: inspection.unitSet.version,
    units: units.map((u) => ({ ...u, inScope: inScope.has(u.code) })),
    lock: scopeLock(facts),
    firstSaved: facts.firstSaved,
    canEdit: rightsOn(actor, inspection).canEdit,
  };
}

export interface ScopeChange {
  units: string[];
  version: number;
}

/**
 * Set the units in scope. Invalid when a unit is not in the inspection's set or none is chosen;
 * conflict (409) once a verdict exists; finalised for a vastgesteld inspection; stale when the
 * inspection changed since the form was shown. Nothing is written in any of those cases.
 */
export function changeUnitScope(ctx: Ctx, actor: Actor, inspectionId: number, input: ScopeChange): { added: string[]; removed: string[] } {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const set = unitSetOf(ctx.catalogue, inspection.unitSet);
  const allowed = set ? set.units.map((u) => u.code) : [...inspection.units];
  const problem = scopeChoiceProblem(allowed, input.units);
  if (problem) throw invalid(problem, 'units');
  const units = orderedScope(allowed, input.units);
  const criteria = inspection.checklists.map((c) => ({
    checklist: c.id,
    criteria: allCriteria(must(checklistVersion(ctx.catalogue, c), `checklist '${c.id}' versie ${c.version}`)).map((cr) => cr.id),
  }));
  setInspectionUnits(ctx.db, actor.email, inspection.id, { baseVersion: input.version, units, criteria });
  return scopeDiff(inspection.units, units);
}
