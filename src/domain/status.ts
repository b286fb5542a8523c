// The state of an inspection in one value: progress, roll-ups per checklist and blockers.
// Everything that shows "where are we" (overview, status command, national page, reports) uses
// this, so they cannot disagree.
import { allCriteria, Catalogue, Checklist, NOT_ASSESSED } from './checklist';
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

export function inspectionStatus(snapshot: InspectionSnapshot, catalogue: Catalogue): InspectionStatus {
  const rollups: InspectionStatus['rollups'] = [];
  let total = 0;
  let assessed = 0;
  for (const ref of snapshot.checklists) {
    const checklist = catalogue.checklists.get(ref.id);
    if (!checklist) continue;
    const cells = snapshot.verdicts.filter((v) => v.checklist === checklist.id);
    const overrides = snapshot.overrides.filter((o) => o.checklist === checklist.id);
    rollups.push({ checklist, rollup: rollUp(checklist, snapshot.units, cells, overrides) });
    total += allCriteria(checklist).length * snapshot.units.length;
    assessed += cells.filter((c) => c.verdict !== NOT_ASSESSED && snapshot.units.includes(c.unit)).length;
  }
  return {
    assessed,
    total,
    progress: total === 0 ? 0 : assessed / total,
    rollups,
    blockers: findBlockers(snapshot, catalogue.checklists),
  };
}
