// The overview's figures as the domain computes them on a fresh read (a second connection shares
// no snapshot cache and no memo): what the overview's memo and its disk store must agree with.
import type { Ctx } from '../../src/context';
import { groupBlockers, type InspectionOverview } from '../../src/app/status';
import { inspectionStatus } from '../../src/domain/status';
import { openDatabase } from '../../src/store/db';
import { loadSnapshot } from '../../src/store/inspections.store';

export function domainOverviewFigures(ctx: Pick<Ctx, 'dataDir' | 'catalogue'>, id: number): InspectionOverview {
  const db = openDatabase(ctx.dataDir);
  try {
    const status = inspectionStatus(loadSnapshot(db, id), ctx.catalogue);
    return { assessed: status.assessed, total: status.total, progress: status.progress, blockerCounts: groupBlockers(status.blockers).map((g) => [g.kind, g.list.length] as const) };
  } finally {
    db.close();
  }
}
