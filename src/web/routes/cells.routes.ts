// The cell page: one unit × one criterion. Verdict, motivation and workflow are saved against the
// version the user saw; a stale save answers 409 with the stored version and the user's input.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { allCriteria, findCriterion, NOT_ASSESSED } from '../../domain/checklist';
import type { InspectionSummary, VerdictRecord } from '../../domain/inspection';
import { WORKFLOW } from '../../domain/vocabulary';
import { AppError, notFound, StaleVersionError } from '../../errors';
import { loadSnapshot } from '../../store/inspections.store';
import { CellKey, getCell, linkEvidence, saveVerdict, unlinkEvidence } from '../../store/verdicts.store';
import { parseForm } from '../forms';
import { inspectionFor, numericParam } from '../inspection-access';
import { FormState, idField, mayEdit, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const CELL = '/onderzoeken/:inspectionId/cellen/:checklistId/:criterionId/:unitCode';

interface CellContext {
  inspection: InspectionSummary;
  key: CellKey;
  checklist: NonNullable<ReturnType<Request['ctx']['catalogue']['checklists']['get']>>;
  criterion: NonNullable<ReturnType<typeof findCriterion>>;
}

function cellContext(req: Request, mode: 'read' | 'edit'): CellContext {
  const inspection = inspectionFor(req, mode);
  const { checklistId, criterionId, unitCode } = req.params as Record<string, string>;
  const checklist = req.ctx.catalogue.checklists.get(checklistId);
  if (!checklist || !inspection.checklists.some((c) => c.id === checklistId)) throw notFound('Deze checklist hoort niet bij dit onderzoek');
  const criterion = findCriterion(checklist, criterionId);
  if (!criterion) throw notFound('Dit criterium bestaat niet');
  if (!inspection.units.includes(unitCode)) throw notFound('Deze eenheid hoort niet bij dit onderzoek');
  return { inspection, checklist, criterion, key: { inspectionId: inspection.id, checklist: checklistId, criterion: criterionId, unit: unitCode } };
}

function predecessorCell(req: Request, inspection: InspectionSummary, key: CellKey): VerdictRecord | null {
  if (!inspection.predecessorId) return null;
  try {
    return getCell(req.ctx.db, { ...key, inspectionId: inspection.predecessorId });
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  }
}

/** Neighbouring cells, so an inspector can work through a row or a column without the matrix. */
function neighbours(c: CellContext) {
  const criteria = allCriteria(c.checklist);
  const ci = criteria.findIndex((cr) => cr.id === c.key.criterion);
  const ui = c.inspection.units.indexOf(c.key.unit);
  const href = (criterion: string, unit: string) =>
    `/onderzoeken/${c.inspection.id}/cellen/${encodeURIComponent(c.key.checklist)}/${encodeURIComponent(criterion)}/${encodeURIComponent(unit)}`;
  const crit = (i: number) => (i >= 0 && i < criteria.length ? { href: href(criteria[i].id, c.key.unit), label: `${c.checklist.shortTitle} ${criteria[i].number}` } : null);
  const unit = (i: number) => (i >= 0 && i < c.inspection.units.length ? { href: href(c.key.criterion, c.inspection.units[i]), label: c.inspection.units[i] } : null);
  return { prevCriterion: crit(ci - 1), nextCriterion: crit(ci + 1), prevUnit: unit(ui - 1), nextUnit: unit(ui + 1) };
}

function renderCell(req: Request, res: Response, c: CellContext, status = 200, form: FormState = noForm) {
  const snapshot = loadSnapshot(req.ctx.db, c.inspection.id);
  const cell = snapshot.verdicts.find((v) => v.checklist === c.key.checklist && v.criterion === c.key.criterion && v.unit === c.key.unit);
  if (!cell) throw notFound('Deze cel bestaat niet in dit onderzoek');
  const evidenceById = new Map(snapshot.evidence.map((e) => [e.id, e]));
  const group = c.checklist.groups.find((g) => g.id === c.criterion.groupId)!;
  res.status(status).render('cell/show', {
    title: `${c.checklist.shortTitle} ${c.criterion.number} · ${req.ctx.catalogue.units.find((u) => u.code === c.key.unit)?.name ?? c.key.unit}`,
    inspection: c.inspection,
    canEdit: mayEdit(req, c.inspection),
    checklist: c.checklist,
    group,
    criterion: c.criterion,
    unit: c.key.unit,
    cell,
    links: cell.links.map((l) => ({ ...l, evidence: evidenceById.get(l.evidenceId)! })).filter((l) => l.evidence),
    linkable: snapshot.evidence.filter((e) => !cell.links.some((l) => l.evidenceId === e.id)),
    predecessor: snapshot.predecessor,
    previous: predecessorCell(req, c.inspection, c.key),
    form,
    notAssessed: NOT_ASSESSED,
    saved: req.query.opgeslagen === '1',
    nav: neighbours(c),
  });
}

function verdictSchema(c: CellContext) {
  const codes = [NOT_ASSESSED, ...c.checklist.scale.levels.map((l) => l.code)] as [string, ...string[]];
  return z
    .object({
      verdict: z.enum(codes, { message: 'Kies een oordeel.' }),
      motivation: textField('De motivering', 50_000),
      workflow: z.enum(WORKFLOW, { message: 'Kies een status.' }),
      version: versionField,
    })
    .strict();
}

const linkSchema = z
  .object({
    evidenceId: idField('een bron'),
    excerpt: textField('Het citaat', 20_000),
  })
  .strict();

function cellPath(c: CellContext): string {
  return `/onderzoeken/${c.inspection.id}/cellen/${encodeURIComponent(c.key.checklist)}/${encodeURIComponent(c.key.criterion)}/${encodeURIComponent(c.key.unit)}`;
}

export const cellRoutes: RouteDef[] = [
  {
    method: 'get',
    path: CELL,
    access: EVERY_ROLE,
    summary: 'cel: oordeel, motivering en bronnen van één eenheid op één criterium',
    handler: (req, res) => renderCell(req, res, cellContext(req, 'read')),
  },
  {
    method: 'post',
    path: CELL,
    access: EDITORS,
    summary: 'oordeel van een cel opslaan',
    handler: (req, res) => {
      const c = cellContext(req, 'edit');
      const form = parseForm(verdictSchema(c), req.body);
      if (!form.ok) return renderCell(req, res, c, 400, { key: 'verdict', errors: form.errors, values: form.values });
      const { version, ...input } = form.data;
      try {
        saveVerdict(req.ctx.db, req.user!.email, c.key, version, input);
      } catch (e) {
        if (e instanceof StaleVersionError) {
          return renderCell(req, res, c, 409, { key: 'verdict', errors: {}, values: { ...input }, conflict: e.current, message: e.message });
        }
        throw e;
      }
      res.redirect(303, `${cellPath(c)}?opgeslagen=1`);
    },
  },
  {
    method: 'post',
    path: `${CELL}/koppelingen`,
    access: EDITORS,
    summary: 'bron aan een cel koppelen of het citaat wijzigen',
    handler: (req, res) => {
      const c = cellContext(req, 'edit');
      const form = parseForm(linkSchema, req.body);
      const formKey = `link:${String((req.body as Record<string, unknown>)?.evidenceId ?? '')}`;
      if (!form.ok) return renderCell(req, res, c, 400, { key: formKey, errors: form.errors, values: form.values });
      const cell = getCell(req.ctx.db, c.key);
      try {
        linkEvidence(req.ctx.db, req.user!.email, c.inspection.id, cell.id, form.data.evidenceId, form.data.excerpt);
      } catch (e) {
        if (e instanceof AppError && e.status === 404) {
          return renderCell(req, res, c, 400, { key: formKey, errors: { evidenceId: 'Deze bron bestaat niet in dit onderzoek.' }, values: { ...(req.body as Record<string, unknown>) } });
        }
        throw e;
      }
      res.redirect(303, `${cellPath(c)}#bronnen`);
    },
  },
  {
    method: 'post',
    path: `${CELL}/koppelingen/:evidenceId/verwijderen`,
    access: EDITORS,
    summary: 'koppeling tussen bron en cel verwijderen',
    handler: (req, res) => {
      const c = cellContext(req, 'edit');
      const evidenceId = numericParam(req, 'evidenceId', 'Bron niet gevonden');
      const cell = getCell(req.ctx.db, c.key);
      unlinkEvidence(req.ctx.db, req.user!.email, c.inspection.id, cell.id, evidenceId);
      res.redirect(303, `${cellPath(c)}#bronnen`);
    },
  },
];
