// The read model of one inspection, as the store loads it and as every domain rule, screen,
// report and export consumes it. Plain data; ids are the database's.
import type { InspectionTexts } from './document';
import type { SectionRecord } from './outline';
import type { WederhoorRoundRecord } from './wederhoor-round';
import type { RoundReactions } from './wederhoor';
import type { NoteRecord } from './review-notes';
import type { ApprovalRecord } from './review';
import type {
  EvidenceType,
  InspectionStatus,
  RecommendationFollowup,
  Wederhoor,
  Workflow,
} from './vocabulary';

export interface EvidenceLink {
  evidenceId: number;
  excerpt: string;
}

export interface VerdictRecord {
  id: number;
  unit: string;
  checklist: string;
  criterion: string;
  verdict: string;
  motivation: string;
  workflow: Workflow;
  updatedBy: string | null;
  updatedAt: string | null;
  version: number;
  links: EvidenceLink[];
}

export interface EvidenceRecord {
  id: number;
  ref: string;
  type: EvidenceType;
  title: string;
  dateFrom: string | null;
  dateTo: string | null;
  party: string;
  units: string[];
  description: string;
  file: { name: string; sha256: string; mime: string; size: number } | null;
  wederhoor: { status: Wederhoor; date: string | null } | null;
  version: number;
}

export interface OverrideRecord {
  id: number;
  scope: string;
  checklist: string;
  group: string;
  verdict: string;
  motivation: string;
  version: number;
}

export interface RecommendationRecord {
  id: number;
  ref: string;
  checklist: string;
  group: string;
  position: number;
  text: string;
  version: number;
}

export interface FollowupRecord {
  recommendationRef: string;
  status: RecommendationFollowup;
  motivation: string;
  evidence: number[];
  version: number;
}

export interface StatisticRecord {
  year: number;
  unit: string | null;
  afgerond: number;
  aannemen: number;
  eersteFase: number;
  tweedeFase: number;
}

export interface InspectionSummary {
  id: number;
  ref: string;
  title: string;
  year: number;
  fieldworkStart: string | null;
  fieldworkEnd: string | null;
  status: InspectionStatus;
  finalisedAt: string | null;
  predecessorId: number | null;
  illustrative: boolean;
  illustrativeNote: string;
  checklists: Array<{ id: string; version: string }>;
  /** The organisation (code) and the version of its unit set this inspection is made with (src/domain/units.ts unitsOf). */
  unitSet: { organisation: string; version: number };
  units: string[];
  team: string[];
  texts: InspectionTexts;
  version: number;
  /** 1 for a first version; a revision (`<ref>-r2`) counts on and names the finalised version it corrects. */
  revision: number;
  revisionOf: { id: number; ref: string } | null;
}

export interface InspectionSnapshot extends InspectionSummary {
  predecessor: { id: number; ref: string; title: string; year: number } | null;
  verdicts: VerdictRecord[];
  evidence: EvidenceRecord[];
  overrides: OverrideRecord[];
  findings: Array<{ checklist: string; criterion: string; text: string; version: number }>;
  conclusions: Array<{ checklist: string; group: string; text: string; version: number }>;
  recommendations: RecommendationRecord[];
  /** The predecessor's recommendations: a follow-up must say what became of each. */
  predecessorRecommendations: RecommendationRecord[];
  followups: FollowupRecord[];
  statistics: StatisticRecord[];
  /**
   * The report outline as stored; empty for an inspection that has none (one finalised before
   * outlines existed): readers use `outlineOf` (src/domain/outline.ts), which then gives the default.
   */
  outline: SectionRecord[];
  /** Review approvals of cells and sections (src/domain/review.ts); a stale one is kept, and shown as voided. */
  approvals: ApprovalRecord[];
  /** The inspection's setting: unreviewed work blocks vaststelling. */
  reviewRequired: boolean;
  /** Review notes with their replies (src/domain/review-notes.ts): working papers, never in a report. */
  notes: NoteRecord[];
  /** Every wederhoor round of the inspection, oldest first, with the party's reactions and their handling (src/domain/wederhoor.ts). */
  wederhoorReactions: RoundReactions[];
  /** The wederhoor rounds on the concept report, oldest first: metadata and paragraphs, never the file bytes (src/domain/wederhoor-round.ts). */
  wederhoorRounds: WederhoorRoundRecord[];
}
