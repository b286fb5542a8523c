// Inspections as a whole: the overview of every inspection, starting a new one or a follow-up,
// the inspection home, and its title, period and team. Whoever calls, an inspector who sets a
// team leaves themself on it (else they could no longer edit what they just saved).
import type { Ctx } from '../context';
import { Actor, canCreateInspection, onTeam } from '../domain/access';
import { orderedScope, scopeChoiceProblem } from '../domain/unit-scope';
import { currentUnitSet, defaultOrganisation, organisationNameOf } from '../domain/units';
import { followUpRefusal, followUpScope } from '../domain/follow-up';
import { forbidden, invalid } from '../errors';
import { rolledView, UNITS } from '../present';
import { createInspection, startFollowUp, updateInspection } from '../store/inspections.store';
import { listUsers } from '../store/users.store';
import { openInspection, rightsOn } from './inspection-access';
import { personNames } from './users';
import { rolledAt } from './matrix';
import { inspectionList, inspectionOverview, inspectionProgress } from './status';

/** Every inspection with its progress and how many blockers of each kind stand before a final report. */
export function overviewPage(ctx: Ctx, actor: Actor) {
  const rows = inspectionList(ctx).map((inspection) => {
    const status = inspectionOverview(ctx, inspection);
    return { inspection, status, blockerCounts: status.blockerCounts };
  });
  return { rows, canCreate: canCreateInspection(actor) };
}

/** The inspection home: progress, the national verdict per toezegging, blockers, and what the actor may do. */
export function inspectionHome(ctx: Ctx, actor: Actor, inspectionId: number) {
  const progress = inspectionProgress(ctx, actor, inspectionId);
  const rights = rightsOn(actor, progress.inspection);
  const rollups = progress.status.rollups.map(({ checklist, rollup }) => ({
    checklist,
    groups: checklist.groups.map((g) => {
      const rolled = rolledAt(rollup.nationalGroup, g.id);
      return { group: g, rolled: rolledView(checklist, rolled, UNITS), override: rolled.override };
    }),
  }));
  return { ...progress, rollups, canEdit: rights.canEdit, canFollowUp: rights.worksOn, personName: personNames(ctx) };
}

/** Who can be on a team: active inspectors and beheerders, plus anyone already on it. */
export function teamChoices(ctx: Ctx, current: string[]): string[] {
  const emails = listUsers(ctx.db).filter((u) => u.active && u.role !== 'lezer').map((u) => u.email);
  return [...new Set([...emails, ...current])].sort();
}

/** Why this team cannot be saved by the actor, or null. */
export function teamProblem(actor: Actor, choices: string[], team: string[]): string | null {
  if (!team.every((e) => choices.includes(e))) return 'Kies teamleden uit de lijst.';
  if (actor.role === 'inspecteur' && !onTeam(actor, team)) return 'Neem uzelf op in het team; anders kunt u dit onderzoek niet bewerken.';
  return null;
}

function mustBeTeam(actor: Actor, choices: string[], team: string[]): void {
  const problem = teamProblem(actor, choices, team);
  if (problem) throw invalid(problem, 'team');
}

function mustCreate(actor: Actor): void {
  if (!canCreateInspection(actor)) throw forbidden();
}

export interface Period {
  title: string;
  year: number;
  fieldworkStart: string | null;
  fieldworkEnd: string | null;
}

/** The organisations a new inspection can be about, each with the units of its current set. */
export function organisationChoices(ctx: Ctx) {
  return [...ctx.catalogue.organisations.values()].map((o) => ({
    code: o.code,
    name: o.name,
    version: o.current,
    units: currentUnitSet(ctx.catalogue, o.code)?.units ?? [],
  }));
}

/** Why these units cannot be the scope of a new inspection about `organisation` (Dutch, for the field `units`), or null. */
export function unitChoiceProblem(ctx: Ctx, organisation: string, units: readonly string[]): string | null {
  const set = currentUnitSet(ctx.catalogue, organisation);
  if (!set) return null; // the organisation field says so
  return scopeChoiceProblem(set.units.map((u) => u.code), units);
}

/**
 * What the form for a new inspection offers, and what it starts with: the chosen organisation (the
 * first one when none or an unknown one is given) with all its units in scope, every checklist, the
 * actor on the team.
 */
export function newInspectionForm(ctx: Ctx, actor: Actor, organisation?: string) {
  mustCreate(actor);
  const organisations = organisationChoices(ctx);
  const chosen = organisations.find((o) => o.code === organisation) ?? organisations.find((o) => o.code === defaultOrganisation(ctx.catalogue));
  return {
    organisations,
    organisation: chosen?.code ?? '',
    units: chosen?.units ?? [],
    checklists: [...ctx.catalogue.checklists.values()],
    teamChoices: teamChoices(ctx, []),
    personName: personNames(ctx),
    defaults: {
      organisation: chosen?.code ?? '',
      units: (chosen?.units ?? []).map((u) => u.code),
      checklists: [...ctx.catalogue.checklists.keys()],
      team: [actor.email],
      year: String(new Date().getFullYear()),
    },
  };
}

export interface NewInspectionInput extends Period {
  /** The organisation's code (default: the first one); the inspection gets that organisation's current unit set. */
  organisation?: string;
  checklists: string[];
  units: string[];
  team: string[];
}

/** Create an inspection on the catalogue's current checklist versions and the organisation's current unit set; its units in the set's order. Returns its id. */
export function createNewInspection(ctx: Ctx, actor: Actor, input: NewInspectionInput): number {
  mustCreate(actor);
  mustBeTeam(actor, teamChoices(ctx, []), input.team);
  const { checklists, units, team, ...period } = input;
  const organisation = input.organisation ?? defaultOrganisation(ctx.catalogue) ?? '';
  const set = currentUnitSet(ctx.catalogue, organisation);
  if (!set) throw invalid('Kies een organisatie uit de lijst.', 'organisation');
  const problem = unitChoiceProblem(ctx, organisation, units);
  if (problem) throw invalid(problem, 'units');
  return createInspection(ctx.db, ctx.catalogue, actor.email, {
    ...period,
    organisation,
    // An unknown checklist is refused by the store, at the field `checklists`.
    checklists: checklists.map((id) => ({ id, version: ctx.catalogue.checklists.get(id)?.version ?? '' })),
    units: orderedScope(set.units.map((u) => u.code), units),
    team,
    predecessorId: null,
  });
}

/**
 * The form for a follow-up of an inspection: the team starts one whatever the status (usually the
 * earlier inspection is vastgesteld). It proposes a title and the next year.
 */
export function followUpForm(ctx: Ctx, actor: Actor, previousId: number) {
  const previous = openInspection(ctx, actor, previousId, 'team');
  const scope = followUpScope(previous, ctx.catalogue);
  return {
    previous,
    scope,
    /** Why it cannot be started, shown instead of the form's button. */
    refused: followUpRefusal(scope, organisationNameOf(ctx.catalogue, previous)),
    personName: personNames(ctx),
    defaults: { title: `Vervolgonderzoek: ${previous.title}`.slice(0, 300), year: String(Math.max(previous.year + 1, new Date().getFullYear())) },
  };
}

/** Start a follow-up with the scope and team of the earlier inspection; returns its id. */
export function startFollowUpOf(ctx: Ctx, actor: Actor, previousId: number, input: Period): number {
  const previous = openInspection(ctx, actor, previousId, 'team');
  return startFollowUp(ctx.db, ctx.catalogue, actor.email, previous.id, input);
}

/**
 * The page with the inspection's data (title, year, fieldwork, team): the inspection (opened for
 * editing) and who can be on its team. The report's texts are the outline's sections now
 * (src/app/outline.ts); the old texts only seeded the default outline.
 */
export function textsPage(ctx: Ctx, actor: Actor, inspectionId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  return { inspection, teamChoices: teamChoices(ctx, inspection.team) };
}

export interface TextsChange extends Period {
  team: string[];
  /** The version the user started from. */
  version: number;
}

export function saveTexts(ctx: Ctx, actor: Actor, inspectionId: number, input: TextsChange): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  mustBeTeam(actor, teamChoices(ctx, inspection.team), input.team);
  const { version, ...patch } = input;
  updateInspection(ctx.db, actor.email, inspection.id, version, patch);
}
