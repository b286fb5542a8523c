// Starting inspections (new and follow-up), the inspection home and the page with its data (title,
// year, fieldwork, team; src/app/inspections.ts). The report's texts are written in the outline.
import { z } from 'zod';
import {
  createNewInspection, followUpForm, inspectionHome, newInspectionForm, saveTexts, startFollowUpOf, teamChoices, teamProblem, textsPage,
} from '../../app/inspections';
import type { Actor } from '../../domain/access';
import { url } from '../../present';
import { Hc, inspectionForm, InspectionHc, userForm, withInspection, withUser } from '../handler';
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
  const unitCodes = hc.ctx.catalogue.units.map((u) => u.code);
  return periodCheck(
    z.object({
      ...metaFields,
      checklists: checkboxes(z.string()).refine((l) => l.length > 0, 'Kies minstens één checklist.').refine((l) => l.every((c) => checklistIds.includes(c)), 'Kies checklists uit de lijst.'),
      units: checkboxes(z.string()).refine((l) => l.length > 0, 'Kies minstens één eenheid.').refine((l) => l.every((u) => unitCodes.includes(u)), 'Kies eenheden uit de lijst.'),
      team: teamField(hc.user, teamChoices(hc.ctx, [])),
    }).strict(),
  );
}

/** The new-inspection form; without a form state, with what a new inspection starts with. */
function renderNew(hc: Hc, status: number, form?: FormState) {
  const { defaults, ...page } = newInspectionForm(hc.ctx, hc.user);
  hc.res.status(status).render('inspection/new', { title: 'Nieuw onderzoek', ...page, form: form ?? { ...noForm, values: defaults } });
}

function renderFollowUp(hc: InspectionHc, status: number, form?: FormState) {
  const { previous, defaults, personName } = followUpForm(hc.ctx, hc.user, hc.inspection.id);
  hc.res.status(status).render('inspection/followup', { title: `Vervolgonderzoek van ${previous.title}`, previous, personName, form: form ?? { ...noForm, values: defaults } });
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
    handler: userForm({
      key: 'new',
      schema: newSchema,
      act: (hc, d) => url.inspection(createNewInspection(hc.ctx, hc.user, d)),
      render: renderNew,
    }),
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
