// Where inspections stand: the list, and of one inspection its progress, the roll-ups per
// checklist and the blockers to a final report. The inspection home and `toetsing status` both
// come here, so they cannot disagree.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { Blocker, BLOCKER_KIND_LABELS, BlockerKind } from '../domain/blockers';
import type { InspectionSnapshot, InspectionSummary } from '../domain/inspection';
import { inspectionStatus, InspectionStatus } from '../domain/status';
import { listInspections, loadSnapshot } from '../store/inspections.store';
import { openInspection } from './inspection-access';

/** Every inspection, newest first: every role reads every one. */
export function inspectionList(ctx: Ctx): InspectionSummary[] {
  return listInspections(ctx.db);
}

export interface BlockerGroup {
  kind: BlockerKind;
  label: string;
  list: Blocker[];
}

/** The blockers by kind, kinds in the order they first occur. */
export function groupBlockers(blockers: Blocker[]): BlockerGroup[] {
  const byKind = new Map<BlockerKind, Blocker[]>();
  for (const b of blockers) {
    const list = byKind.get(b.kind);
    if (list) list.push(b);
    else byKind.set(b.kind, [b]);
  }
  return [...byKind.entries()].map(([kind, list]) => ({ kind, label: BLOCKER_KIND_LABELS[kind], list }));
}

export interface InspectionProgress {
  inspection: InspectionSummary;
  snapshot: InspectionSnapshot;
  /** Progress, roll-ups per checklist and blockers, from the domain's one computation. */
  status: InspectionStatus;
  blockerGroups: BlockerGroup[];
}

export function inspectionProgress(ctx: Ctx, actor: Actor, inspectionId: number): InspectionProgress {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const status = inspectionStatus(snapshot, ctx.catalogue);
  return { inspection, snapshot, status, blockerGroups: groupBlockers(status.blockers) };
}
