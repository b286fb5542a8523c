// Starting inspections (new and follow-up), the inspection home and the page with its data (title,
// year, fieldwork, team; src/app/inspections.ts). The report's texts are written in the outline.
import { z } from 'zod';
import {
  createNewInspection, followUpForm, inspectionHome, newInspectionForm, saveTexts, startFollowUpOf, teamChoices, teamProblem, textsPage, unitChoiceProblem,
} from '../../app/inspections';
import type { Actor } from '../../domain/access';
import { url } from '../../present';
import { bodyOf, Hc, inspectionForm, InspectionHc, userForm, withInspection, withUser } from '../handler';
import { checkboxes, FormState, isoDateOrEmpty, noForm, textField, versionField, yearField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const metaFields = {
  title: textField('De titel', 300, true),
  year: yearField,
  fieldworkStart: isoDateOrEmpty,
  fieldworkEnd: isoDateOrEmpty,
};

function periodCheck<T extends { fieldworkStart: string | null; fieldworkEnd: string | null }>(s: z.ZodType<T>) {
  return s.refine((d) => !d.fieldworkStart || !d.fieldworkEnd || d.fieldworkStart <= d.fieldworkEnd, {
    error: 'Het einde van het veldwerk ligt vóór het begin.',
    path: ['fieldworkEnd'],
  });
}

/** The team checkboxes, with the use case's team rule as the field's message. */
function teamField(actor: Actor, choices: string[]) {
  return checkboxes(z.string()).superRefine((team, c) => {
    const problem = teamProblem(actor, choices, team);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  });
}

function newSchema(hc: Hc) {
  const checklistIds = [...hc.ctx.catalogue.checklists.keys()];
  const organisations = [...hc.ctx.catalogue.organisations.keys()];
  return periodCheck(
    z.object({
      ...metaFields,
      // Absent (an older client, a script): the first organisation, as createInspection defaults.
      organisation: z.string().optional().transform((o) => o ?? (organisations.length > 0 ? organisations[0] : '')).refine((o) => organisations.includes(o), 'Kies een organisatie uit de lijst.'),
      checklists: checkboxes(z.string()).refine((l) => l.length > 0, 'Kies minstens één checklist.').refine((l) => l.every((c) => checklistIds.includes(c)), 'Kies checklists uit de lijst.'),
      units: checkboxes(z.string().max(100)),
      team: teamField(hc.user, teamChoices(hc.ctx, [])),
    }).strict().superRefine((d, c) => {
      // The units must be those of the chosen organisation's current set.
      const problem = unitChoiceProblem(hc.ctx, d.organisation, d.units);
      if (problem) c.addIssue({ code: 'custom', path: ['units'], message: problem });
    }),
  );
}

/** The new-inspection form; without a form state, with what a new inspection starts with (for `organisation`, when given). */
function renderNew(hc: Hc, status: number, form?: FormState, organisation?: string) {
  const chosen = organisation ?? (form && typeof form.values.organisation === 'string' ? form.values.organisation : typeof hc.req.query.organisatie === 'string' ? hc.req.query.organisatie : undefined);
  const { defaults, ...page } = newInspectionForm(hc.ctx, hc.user, chosen);
  hc.res.status(status).render('inspection/new', { title: 'Nieuw onderzoek', ...page, form: form ?? { ...noForm, values: defaults } });
}

/**
 * Without JavaScript the form is two steps: the button "Eenheden tonen" (stap=organisatie) sends
 * the form back with the organisation chosen; the page returns with everything typed kept and all
 * units of that organisation ticked. Nothing is created.
 */
function chooseOrganisation(hc: Hc): void {
  const body = bodyOf(hc.req);
  delete body._csrf;
  delete body.stap;
  const organisation = typeof body.organisation === 'string' ? body.organisation.slice(0, 100) : '';
  const { defaults } = newInspectionForm(hc.ctx, hc.user, organisation);
  renderNew(hc, 200, { ...noForm, values: { ...body, organisation: defaults.organisation, units: defaults.units } }, defaults.organisation);
}

const createForm = userForm({
  key: 'new',
  schema: newSchema,
  act: (hc, d) => url.inspection(createNewInspection(hc.ctx, hc.user, d)),
  render: (hc, status, form) => { renderNew(hc, status, form); },
});

function renderFollowUp(hc: InspectionHc, status: number, form?: FormState) {
  const { previous, scope, refused, defaults, personName } = followUpForm(hc.ctx, hc.user, hc.inspection.id);
  hc.res.status(status).render('inspection/followup', { title: `Vervolgonderzoek van ${previous.title}`, previous, scope, refused, personName, form: form ?? { ...noForm, values: defaults } });
}

const followUpSchema = periodCheck(z.object(metaFields).strict());

function textsSchema(hc: InspectionHc) {
  return periodCheck(z.object({ ...metaFields, team: teamField(hc.user, teamChoices(hc.ctx, hc.inspection.team)), version: versionField }).strict());
}

function renderTexts(hc: InspectionHc, status: number, form: FormState) {
  const page = textsPage(hc.ctx, hc.user, hc.inspection.id);
  hc.res.status(status).render('inspection/texts', { title: `Gegevens · ${page.inspection.title}`, ...page, canEdit: true, form, saved: hc.req.query.opgeslagen === '1' });
}

export const inspectionRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/nieuw',
    access: EDITORS,
    summary: 'formulier nieuw onderzoek',
    handler: withUser((hc) => { renderNew(hc, 200); }),
  },
  {
    method: 'post',
    path: '/onderzoeken/nieuw',
    access: EDITORS,
    summary: 'nieuw onderzoek aanmaken',
    handler: withUser((hc) => (bodyOf(hc.req).stap === 'organisatie' ? chooseOrganisation(hc) : createForm(hc.req, hc.res, () => undefined))),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId',
    access: EVERY_ROLE,
    summary: 'startpagina van een onderzoek',
    handler: withInspection('read', (hc) => {
      const page = inspectionHome(hc.ctx, hc.user, hc.inspection.id);
      hc.res.render('inspection/home', { title: page.inspection.title, ...page });
    }),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/vervolg',
    access: EDITORS,
    summary: 'formulier vervolgonderzoek starten',
    handler: withInspection('team', (hc) => { renderFollowUp(hc, 200); }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/vervolg',
    access: EDITORS,
    summary: 'vervolgonderzoek starten (kopieert reikwijdte en team)',
    handler: inspectionForm({
      key: 'followup',
      schema: followUpSchema,
      act: (hc, d) => url.inspection(startFollowUpOf(hc.ctx, hc.user, hc.inspection.id, d)),
      render: renderFollowUp,
    }, 'team'),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/teksten',
    access: EDITORS,
    summary: 'gegevens van het onderzoek bewerken: titel, jaar, veldwerk en team',
    handler: withInspection('edit', (hc) => { renderTexts(hc, 200, noForm); }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/teksten',
    access: EDITORS,
    summary: 'gegevens van het onderzoek opslaan: titel, jaar, veldwerk en team',
    handler: inspectionForm({
      key: 'texts',
      schema: textsSchema,
      act: (hc, d) => {
        saveTexts(hc.ctx, hc.user, hc.inspection.id, d);
        return `${url.texts(hc.inspection.id)}?opgeslagen=1`;
      },
      render: renderTexts,
    }),
  },
];
