// Starting inspections (new and follow-up), the inspection home and the texts page.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { BLOCKER_KIND_LABELS, Blocker } from '../../domain/blockers';
import { onTeam } from '../../domain/access';
import { inspectionStatus } from '../../domain/status';
import { INSPECTION_TEXT_KEYS } from '../../domain/document';
import type { InspectionSummary } from '../../domain/inspection';
import { StaleVersionError } from '../../errors';
import { createInspection, loadSnapshot, startFollowUp, updateInspection } from '../../store/inspections.store';
import { listUsers } from '../../store/users.store';
import { parseForm } from '../forms';
import { inspectionFor } from '../inspection-access';
import { checkboxes, FormState, isoDateOrEmpty, mayEdit, noForm, textField, versionField, yearField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { rolledView } from './matrix.routes';

/** Who can be on a team: active inspectors and beheerders, plus anyone already on it. */
function teamChoices(req: Request, current: string[]): string[] {
  const emails = listUsers(req.ctx.db).filter((u) => u.active && u.role !== 'lezer').map((u) => u.email);
  return [...new Set([...emails, ...current])].sort();
}

const metaFields = {
  title: textField('De titel', 300, true),
  year: yearField,
  fieldworkStart: isoDateOrEmpty,
  fieldworkEnd: isoDateOrEmpty,
};

function periodCheck<T extends { fieldworkStart: string | null; fieldworkEnd: string | null }>(s: z.ZodType<T>) {
  return s.refine((d) => !d.fieldworkStart || !d.fieldworkEnd || d.fieldworkStart <= d.fieldworkEnd, {
    message: 'Het einde van het veldwerk ligt vóór het begin.',
    path: ['fieldworkEnd'],
  });
}

function teamField(req: Request, choices: string[]) {
  return checkboxes(z.string()).refine((list) => list.every((e) => choices.includes(e)), 'Kies teamleden uit de lijst.')
    .refine((list) => req.user!.role !== 'inspecteur' || list.some((e) => e.toLowerCase() === req.user!.email.toLowerCase()),
      'Neem uzelf op in het team; anders kunt u dit onderzoek niet bewerken.');
}

function newSchema(req: Request, choices: string[]) {
  const checklistIds = [...req.ctx.catalogue.checklists.keys()];
  const unitCodes = req.ctx.catalogue.units.map((u) => u.code);
  return periodCheck(
    z.object({
      ...metaFields,
      checklists: checkboxes(z.string()).refine((l) => l.length > 0, 'Kies minstens één checklist.').refine((l) => l.every((c) => checklistIds.includes(c)), 'Kies checklists uit de lijst.'),
      units: checkboxes(z.string()).refine((l) => l.length > 0, 'Kies minstens één eenheid.').refine((l) => l.every((u) => unitCodes.includes(u)), 'Kies eenheden uit de lijst.'),
      team: teamField(req, choices),
    }).strict(),
  );
}

function renderNew(req: Request, res: Response, status: number, form: FormState) {
  res.status(status).render('inspection/new', {
    title: 'Nieuw onderzoek',
    units: req.ctx.catalogue.units,
    checklists: [...req.ctx.catalogue.checklists.values()],
    teamChoices: teamChoices(req, []),
    form,
  });
}

function renderFollowUp(req: Request, res: Response, previous: InspectionSummary, status: number, form: FormState) {
  res.status(status).render('inspection/followup', { title: `Vervolgonderzoek van ${previous.title}`, previous, form });
}

const followUpSchema = periodCheck(z.object(metaFields).strict());

function textsSchema(req: Request, choices: string[]) {
  const texts = Object.fromEntries(INSPECTION_TEXT_KEYS.map((k) => [k, textField('Deze tekst', 200_000)])) as Record<(typeof INSPECTION_TEXT_KEYS)[number], ReturnType<typeof textField>>;
  return periodCheck(z.object({ ...metaFields, team: teamField(req, choices), ...texts, version: versionField }).strict());
}

function renderTexts(req: Request, res: Response, inspection: InspectionSummary, status: number, form: FormState) {
  res.status(status).render('inspection/texts', {
    title: `Teksten · ${inspection.title}`,
    inspection,
    canEdit: true,
    teamChoices: teamChoices(req, inspection.team),
    textKeys: INSPECTION_TEXT_KEYS,
    form,
    saved: req.query.opgeslagen === '1',
  });
}

function groupBlockers(blockers: Blocker[]) {
  const byKind = new Map<string, Blocker[]>();
  for (const b of blockers) byKind.set(b.kind, [...(byKind.get(b.kind) ?? []), b]);
  return [...byKind.entries()].map(([kind, list]) => ({ kind, label: BLOCKER_KIND_LABELS[kind as Blocker['kind']], list }));
}

export const inspectionRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/nieuw',
    access: EDITORS,
    summary: 'formulier nieuw onderzoek',
    handler: (req, res) => renderNew(req, res, 200, { ...noForm, values: { units: req.ctx.catalogue.units.map((u) => u.code), checklists: [...req.ctx.catalogue.checklists.keys()], team: [req.user!.email], year: String(new Date().getFullYear()) } }),
  },
  {
    method: 'post',
    path: '/onderzoeken/nieuw',
    access: EDITORS,
    summary: 'nieuw onderzoek aanmaken',
    handler: (req, res) => {
      const form = parseForm(newSchema(req, teamChoices(req, [])), req.body);
      if (!form.ok) return renderNew(req, res, 400, { key: 'new', errors: form.errors, values: form.values });
      const d = form.data;
      const id = createInspection(req.ctx.db, req.ctx.catalogue, req.user!.email, {
        title: d.title, year: d.year, fieldworkStart: d.fieldworkStart, fieldworkEnd: d.fieldworkEnd,
        checklists: d.checklists.map((c) => ({ id: c, version: req.ctx.catalogue.checklists.get(c)!.version })),
        units: req.ctx.catalogue.units.map((u) => u.code).filter((u) => d.units.includes(u)),
        team: d.team, predecessorId: null,
      });
      res.redirect(303, `/onderzoeken/${id}`);
    },
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId',
    access: EVERY_ROLE,
    summary: 'startpagina van een onderzoek',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'read');
      const snapshot = loadSnapshot(req.ctx.db, inspection.id);
      const status = inspectionStatus(snapshot, req.ctx.catalogue);
      const unitNoun = { one: 'eenheid', many: 'eenheden' };
      const rollups = status.rollups.map(({ checklist, rollup }) => ({
        checklist,
        groups: checklist.groups.map((g) => ({ group: g, rolled: rolledView(checklist, rollup.nationalGroup.get(g.id)!, unitNoun), override: rollup.nationalGroup.get(g.id)!.override })),
      }));
      res.render('inspection/home', {
        title: inspection.title,
        inspection,
        snapshot,
        status,
        rollups,
        blockerGroups: groupBlockers(status.blockers),
        canEdit: mayEdit(req, inspection),
        canFollowUp: req.user!.role === 'beheerder' || (req.user!.role === 'inspecteur' && onTeam(req.user!, inspection.team)),
      });
    },
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/vervolg',
    access: EDITORS,
    summary: 'formulier vervolgonderzoek starten',
    handler: (req, res) => {
      const previous = inspectionFor(req, 'edit');
      renderFollowUp(req, res, previous, 200, { ...noForm, values: { title: `Vervolgonderzoek: ${previous.title}`.slice(0, 300), year: String(Math.max(previous.year + 1, new Date().getFullYear())) } });
    },
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/vervolg',
    access: EDITORS,
    summary: 'vervolgonderzoek starten (kopieert reikwijdte en team)',
    handler: (req, res) => {
      const previous = inspectionFor(req, 'edit');
      const form = parseForm(followUpSchema, req.body);
      if (!form.ok) return renderFollowUp(req, res, previous, 400, { key: 'followup', errors: form.errors, values: form.values });
      const id = startFollowUp(req.ctx.db, req.ctx.catalogue, req.user!.email, previous.id, form.data);
      res.redirect(303, `/onderzoeken/${id}`);
    },
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/teksten',
    access: EDITORS,
    summary: 'titel, periode, team en rapportteksten bewerken',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      renderTexts(req, res, inspection, 200, noForm);
    },
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/teksten',
    access: EDITORS,
    summary: 'titel, periode, team en rapportteksten opslaan',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const form = parseForm(textsSchema(req, teamChoices(req, inspection.team)), req.body);
      if (!form.ok) return renderTexts(req, res, inspection, 400, { key: 'texts', errors: form.errors, values: form.values });
      const { version, title, year, fieldworkStart, fieldworkEnd, team, ...texts } = form.data;
      try {
        updateInspection(req.ctx.db, req.user!.email, inspection.id, version, { title, year, fieldworkStart, fieldworkEnd, team, texts });
      } catch (e) {
        if (e instanceof StaleVersionError) {
          return renderTexts(req, res, inspection, 409, { key: 'texts', errors: {}, values: { ...(req.body as Record<string, unknown>) }, conflict: e.current, message: e.message });
        }
        throw e;
      }
      res.redirect(303, `/onderzoeken/${inspection.id}/teksten?opgeslagen=1`);
    },
  },
];
