// The national level: roll-ups per toezegging with counts, findings per criterion, deelconclusies,
// overrides with a required motivation, the overall conclusion, recommendations, and for a
// follow-up what became of the predecessor's recommendations. Every text is saved against the
// version the user saw.
import type { Request, Response } from 'express';
import { z, ZodType } from 'zod';
import { Checklist } from '../../domain/checklist';
import type { InspectionSummary } from '../../domain/inspection';
import { inspectionStatus } from '../../domain/status';
import { RECOMMENDATION_FOLLOWUP, NATIONAL } from '../../domain/vocabulary';
import { AppError, StaleVersionError } from '../../errors';
import { loadSnapshot, updateInspection } from '../../store/inspections.store';
import {
  addRecommendation, deleteRecommendation, moveRecommendation, saveConclusion, saveFinding, saveFollowup, saveOverride, updateRecommendation,
} from '../../store/national.store';
import { parseForm } from '../forms';
import { inspectionFor, numericParam } from '../inspection-access';
import { checkboxes, FormState, idField, mayEdit, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { rolledView } from './matrix.routes';

const BASE = '/onderzoeken/:inspectionId/landelijk';

function renderNational(req: Request, res: Response, inspection: InspectionSummary, status = 200, form: FormState = noForm) {
  const snapshot = loadSnapshot(req.ctx.db, inspection.id);
  const st = inspectionStatus(snapshot, req.ctx.catalogue);
  const unitNoun = { one: 'eenheid', many: 'eenheden' };
  const checklists = st.rollups.map(({ checklist, rollup }) => ({
    checklist,
    groups: checklist.groups.map((g) => ({
      group: g,
      rolled: rolledView(checklist, rollup.nationalGroup.get(g.id)!, unitNoun),
      override: snapshot.overrides.find((o) => o.checklist === checklist.id && o.group === g.id && o.scope === NATIONAL) ?? null,
      conclusion: snapshot.conclusions.find((c) => c.checklist === checklist.id && c.group === g.id) ?? { text: '', version: 0 },
      criteria: g.criteria.map((cr) => ({
        criterion: cr,
        rolled: rolledView(checklist, rollup.nationalCriterion.get(cr.id)!, unitNoun),
        finding: snapshot.findings.find((f) => f.checklist === checklist.id && f.criterion === cr.id) ?? { text: '', version: 0 },
      })),
      recommendations: snapshot.recommendations.filter((r) => r.checklist === checklist.id && r.group === g.id),
    })),
  }));
  const groupTitle = (checklistId: string, groupId: string) =>
    req.ctx.catalogue.checklists.get(checklistId)?.groups.find((g) => g.id === groupId)?.title ?? groupId;
  res.status(status).render('national/index', {
    title: `Landelijk · ${inspection.title}`,
    inspection,
    snapshot,
    checklists,
    allRecommendations: snapshot.recommendations,
    followups: snapshot.predecessorRecommendations.map((r) => ({
      recommendation: r,
      groupTitle: groupTitle(r.checklist, r.group),
      followup: snapshot.followups.find((f) => f.recommendationRef === r.ref) ?? null,
    })),
    canEdit: mayEdit(req, inspection),
    form,
  });
}

function checklistOf(req: Request, inspection: InspectionSummary, id: string): Checklist | undefined {
  return inspection.checklists.some((c) => c.id === id) ? req.ctx.catalogue.checklists.get(id) : undefined;
}

/** Parse, act, and on trouble re-render the page with the form's messages and input kept. */
function handleForm<T>(
  req: Request,
  res: Response,
  opts: { key: (body: Record<string, unknown>) => string; schema: (inspection: InspectionSummary) => ZodType<T>; act: (inspection: InspectionSummary, data: T) => void; anchor: string },
) {
  const inspection = inspectionFor(req, 'edit');
  const body = { ...((req.body ?? {}) as Record<string, unknown>) };
  const key = opts.key(body);
  const form = parseForm(opts.schema(inspection), body);
  if (!form.ok) return renderNational(req, res, inspection, 400, { key, errors: form.errors, values: form.values });
  try {
    opts.act(inspection, form.data);
  } catch (e) {
    if (e instanceof StaleVersionError) return renderNational(req, res, inspection, 409, { key, errors: {}, values: body, conflict: conflictView(e.current), message: e.message });
    if (e instanceof AppError && e.status === 400) return renderNational(req, res, inspection, 400, { key, errors: { _form: e.message }, values: body });
    throw e;
  }
  res.redirect(303, `/onderzoeken/${inspection.id}/landelijk#${opts.anchor}`);
}

/** The stored version as the page shows it; the overall conclusion lives in the inspection's texts. */
function conflictView(current: unknown): unknown {
  if (current && typeof current === 'object' && 'texts' in current) {
    const i = current as InspectionSummary;
    return { text: i.texts.conclusie, version: i.version };
  }
  return current ?? { text: '', version: 0 };
}

const k = (body: Record<string, unknown>, ...names: string[]) => names.map((n) => String(body[n] ?? '')).join(':');

function criterionSchema(req: Request, inspection: InspectionSummary) {
  return z.object({
    checklist: z.string(),
    criterion: z.string(),
    text: textField('De bevindingen', 200_000),
    version: versionField,
  }).strict().refine((d) => checklistOf(req, inspection, d.checklist)?.groups.some((g) => g.criteria.some((c) => c.id === d.criterion)), { message: 'Onbekend criterium.', path: ['_form'] });
}

function groupRefine<T extends { checklist: string; group: string }>(req: Request, inspection: InspectionSummary, s: ZodType<T>) {
  return s.refine((d) => checklistOf(req, inspection, d.checklist)?.groups.some((g) => g.id === d.group), { message: 'Kies een onderdeel uit de lijst.', path: ['group'] });
}

export const nationalRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'landelijke pagina: roll-ups, bevindingen, deelconclusies, aanbevelingen',
    handler: (req, res) => renderNational(req, res, inspectionFor(req, 'read')),
  },
  {
    method: 'post',
    path: `${BASE}/bevindingen`,
    access: EDITORS,
    summary: 'bevindingen bij een criterium opslaan',
    handler: (req, res) =>
      handleForm(req, res, {
        key: (b) => `finding:${k(b, 'checklist', 'criterion')}`,
        schema: (i) => criterionSchema(req, i),
        act: (i, d) => saveFinding(req.ctx.db, req.user!.email, i.id, d.checklist, d.criterion, d.version, d.text),
        anchor: `c-${String((req.body as Record<string, unknown>)?.criterion ?? '')}`,
      }),
  },
  {
    method: 'post',
    path: `${BASE}/deelconclusies`,
    access: EDITORS,
    summary: 'deelconclusie bij een toezegging opslaan',
    handler: (req, res) =>
      handleForm(req, res, {
        key: (b) => `conclusion:${k(b, 'checklist', 'group')}`,
        schema: (i) => groupRefine(req, i, z.object({ checklist: z.string(), group: z.string(), text: textField('De deelconclusie', 200_000), version: versionField }).strict()),
        act: (i, d) => saveConclusion(req.ctx.db, req.user!.email, i.id, d.checklist, d.group, d.version, d.text),
        anchor: `g-${String((req.body as Record<string, unknown>)?.group ?? '')}`,
      }),
  },
  {
    method: 'post',
    path: `${BASE}/afwijkingen`,
    access: EDITORS,
    summary: 'afwijkend landelijk oordeel (met motivering) vastleggen of verwijderen',
    handler: (req, res) =>
      handleForm(req, res, {
        key: (b) => `override:${k(b, 'checklist', 'group')}`,
        schema: (i) =>
          groupRefine(req, i, z.object({
            checklist: z.string(),
            group: z.string(),
            verdict: z.string().optional().transform((s) => s ?? ''),
            motivation: z.string().max(20_000, 'De motivering mag hoogstens 20000 tekens zijn.').optional().transform((s) => s ?? ''),
            remove: z.literal('1').optional(),
            version: versionField,
          }).strict())
            .refine((d) => d.remove || checklistOf(req, i, d.checklist)?.scale.levels.some((l) => l.code === d.verdict), { message: 'Kies een oordeel.', path: ['verdict'] })
            .refine((d) => d.remove || d.motivation.trim() !== '', { message: 'Een afwijkend oordeel vraagt een motivering.', path: ['motivation'] }),
        act: (i, d) =>
          saveOverride(req.ctx.db, req.user!.email, i.id, { scope: NATIONAL, checklist: d.checklist, group: d.group }, d.version,
            d.remove ? null : { verdict: d.verdict, motivation: d.motivation }),
        anchor: `g-${String((req.body as Record<string, unknown>)?.group ?? '')}`,
      }),
  },
  {
    method: 'post',
    path: `${BASE}/conclusie`,
    access: EDITORS,
    summary: 'algemene conclusie opslaan',
    handler: (req, res) =>
      handleForm(req, res, {
        key: () => 'overall',
        schema: () => z.object({ conclusie: textField('De conclusie', 200_000), version: versionField }).strict(),
        act: (i, d) => updateInspection(req.ctx.db, req.user!.email, i.id, d.version, { texts: { conclusie: d.conclusie } }),
        anchor: 'conclusie',
      }),
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen`,
    access: EDITORS,
    summary: 'aanbeveling toevoegen',
    handler: (req, res) =>
      handleForm(req, res, {
        key: (b) => `rec-new:${k(b, 'checklist', 'group')}`,
        schema: (i) => groupRefine(req, i, z.object({ checklist: z.string(), group: z.string(), text: textField('De aanbeveling', 20_000, true) }).strict()),
        act: (i, d) => { addRecommendation(req.ctx.db, req.user!.email, i.id, d); },
        anchor: `g-${String((req.body as Record<string, unknown>)?.group ?? '')}`,
      }),
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen/:recommendationId`,
    access: EDITORS,
    summary: 'aanbeveling wijzigen',
    handler: (req, res) => {
      const id = numericParam(req, 'recommendationId', 'Aanbeveling niet gevonden');
      handleForm(req, res, {
        key: () => `rec:${id}`,
        schema: (i) => {
          const rec = loadSnapshot(req.ctx.db, i.id).recommendations.find((r) => r.id === id);
          if (!rec) throw new AppError(404, 'Aanbeveling niet gevonden');
          return z.object({ group: z.string(), text: textField('De aanbeveling', 20_000, true), version: versionField }).strict()
            .refine((d) => checklistOf(req, i, rec.checklist)?.groups.some((g) => g.id === d.group), { message: 'Kies een onderdeel uit de lijst.', path: ['group'] });
        },
        act: (i, d) => updateRecommendation(req.ctx.db, req.user!.email, i.id, id, d.version, d),
        anchor: `r-${id}`,
      });
    },
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen/:recommendationId/verwijderen`,
    access: EDITORS,
    summary: 'aanbeveling verwijderen',
    handler: (req, res) => {
      const id = numericParam(req, 'recommendationId', 'Aanbeveling niet gevonden');
      handleForm(req, res, {
        key: () => `rec:${id}`,
        schema: () => z.object({}).strict(),
        act: (i) => deleteRecommendation(req.ctx.db, req.user!.email, i.id, id),
        anchor: 'aanbevelingen',
      });
    },
  },
  {
    method: 'post',
    path: `${BASE}/aanbevelingen/:recommendationId/verplaatsen`,
    access: EDITORS,
    summary: 'aanbeveling een plaats omhoog of omlaag',
    handler: (req, res) => {
      const id = numericParam(req, 'recommendationId', 'Aanbeveling niet gevonden');
      handleForm(req, res, {
        key: () => `rec:${id}`,
        schema: () => z.object({ richting: z.enum(['omhoog', 'omlaag'], { message: 'Kies omhoog of omlaag.' }) }).strict(),
        act: (i, d) => moveRecommendation(req.ctx.db, req.user!.email, i.id, id, d.richting === 'omhoog' ? 'up' : 'down'),
        anchor: `r-${id}`,
      });
    },
  },
  {
    method: 'post',
    path: `${BASE}/opvolging`,
    access: EDITORS,
    summary: 'opvolging van een aanbeveling uit het vorige onderzoek vastleggen',
    handler: (req, res) =>
      handleForm(req, res, {
        key: (b) => `followup:${k(b, 'recommendationRef')}`,
        schema: (i) => {
          const snapshot = loadSnapshot(req.ctx.db, i.id);
          const refs = snapshot.predecessorRecommendations.map((r) => r.ref);
          const evidenceIds = snapshot.evidence.map((e) => e.id);
          return z.object({
            recommendationRef: z.string().refine((r) => refs.includes(r), 'Onbekende aanbeveling.'),
            status: z.enum(RECOMMENDATION_FOLLOWUP, { message: 'Kies hoe de aanbeveling is opgevolgd.' }),
            motivation: textField('De motivering', 20_000, true),
            evidence: checkboxes(idField('een bron')).refine((l) => l.every((e) => evidenceIds.includes(e)), 'Kies bronnen uit de lijst.'),
            version: versionField,
          }).strict();
        },
        act: (i, d) => saveFollowup(req.ctx.db, req.user!.email, i.id, d.recommendationRef, d.version, { status: d.status, motivation: d.motivation, evidence: d.evidence }),
        anchor: `f-${String((req.body as Record<string, unknown>)?.recommendationRef ?? '')}`,
      }),
  },
];
