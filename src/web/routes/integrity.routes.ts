// History (the change log, read back) and vaststelling: the blockers with their acceptances,
// finalising with stored report bytes, and reopening a finalised inspection as a new revision.
import type { Request } from 'express';
import { z } from 'zod';
import { resolveCell } from '../../app/cells';
import { acceptRemainingBlockers, BlockerFilter, finalisationView, finalise, reopen, withdrawBlockerAcceptance } from '../../app/finalisation';
import { cellHistoryView, inspectionHistoryView } from '../../app/history';
import { BLOCKER_KIND_LABELS, BlockerKind } from '../../domain/blockers';
import { isKind } from '../../errors';
import { url } from '../../present';
import { bodyOf, InspectionHc, inspectionForm, runForm, withInspection, withUser } from '../handler';
import { httpStatus } from '../http-errors';
import { FormState, noForm } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { cellAddress } from './cells.routes';
import { UNIT_CODE } from '../../domain/units';

const pageQuery = z.object({ pagina: z.string().regex(/^\d{1,6}$/).transform(Number).optional() });

function pageOf(req: Request): number {
  const q = pageQuery.safeParse({ pagina: typeof req.query.pagina === 'string' ? req.query.pagina : undefined });
  return q.success && q.data.pagina && q.data.pagina > 0 ? q.data.pagina : 1;
}

// The vaststelling page's filter, in its query (GET) and carried by its forms (POST) so that after
// a POST the page comes back with the same filter, at the section that was worked on.
const emptyIsNone = (v: unknown) => (v === '' ? undefined : v);
const filterFields = {
  soort: z.preprocess(emptyIsNone, z.enum(Object.keys(BLOCKER_KIND_LABELS) as [BlockerKind, ...BlockerKind[]]).optional()),
  toezegging: z.preprocess(emptyIsNone, z.string().max(200).regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)?$/).optional()),
  eenheid: z.preprocess(emptyIsNone, z.string().regex(UNIT_CODE).optional()),
};
const filterQuery = z.object({ ...filterFields, open: z.preprocess(emptyIsNone, z.string().regex(/^[A-Za-z0-9-]{1,200}$/).optional()) });

interface FilterInput { soort?: BlockerKind; toezegging?: string; eenheid?: string }

const toFilter = (f: FilterInput): BlockerFilter => ({ kind: f.soort, group: f.toezegging, unit: f.eenheid });

/** The page's filter from the query (GET) or the form (POST); an invalid one is dropped, with a note. */
function pageFilter(req: Request): { filter: BlockerFilter; openSection?: string; note?: string } {
  const source = req.method === 'GET' ? req.query : bodyOf(req);
  const pick = (k: string) => (typeof source[k] === 'string' ? source[k] : undefined);
  const q = filterQuery.safeParse({ soort: pick('soort'), toezegging: pick('toezegging'), eenheid: pick('eenheid'), open: pick('open') });
  if (!q.success) return { filter: {}, note: 'Het filter was niet geldig; alle blokkades worden getoond.' };
  return { filter: toFilter(q.data), openSection: q.data.open };
}

/** Back to the page with the same filter, at the section worked on (opened, and scrolled to). */
function backTo(inspectionId: number, f: FilterInput, anchor: string | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ soort: f.soort, toezegging: f.toezegging, eenheid: f.eenheid, open: anchor ?? undefined })) {
    if (v) q.set(k, v);
  }
  const query = q.toString();
  return `${url.finalise(inspectionId)}${query ? `?${query}` : ''}${anchor ? `#${anchor}` : ''}`;
}

function renderFinalise(hc: InspectionHc, status = 200, form: FormState = noForm) {
  const { req, res, ctx, user, inspection } = hc;
  const { filter, openSection, note } = pageFilter(req);
  // The page has no field for the blocker key or for unknown fields: their message goes on top.
  const unplaced = (field: string): string | undefined => form.errors[field];
  res.status(status).render('integrity/finalise', {
    title: `Vaststellen · ${inspection.title}`,
    ...finalisationView(ctx, user, inspection, filter),
    openSection,
    filterNote: note,
    form: { ...form, message: form.message ?? unplaced('_form') ?? unplaced('blokkade') },
  });
}

const blockerKey = z.string().min(1, 'Kies een blokkade.').max(500);

const acceptSchema = z
  .object({
    blokkade: z.union([blockerKey, z.array(blockerKey).max(10_000)]).optional(),
    alle: z.literal('1').optional(),
    motivering: z.string().trim().min(1, 'Geef een motivering voor het aanvaarden van deze blokkade.').max(5000, 'De motivering mag hoogstens 5000 tekens zijn.'),
    ...filterFields,
  })
  .strict()
  .refine((a) => a.alle === '1' || a.blokkade !== undefined, { path: ['blokkade'], error: 'Kies ten minste één blokkade, of "alle zichtbare".' });

const withdrawSchema = z.object({ blokkade: blockerKey, ...filterFields }).strict();

const reopenSchema = z
  .object({ reden: z.string().trim().min(1, 'Geef de reden van de correctie.').max(5000, 'De reden mag hoogstens 5000 tekens zijn.') })
  .strict();

export const integrityRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/geschiedenis',
    access: EVERY_ROLE,
    summary: 'geschiedenis van een onderzoek (wijzigingslogboek)',
    handler: withInspection('read', ({ req, res, ctx, user, inspection }) => {
      const view = inspectionHistoryView(ctx, user, inspection, pageOf(req));
      res.render('integrity/history', { title: `Geschiedenis · ${view.heading}`, ...view });
    }),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/cellen/:checklistId/:criterionId/:unitCode/geschiedenis',
    access: EVERY_ROLE,
    summary: 'geschiedenis van één cel',
    handler: withUser(({ req, res, ctx, user }) => {
      const view = cellHistoryView(ctx, user, resolveCell(ctx, user, cellAddress(req), 'read'), pageOf(req));
      res.render('integrity/history', { title: `Geschiedenis · ${view.heading}`, ...view });
    }),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/vaststellen',
    access: EVERY_ROLE,
    summary: 'vaststellen: blokkades, aanvaardingen en opgeslagen rapporten',
    handler: withInspection('read', (hc) => { renderFinalise(hc); }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/vaststellen',
    access: EDITORS,
    summary: 'een onderzoek vaststellen: rapporten maken en met hun SHA-256 opslaan',
    handler: withInspection('edit', async (hc) => {
      try {
        await runForm(hc, {
          key: 'finalise',
          schema: z.object({}).strict(),
          act: async ({ ctx, user, inspection }) => {
            await finalise(ctx, user, inspection);
            return url.finalise(inspection.id);
          },
          render: renderFinalise,
        });
      } catch (e) {
        // Refused (blockers open, or the inspection changed while the reports were made): the page says why.
        if (!isKind(e, 'conflict')) throw e;
        renderFinalise(hc, httpStatus(e.kind), { key: 'finalise', errors: {}, values: {}, message: e.message });
      }
    }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/vaststellen/aanvaarden',
    access: EDITORS,
    summary: 'resterende blokkades aanvaarden (een of meer, of alle zichtbare) met één motivering',
    handler: inspectionForm({
      key: 'accept',
      schema: acceptSchema,
      act: ({ ctx, user, inspection }, a) => {
        const keys = a.blokkade === undefined ? [] : Array.isArray(a.blokkade) ? a.blokkade : [a.blokkade];
        const anchor = acceptRemainingBlockers(ctx, user, inspection, { keys, allVisible: a.alle === '1', filter: toFilter(a), motivation: a.motivering });
        return backTo(inspection.id, a, anchor);
      },
      render: renderFinalise,
    }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/vaststellen/intrekken',
    access: EDITORS,
    summary: 'de eigen aanvaarding van een blokkade intrekken',
    handler: inspectionForm({
      key: 'withdraw',
      schema: withdrawSchema,
      act: ({ ctx, user, inspection }, w) => backTo(inspection.id, w, withdrawBlockerAcceptance(ctx, user, inspection, w.blokkade)),
      render: renderFinalise,
    }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/heropenen',
    access: EDITORS,
    summary: 'een vastgesteld onderzoek heropenen als nieuwe revisie',
    handler: inspectionForm({
      key: 'reopen',
      schema: reopenSchema,
      act: ({ ctx, user, inspection }, r) => url.inspection(reopen(ctx, user, inspection, r.reden)),
      render: renderFinalise,
    }, 'team'),
  },
];
