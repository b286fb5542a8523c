// The shapes of a comparison and a trend, and of the one alignment both are read from
// (align.ts): a comparison is a trend of two points.
import type { Checklist, ChecklistMapping, Rank } from '../checklist';
import type { InspectionSnapshot, StatisticRecord } from '../inspection';
import type { Lineage, Relation } from '../lineage';
import type { RecommendationFollowup } from '../vocabulary';
import type { Direction } from './vocabulary';
import type { ChecklistProgress, Headline } from './progress';

export type Counts = Record<Direction, number>;

/** One side of a change: the verdict code on its own scale, its label and rank, and the words. */
export interface Side {
  code: string;
  label: string;
  rank: Rank | null;
  motivation: string;
  /** A roll-up that still contains unassessed parts. */
  provisional?: boolean;
  /** The unit was not part of that inspection. */
  absent?: boolean;
}

export interface InspectionHead {
  id: number;
  ref: string;
  title: string;
  year: number;
  illustrative: boolean;
  illustrativeNote: string;
  status: InspectionSnapshot['status'];
  /** The unit set it was made with: a comparison names units as the later inspection's set does. */
  unitSet: InspectionSnapshot['unitSet'];
}

export interface CriterionRef {
  id: string;
  number: string;
  text: string;
  /** The checklist's short name for it, when it has one (see criterionName in src/present). */
  shortTitle?: string;
}

export interface GroupRef {
  id: string;
  number: number;
  title: string;
}

// ---- The alignment: every point of every inspection, before any direction is drawn.

/** Per inspection, the side of one unit; null where that inspection has no counterpart. */
export interface AlignedCell {
  unit: string;
  sides: Array<Side | null>;
}

export interface AlignedRow {
  key: string;
  group: GroupRef;
  criterion: CriterionRef;
  /** null for a criterion of the target; else how an earlier criterion lost its descendant. */
  vanished: 'dropped' | 'unmapped_earlier' | null;
  cells: AlignedCell[];
}

export interface AlignedGroup {
  group: GroupRef;
  /** A toezegging of an earlier version that the target no longer has. */
  vanished: boolean;
  national: Array<Side | null>;
  units: AlignedCell[];
}

/** One checklist laid out across the inspections, on the criteria of its target version. */
export interface AlignedChecklist {
  target: Checklist;
  /** Per inspection, how the checklist it used leads to the target (null: none does). */
  lineages: Array<Lineage | null>;
  rows: AlignedRow[];
  groups: AlignedGroup[];
}

export interface Alignment {
  inspections: InspectionHead[];
  units: string[];
  checklists: AlignedChecklist[];
}

// ---- The comparison of two inspections.

export interface Change {
  earlier: Side | null;
  later: Side | null;
  direction: Direction;
}

export interface CellChange extends Change {
  unit: string;
}

export type RowRelation = Relation | 'dropped' | 'unmapped_earlier' | 'only_earlier' | 'only_later';

export interface CriterionRow {
  key: string;
  group: GroupRef;
  earlierCriteria: CriterionRef[];
  laterCriterion: CriterionRef | null;
  relation: RowRelation;
  cells: CellChange[];
  counts: Counts;
}

export interface GroupRow {
  group: GroupRef;
  comparable: boolean;
  units: CellChange[];
  national: Change;
  counts: Counts;
  /** Directions of the criterion cells inside this toezegging. */
  criterionCounts: Counts;
}

export interface ChecklistComparison {
  earlier: Checklist | null;
  later: Checklist | null;
  mappings: ChecklistMapping[];
  rows: CriterionRow[];
  groups: GroupRow[];
  counts: Counts;
  nationalCounts: Counts;
  unitGroupCounts: Counts;
}

export interface RecommendationOutcome {
  ref: string;
  text: string;
  checklist: string;
  group: string;
  groupTitle: string;
  followup: {
    status: RecommendationFollowup;
    label: string;
    motivation: string;
    evidence: Array<{ id: number; ref: string; title: string }>;
  } | null;
}

export interface StatisticRow extends StatisticRecord {
  source: { id: number; ref: string; year: number };
}

export interface Comparison {
  earlier: InspectionHead;
  later: InspectionHead;
  units: string[];
  checklists: ChecklistComparison[];
  counts: Counts;
  /** True when the outcomes of the earlier recommendations are recorded somewhere (see next). */
  followupsRecorded: boolean;
  /** The direct follow-up of the earlier inspection, where those outcomes are recorded: the
   * later inspection itself, or one in between when the comparison skips a step. */
  followupsIn: InspectionHead | null;
  recommendations: RecommendationOutcome[];
  statistics: StatisticRow[];
  /** The counts over what both inspections assessed, one-sided checklists apart (progress.ts). */
  headline: Headline;
  /** Per checklist and toezegging the share kept, earlier and later (progress.ts). */
  progress: ChecklistProgress[];
  /** The pair was asked for in reverse order (later first) and was swapped. */
  reordered: boolean;
  /** Each inspection's own complaint figures, unmerged, to show side by side with their source. */
  figures: { earlier: StatisticRecord[]; later: StatisticRecord[] };
}

// ---- The trend over two or more inspections.

export interface TrendPoint {
  /** null: this inspection has no comparable verdict for the row (unmapped, not used). */
  side: Side | null;
  /** Change since the previous inspection; null for the first. */
  direction: Direction | null;
}

export interface Timeline {
  unit: string;
  points: TrendPoint[];
}

export interface TrendRow {
  key: string;
  group: GroupRef;
  criterion: CriterionRef;
  /** Set for a criterion of an older version that has no descendant in the latest one. */
  vanished: boolean;
  units: Timeline[];
}

export interface TrendGroup {
  group: GroupRef;
  national: TrendPoint[];
  units: Timeline[];
}

export interface TrendChecklist {
  checklist: Checklist;
  /** Per inspection: the checklist it used for this one (null: none linked). */
  sources: Array<Checklist | null>;
  rows: TrendRow[];
  groups: TrendGroup[];
}

export interface Trend {
  inspections: InspectionHead[];
  units: string[];
  checklists: TrendChecklist[];
  statistics: StatisticRow[];
}
