// The national level of an inspection: roll-ups per toezegging with their counts, findings per
// criterion, deelconclusies, overrides with a motivation, recommendations,
// and for a follow-up what became of the predecessor's recommendations. Every text is saved
// against the version the user saw (the store refuses a stale one).
// Each change opens the inspection itself for editing, so the team and status rules hold for
// whoever calls; names the form cannot choose (a checklist, toezegging, criterion or verdict the
// inspection does not have) are refused at their field.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { Checklist, checklistsOf, checklistVersion, findCriterion } from '../domain/checklist';
import type { InspectionSummary, RecommendationRecord } from '../domain/inspection';
import { inspectionStatus } from '../domain/status';
import { NATIONAL, RecommendationFollowup } from '../domain/vocabulary';
import { invalid, notFound } from '../errors';
import { rolledView, UNITS } from '../present';
import { loadSnapshot } from '../store/inspections.store';
import * as store from '../store/national.store';
import { openInspection, rightsOn } from './inspection-access';
import { rolledAt } from './matrix';

const NO_TEXT = { text: '', version: 0 };

/** Everything the national page shows. */
export function nationalPage(ctx: Ctx, actor: Actor, inspectionId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const checklists = inspectionStatus(snapshot, ctx.catalogue).rollups.map(({ checklist, rollup }) => ({
    checklist,
    groups: checklist.groups.map((g) => ({
      group: g,
      rolled: rolledView(checklist, rolledAt(rollup.nationalGroup, g.id), UNITS),
      override: snapshot.overrides.find((o) => o.checklist === checklist.id && o.group === g.id && o.scope === NATIONAL) ?? null,
      conclusion: snapshot.conclusions.find((c) => c.checklist === checklist.id && c.group === g.id) ?? NO_TEXT,
      criteria: g.criteria.map((cr) => ({
        criterion: cr,
        rolled: rolledView(checklist, rolledAt(rollup.nationalCriterion, cr.id), UNITS),
        finding: snapshot.findings.find((f) => f.checklist === checklist.id && f.criterion === cr.id) ?? NO_TEXT,
      })),
      recommendations: snapshot.recommendations.filter((r) => r.checklist === checklist.id && r.group === g.id),
    })),
  }));
  const own = checklistsOf(ctx.catalogue, inspection.checklists);
  const groupTitle = (r: RecommendationRecord) => (own.get(r.checklist) ?? ctx.catalogue.checklists.get(r.checklist))?.groups.find((g) => g.id === r.group)?.title ?? r.group;
  return {
    inspection,
    snapshot,
    checklists,
    allRecommendations: snapshot.recommendations,
    followups: snapshot.predecessorRecommendations.map((r) => ({
      recommendation: r,
      groupTitle: groupTitle(r),
      followup: snapshot.followups.find((f) => f.recommendationRef === r.ref) ?? null,
    })),
    // The overall conclusion is written in the report outline: the section that places the
    // conclusions, else the one called so.
    conclusionSection: snapshot.outline.find((s) => /^\s*\{\{\s*conclusies\s*\}\}\s*$/m.test(s.body)) ?? snapshot.outline.find((s) => s.title.trim().toLowerCase() === 'conclusies') ?? null,
    canEdit: rightsOn(actor, inspection).canEdit,
  };
}

/** One of the inspection's checklists, or "invalid" at the form level. */
function checklistIn(ctx: Ctx, inspection: InspectionSummary, id: string): Checklist {
  const ref = inspection.checklists.find((c) => c.id === id);
  const checklist = ref ? checklistVersion(ctx.catalogue, ref) : undefined;
  if (!checklist) throw invalid('Onbekende checklist.');
  return checklist;
}

function mustHaveGroup(checklist: Checklist, group: string): void {
  if (!checklist.groups.some((g) => g.id === group)) throw invalid('Kies een onderdeel uit de lijst.', 'group');
}

/** The checklist and toezegging a group text is about, checked against the inspection. */
function groupIn(ctx: Ctx, inspection: InspectionSummary, key: { checklist: string; group: string }): Checklist {
  const checklist = checklistIn(ctx, inspection, key.checklist);
  mustHaveGroup(checklist, key.group);
  return checklist;
}

/** A saved text against the version the user saw. */
export interface TextChange {
  text: string;
  version: number;
}

export function saveFinding(ctx: Ctx, actor: Actor, inspectionId: number, input: TextChange & { checklist: string; criterion: string }): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  if (!findCriterion(checklistIn(ctx, inspection, input.checklist), input.criterion)) throw invalid('Onbekend criterium.');
  store.saveFinding(ctx.db, actor.email, inspection.id, input.checklist, input.criterion, input.version, input.text);
}

export function saveConclusion(ctx: Ctx, actor: Actor, inspectionId: number, input: TextChange & { checklist: string; group: string }): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  groupIn(ctx, inspection, input);
  store.saveConclusion(ctx.db, actor.email, inspection.id, input.checklist, input.group, input.version, input.text);
}

export interface OverrideChange {
  checklist: string;
  group: string;
  version: number;
  /** The verdict that stands instead of the computed one; null removes the override. */
  override: { verdict: string; motivation: string } | null;
}

/** Set or remove the national verdict of a toezegging that differs from the computed one. */
export function saveOverride(ctx: Ctx, actor: Actor, inspectionId: number, input: OverrideChange): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const checklist = groupIn(ctx, inspection, input);
  const o = input.override;
  if (o && !checklist.scale.levels.some((l) => l.code === o.verdict)) throw invalid('Kies een oordeel.', 'verdict');
  store.saveOverride(ctx.db, actor.email, inspection.id, { scope: NATIONAL, checklist: input.checklist, group: input.group }, input.version, o);
}

export function addRecommendation(ctx: Ctx, actor: Actor, inspectionId: number, input: { checklist: string; group: string; text: string }): number {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  groupIn(ctx, inspection, input);
  return store.addRecommendation(ctx.db, actor.email, inspection.id, input);
}

/** Change the text of a recommendation or move it to another toezegging of its checklist. */
export function updateRecommendation(ctx: Ctx, actor: Actor, inspectionId: number, recommendationId: number, input: TextChange & { group: string }): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const current = loadSnapshot(ctx.db, inspection.id).recommendations.find((r) => r.id === recommendationId);
  if (!current) throw notFound('Aanbeveling niet gevonden');
  mustHaveGroup(checklistIn(ctx, inspection, current.checklist), input.group);
  store.updateRecommendation(ctx.db, actor.email, inspection.id, recommendationId, input.version, { group: input.group, text: input.text });
}

export function deleteRecommendation(ctx: Ctx, actor: Actor, inspectionId: number, recommendationId: number): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  store.deleteRecommendation(ctx.db, actor.email, inspection.id, recommendationId);
}

/** One place up or down in the order of the report. */
export function moveRecommendation(ctx: Ctx, actor: Actor, inspectionId: number, recommendationId: number, direction: 'up' | 'down'): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  store.moveRecommendation(ctx.db, actor.email, inspection.id, recommendationId, direction);
}

export interface FollowupChange {
  /** A recommendation of the predecessor. */
  recommendationRef: string;
  status: RecommendationFollowup;
  motivation: string;
  /** Ids of this inspection's evidence that show it. */
  evidence: number[];
  version: number;
}

/** What became of one of the predecessor's recommendations. */
export function saveFollowup(ctx: Ctx, actor: Actor, inspectionId: number, input: FollowupChange): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  if (!snapshot.predecessorRecommendations.some((r) => r.ref === input.recommendationRef)) throw invalid('Onbekende aanbeveling.', 'recommendationRef');
  if (!input.evidence.every((id) => snapshot.evidence.some((e) => e.id === id))) throw invalid('Kies bronnen uit de lijst.', 'evidence');
  const { recommendationRef, version, ...value } = input;
  store.saveFollowup(ctx.db, actor.email, inspection.id, recommendationRef, version, value);
}
