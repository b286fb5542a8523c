// Wederhoor on the concept report (src/app/wederhoor.ts): the tab with the rounds and the form
// to offer the concept, a page per round (its files with their SHA-256, its paragraphs, and the
// reactions part that wederhoor-reactions.routes.ts fills in), the stored PDF and Word file and the
// reaction form as downloads for the team, and closing a round.
import { z } from 'zod';
import { closeRound, reactionFormXlsx, roundFile, roundInputSchema, roundPage, startRound, wederhoorPage } from '../../app/wederhoor';
import { DOCX_MIME } from '../../reports/docx';
import { url } from '../../present';
import { sendDownload } from '../download';
import { idParam, InspectionHc, inspectionForm, withInspection, withUser } from '../handler';
import { FormState, noForm, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { reactionsPart } from './wederhoor-reactions.routes';

const BASE = '/onderzoeken/:inspectionId/wederhoor';
const ROUND = `${BASE}/:roundId`;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const roundOf = (hc: InspectionHc) => idParam(hc.req, 'roundId', 'Wederhoorronde niet gevonden');

function renderTab(hc: InspectionHc, status = 200, form: FormState = noForm) {
  const page = wederhoorPage(hc.ctx, hc.user, hc.inspection.id);
  hc.res.status(status).render('wederhoor/index', { title: `Wederhoor · ${hc.inspection.title}`, ...page, canEdit: page.canStart, form, today: new Date().toISOString().slice(0, 10) });
}

function renderRound(hc: InspectionHc, status = 200, form: FormState = noForm) {
  const page = roundPage(hc.ctx, hc.user, hc.inspection.id, roundOf(hc));
  hc.res.status(status).render('wederhoor/round', {
    title: `Wederhoor: ${page.round.organisation} · ${hc.inspection.title}`,
    ...page,
    form,
    reactionsPart: reactionsPart(hc, page.round.id),
  });
}

const fileRoute = (kind: 'pdf' | 'docx'): RouteDef => ({
  method: 'get',
  path: `${ROUND}/concept.${kind}`,
  // Every role reaches the check in the use case (the team only), as the evidence files do.
  access: EVERY_ROLE,
  summary: `het ${kind === 'pdf' ? 'PDF-bestand' : 'Word-bestand'} van een wederhoorronde downloaden, zoals verzonden (alleen het team)`,
  handler: withUser((hc) => {
    const f = roundFile(hc.ctx, hc.user, idParam(hc.req, 'inspectionId', 'Onderzoek niet gevonden'), idParam(hc.req, 'roundId', 'Wederhoorronde niet gevonden'), kind);
    hc.res.setHeader('X-Content-Type-Options', 'nosniff');
    sendDownload(hc.res, f.bytes, kind === 'pdf' ? 'application/pdf' : DOCX_MIME, f.filename);
  }),
});

export const wederhoorRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'wederhoor: de rondes op het conceptrapport',
    handler: withInspection('read', (hc) => renderTab(hc)),
  },
  {
    method: 'post',
    path: BASE,
    access: EDITORS,
    summary: 'conceptrapport ter wederhoor aanbieden (PDF en Word met paragraafnummers opgeslagen)',
    handler: inspectionForm({
      key: 'start',
      schema: roundInputSchema,
      act: async (hc, d) => url.wederhoorRound(hc.inspection.id, await startRound(hc.ctx, hc.user, hc.inspection.id, d)),
      render: renderTab,
    }),
  },
  {
    method: 'get',
    path: ROUND,
    access: EVERY_ROLE,
    summary: 'een wederhoorronde: partij, termijn, opgeslagen bestanden, paragrafen en reacties',
    handler: withInspection('read', (hc) => renderRound(hc)),
  },
  fileRoute('pdf'),
  fileRoute('docx'),
  {
    method: 'get',
    path: `${ROUND}/reactieformulier.xlsx`,
    access: EVERY_ROLE,
    summary: 'het reactieformulier (XLSX) van een wederhoorronde downloaden (alleen het team)',
    handler: withUser(async (hc) => {
      const f = await reactionFormXlsx(hc.ctx, hc.user, idParam(hc.req, 'inspectionId', 'Onderzoek niet gevonden'), idParam(hc.req, 'roundId', 'Wederhoorronde niet gevonden'));
      sendDownload(hc.res, f.bytes, XLSX_MIME, f.filename);
    }),
  },
  {
    method: 'post',
    path: `${ROUND}/afsluiten`,
    access: EDITORS,
    summary: 'een wederhoorronde afsluiten',
    handler: inspectionForm({
      key: 'close',
      schema: z.object({ version: versionField }),
      act: (hc, d) => {
        closeRound(hc.ctx, hc.user, hc.inspection.id, roundOf(hc), d.version);
        return url.wederhoorRound(hc.inspection.id, roundOf(hc));
      },
      render: renderRound,
    }),
  },
];
