// Helpers available in every view as `h`: labels, formatting and markdown. Views never compute
// verdicts; they only show what the domain returned.
import type { Ctx } from '../context';
import { NOT_ASSESSED, rankOf, Scale, verdictLabel } from '../domain/checklist';
import { unitName } from '../criteria';
import { dutchDate, dutchDateTime, dutchNumber, dutchPeriod, percent } from '../format';
import { renderMarkdown } from '../markdown';
import { BLOCKER_KIND_LABELS } from '../domain/blockers';
import {
  EVIDENCE_TYPE_LABELS,
  INSPECTION_STATUS_LABELS,
  RECOMMENDATION_FOLLOWUP_LABELS,
  ROLE_LABELS,
  WEDERHOOR_LABELS,
  WORKFLOW_LABELS,
} from '../domain/vocabulary';

export function viewHelpers(ctx: Ctx) {
  const checklist = (id: string) => ctx.catalogue.checklists.get(id);
  return {
    dutchDate,
    dutchDateTime,
    dutchPeriod,
    dutchNumber,
    percent,
    markdown: renderMarkdown,
    unitName: (code: string) => unitName(ctx.catalogue, code),
    checklist,
    verdictLabel: (checklistId: string, v: string) => {
      const c = checklist(checklistId);
      return c ? verdictLabel(c.scale, v) : v;
    },
    /** CSS class for a verdict: colour always comes with the label in words. */
    verdictClass: (checklistId: string, v: string) => {
      const c = checklist(checklistId);
      if (!c || v === NOT_ASSESSED) return 'v-none';
      return `v-${rankOf(c.scale, v) ?? 'none'}`;
    },
    /** Short form of a verdict for dense tables (always paired with the full label for screen readers). */
    verdictAbbr: (checklistId: string, v: string) => {
      const c = checklist(checklistId);
      return c ? verdictAbbreviation(c.scale, v) : v;
    },
    cellHref: (inspectionId: number, checklistId: string, criterionId: string, unit: string) =>
      `/onderzoeken/${inspectionId}/cellen/${encodeURIComponent(checklistId)}/${encodeURIComponent(criterionId)}/${encodeURIComponent(unit)}`,
    labels: {
      evidenceType: EVIDENCE_TYPE_LABELS,
      wederhoor: WEDERHOOR_LABELS,
      workflow: WORKFLOW_LABELS,
      role: ROLE_LABELS,
      inspectionStatus: INSPECTION_STATUS_LABELS,
      followup: RECOMMENDATION_FOLLOWUP_LABELS,
      blocker: BLOCKER_KIND_LABELS,
    },
  };
}

/** Initials of the label's words, at most two: "Ten dele nagekomen" → "TD"; not assessed → "–". */
export function verdictAbbreviation(scale: Scale, v: string): string {
  if (v === NOT_ASSESSED) return '–';
  return verdictLabel(scale, v)
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}

export type ViewHelpers = ReturnType<typeof viewHelpers>;
