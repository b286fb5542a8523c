// The reports for every role: the national report and one per unit, as PDF and as Word. The use
// cases (src/app/reports.ts) serve a vastgesteld inspection's stored bytes, or make the report.
import { nationalReportDocx, nationalReportPdf, unitReportDocx, unitReportPdf } from '../../app/reports';
import { unitNameOf } from '../../domain/units';
import { reportFileName } from '../../present/filenames';
import { DOCX_MIME } from '../../reports/docx';
import { sendDownload } from '../download';
import { withInspection } from '../handler';
import { EVERY_ROLE, RouteDef } from '../route-table';

const FORMATS = {
  pdf: { mime: 'application/pdf', label: 'PDF', national: nationalReportPdf, unit: unitReportPdf },
  docx: { mime: DOCX_MIME, label: 'Word', national: nationalReportDocx, unit: unitReportDocx },
} as const;

/** The national report's route and the unit report's, in one format. */
function reportRoutesIn(extension: keyof typeof FORMATS): RouteDef[] {
  const f = FORMATS[extension];
  return [
    {
      method: 'get',
      path: `/onderzoeken/:inspectionId/rapport.${extension}`,
      access: EVERY_ROLE,
      summary: `landelijk rapport (${f.label})`,
      handler: withInspection('read', async ({ ctx, user, res, inspection }) => {
        const bytes = await f.national(ctx, user, inspection.id);
        const final = inspection.status === 'vastgesteld';
        sendDownload(res, bytes, f.mime, reportFileName({ title: inspection.title, year: inspection.year, what: 'landelijk rapport', final, extension }));
      }),
    },
    {
      method: 'get',
      path: `/onderzoeken/:inspectionId/eenheden/:unitCode/rapport.${extension}`,
      access: EVERY_ROLE,
      summary: `rapport per eenheid (${f.label})`,
      handler: withInspection('read', async ({ ctx, user, req, res, inspection }) => {
        const unit = String(req.params.unitCode);
        const bytes = await f.unit(ctx, user, inspection.id, unit);
        const final = inspection.status === 'vastgesteld';
        sendDownload(res, bytes, f.mime, reportFileName({ title: inspection.title, year: inspection.year, what: `rapport ${unitNameOf(ctx.catalogue, inspection, unit)}`, final, extension }));
      }),
    },
  ];
}

export const reportRoutes: RouteDef[] = [...reportRoutesIn('pdf'), ...reportRoutesIn('docx')];
