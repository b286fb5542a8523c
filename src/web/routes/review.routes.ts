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
import type { ReviewQueueQuery } from '../../present/urls';
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
      groep: opt([...choices.checklists.map((c) => c.value), ...choices.groups.map((g) => g.value)], 'Kies een checklist of onderdeel uit de lijst.'),
      eenheid: opt(choices.units, 'Deze eenheid hoort niet bij het onderzoek.'),
      auteur: opt(choices.authors.map((a) => a.value), 'Kies een auteur uit de lijst.'),
      staat: opt(choices.states.map((st) => st.value), 'Kies een staat uit de lijst.'),
      goedgekeurd: z.string().regex(/^\d{1,6}$/).optional(),
      instelling: z.literal('1').optional(),
    })
    .strict();
}

// The page number is checked apart from the filters: a bad page keeps the filters and shows page 1.
const BAD_PAGE = 'Het paginanummer moet een getal zijn (1, 2, …); u ziet de eerste pagina.';
const pageSchema = z.string({ error: BAD_PAGE }).regex(/^\d{1,6}$/, BAD_PAGE).transform(Number).refine((n) => n >= 1, BAD_PAGE);

const DONE = (q: Record<string, unknown>): string | null => {
  if (typeof q.goedgekeurd === 'string' && /^\d{1,6}$/.test(q.goedgekeurd)) {
    const n = Number(q.goedgekeurd);
    return n === 1 ? 'Eén onderdeel is goedgekeurd.' : `${n} onderdelen zijn goedgekeurd.`;
  }
  return q.instelling === '1' ? 'De instelling is opgeslagen.' : null;
};

/** The queue's filters and page from the address: on the page itself (GET) and in the action of its approve form (POST). */
function queueQuery(hc: InspectionHc) {
  const { pagina, ...q } = hc.req.query as Record<string, unknown>;
  const parsed = parseForm(filterSchema(queueChoices(hc.ctx, loadSnapshot(hc.ctx.db, hc.inspection.id))), q);
  const page = pagina === undefined ? { success: true as const, data: 1 } : pageSchema.safeParse(pagina);
  const filters: QueueFilters = {
    ...(parsed.ok ? { group: parsed.data.groep, unit: parsed.data.eenheid, author: parsed.data.auteur, state: parsed.data.staat as QueueFilters['state'] } : NO_QUEUE_FILTERS),
    page: page.success ? page.data : 1,
  };
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  if (!page.success) errors.pagina = page.error.issues[0]?.message ?? 'Ongeldige pagina.';
  return { q, parsed, filters, errors };
}

/** The address form of the filters (and page), for links and the approve form's action. */
const asQuery = (f: QueueFilters): ReviewQueueQuery => ({ groep: f.group, eenheid: f.unit, auteur: f.author, staat: f.state, pagina: f.page > 1 ? f.page : undefined });

function renderQueue(hc: InspectionHc, status: number, form: FormState = noForm, outcome: ManyOutcome | null = null) {
  const { q, parsed, filters, errors } = queueQuery(hc);
  const queue = reviewQueue(hc.ctx, hc.user, hc.inspection.id, filters);
  const shownFilters = parsed.ok ? asQuery({ ...filters, page: 1 }) : parsed.values;
  hc.res.status(Object.keys(errors).length ? httpStatus('invalid') : status).render('review/index', {
    title: `Review · ${hc.inspection.title}`,
    inspection: queue.inspection,
    canEdit: queue.canEdit,
    queue,
    filters: shownFilters,
    // Links to other pages and the approve form keep the filters applied (and the page shown).
    pageHref: (p: number) => url.review(hc.inspection.id, asQuery({ ...queue.filters, page: p })),
    approveAction: url.reviewApprove(hc.inspection.id, asQuery({ ...queue.filters, page: queue.page })),
    errors,
    done: hc.req.method === 'GET' ? DONE(q) : null,
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
    summary: 'review: wat op goedkeuring wacht (te reviewen, goedkeuring vervallen), per pagina, te filteren op checklist of onderdeel, eenheid, auteur en staat',
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
      // Back to the page the reviewer was on, filters kept (the page may now hold the next items).
      if (outcome.refused.length === 0) { hc.res.redirect(303, url.review(hc.inspection.id, { ...asQuery(queueQuery(hc).filters), goedgekeurd: outcome.approved })); return; }
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
