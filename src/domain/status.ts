// The state of an inspection in one value: progress, roll-ups per checklist and blockers.
// Everything that shows "where are we" (overview, status command, national page, reports) uses
// this, so they cannot disagree.
import { allCriteria, Catalogue, Checklist, checklistsOf, checklistVersion, NOT_ASSESSED } from './checklist';
import { Blocker, findBlockers } from './blockers';
import type { InspectionSnapshot } from './inspection';
import { rollUp, RollUp } from './rollup';

export interface InspectionStatus {
  assessed: number;
  total: number;
  /** 0..1 */
  progress: number;
  rollups: Array<{ checklist: Checklist; rollup: RollUp }>;
  blockers: Blocker[];
}

/**
 * Computed once per snapshot object: the store hands out the same (frozen) snapshot while the
 * inspection is unchanged, so pages viewed again reuse the roll-ups and blockers.
 */
const computed = new WeakMap<InspectionSnapshot, WeakMap<Catalogue, InspectionStatus>>();

export function inspectionStatus(snapshot: InspectionSnapshot, catalogue: Catalogue): InspectionStatus {
  if (!Object.isFrozen(snapshot)) return computeStatus(snapshot, catalogue);
  let byCatalogue = computed.get(snapshot);
  if (!byCatalogue) computed.set(snapshot, (byCatalogue = new WeakMap()));
  let status = byCatalogue.get(catalogue);
  if (!status) byCatalogue.set(catalogue, (status = computeStatus(snapshot, catalogue)));
  return status;
}

function computeStatus(snapshot: InspectionSnapshot, catalogue: Catalogue): InspectionStatus {
  const inScope = new Set(snapshot.units);
  const rollups: InspectionStatus['rollups'] = [];
  let total = 0;
  let assessed = 0;
  for (const ref of snapshot.checklists) {
    // The version the inspection uses, never a later one of the same id.
    const checklist = checklistVersion(catalogue, ref);
    if (!checklist) continue;
    const cells = snapshot.verdicts.filter((v) => v.checklist === checklist.id);
    const overrides = snapshot.overrides.filter((o) => o.checklist === checklist.id);
    rollups.push({ checklist, rollup: rollUp(checklist, snapshot.units, cells, overrides) });
    total += allCriteria(checklist).length * snapshot.units.length;
    assessed += cells.filter((c) => c.verdict !== NOT_ASSESSED && inScope.has(c.unit)).length;
  }
  // Blockers only when asked for: comparisons and trends need the roll-ups alone.
  let blockers: Blocker[] | undefined;
  return {
    assessed,
    total,
    progress: total === 0 ? 0 : assessed / total,
    rollups,
    get blockers() {
      return (blockers ??= findBlockers(snapshot, checklistsOf(catalogue, snapshot.checklists)));
    },
  };
}
