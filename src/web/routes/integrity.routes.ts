// History (the change log, read back) and vaststelling: the blockers with their acceptances,
// finalising with stored report bytes, and reopening a finalised inspection as a new revision.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { findCriterion } from '../../domain/checklist';
import { finalisationCheck } from '../../domain/finalisation';
import { inspectionStatus } from '../../domain/status';
import { canEditInspection } from '../../domain/access';
import { finalised, notFound } from '../../errors';
import { renderFinalReports } from '../../reports/final-reports';
import { nowIso } from '../../store/db';
import { acceptBlocker, finaliseInspection, listAcceptances, listFinalReports, reopenAsRevision, revisionInfo, stateMark } from '../../store/finalisation.store';
import { cellHistory, inspectionHistory, verdictChecklists } from '../../store/history.store';
import { loadSnapshot } from '../../store/inspections.store';
import { getCell } from '../../store/verdicts.store';
import { parseForm } from '../forms';
import { historyItems } from '../history-view';
import { inspectionFor } from '../inspection-access';
import { FormState, noForm } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const PER_PAGE = 50;

const pageQuery = z.object({ pagina: z.string().regex(/^\d{1,6}$/).transform(Number).optional() });

function pageOf(req: Request): number {
  const q = pageQuery.safeParse({ pagina: typeof req.query.pagina === 'string' ? req.query.pagina : undefined });
  return q.success && q.data.pagina && q.data.pagina > 0 ? q.data.pagina : 1;
}

function renderHistory(req: Request, res: Response, opts: { inspectionId: number; verdictId?: number; heading: string; back: { href: string; label: string } }) {
  const inspection = inspectionFor(req, 'read');
  const page = pageOf(req);
  const offset = (page - 1) * PER_PAGE;
  const h = opts.verdictId === undefined
    ? inspectionHistory(req.ctx.db, inspection.id, offset, PER_PAGE)
    : cellHistory(req.ctx.db, inspection.id, opts.verdictId, offset, PER_PAGE);
  res.render('integrity/history', {
    title: `Geschiedenis · ${opts.heading}`,
    inspection,
    heading: opts.heading,
    back: opts.back,
    items: historyItems(h.rows, req.ctx.catalogue, verdictChecklists(req.ctx.db, inspection.id)),
    page,
    pages: Math.max(1, Math.ceil(h.total / PER_PAGE)),
    total: h.total,
    canEdit: canEditInspection(req.user!, inspection.team),
  });
}

function renderFinalise(req: Request, res: Response, status = 200, form: FormState = noForm) {
  const inspection = inspectionFor(req, 'read');
  const snapshot = loadSnapshot(req.ctx.db, inspection.id);
  const blockers = inspectionStatus(snapshot, req.ctx.catalogue).blockers;
  const acceptances = listAcceptances(req.ctx.db, inspection.id);
  const check = finalisationCheck(blockers, acceptances, req.user!.email);
  const editor = canEditInspection(req.user!, inspection.team);
  res.status(status).render('integrity/finalise', {
    title: `Vaststellen · ${inspection.title}`,
    inspection,
    blockers,
    acceptanceOf: new Map(acceptances.map((a) => [a.blockerKey, a])),
    check,
    me: req.user!.email,
    canAct: editor && inspection.status === 'concept',
    canReopen: editor && inspection.status === 'vastgesteld',
    reports: listFinalReports(req.ctx.db, inspection.id),
    revisions: revisionInfo(req.ctx.db, inspection.id),
    canEdit: editor,
    form,
  });
}

const acceptSchema = z
  .object({
    blokkade: z.string().min(1, 'Kies een blokkade.').max(500),
    motivering: z.string().trim().min(1, 'Geef een motivering voor het aanvaarden van deze blokkade.').max(5000, 'De motivering mag hoogstens 5000 tekens zijn.'),
  })
  .strict();

const reopenSchema = z
  .object({ reden: z.string().trim().min(1, 'Geef de reden van de correctie.').max(5000, 'De reden mag hoogstens 5000 tekens zijn.') })
  .strict();

export const integrityRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/geschiedenis',
    access: EVERY_ROLE,
    summary: 'geschiedenis van een onderzoek (wijzigingslogboek)',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'read');
      renderHistory(req, res, { inspectionId: inspection.id, heading: inspection.title, back: { href: `/onderzoeken/${inspection.id}`, label: 'Terug naar het onderzoek' } });
    },
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/cellen/:checklistId/:criterionId/:unitCode/geschiedenis',
    access: EVERY_ROLE,
    summary: 'geschiedenis van één cel',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'read');
      const { checklistId, criterionId, unitCode } = req.params as Record<string, string>;
      const checklist = req.ctx.catalogue.checklists.get(checklistId);
      const criterion = checklist ? findCriterion(checklist, criterionId) : undefined;
      if (!checklist || !criterion) throw notFound('Deze cel bestaat niet in dit onderzoek');
      const cell = getCell(req.ctx.db, { inspectionId: inspection.id, checklist: checklistId, criterion: criterionId, unit: unitCode });
      const href = `/onderzoeken/${inspection.id}/cellen/${encodeURIComponent(checklistId)}/${encodeURIComponent(criterionId)}/${encodeURIComponent(unitCode)}`;
      renderHistory(req, res, {
        inspectionId: inspection.id,
        verdictId: cell.id,
        heading: `${checklist.shortTitle} ${criterion.number}, ${req.ctx.catalogue.units.find((u) => u.code === unitCode)?.name ?? unitCode}`,
        back: { href, label: 'Terug naar de cel' },
      });
    },
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/vaststellen',
    access: EVERY_ROLE,
    summary: 'vaststellen: blokkades, aanvaardingen en opgeslagen rapporten',
    handler: (req, res) => renderFinalise(req, res),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/vaststellen',
    access: EDITORS,
    summary: 'een onderzoek vaststellen: rapporten maken en met hun SHA-256 opslaan',
    handler: async (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const form = parseForm(z.object({}).strict(), req.body);
      if (!form.ok) return renderFinalise(req, res, 400, { key: 'finalise', errors: form.errors, values: {}, message: form.errors._form });
      if (inspection.status === 'vastgesteld') throw finalised();
      // Check before the (slow) rendering; the store checks again inside its transaction.
      const blockers = inspectionStatus(loadSnapshot(req.ctx.db, inspection.id), req.ctx.catalogue).blockers;
      if (!finalisationCheck(blockers, listAcceptances(req.ctx.db, inspection.id), req.user!.email).allowed) {
        return renderFinalise(req, res, 409, { key: 'finalise', errors: {}, values: {}, message: 'Vaststellen kan nog niet: zie de blokkades hieronder.' });
      }
      const mark = stateMark(req.ctx.db, inspection.id);
      const at = nowIso();
      const reports = await renderFinalReports(req.ctx, inspection.id, at);
      finaliseInspection(req.ctx.db, req.ctx.catalogue, req.user!.email, inspection.id, mark, reports, at);
      res.redirect(303, `/onderzoeken/${inspection.id}/vaststellen`);
    },
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/vaststellen/aanvaarden',
    access: EDITORS,
    summary: 'een resterende blokkade aanvaarden met motivering',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const form = parseForm(acceptSchema, req.body);
      if (!form.ok) return renderFinalise(req, res, 400, { key: `accept:${String(form.values.blokkade ?? '')}`, errors: form.errors, values: form.values });
      acceptBlocker(req.ctx.db, req.ctx.catalogue, req.user!.email, inspection.id, form.data.blokkade, form.data.motivering);
      res.redirect(303, `/onderzoeken/${inspection.id}/vaststellen`);
    },
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/heropenen',
    access: EDITORS,
    summary: 'een vastgesteld onderzoek heropenen als nieuwe revisie',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const form = parseForm(reopenSchema, req.body);
      if (!form.ok) return renderFinalise(req, res, 400, { key: 'reopen', errors: form.errors, values: form.values });
      const id = reopenAsRevision(req.ctx.db, req.ctx.catalogue, req.user!.email, inspection.id, form.data.reden);
      res.redirect(303, `/onderzoeken/${id}`);
    },
  },
];
