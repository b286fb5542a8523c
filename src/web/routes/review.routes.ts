// Review (src/app/review.ts): the queue with its filters and its "Goedkeuren" buttons, the setting
// "review required", and approving or withdrawing one cell or section from its own page. Every
// approval posts the version the reviewer saw; a refusal (own change, a version that moved on,
// nothing to review) renders the page again with the message and the status of its kind, and
// writes nothing.
import { z } from 'zod';
import { approveCell, approveMany, approveSection, NO_QUEUE_FILTERS, parseQueueValue, QueueFilters, queueChoices, reviewQueue, setReviewRequired, withdraw, type ApproveRequest, type ManyOutcome } from '../../app/review';
import { cellTargetKey, sectionTargetKey } from '../../domain/review';
import { AppError, invalid } from '../../errors';
import { url } from '../../present';
import { loadSnapshot } from '../../store/inspections.store';
import { parseForm } from '../forms';
import { bodyOf, idParam, InspectionHc, withInspection } from '../handler';
import { httpStatus } from '../http-errors';
import { checkboxes, FormState, noForm, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { renderCell, withCell } from './cells.routes';
import { renderSection } from './outline.routes';

const BASE = '/onderzoeken/:inspectionId/review';
const CELL = '/onderzoeken/:inspectionId/cellen/:checklistId/:criterionId/:unitCode';
const SECTION = '/onderzoeken/:inspectionId/rapport/secties/:sectionId';

/** A refusal a person can act on is shown on the page; anything else (not found, vastgesteld) goes on as usual. */
function shown(e: unknown): e is AppError {
  return e instanceof AppError && (e.kind === 'invalid' || e.kind === 'conflict' || e.kind === 'forbidden');
}

/** The first message of a refused form (the review forms have one field at most). */
const firstError = (errors: Record<string, string>, fallback: string): string => Object.values(errors).at(0) ?? fallback;

const reviewForm = (message: string): FormState => ({ key: 'review', errors: { _form: message }, values: {} });

function filterSchema(choices: ReturnType<typeof queueChoices>) {
  const opt = (values: string[], message: string) =>
    z.string().optional().transform((s) => s ?? '').refine((s) => s === '' || values.includes(s), message);
  return z
    .object({
      groep: opt(choices.groups.map((g) => g.value), 'Kies een onderdeel uit de lijst.'),
      eenheid: opt(choices.units, 'Deze eenheid hoort niet bij het onderzoek.'),
      auteur: opt(choices.authors.map((a) => a.value), 'Kies een auteur uit de lijst.'),
      goedgekeurd: z.string().regex(/^\d{1,6}$/).optional(),
      instelling: z.literal('1').optional(),
    })
    .strict();
}

const DONE = (q: Record<string, unknown>): string | null => {
  if (typeof q.goedgekeurd === 'string' && /^\d{1,6}$/.test(q.goedgekeurd)) {
    const n = Number(q.goedgekeurd);
    return n === 1 ? 'Eén onderdeel is goedgekeurd.' : `${n} onderdelen zijn goedgekeurd.`;
  }
  return q.instelling === '1' ? 'De instelling is opgeslagen.' : null;
};

function renderQueue(hc: InspectionHc, status: number, form: FormState = noForm, outcome: ManyOutcome | null = null) {
  const q = hc.req.method === 'GET' ? (hc.req.query as Record<string, unknown>) : {};
  const parsed = parseForm(filterSchema(queueChoices(hc.ctx, loadSnapshot(hc.ctx.db, hc.inspection.id))), q);
  const filters: QueueFilters = parsed.ok ? { group: parsed.data.groep, unit: parsed.data.eenheid, author: parsed.data.auteur } : NO_QUEUE_FILTERS;
  const queue = reviewQueue(hc.ctx, hc.user, hc.inspection.id, filters);
  hc.res.status(parsed.ok ? status : httpStatus('invalid')).render('review/index', {
    title: `Review · ${hc.inspection.title}`,
    inspection: queue.inspection,
    canEdit: queue.canEdit,
    queue,
    filters: parsed.ok ? { groep: filters.group, eenheid: filters.unit, auteur: filters.author } : parsed.values,
    errors: parsed.ok ? {} : parsed.errors,
    done: DONE(q),
    outcome,
    form,
  });
}

const approveSchema = z.object({ version: versionField }).strict();
const queueSchema = z
  .object({
    item: checkboxes(z.string().max(400)).pipe(z.array(z.string()).max(20_000, 'Te veel onderdelen in één keer.')),
    een: z.string().max(400).optional(),
    actie: z.literal('geselecteerd').optional(),
  })
  .strict();

/** The queue's items as posted: the one button pressed, else every ticked box. */
function postedItems(body: z.infer<typeof queueSchema>): ApproveRequest[] {
  const values = body.een !== undefined ? [body.een] : body.item;
  if (values.length === 0) throw invalid('Kies ten minste één onderdeel om goed te keuren.', '_form');
  return values.map((v) => parseQueueValue(v) ?? (() => { throw invalid('Ongeldig onderdeel; laad de pagina opnieuw.', '_form'); })());
}

export const reviewRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'review: wat op goedkeuring wacht (te reviewen, goedkeuring vervallen), te filteren op onderdeel, eenheid en auteur',
    handler: withInspection('read', (hc) => { renderQueue(hc, 200); }),
  },
  {
    method: 'post',
    path: `${BASE}/goedkeuren`,
    access: EDITORS,
    summary: 'onderdelen uit de reviewlijst goedkeuren (één knop of de geselecteerde), elk op de geziene versie',
    handler: withInspection('edit', (hc) => {
      const parsed = parseForm(queueSchema, bodyOf(hc.req));
      if (!parsed.ok) { renderQueue(hc, httpStatus('invalid'), { key: 'review', errors: { _form: firstError(parsed.errors, 'Ongeldige invoer.') }, values: {} }); return; }
      let items: ApproveRequest[];
      try {
        items = postedItems(parsed.data);
      } catch (e) {
        if (!shown(e)) throw e;
        renderQueue(hc, httpStatus(e.kind), reviewForm(e.message));
        return;
      }
      const outcome = approveMany(hc.ctx, hc.user, hc.inspection.id, items);
      if (outcome.refused.length === 0) { hc.res.redirect(303, `${url.review(hc.inspection.id)}?goedgekeurd=${outcome.approved}`); return; }
      // Nothing approved: the status says why (403 own change, 409 moved on); else the page reports both.
      renderQueue(hc, outcome.approved === 0 ? httpStatus(outcome.refused[0].kind) : 200, noForm, outcome);
    }),
  },
  {
    method: 'post',
    path: `${BASE}/instelling`,
    access: EDITORS,
    summary: 'instelling: review verplicht vóór vaststelling (aan of uit)',
    handler: withInspection('edit', (hc) => {
      const parsed = parseForm(z.object({ verplicht: z.literal('1', { error: 'Ongeldige keuze.' }).optional() }).strict(), bodyOf(hc.req));
      if (!parsed.ok) { renderQueue(hc, httpStatus('invalid'), { key: 'setting', errors: { verplicht: firstError(parsed.errors, 'Ongeldige keuze.') }, values: {} }); return; }
      setReviewRequired(hc.ctx, hc.user, hc.inspection.id, parsed.data.verplicht === '1');
      hc.res.redirect(303, `${url.review(hc.inspection.id)}?instelling=1#instelling`);
    }),
  },
  {
    method: 'post',
    path: `${CELL}/goedkeuren`,
    access: EDITORS,
    summary: 'oordeel van een cel goedkeuren (review) op de geziene versie',
    handler: withCell('edit', (hc) => {
      const { cell } = hc;
      const parsed = parseForm(approveSchema, bodyOf(hc.req));
      if (!parsed.ok) { renderCell(hc, httpStatus('invalid'), reviewForm(firstError(parsed.errors, 'Ongeldige invoer; laad de pagina opnieuw.'))); return; }
      try {
        approveCell(hc.ctx, hc.user, cell.key, parsed.data.version);
      } catch (e) {
        if (!shown(e)) throw e;
        renderCell(hc, httpStatus(e.kind), reviewForm(e.message));
        return;
      }
      hc.res.redirect(303, `${url.cell(cell.key.inspectionId, cell.key.checklist, cell.key.criterion, cell.key.unit)}#review`);
    }),
  },
  {
    method: 'post',
    path: `${CELL}/goedkeuring-intrekken`,
    access: EDITORS,
    summary: 'goedkeuring van een cel intrekken (wie goedkeurde of een beheerder)',
    handler: withCell('edit', (hc) => {
      const { cell } = hc;
      const parsed = parseForm(z.object({}).strict(), bodyOf(hc.req));
      if (!parsed.ok) { renderCell(hc, httpStatus('invalid'), reviewForm(firstError(parsed.errors, 'Ongeldige invoer.'))); return; }
      try {
        withdraw(hc.ctx, hc.user, cell.key.inspectionId, { kind: 'cell', key: cellTargetKey(cell.key.checklist, cell.key.criterion, cell.key.unit) });
      } catch (e) {
        if (!shown(e)) throw e;
        renderCell(hc, httpStatus(e.kind), reviewForm(e.message));
        return;
      }
      hc.res.redirect(303, `${url.cell(cell.key.inspectionId, cell.key.checklist, cell.key.criterion, cell.key.unit)}#review`);
    }),
  },
  {
    method: 'post',
    path: `${SECTION}/goedkeuren`,
    access: EDITORS,
    summary: 'sectie van het rapport goedkeuren (review) op de geziene versie',
    handler: withInspection('edit', (hc) => {
      const sectionId = idParam(hc.req, 'sectionId', 'Sectie niet gevonden');
      const parsed = parseForm(approveSchema, bodyOf(hc.req));
      if (!parsed.ok) { renderSection(hc, httpStatus('invalid'), reviewForm(firstError(parsed.errors, 'Ongeldige invoer; laad de pagina opnieuw.'))); return; }
      try {
        approveSection(hc.ctx, hc.user, hc.inspection.id, sectionId, parsed.data.version);
      } catch (e) {
        if (!shown(e)) throw e;
        renderSection(hc, httpStatus(e.kind), reviewForm(e.message));
        return;
      }
      hc.res.redirect(303, `${url.section(hc.inspection.id, sectionId)}#review`);
    }),
  },
  {
    method: 'post',
    path: `${SECTION}/goedkeuring-intrekken`,
    access: EDITORS,
    summary: 'goedkeuring van een sectie intrekken (wie goedkeurde of een beheerder)',
    handler: withInspection('edit', (hc) => {
      const sectionId = idParam(hc.req, 'sectionId', 'Sectie niet gevonden');
      const parsed = parseForm(z.object({}).strict(), bodyOf(hc.req));
      if (!parsed.ok) { renderSection(hc, httpStatus('invalid'), reviewForm(firstError(parsed.errors, 'Ongeldige invoer.'))); return; }
      try {
        withdraw(hc.ctx, hc.user, hc.inspection.id, { kind: 'section', key: sectionTargetKey(sectionId) });
      } catch (e) {
        if (!shown(e)) throw e;
        renderSection(hc, httpStatus(e.kind), reviewForm(e.message));
        return;
      }
      hc.res.redirect(303, `${url.section(hc.inspection.id, sectionId)}#review`);
    }),
  },
];
