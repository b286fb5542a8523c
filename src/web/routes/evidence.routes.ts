// The evidence library (bronnen) of an inspection (src/app/evidence.ts): list with filters, add
// and edit with an optional file, link to cells with an excerpt, and download for the team only.
// The upload itself is read here (src/web/uploads.ts); the use case gets its bytes and name.
import type { Request } from 'express';
import { z } from 'zod';
import {
  addEvidence, ALL_UNITS, cellParam, changeEvidence, criterionChoices, evidenceFile, evidenceList, evidencePage, EvidencePage, linkToCell, newEvidencePage,
  NO_EVIDENCE_FILTERS, originCell, Upload, uploadProblem,
} from '../../app/evidence';
import type { OpenedCell } from '../../app/cells';
import type { EvidenceRecord, InspectionSummary } from '../../domain/inspection';
import { isKind } from '../../errors';
import { EVIDENCE_TYPES, needsWederhoor, WEDERHOOR } from '../../domain/vocabulary';
import { url } from '../../present';
import { FieldErrors, parseForm } from '../forms';
import { attachment } from '../download';
import { bodyOf, idParam, inspectionForm, InspectionHc, withInspection, withUser } from '../handler';
import { checkboxes, FormState, isoDateOrEmpty, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { parseUpload, uploadError, UPLOAD_FIELD } from '../uploads';

const BASE = '/onderzoeken/:inspectionId/bronnen';

const evidenceFields = {
  type: z.enum(EVIDENCE_TYPES, { error: 'Kies een soort bron.' }),
  title: textField('De titel', 500, true),
  dateFrom: isoDateOrEmpty,
  dateTo: isoDateOrEmpty,
  party: textField('De partij', 500),
  units: checkboxes(z.string()),
  description: textField('De beschrijving', 200_000),
  wederhoorStatus: z.union([z.literal(''), z.enum(WEDERHOOR)], { error: 'Kies een wederhoorstatus.' }).optional().transform((s) => s ?? ''),
  wederhoorDate: isoDateOrEmpty.optional().transform((s) => s ?? null),
};

type EvidenceForm = z.infer<z.ZodObject<typeof evidenceFields>>;

function evidenceRules<T extends EvidenceForm>(s: z.ZodType<T>) {
  return s
    .refine((d) => !d.dateFrom || !d.dateTo || d.dateFrom <= d.dateTo, { error: 'De einddatum ligt vóór de begindatum.', path: ['dateTo'] })
    .refine((d) => !needsWederhoor(d.type) || d.wederhoorStatus !== '', { error: 'Een gespreksverslag heeft een wederhoorstatus.', path: ['wederhoorStatus'] })
    .refine((d) => needsWederhoor(d.type) || (d.wederhoorStatus === '' && !d.wederhoorDate), { error: 'Wederhoor geldt alleen voor gespreksverslagen en groepsgesprekken.', path: ['wederhoorStatus'] })
    .refine((d) => !needsWederhoor(d.type) || d.wederhoorStatus === 'concept' || d.wederhoorStatus === '' || Boolean(d.wederhoorDate), { error: 'Vul de datum in waarop het verslag is voorgelegd of beantwoord.', path: ['wederhoorDate'] });
}

// `cel`: the cell the form was opened from (see originCell); the new source is linked to it.
const newEvidenceSchema = evidenceRules(z.object({ ...evidenceFields, cel: z.string().max(300).optional() }).strict());
const evidenceChangeSchema = evidenceRules(z.object({ ...evidenceFields, version: versionField }).strict());

function toInput(d: EvidenceForm) {
  return {
    type: d.type, title: d.title, dateFrom: d.dateFrom, dateTo: d.dateTo, party: d.party, units: d.units, description: d.description,
    wederhoor: needsWederhoor(d.type) && d.wederhoorStatus !== '' ? { status: d.wederhoorStatus, date: d.wederhoorDate ?? null } : null,
  };
}

/** The file sent with the form; an empty file field (no file chosen) is no file. */
function uploadOf(req: Request): Upload | null {
  const f = req.file;
  if (!f || (f.originalname === '' && f.size === 0)) return null;
  return { bytes: f.buffer, name: f.originalname };
}

/** What is wrong with the upload, shown at the file field together with the form's own messages. */
function uploadErrors(hc: InspectionHc): FieldErrors {
  const upload = uploadOf(hc.req);
  const problem = uploadError(hc.req) ?? (upload ? uploadProblem(upload) : null);
  return problem ? { [UPLOAD_FIELD]: problem } : {};
}

function formValues(evidence: EvidenceRecord | null): Record<string, unknown> {
  if (!evidence) return { wederhoorStatus: '' };
  return {
    type: evidence.type, title: evidence.title, dateFrom: evidence.dateFrom ?? '', dateTo: evidence.dateTo ?? '', party: evidence.party,
    units: evidence.units, description: evidence.description, wederhoorStatus: evidence.wederhoor?.status ?? '', wederhoorDate: evidence.wederhoor?.date ?? '',
  };
}

/** The evidence page; the form state belongs to the evidence form or to the link form. */
function renderEvidence(hc: InspectionHc, page: EvidencePage, status: number, form: FormState, from: OpenedCell | null = null) {
  const { evidence } = page;
  const values = form.key === 'evidence' ? form.values : { ...formValues(evidence), ...(from ? { units: [from.key.unit] } : {}) };
  hc.res.status(status).render('evidence/form', {
    title: evidence ? `${evidence.ref} · ${evidence.title}` : 'Bron toevoegen',
    ...page,
    form: { ...form, values },
    linkForm: form.key === 'link' ? form : noForm,
    saved: hc.req.query.opgeslagen === '1',
    allUnits: ALL_UNITS,
    fromCell: from ? { param: cellParam(from), href: url.cell(from.key.inspectionId, from.key.checklist, from.key.criterion, from.key.unit), label: `${from.checklist.shortTitle} ${from.criterion.number} · ${from.key.unit}` } : null,
  });
}

/** The origin cell for showing the form again: a refused one was already reported, so show none. */
function originForPage(hc: InspectionHc, param: unknown): OpenedCell | null {
  try {
    return originCell(hc.ctx, hc.user, hc.inspection.id, param);
  } catch (e) {
    if (isKind(e, 'invalid')) return null;
    throw e;
  }
}

const evidenceIdOf = (hc: InspectionHc) => idParam(hc.req, 'evidenceId', 'Bron niet gevonden');

function renderExisting(hc: InspectionHc, status: number, form: FormState) {
  renderEvidence(hc, evidencePage(hc.ctx, hc.user, hc.inspection.id, evidenceIdOf(hc)), status, form);
}

function listSchema(inspection: InspectionSummary, criteria: Set<string>) {
  const opt = (ok: (s: string) => boolean, message: string) => z.string().optional().transform((s) => s ?? '').refine((s) => s === '' || ok(s), message);
  return z.object({
    eenheid: opt((s) => inspection.units.includes(s), 'Kies een eenheid uit de lijst.'),
    soort: opt((s) => (EVIDENCE_TYPES as readonly string[]).includes(s), 'Kies een soort uit de lijst.'),
    criterium: opt((s) => criteria.has(s), 'Kies een criterium uit de lijst.'),
    wederhoor: opt((s) => s === 'geen' || (WEDERHOOR as readonly string[]).includes(s), 'Kies een wederhoorstatus uit de lijst.'),
  }).strict();
}

const linkSchema = z.object({
  criterium: z.string().min(1, 'Kies een criterium.'),
  eenheid: z.string().min(1, 'Kies een eenheid.'),
  excerpt: textField('Het citaat', 20_000),
}).strict();

export const evidenceRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'bronnen van een onderzoek met filters',
    handler: withInspection('read', (hc) => {
      const criteria = new Set(criterionChoices(hc.ctx, hc.inspection).map((c) => c.value));
      const parsed = parseForm(listSchema(hc.inspection, criteria), hc.req.query);
      const page = evidenceList(hc.ctx, hc.user, hc.inspection.id, parsed.ok ? parsed.data : NO_EVIDENCE_FILTERS);
      hc.res.status(parsed.ok ? 200 : 400).render('evidence/index', {
        title: `Bronnen · ${page.inspection.title}`,
        ...page,
        filters: parsed.ok ? parsed.data : parsed.values,
        errors: parsed.ok ? {} : parsed.errors,
      });
    }),
  },
  {
    method: 'get',
    path: `${BASE}/nieuw`,
    access: EDITORS,
    summary: 'formulier bron toevoegen',
    handler: withInspection('edit', (hc) => {
      // An unknown or foreign cell is refused (400), not silently ignored.
      const from = originCell(hc.ctx, hc.user, hc.inspection.id, hc.req.query.cel);
      renderEvidence(hc, newEvidencePage(hc.ctx, hc.user, hc.inspection.id), 200, noForm, from);
    }),
  },
  {
    method: 'post',
    path: `${BASE}/nieuw`,
    access: EDITORS,
    before: [parseUpload],
    multipart: true,
    summary: 'bron toevoegen (met optioneel bestand)',
    handler: inspectionForm({
      key: 'evidence',
      schema: newEvidenceSchema,
      alsoCheck: uploadErrors,
      act: (hc, d) => {
        const from = originCell(hc.ctx, hc.user, hc.inspection.id, d.cel);
        const id = addEvidence(hc.ctx, hc.user, hc.inspection.id, toInput(d), uploadOf(hc.req), from);
        return from ? `${url.cell(from.key.inspectionId, from.key.checklist, from.key.criterion, from.key.unit)}?opgeslagen=bron#bronnen` : `${url.evidence(hc.inspection.id, id)}?opgeslagen=1`;
      },
      render: (hc, status, form) => { renderEvidence(hc, newEvidencePage(hc.ctx, hc.user, hc.inspection.id), status, form, originForPage(hc, bodyOf(hc.req).cel)); },
    }),
  },
  {
    method: 'get',
    path: `${BASE}/:evidenceId`,
    access: EVERY_ROLE,
    summary: 'bron bekijken of bewerken, met de cellen waaraan ze gekoppeld is',
    handler: withInspection('read', (hc) => { renderExisting(hc, 200, noForm); }),
  },
  {
    method: 'post',
    path: `${BASE}/:evidenceId`,
    access: EDITORS,
    before: [parseUpload],
    multipart: true,
    summary: 'bron wijzigen (metadata, wederhoor, bestand)',
    handler: inspectionForm({
      key: 'evidence',
      schema: evidenceChangeSchema,
      alsoCheck: uploadErrors,
      act: (hc, { version, ...d }) => {
        const id = evidenceIdOf(hc);
        changeEvidence(hc.ctx, hc.user, hc.inspection.id, id, version, toInput(d), uploadOf(hc.req));
        return `${url.evidence(hc.inspection.id, id)}?opgeslagen=1`;
      },
      render: renderExisting,
    }),
  },
  {
    method: 'post',
    path: `${BASE}/:evidenceId/koppelingen`,
    access: EDITORS,
    summary: 'bron aan een cel koppelen (eenheid + criterium) met citaat',
    handler: inspectionForm({
      key: 'link',
      schema: linkSchema,
      act: (hc, d) => {
        const id = evidenceIdOf(hc);
        linkToCell(hc.ctx, hc.user, hc.inspection.id, id, { criterion: d.criterium, unit: d.eenheid, excerpt: d.excerpt });
        return `${url.evidence(hc.inspection.id, id)}#cellen`;
      },
      render: renderExisting,
    }),
  },
  {
    method: 'get',
    path: `${BASE}/:evidenceId/bestand`,
    // Every role reaches the check in the use case, so a lezer gets the same 404 as for a missing file.
    access: EVERY_ROLE,
    summary: 'bestand van een bron downloaden (alleen het team)',
    handler: withUser((hc) => {
      const file = evidenceFile(hc.ctx, hc.user, idParam(hc.req, 'inspectionId', 'Onderzoek niet gevonden'), idParam(hc.req, 'evidenceId', 'Bron niet gevonden'));
      hc.res.setHeader('Content-Type', file.mime);
      hc.res.setHeader('Content-Disposition', attachment(file.name));
      hc.res.setHeader('X-Content-Type-Options', 'nosniff');
      hc.res.setHeader('Content-Length', String(file.bytes.length));
      hc.res.end(file.bytes);
    }),
  },
];
