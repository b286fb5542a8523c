// The overview: every inspection with year, status, progress and its blockers to a final report.
import { overviewPage } from '../../app/inspections';
import { withUser } from '../handler';
import { EVERY_ROLE, RouteDef } from '../route-table';

export const overviewRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/',
    access: EVERY_ROLE,
    summary: 'overzicht van onderzoeken',
    handler: withUser((hc) => { hc.res.render('overview/index', { title: 'Onderzoeken', ...overviewPage(hc.ctx, hc.user) }); }),
  },
];
