// The one alignment of inspections behind both the comparison and the trend: per checklist, every
// criterion × unit and every toezegging (per unit and nationally) of every inspection, read
// through the lineage (../lineage.ts) onto the criteria of the checklist's target version.
//
// Rules:
//  - Units: every unit of any of the inspections, in the catalogue's order; a unit missing from
//    the catalogue is kept (after those, shown by its code) rather than silently dropped. A unit
//    that was not part of an inspection counts as not assessed there.
//  - Checklists: the latest inspection's checklists are the first targets. Each inspection links
//    to a target the checklist it used of the same id, or else one with a chain of mappings to it;
//    each checklist of an inspection links to one target at most. A checklist an earlier
//    inspection used that links to no target becomes a target of its own.
//  - A later criterion's verdict in an earlier inspection is read from the criteria it descends
//    from: a merged criterion from the combined earlier verdicts, each part of a split one from
//    that earlier verdict. A criterion without a counterpart has no side there (null).
//  - An earlier criterion without a descendant (dropped, or not in the mapping), and a toezegging
//    the target no longer has, keep a row of their own: never left out.
import { allCriteria, Catalogue, Checklist, checklistVersion } from '../checklist';
import type { InspectionSnapshot } from '../inspection';
import { buildLineage, Lineage } from '../lineage';
import type { RollUp } from '../rollup';
import { inspectionStatus } from '../status';
import { unitSetOf } from '../units';
import { lookup, rolledSide, sourceVerdict, VerdictLookup } from './sides';
import type { AlignedCell, AlignedChecklist, AlignedGroup, AlignedRow, Alignment, CriterionRef, GroupRef, InspectionHead } from './types';

export function head(s: InspectionSnapshot): InspectionHead {
  return { id: s.id, ref: s.ref, title: s.title, year: s.year, illustrative: s.illustrative, illustrativeNote: s.illustrativeNote, status: s.status, unitSet: s.unitSet };
}

// Ids come from the checklist itself or a mapping validated against it, so a miss is a bug.
export function criterionRef(checklist: Checklist, criterionId: string): CriterionRef {
  const c = allCriteria(checklist).find((x) => x.id === criterionId);
  if (!c) throw new Error(`criterion ${criterionId} not in ${checklist.id}`);
  return { id: c.id, number: c.number, text: c.text, ...(c.shortTitle === undefined ? {} : { shortTitle: c.shortTitle }) };
}

function groupOf(checklist: Checklist, criterionId: string): GroupRef {
  const g = checklist.groups.find((x) => x.criteria.some((c) => c.id === criterionId));
  if (!g) throw new Error(`criterion ${criterionId} not in ${checklist.id}`);
  return { id: g.id, number: g.number, title: g.title };
}

/** Codes aligned as ever; ordered as the latest inspection's unit set has them, then earlier sets'. */
function unionUnits(catalogue: Catalogue, snapshots: InspectionSnapshot[]): string[] {
  const present = new Set(snapshots.flatMap((s) => s.units));
  const ordered: string[] = [];
  for (const s of [...snapshots].reverse()) {
    for (const u of unitSetOf(catalogue, s.unitSet)?.units ?? []) if (present.has(u.code) && !ordered.includes(u.code)) ordered.push(u.code);
  }
  return [...ordered, ...[...present].filter((c) => !ordered.includes(c))];
}

interface Party {
  snapshot: InspectionSnapshot;
  get: VerdictLookup;
  rollup: (checklistId: string) => RollUp | undefined;
}

function party(catalogue: Catalogue, snapshot: InspectionSnapshot): Party {
  const status = inspectionStatus(snapshot, catalogue);
  return { snapshot, get: lookup(snapshot), rollup: (id) => status.rollups.find((r) => r.checklist.id === id)?.rollup };
}

/** `include`: whether to lay out a target, given the inspection that used it (its index). */
function linkChecklists(
  catalogue: Catalogue,
  snapshots: InspectionSnapshot[],
  include: (target: Checklist, owner: number) => boolean,
): Array<{ target: Checklist; lineages: Array<Lineage | null> }> {
  const lists = snapshots.map((s) => s.checklists.map((c) => checklistVersion(catalogue, c)).filter((c): c is Checklist => c !== undefined));
  const used = lists.map(() => new Set<string>());
  const lineageTo = (i: number, target: Checklist): Lineage | null => {
    const own = lists[i].filter((c) => !used[i].has(c.id));
    for (const c of [...own.filter((x) => x.id === target.id), ...own.filter((x) => x.id !== target.id)]) {
      const l = buildLineage(catalogue, c, target);
      if (l) { used[i].add(c.id); return l; }
    }
    return null;
  };
  const links: Array<{ target: Checklist; lineages: Array<Lineage | null> }> = [];
  // Latest first: by the time an earlier inspection's checklist becomes a target, every checklist
  // of the later ones is used, so they have no lineage to it.
  for (let owner = lists.length - 1; owner >= 0; owner--) {
    for (const target of lists[owner]) {
      if (used[owner].has(target.id) || !include(target, owner)) continue;
      links.push({ target, lineages: lists.map((_, i) => lineageTo(i, target)) });
    }
  }
  return links;
}

function alignChecklist(units: string[], parties: Party[], target: Checklist, lineages: Array<Lineage | null>): AlignedChecklist {
  // Asked once per cell and side: a Set, not a scan of the unit list each time.
  const inScope = parties.map((p) => new Set(p.snapshot.units));
  const absent = (i: number, unit: string) => !inScope[i].has(unit);
  const read = (i: number, from: Checklist, sources: string[], unit: string) => sourceVerdict(from, parties[i].get, sources, unit, absent(i, unit));
  const empty = (): AlignedCell[] => units.map((unit) => ({ unit, sides: lineages.map(() => null) }));

  const rows: AlignedRow[] = allCriteria(target).map((cr) => {
    // Per criterion, not per cell: the same for every unit.
    const sources = lineages.map((l) => l?.sources.get(cr.id) ?? []);
    return {
      key: `${target.id}/${cr.id}`,
      group: groupOf(target, cr.id),
      criterion: criterionRef(target, cr.id),
      vanished: null,
      cells: units.map((unit) => ({
        unit,
        sides: lineages.map((l, i) => (l && sources[i].length > 0 ? read(i, l.from, sources[i], unit) : null)),
      })),
    };
  });
  const vanished = new Map<string, AlignedRow>();
  lineages.forEach((l, i) => {
    if (!l) return;
    const from = l.from;
    for (const orphan of l.orphans) {
      const key = `${from.id}/${orphan.id}`;
      const row = vanished.get(key) ?? {
        key,
        group: groupOf(from, orphan.id),
        criterion: criterionRef(from, orphan.id),
        vanished: orphan.explicit ? 'dropped' : 'unmapped_earlier',
        cells: empty(),
      };
      vanished.set(key, row);
      for (const cell of row.cells) cell.sides[i] = read(i, from, [orphan.id], cell.unit);
    }
  });

  // Toezeggingen match by id. Per inspection, the checklist it used that holds the toezegging.
  const holders = (groupId: string) => lineages.map((l) => (l?.from.groups.some((g) => g.id === groupId) ? l.from : null));
  const group = (ref: GroupRef, isVanished: boolean): AlignedGroup => {
    const from = holders(ref.id);
    const rollup = (c: Checklist, i: number) => parties[i].rollup(c.id);
    return {
      group: ref,
      vanished: isVanished,
      national: from.map((c, i) => (c ? rolledSide(c, rollup(c, i)?.nationalGroup.get(ref.id), false) : null)),
      units: units.map((unit) => ({
        unit,
        sides: from.map((c, i) => (c ? rolledSide(c, rollup(c, i)?.unitGroup.get(unit)?.get(ref.id), absent(i, unit)) : null)),
      })),
    };
  };
  const gone = new Map<string, GroupRef>();
  for (const l of lineages) {
    for (const g of l?.from.groups ?? []) {
      if (!target.groups.some((x) => x.id === g.id) && !gone.has(g.id)) gone.set(g.id, { id: g.id, number: g.number, title: g.title });
    }
  }
  return {
    target,
    lineages,
    rows: [...rows, ...vanished.values()],
    groups: [...target.groups.map((g) => group({ id: g.id, number: g.number, title: g.title }, false)), ...[...gone.values()].map((g) => group(g, true))],
  };
}

/** `snapshots` in the order to lay them out (the comparison: earlier, later; the trend: by time). */
export function align(
  catalogue: Catalogue,
  snapshots: InspectionSnapshot[],
  include: (target: Checklist, owner: number) => boolean = () => true,
): Alignment {
  const units = unionUnits(catalogue, snapshots);
  const parties = snapshots.map((s) => party(catalogue, s));
  return {
    inspections: snapshots.map(head),
    units,
    checklists: linkChecklists(catalogue, snapshots, include).map((link) => alignChecklist(units, parties, link.target, link.lineages)),
  };
}
