// What became of an inspection's recommendations, as recorded in the follow-ups of its direct
// successor.
import type { Catalogue } from '../checklist';
import { checklistsOf } from '../checklist';
import type { InspectionSnapshot } from '../inspection';
import { RECOMMENDATION_FOLLOWUP_LABELS } from '../vocabulary';
import type { RecommendationOutcome } from './types';

/**
 * The inspection whose follow-ups say what became of `earlier`'s recommendations: the later one
 * when it is the direct follow-up, else `between` when that is (a comparison that skips a step).
 */
export function followupSource(earlier: InspectionSnapshot, later: InspectionSnapshot, between?: InspectionSnapshot): InspectionSnapshot | null {
  if (later.predecessorId === earlier.id) return later;
  return between?.predecessorId === earlier.id ? between : null;
}

/** `source`: see followupSource(); null leaves every outcome unrecorded. */
export function recommendationOutcomes(catalogue: Catalogue, earlier: InspectionSnapshot, source: InspectionSnapshot | null): RecommendationOutcome[] {
  const evidence = new Map((source?.evidence ?? []).map((e) => [e.id, e]));
  const own = checklistsOf(catalogue, earlier.checklists);
  return earlier.recommendations.map((r) => {
    const f = source?.followups.find((x) => x.recommendationRef === r.ref);
    const checklist = own.get(r.checklist);
    return {
      ref: r.ref,
      text: r.text,
      checklist: r.checklist,
      group: r.group,
      groupTitle: checklist?.groups.find((g) => g.id === r.group)?.title ?? r.group,
      followup: f
        ? {
            status: f.status,
            label: RECOMMENDATION_FOLLOWUP_LABELS[f.status],
            motivation: f.motivation,
            evidence: f.evidence.map((id) => evidence.get(id)).filter((e) => e !== undefined).map((e) => ({ id: e.id, ref: e.ref, title: e.title })),
          }
        : null,
    };
  });
}
