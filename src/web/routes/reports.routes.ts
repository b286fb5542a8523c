// PDF reports for every role: the national report and one per unit. The use cases
// (src/app/reports.ts) serve a vastgesteld inspection's stored bytes, or print the report.
import { nationalReportPdf, unitReportPdf } from '../../app/reports';
import { sendDownload } from '../download';
import { withInspection } from '../handler';
import { EVERY_ROLE, RouteDef } from '../route-table';

/** "recht-van-klagen-2022-rapport.pdf": only safe characters in the header. */
function reportFilename(...parts: string[]): string {
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-')}.pdf`;
}

export const reportRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/rapport.pdf',
    access: EVERY_ROLE,
    summary: 'landelijk rapport (PDF)',
    handler: withInspection('read', async ({ ctx, user, res, inspection }) => {
      const pdf = await nationalReportPdf(ctx, user, inspection.id);
      sendDownload(res, pdf, 'application/pdf', reportFilename(inspection.ref, 'rapport'));
    }),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/eenheden/:unitCode/rapport.pdf',
    access: EVERY_ROLE,
    summary: 'rapport per eenheid (PDF)',
    handler: withInspection('read', async ({ ctx, user, req, res, inspection }) => {
      const unit = String(req.params.unitCode);
      const pdf = await unitReportPdf(ctx, user, inspection.id, unit);
      sendDownload(res, pdf, 'application/pdf', reportFilename(inspection.ref, unit, 'rapport'));
    }),
  },
];
