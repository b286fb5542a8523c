// PDF reports for every role: the national report and one per unit. Thin on purpose: a
// finalised inspection can later serve its stored bytes by swapping what `pdfFor` returns.
import { notFound } from '../../errors';
import { nationalReportPdf, unitReportPdf } from '../../reports';
import { storedReport } from '../../store/finalisation.store';
import { sendDownload } from '../download';
import { inspectionFor } from '../inspection-access';
import { EVERY_ROLE, RouteDef } from '../route-table';

/** "recht-van-klagen-2022-rapport.pdf": only safe characters in the header. */
export function reportFilename(...parts: string[]): string {
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-')}.pdf`;
}

export const reportRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/rapport.pdf',
    access: EVERY_ROLE,
    summary: 'landelijk rapport (PDF)',
    handler: async (req, res) => {
      const inspection = inspectionFor(req, 'read');
      // A finalised inspection serves the bytes stored at vaststelling, after checking their hash.
      const bytes = storedReport(req.ctx.db, inspection.id, null)?.pdf ?? (await nationalReportPdf(req.ctx, inspection.id));
      sendDownload(res, bytes, 'application/pdf', reportFilename(inspection.ref, 'rapport'));
    },
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/eenheden/:unitCode/rapport.pdf',
    access: EVERY_ROLE,
    summary: 'rapport per eenheid (PDF)',
    handler: async (req, res) => {
      const inspection = inspectionFor(req, 'read');
      const unit = String(req.params.unitCode);
      if (!inspection.units.includes(unit)) throw notFound('Deze eenheid hoort niet bij dit onderzoek.');
      const bytes = storedReport(req.ctx.db, inspection.id, unit)?.pdf ?? (await unitReportPdf(req.ctx, inspection.id, unit));
      sendDownload(res, bytes, 'application/pdf', reportFilename(inspection.ref, unit, 'rapport'));
    },
  },
];
