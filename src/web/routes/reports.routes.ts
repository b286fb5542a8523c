// PDF reports for every role: the national report and one per unit. The use cases
// (src/app/reports.ts) serve a vastgesteld inspection's stored bytes, or print the report.
import { nationalReportDocx, nationalReportPdf, unitReportDocx, unitReportPdf } from '../../app/reports';
import { DOCX_MIME } from '../../reports/docx';
import { sendDownload } from '../download';
import { withInspection } from '../handler';
import { EVERY_ROLE, RouteDef } from '../route-table';

import { unitName } from '../../criteria';
import { reportFileName } from '../../present/filenames';

export const reportRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/rapport.pdf',
    access: EVERY_ROLE,
    summary: 'landelijk rapport (PDF)',
    handler: withInspection('read', async ({ ctx, user, res, inspection }) => {
      const pdf = await nationalReportPdf(ctx, user, inspection.id);
      const final = inspection.status === 'vastgesteld';
      sendDownload(res, pdf, 'application/pdf', reportFileName({ title: inspection.title, year: inspection.year, what: 'landelijk rapport', final, extension: 'pdf' }));
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
      const final = inspection.status === 'vastgesteld';
      sendDownload(res, pdf, 'application/pdf', reportFileName({ title: inspection.title, year: inspection.year, what: `rapport ${unitName(ctx.catalogue, unit)}`, final, extension: 'pdf' }));
    }),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/rapport.docx',
    access: EVERY_ROLE,
    summary: 'landelijk rapport (Word)',
    handler: withInspection('read', async ({ ctx, user, res, inspection }) => {
      const docx = await nationalReportDocx(ctx, user, inspection.id);
      const final = inspection.status === 'vastgesteld';
      sendDownload(res, docx, DOCX_MIME, reportFileName({ title: inspection.title, year: inspection.year, what: 'landelijk rapport', final, extension: 'docx' }));
    }),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/eenheden/:unitCode/rapport.docx',
    access: EVERY_ROLE,
    summary: 'rapport per eenheid (Word)',
    handler: withInspection('read', async ({ ctx, user, req, res, inspection }) => {
      const unit = String(req.params.unitCode);
      const docx = await unitReportDocx(ctx, user, inspection.id, unit);
      const final = inspection.status === 'vastgesteld';
      sendDownload(res, docx, DOCX_MIME, reportFileName({ title: inspection.title, year: inspection.year, what: `rapport ${unitName(ctx.catalogue, unit)}`, final, extension: 'docx' }));
    }),
  },
];
