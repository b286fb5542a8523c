// The label maps of the fixed vocabularies, gathered for templates (`h.labels.workflow[code]`).
// Each map stays beside its list of codes in the domain, so a new value is added in one place.
import { BLOCKER_KIND_LABELS } from '../domain/blockers';
import { HANDLING_LABELS } from '../domain/wederhoor';
import { REVIEW_STATE_LABELS } from '../domain/review';
import {
  EVIDENCE_TYPE_LABELS,
  INSPECTION_STATUS_LABELS,
  RECOMMENDATION_FOLLOWUP_LABELS,
  ROLE_LABELS,
  WEDERHOOR_LABELS,
  Workflow,
  WORKFLOW_LABELS,
} from '../domain/vocabulary';

export const labels = {
  evidenceType: EVIDENCE_TYPE_LABELS,
  wederhoor: WEDERHOOR_LABELS,
  workflow: WORKFLOW_LABELS,
  role: ROLE_LABELS,
  inspectionStatus: INSPECTION_STATUS_LABELS,
  followup: RECOMMENDATION_FOLLOWUP_LABELS,
  blocker: BLOCKER_KIND_LABELS,
  handling: HANDLING_LABELS,
  review: REVIEW_STATE_LABELS,
};

/** The one-character mark of a cell's workflow state in the matrix; "te doen" has none. */
export const WORKFLOW_GLYPHS: Record<Workflow, string> = { te_doen: '', in_behandeling: '…', ter_review: 'R', gereed: '✓' };
