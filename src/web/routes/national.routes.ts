// The national page (src/app/national.ts): roll-ups per toezegging with counts, findings per
// criterion, deelconclusies, overrides with a required motivation, recommendations, and for a
// follow-up what became of the predecessor's recommendations. The overall conclusion is a section
// of the report outline (outline.routes.ts); this page links to it.
// Every form on the page re-renders the page with its messages at that form.
import { z, ZodType } from 'zod';
import {
  addRecommendation, deleteRecommendation, moveRecommendation, nationalPage, saveConclusion, saveFinding, saveFollowup,
  saveOverride, updateRecommendation,
} from '../../app/national';
import { RECOMMENDATION_FOLLOWUP } from '../../domain/vocabulary';
import { url } from '../../present';
import { FormRoute, idParam, inspectionForm, InspectionHc, runForm, withInspection } from '../handler';
import { checkboxes, FormState, idField, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const BASE = '/onderzoeken/:inspectionId/landelijk';

function renderNational(hc: InspectionHc, status: number, form: FormState) {
  const page = nationalPage(hc.ctx, hc.user, hc.inspection.id);
  hc.res.status(status).render('national/index', { title: `Landelijk · ${page.inspection.title}`, ...page, form });
}

/** The stored version as the page shows it (a text that was removed meanwhile: empty). */
function conflictView(current: unknown): unknown {
  return current ?? { text: '', version: 0 };
}

/** Which form of the page a post belongs to, from the hidden fields that name its place. */
function formKey(kind: string, ...names: string[]) {
  return (body: Record<string, unknown>) => [kind, ...names.map((n) => (typeof body[n] === 'string' ? body[n] : ''))].join(':');
}

type NationalForm<T> = Omit<FormRoute<InspectionHc, T>, 'render' | 'conflictView'>;

/** A form of the national page, opened for editing; `act` returns its place on the page. */
function nationalForm<T>(f: NationalForm<T>) {
  return inspectionForm({ ...f, render: renderNational, conflictView });
}

/** A form about one recommendation (the route's :recommendationId); its messages show at that recommendation. */
function recommendationForm<T>(schema: ZodType<T>, act: (hc: InspectionHc, data: T, id: number) => string) {
  return withInspection('edit', (hc) => {
    const id = idParam(hc.req, 'recommendationId', 'Aanbeveling niet gevonden');
    return runForm(hc, { key: `rec:${id}`, schema, act: (h, d) => act(h, d, id), render: renderNational, conflictView });
  });
}

const groupKey = { checklist: z.string(), group: z.string() };

const overrideSchema = z.object({
  ...groupKey,
  verdict: z.string().optional().transform((s) => s ?? ''),
  motivation: z.string().max(20_000, 'De motivering mag hoogstens 20000 tekens zijn.').optional().transform((s) => s ?? ''),
  remove: z.literal('1').optional(),
  version: versionField,
}).strict()
  .refine((d) => d.remove !== undefined || d.verdict !== '', { error: 'Kies een oordeel.', path: ['verdict'] })
  .refine((d) => d.remove !== undefined || d.motivation.trim() !== '', { error: 'Een afwijkend oordeel vraagt een motivering.', path: ['motivation'] });

const followupSchema = z.object({
  recommendationRef: z.string(),
  status: z.enum(RECOMMENDATION_FOLLOWUP, { error: 'Kies hoe de aanbeveling is opgevolgd.' }),
  motivation: textField('De motivering', 20_000, true),
  evidence: checkboxes(idField('een bron')),
  version: versionField,
}).strict();

export const nationalRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'landelijke pagina: roll-ups, bevindingen, deelconclusies, aanbevelingen',
    handler: withInspection('read', (hc) => { renderNational(hc, 200, noForm); }),
  },
  {
    method: 'post',
    path: `${BASE}/bevindingen`,
    access: EDITORS,
    summary: 'bevindingen bij een criterium opslaan',
    handler: nationalForm({
      key: formKey('finding', 'checklist', 'criterion'),
      schema: z.object({ checklist: z.string(), criterion: z.string(), text: textField('De bevindingen', 200_000), version: versionField }).strict(),
      act: (hc, d) => {
        saveFinding(hc.ctx, hc.user, hc.inspection.id, d);
        return url.national(hc.inspection.id, `c-${d.criterion}`);
      },
    }),
  },
  {
    method: 'post',
    path: `${BASE}/deelconclusies`,
    access: EDITORS,
    summary: 'deelconclusie bij een toezegging opslaan',
    handler: nationalForm({
      key: formKey('conclusion', 'checklist', 'group'),
      schema: z.object({ ...groupKey, text: textField('De deelconclusie', 200_000), version: versionField }).strict(),
      act: (hc, d) => {
        saveConclusion(hc.ctx, hc.user, hc.inspection.id, d);
        return url.national(hc.inspection.id, `g-${d.group}`);
      },
    }),
  },
  {
    method: 'post',
    path: `${BASE}/afwijkingen`,
    access: EDITORS,
    summary: 'afwijkend landelijk oordeel (met motivering) vastleggen of verwijderen',
    handler: nationalForm({
      key: formKey('override', 'checklist', 'group'),
      schema: overrideSchema,
      act: (hc, d) => {
        saveOverride(hc.ctx, hc.user, hc.inspection.id, {
          checklist: d.checklist, group: d.group, version: d.version, override: d.remove ? null : { verdict: d.verdict, motivation: d.motivation },
        });
        return url.national(hc.inspection.id, `g-${d.group}`);
      },
    }),
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen`,
    access: EDITORS,
    summary: 'aanbeveling toevoegen',
    handler: nationalForm({
      key: formKey('rec-new', 'checklist', 'group'),
      schema: z.object({ ...groupKey, text: textField('De aanbeveling', 20_000, true) }).strict(),
      act: (hc, d) => {
        addRecommendation(hc.ctx, hc.user, hc.inspection.id, d);
        return url.national(hc.inspection.id, `g-${d.group}`);
      },
    }),
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen/:recommendationId`,
    access: EDITORS,
    summary: 'aanbeveling wijzigen',
    handler: recommendationForm(
      z.object({ group: z.string(), text: textField('De aanbeveling', 20_000, true), version: versionField }).strict(),
      (hc, d, id) => {
        updateRecommendation(hc.ctx, hc.user, hc.inspection.id, id, d);
        return url.national(hc.inspection.id, `r-${id}`);
      },
    ),
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen/:recommendationId/verwijderen`,
    access: EDITORS,
    summary: 'aanbeveling verwijderen',
    handler: recommendationForm(z.object({}).strict(), (hc, _d, id) => {
      deleteRecommendation(hc.ctx, hc.user, hc.inspection.id, id);
      return url.national(hc.inspection.id, 'aanbevelingen');
    }),
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen/:recommendationId/verplaatsen`,
    access: EDITORS,
    summary: 'aanbeveling een plaats omhoog of omlaag',
    handler: recommendationForm(z.object({ richting: z.enum(['omhoog', 'omlaag'], { error: 'Kies omhoog of omlaag.' }) }).strict(), (hc, d, id) => {
      moveRecommendation(hc.ctx, hc.user, hc.inspection.id, id, d.richting === 'omhoog' ? 'up' : 'down');
      return url.national(hc.inspection.id, `r-${id}`);
    }),
  },
  {
    method: 'post',
    path: `${BASE}/opvolging`,
    access: EDITORS,
    summary: 'opvolging van een aanbeveling uit het vorige onderzoek vastleggen',
    handler: nationalForm({
      key: formKey('followup', 'recommendationRef'),
      schema: followupSchema,
      act: (hc, d) => {
        saveFollowup(hc.ctx, hc.user, hc.inspection.id, d);
        return url.national(hc.inspection.id, `f-${d.recommendationRef}`);
      },
    }),
  },
];
