// The trend over three (or more) inspections of the same checklist, or of versions linked by
// mappings: per criterion and unit a timeline of verdicts, and per toezegging per unit and
// nationally. Every timeline is laid out on the criteria of the LATEST inspection's checklist;
// older verdicts are read through the lineage (src/domain/lineage.ts, same rules as the
// comparison). Criteria that vanished on the way keep their own row, "niet vergelijkbaar" after.
import { AppError } from '../errors';
import { allCriteria, Catalogue, Checklist } from './checklist';
import {
  CriterionRef,
  Direction,
  direction,
  head,
  InspectionHead,
  lookup,
  mergeStatistics,
  rolledSide,
  Side,
  sourceVerdict,
  StatisticRow,
} from './compare';
import type { InspectionSnapshot } from './inspection';
import { buildLineage, Lineage } from './lineage';
import { inspectionStatus } from './status';

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
  group: { id: string; number: number; title: string };
  criterion: CriterionRef;
  /** Set for a criterion of an older version that has no descendant in the latest one. */
  vanished: boolean;
  units: Timeline[];
}

export interface TrendGroup {
  group: { id: string; number: number; title: string };
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

function withDirections(sides: Array<Side | null>): TrendPoint[] {
  return sides.map((s, i) => ({
    side: s,
    direction: i === 0 ? null : s === null || sides[i - 1] === null ? 'niet_vergelijkbaar' : direction(sides[i - 1]!.rank, s.rank),
  }));
}

/** Whether `fromId` is the checklist or leads to it through mappings. */
function lineageTo(catalogue: Catalogue, fromId: string, target: Checklist): boolean {
  const from = catalogue.checklists.get(fromId);
  return from !== undefined && buildLineage(catalogue, from, target) !== null;
}

/** `only`: limit the trend to one checklist (its id; later versions mapped from it count too). */
export function trendOf(catalogue: Catalogue, snapshots: InspectionSnapshot[], only?: string): Trend {
  if (snapshots.length < 2) throw new AppError(400, 'Kies ten minste twee (bij voorkeur drie of meer) onderzoeken voor een trend.');
  if (new Set(snapshots.map((s) => s.id)).size !== snapshots.length) throw new AppError(400, 'Elk onderzoek mag maar één keer in de trend voorkomen.');
  const ordered = [...snapshots].sort((a, b) => a.year - b.year || a.id - b.id);
  const last = ordered[ordered.length - 1];
  const present = new Set(ordered.flatMap((s) => s.units));
  const units = catalogue.units.map((u) => u.code).filter((c) => present.has(c));
  const statuses = ordered.map((s) => inspectionStatus(s, catalogue));
  const lookups = ordered.map(lookup);

  const checklists: TrendChecklist[] = [];
  const linked = new Set<number>();
  for (const ref of last.checklists) {
    const target = catalogue.checklists.get(ref.id);
    if (!target || (only && !lineageTo(catalogue, only, target))) continue;
    // Per inspection, the lineage from the checklist it used to the latest one (same id first).
    const lineages: Array<Lineage | null> = ordered.map((s) => {
      const own = s.checklists.map((c) => catalogue.checklists.get(c.id)).filter((c): c is Checklist => c !== undefined);
      for (const c of [...own.filter((x) => x.id === target.id), ...own.filter((x) => x.id !== target.id)]) {
        const l = buildLineage(catalogue, c, target);
        if (l) return l;
      }
      return null;
    });
    // An inspection that did not use this checklist (nor a version mapped to it) gets points
    // "niet vergelijkbaar" here; it is refused only when it shares no checklist at all (below).
    lineages.forEach((l, i) => { if (l) linked.add(i); });

    const absent = (i: number, unit: string) => !ordered[i].units.includes(unit);
    const rows: TrendRow[] = allCriteria(target).map((cr) => ({
      key: `${target.id}/${cr.id}`,
      group: groupRef(target, cr.id),
      criterion: { id: cr.id, number: cr.number, text: cr.text },
      vanished: false,
      units: units.map((unit) => ({
        unit,
        points: withDirections(ordered.map((_, i) => {
          const l = lineages[i];
          if (!l) return null;
          const sources = l.sources.get(cr.id) ?? [];
          return sources.length === 0 ? null : sourceVerdict(l.from, lookups[i], sources, unit, absent(i, unit));
        })),
      })),
    }));
    const vanished = new Map<string, TrendRow>();
    lineages.forEach((l, i) => {
      if (!l) return;
      for (const orphan of l.orphans) {
        const key = `${l.from.id}/${orphan.id}`;
        const cr = allCriteria(l.from).find((c) => c.id === orphan.id)!;
        const row = vanished.get(key) ?? {
          key,
          group: groupRef(l.from, orphan.id),
          criterion: { id: cr.id, number: cr.number, text: cr.text },
          vanished: true,
          units: units.map((unit) => ({ unit, points: [] as TrendPoint[] })),
        };
        vanished.set(key, row);
        row.units.forEach((t) => {
          const sides = t.points.length ? t.points.map((p) => p.side) : ordered.map(() => null as Side | null);
          sides[i] = sourceVerdict(l.from, lookups[i], [orphan.id], t.unit, absent(i, t.unit));
          t.points = withDirections(sides);
        });
      }
    });

    const groups: TrendGroup[] = target.groups.map((g) => {
      const at = (i: number) => {
        const l = lineages[i];
        const hasGroup = l !== null && l.from.groups.some((x) => x.id === g.id);
        return { l, hasGroup, roll: l ? statuses[i].rollups.find((r) => r.checklist.id === l.from.id)?.rollup : undefined };
      };
      return {
        group: { id: g.id, number: g.number, title: g.title },
        national: withDirections(ordered.map((_, i) => {
          const { l, hasGroup, roll } = at(i);
          return hasGroup && l ? rolledSide(l.from, roll?.nationalGroup.get(g.id), false) : null;
        })),
        units: units.map((unit) => ({
          unit,
          points: withDirections(ordered.map((_, i) => {
            const { l, hasGroup, roll } = at(i);
            return hasGroup && l ? rolledSide(l.from, roll?.unitGroup.get(unit)?.get(g.id), absent(i, unit)) : null;
          })),
        })),
      };
    });
    checklists.push({ checklist: target, sources: lineages.map((l) => l?.from ?? null), rows: [...rows, ...vanished.values()], groups });
  }
  if (checklists.length === 0) throw new AppError(400, only ? `Het laatste onderzoek gebruikt het kader ‘${only}’ niet (ook niet via een koppeling); er is geen trend te tonen.` : 'Het laatste onderzoek heeft geen bekend toetsingskader; er is geen trend te tonen.');
  const unlinked = ordered.filter((_, i) => !linked.has(i));
  if (unlinked.length > 0) {
    throw new AppError(
      400,
      `Geen trend mogelijk: ${unlinked.map((s) => `‘${s.title}’ (${s.year})`).join(', ')} ${unlinked.length === 1 ? 'heeft' : 'hebben'} geen kader gemeen met ‘${last.title}’ (${last.year}) en er is geen koppeling (mapping) tussen de kaders.`,
    );
  }
  return { inspections: ordered.map(head), units, checklists, statistics: mergeStatistics(ordered) };
}

function groupRef(checklist: Checklist, criterionId: string) {
  const g = checklist.groups.find((x) => x.criteria.some((c) => c.id === criterionId))!;
  return { id: g.id, number: g.number, title: g.title };
}
