// Comparing two inspections: per criterion × unit the earlier and later verdict and the direction
// of change, the same per toezegging (per unit and nationally, from inspectionStatus()'s roll-ups),
// what became of the earlier recommendations, and the complaint statistics over time.
// Pure: snapshots and the catalogue in, a plain result out. Screens, exports and the CLI show it.
//
// Rules:
//  - Directions compare ranks (positive > partial > negative), so checklists with other words
//    or a revised scale compare too.
//  - "niet beoordeeld" on one side gives "nieuw beoordeeld" / "niet meer beoordeeld"; on both
//    sides there is nothing to compare ("niet vergelijkbaar"). A unit that was not part of an
//    inspection counts as not assessed there.
//  - Across checklist versions the verdicts are read through the lineage (src/domain/lineage.ts):
//    a merged later criterion compares with the combined earlier verdicts; each part of a split
//    earlier criterion compares with that earlier verdict.
//  - A criterion without an earlier or later counterpart (added, dropped, not in the mapping,
//    or its whole checklist used on one side only) is a row of "niet vergelijkbaar" cells: never
//    left out, so a reader sees the whole yardstick.
//  - Two inspections without a shared (or mapped) checklist are refused, not shown as empty.
import { AppError } from '../errors';
import {
  allCriteria,
  Catalogue,
  Checklist,
  ChecklistMapping,
  NOT_ASSESSED,
  Rank,
  rankOf,
  verdictLabel,
} from './checklist';
import type { InspectionSnapshot, StatisticRecord } from './inspection';
import { buildLineage, Lineage, Relation } from './lineage';
import { combine, Rolled } from './rollup';
import { inspectionStatus, InspectionStatus } from './status';
import { RECOMMENDATION_FOLLOWUP_LABELS, RecommendationFollowup } from './vocabulary';

export const DIRECTIONS = ['verbeterd', 'gelijk', 'verslechterd', 'nieuw_beoordeeld', 'niet_meer_beoordeeld', 'niet_vergelijkbaar'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = {
  verbeterd: 'Verbeterd',
  gelijk: 'Gelijk',
  verslechterd: 'Verslechterd',
  nieuw_beoordeeld: 'Nieuw beoordeeld',
  niet_meer_beoordeeld: 'Niet meer beoordeeld',
  niet_vergelijkbaar: 'Niet vergelijkbaar',
};
/** Arrows go with the words, never instead of them. */
export const DIRECTION_SYMBOLS: Record<Direction, string> = {
  verbeterd: '↑',
  gelijk: '=',
  verslechterd: '↓',
  nieuw_beoordeeld: '+',
  niet_meer_beoordeeld: '−',
  niet_vergelijkbaar: '≠',
};

export type Counts = Record<Direction, number>;

const RANK_ORDER: Record<Rank, number> = { negative: 0, partial: 1, positive: 2 };

export function direction(earlier: Rank | null, later: Rank | null): Direction {
  if (earlier === null && later === null) return 'niet_vergelijkbaar';
  if (earlier === null) return 'nieuw_beoordeeld';
  if (later === null) return 'niet_meer_beoordeeld';
  const d = RANK_ORDER[later] - RANK_ORDER[earlier];
  return d > 0 ? 'verbeterd' : d < 0 ? 'verslechterd' : 'gelijk';
}

export function emptyCounts(): Counts {
  return Object.fromEntries(DIRECTIONS.map((d) => [d, 0])) as Counts;
}

function tally(counts: Counts, changes: Array<{ direction: Direction }>): Counts {
  for (const c of changes) counts[c.direction]++;
  return counts;
}

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

export interface Change {
  earlier: Side | null;
  later: Side | null;
  direction: Direction;
}

export interface CellChange extends Change {
  unit: string;
}

export type RowRelation = Relation | 'dropped' | 'unmapped_earlier' | 'only_earlier' | 'only_later';

export interface CriterionRef {
  id: string;
  number: string;
  text: string;
}

export interface CriterionRow {
  key: string;
  group: { id: string; number: number; title: string };
  earlierCriteria: CriterionRef[];
  laterCriterion: CriterionRef | null;
  relation: RowRelation;
  cells: CellChange[];
  counts: Counts;
}

export interface GroupRow {
  group: { id: string; number: number; title: string };
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

export interface InspectionHead {
  id: number;
  ref: string;
  title: string;
  year: number;
  illustrative: boolean;
  illustrativeNote: string;
  status: InspectionSnapshot['status'];
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
}

export function head(s: InspectionSnapshot): InspectionHead {
  return { id: s.id, ref: s.ref, title: s.title, year: s.year, illustrative: s.illustrative, illustrativeNote: s.illustrativeNote, status: s.status };
}

export type VerdictLookup = (checklist: string, criterion: string, unit: string) => { verdict: string; motivation: string };

export function lookup(s: InspectionSnapshot): VerdictLookup {
  const byKey = new Map(s.verdicts.map((v) => [`${v.checklist}/${v.criterion}/${v.unit}`, v]));
  return (checklist, criterion, unit) => {
    const v = byKey.get(`${checklist}/${criterion}/${unit}`);
    return v ? { verdict: v.verdict, motivation: v.motivation } : { verdict: NOT_ASSESSED, motivation: '' };
  };
}

/** Every unit of either inspection, in the catalogue's order. */
function unionUnits(catalogue: Catalogue, snapshots: InspectionSnapshot[]): string[] {
  const present = new Set(snapshots.flatMap((s) => s.units));
  const ordered = catalogue.units.map((u) => u.code).filter((c) => present.has(c));
  return [...ordered, ...[...present].filter((c) => !ordered.includes(c))];
}

function side(checklist: Checklist, code: string, motivation: string, absent: boolean, provisional?: boolean): Side {
  return {
    code,
    label: absent ? 'Niet onderzocht' : verdictLabel(checklist.scale, code),
    rank: absent ? null : rankOf(checklist.scale, code),
    motivation,
    ...(provisional === undefined ? {} : { provisional }),
    ...(absent ? { absent } : {}),
  };
}

function change(earlier: Side | null, later: Side | null, comparable: boolean): Change {
  return { earlier, later, direction: comparable ? direction(earlier?.rank ?? null, later?.rank ?? null) : 'niet_vergelijkbaar' };
}

/**
 * The earlier verdict of a later criterion: one source as it stands; several (a merge) combined
 * with combine(), their motivations kept side by side under their numbers.
 */
export function sourceVerdict(
  checklist: Checklist,
  get: VerdictLookup,
  sources: string[],
  unit: string,
  absent: boolean,
): Side {
  const parts = sources.map((id) => ({ id, ...get(checklist.id, id, unit) }));
  if (parts.length === 1) return side(checklist, parts[0].verdict, parts[0].motivation, absent);
  const number = (id: string) => allCriteria(checklist).find((c) => c.id === id)?.number ?? id;
  const motivation = parts
    .filter((p) => p.motivation.trim() !== '')
    .map((p) => `Criterium ${number(p.id)} (${verdictLabel(checklist.scale, p.verdict).toLowerCase()}): ${p.motivation}`)
    .join('\n\n');
  return side(checklist, combine(checklist, parts.map((p) => p.verdict)).verdict, motivation, absent);
}

function refOf(c: { id: string; number: string; text: string }): CriterionRef {
  return { id: c.id, number: c.number, text: c.text };
}

function groupOf(checklist: Checklist, criterionId: string) {
  const g = checklist.groups.find((x) => x.criteria.some((c) => c.id === criterionId))!;
  return { id: g.id, number: g.number, title: g.title };
}

export function rolledSide(checklist: Checklist, r: Rolled | undefined, absent: boolean): Side {
  if (!r) return side(checklist, NOT_ASSESSED, '', absent);
  return side(checklist, r.final, r.override?.motivation ?? '', absent, !r.complete);
}

interface Party {
  snapshot: InspectionSnapshot;
  status: InspectionStatus;
  get: VerdictLookup;
}

function party(snapshot: InspectionSnapshot, catalogue: Catalogue): Party {
  return { snapshot, status: inspectionStatus(snapshot, catalogue), get: lookup(snapshot) };
}

function rollupOf(p: Party, checklistId: string) {
  return p.status.rollups.find((r) => r.checklist.id === checklistId)?.rollup;
}

/** The criteria rows and toezegging rows of one paired checklist. */
function comparePair(units: string[], e: Party, l: Party, lineage: Lineage): ChecklistComparison {
  const { from, to } = lineage;
  const rows: CriterionRow[] = [];
  for (const cr of allCriteria(to)) {
    const sources = lineage.sources.get(cr.id) ?? [];
    const comparable = sources.length > 0;
    const cells = units.map((unit): CellChange => {
      const laterAbsent = !l.snapshot.units.includes(unit);
      const earlierAbsent = !e.snapshot.units.includes(unit);
      const later = l.get(to.id, cr.id, unit);
      const laterSide = side(to, later.verdict, later.motivation, laterAbsent);
      const earlierSide = comparable ? sourceVerdict(from, e.get, sources, unit, earlierAbsent) : null;
      return { unit, ...change(earlierSide, laterSide, comparable) };
    });
    rows.push({
      key: `${to.id}/${cr.id}`,
      group: groupOf(to, cr.id),
      earlierCriteria: sources.map((id) => refOf(allCriteria(from).find((c) => c.id === id)!)),
      laterCriterion: refOf(cr),
      relation: lineage.relation.get(cr.id) ?? 'unmapped',
      cells,
      counts: tally(emptyCounts(), cells),
    });
  }
  for (const orphan of lineage.orphans) {
    const cr = allCriteria(from).find((c) => c.id === orphan.id)!;
    const cells = units.map((unit): CellChange => {
      const v = e.get(from.id, cr.id, unit);
      return { unit, ...change(side(from, v.verdict, v.motivation, !e.snapshot.units.includes(unit)), null, false) };
    });
    rows.push({
      key: `${from.id}/${cr.id}`,
      group: groupOf(from, cr.id),
      earlierCriteria: [refOf(cr)],
      laterCriterion: null,
      relation: orphan.explicit ? 'dropped' : 'unmapped_earlier',
      cells,
      counts: tally(emptyCounts(), cells),
    });
  }

  const eRoll = rollupOf(e, from.id);
  const lRoll = rollupOf(l, to.id);
  const groups: GroupRow[] = to.groups.map((g) => {
    const eg = from.groups.find((x) => x.id === g.id);
    const comparable = eg !== undefined;
    const unitChanges = units.map((unit): CellChange => {
      const laterSide = rolledSide(to, lRoll?.unitGroup.get(unit)?.get(g.id), !l.snapshot.units.includes(unit));
      const earlierSide = comparable ? rolledSide(from, eRoll?.unitGroup.get(unit)?.get(g.id), !e.snapshot.units.includes(unit)) : null;
      return { unit, ...change(earlierSide, laterSide, comparable) };
    });
    const national = change(comparable ? rolledSide(from, eRoll?.nationalGroup.get(g.id), false) : null, rolledSide(to, lRoll?.nationalGroup.get(g.id), false), comparable);
    return {
      group: { id: g.id, number: g.number, title: g.title },
      comparable,
      units: unitChanges,
      national,
      counts: tally(emptyCounts(), unitChanges),
      criterionCounts: tally(emptyCounts(), rows.filter((r) => r.group.id === g.id).flatMap((r) => r.cells)),
    };
  });
  for (const eg of from.groups.filter((g) => !to.groups.some((x) => x.id === g.id))) {
    const unitChanges = units.map((unit): CellChange => ({
      unit,
      ...change(rolledSide(from, eRoll?.unitGroup.get(unit)?.get(eg.id), !e.snapshot.units.includes(unit)), null, false),
    }));
    groups.push({
      group: { id: eg.id, number: eg.number, title: eg.title },
      comparable: false,
      units: unitChanges,
      national: change(rolledSide(from, eRoll?.nationalGroup.get(eg.id), false), null, false),
      counts: tally(emptyCounts(), unitChanges),
      criterionCounts: tally(emptyCounts(), rows.filter((r) => r.group.id === eg.id).flatMap((r) => r.cells)),
    });
  }
  return {
    earlier: from,
    later: to,
    mappings: lineage.path,
    rows,
    groups,
    counts: tally(emptyCounts(), rows.flatMap((r) => r.cells)),
    unitGroupCounts: tally(emptyCounts(), groups.flatMap((g) => g.units)),
    nationalCounts: tally(emptyCounts(), groups.map((g) => g.national)),
  };
}

/** A checklist used by one inspection only: every cell shown, as "niet vergelijkbaar". */
function oneSided(units: string[], p: Party, checklist: Checklist, which: 'earlier' | 'later'): ChecklistComparison {
  const rows: CriterionRow[] = allCriteria(checklist).map((cr) => {
    const cells = units.map((unit): CellChange => {
      const v = p.get(checklist.id, cr.id, unit);
      const s = side(checklist, v.verdict, v.motivation, !p.snapshot.units.includes(unit));
      return { unit, ...change(which === 'earlier' ? s : null, which === 'later' ? s : null, false) };
    });
    return {
      key: `${checklist.id}/${cr.id}`,
      group: groupOf(checklist, cr.id),
      earlierCriteria: which === 'earlier' ? [refOf(cr)] : [],
      laterCriterion: which === 'later' ? refOf(cr) : null,
      relation: which === 'earlier' ? 'only_earlier' : 'only_later',
      cells,
      counts: tally(emptyCounts(), cells),
    };
  });
  const roll = rollupOf(p, checklist.id);
  const groups: GroupRow[] = checklist.groups.map((g) => {
    const unitChanges = units.map((unit): CellChange => {
      const s = rolledSide(checklist, roll?.unitGroup.get(unit)?.get(g.id), !p.snapshot.units.includes(unit));
      return { unit, ...change(which === 'earlier' ? s : null, which === 'later' ? s : null, false) };
    });
    const nat = rolledSide(checklist, roll?.nationalGroup.get(g.id), false);
    return {
      group: { id: g.id, number: g.number, title: g.title },
      comparable: false,
      units: unitChanges,
      national: change(which === 'earlier' ? nat : null, which === 'later' ? nat : null, false),
      counts: tally(emptyCounts(), unitChanges),
      criterionCounts: tally(emptyCounts(), rows.filter((r) => r.group.id === g.id).flatMap((r) => r.cells)),
    };
  });
  return {
    earlier: which === 'earlier' ? checklist : null,
    later: which === 'later' ? checklist : null,
    mappings: [],
    rows,
    groups,
    counts: tally(emptyCounts(), rows.flatMap((r) => r.cells)),
    unitGroupCounts: tally(emptyCounts(), groups.flatMap((g) => g.units)),
    nationalCounts: tally(emptyCounts(), groups.map((g) => g.national)),
  };
}

/**
 * Pair each later checklist with an earlier one: the same checklist, or else one with a chain of
 * mappings to it. Checklists left unpaired are shown one-sided.
 */
export function pairChecklists(catalogue: Catalogue, earlier: InspectionSnapshot, later: InspectionSnapshot) {
  const earlierLists = earlier.checklists.map((c) => catalogue.checklists.get(c.id)).filter((c): c is Checklist => c !== undefined);
  const laterLists = later.checklists.map((c) => catalogue.checklists.get(c.id)).filter((c): c is Checklist => c !== undefined);
  const pairs: Lineage[] = [];
  const used = new Set<string>();
  for (const l of laterLists) {
    const candidates = [...earlierLists.filter((e) => e.id === l.id), ...earlierLists.filter((e) => e.id !== l.id)];
    for (const e of candidates) {
      if (used.has(e.id)) continue;
      const lineage = buildLineage(catalogue, e, l);
      if (lineage) { pairs.push(lineage); used.add(e.id); break; }
    }
  }
  return {
    pairs,
    onlyEarlier: earlierLists.filter((e) => !used.has(e.id)),
    onlyLater: laterLists.filter((l) => !pairs.some((p) => p.to.id === l.id)),
  };
}

export function notComparable(earlier: InspectionHead, later: InspectionHead): AppError {
  return new AppError(
    400,
    `‘${earlier.title}’ (${earlier.year}) en ‘${later.title}’ (${later.year}) zijn niet te vergelijken: ze hebben geen toetsingskader gemeen en er is geen koppeling (mapping) tussen hun kaders. Kies twee onderzoeken met hetzelfde kader, of leg een koppeling vast in criteria/mappings/.`,
  );
}

function recommendationOutcomes(catalogue: Catalogue, earlier: InspectionSnapshot, source: InspectionSnapshot | null): RecommendationOutcome[] {
  const evidence = new Map((source?.evidence ?? []).map((e) => [e.id, e]));
  return earlier.recommendations.map((r) => {
    const f = source?.followups.find((x) => x.recommendationRef === r.ref);
    const checklist = catalogue.checklists.get(r.checklist);
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

/**
 * Statistics over time: the rows of both inspections by year (and unit); where both hold the
 * same year, the later inspection's figures win, as they are the more recent count.
 */
export function mergeStatistics(snapshots: InspectionSnapshot[]): StatisticRow[] {
  const byKey = new Map<string, StatisticRow>();
  const ordered = [...snapshots].sort((a, b) => a.year - b.year || a.id - b.id);
  for (const s of ordered) {
    for (const r of s.statistics) byKey.set(`${r.year}/${r.unit ?? ''}`, { ...r, source: { id: s.id, ref: s.ref, year: s.year } });
  }
  return [...byKey.values()].sort((a, b) => a.year - b.year || (a.unit ?? '').localeCompare(b.unit ?? ''));
}

/**
 * `followupSource`: when the later inspection is not the direct follow-up of the earlier one,
 * the inspection that is (its follow-ups say what became of the earlier recommendations).
 */
export function compareInspections(
  catalogue: Catalogue,
  earlierSnap: InspectionSnapshot,
  laterSnap: InspectionSnapshot,
  followupSource?: InspectionSnapshot,
): Comparison {
  if (earlierSnap.id === laterSnap.id) throw new AppError(400, 'Kies twee verschillende onderzoeken om te vergelijken.');
  const { pairs, onlyEarlier, onlyLater } = pairChecklists(catalogue, earlierSnap, laterSnap);
  if (pairs.length === 0) throw notComparable(head(earlierSnap), head(laterSnap));
  const units = unionUnits(catalogue, [earlierSnap, laterSnap]);
  const e = party(earlierSnap, catalogue);
  const l = party(laterSnap, catalogue);
  const checklists = [
    ...pairs.map((p) => comparePair(units, e, l, p)),
    ...onlyEarlier.map((c) => oneSided(units, e, c, 'earlier')),
    ...onlyLater.map((c) => oneSided(units, l, c, 'later')),
  ];
  const source = laterSnap.predecessorId === earlierSnap.id ? laterSnap : followupSource?.predecessorId === earlierSnap.id ? followupSource : null;
  return {
    earlier: head(earlierSnap),
    later: head(laterSnap),
    units,
    checklists,
    counts: tally(emptyCounts(), checklists.flatMap((c) => c.rows.flatMap((r) => r.cells))),
    followupsRecorded: source !== null,
    followupsIn: source ? head(source) : null,
    recommendations: recommendationOutcomes(catalogue, earlierSnap, source),
    statistics: mergeStatistics([earlierSnap, laterSnap]),
  };
}
