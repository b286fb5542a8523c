// The overview: every inspection with year, status, progress and its blockers to a final report.
import { inspectionStatus } from '../../domain/status';
import { canCreateInspection } from '../../domain/access';
import { listInspections, loadSnapshot } from '../../store/inspections.store';
import { EVERY_ROLE, RouteDef } from '../route-table';

export const overviewRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/',
    access: EVERY_ROLE,
    summary: 'overzicht van onderzoeken',
    handler: (req, res) => {
      const rows = listInspections(req.ctx.db).map((i) => {
        const snapshot = loadSnapshot(req.ctx.db, i.id);
        const status = inspectionStatus(snapshot, req.ctx.catalogue);
        const blockerCounts = new Map<string, number>();
        for (const b of status.blockers) blockerCounts.set(b.kind, (blockerCounts.get(b.kind) ?? 0) + 1);
        return { inspection: i, status, blockerCounts: [...blockerCounts.entries()] };
      });
      res.render('overview/index', { title: 'Onderzoeken', rows, canCreate: canCreateInspection(req.user!) });
    },
  },
];
