// The evidence library (bronnen) of an inspection: list with filters, add and edit with an
// optional file, link to cells with an excerpt, and download for the team only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { allCriteria, findCriterion } from '../../domain/checklist';
import type { EvidenceRecord, InspectionSummary } from '../../domain/inspection';
import { EVIDENCE_TYPES, needsWederhoor, WEDERHOOR } from '../../domain/vocabulary';
import { canDownloadEvidence } from '../../domain/access';
import { AppError, notFound, StaleVersionError } from '../../errors';
import { checkUpload } from '../../files/sniff';
import { createEvidence, filePath, getEvidence, linksOfEvidence, storeFileBytes, StoredFile, updateEvidence } from '../../store/evidence.store';
import { loadSnapshot } from '../../store/inspections.store';
import { getCell, linkEvidence } from '../../store/verdicts.store';
import { parseForm } from '../forms';
import { inspectionFor, numericParam } from '../inspection-access';
import { checkboxes, FormState, isoDateOrEmpty, mayEdit, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { parseUpload, uploadError, UPLOAD_FIELD } from '../uploads';

const BASE = '/onderzoeken/:inspectionId/bronnen';

function evidenceSchema(inspection: InspectionSummary, withVersion: boolean) {
  const fields = {
    type: z.enum(EVIDENCE_TYPES, { message: 'Kies een soort bron.' }),
    title: textField('De titel', 500, true),
    dateFrom: isoDateOrEmpty,
    dateTo: isoDateOrEmpty,
    party: textField('De partij', 500),
    units: checkboxes(z.string()).refine((l) => l.every((u) => inspection.units.includes(u)), 'Kies eenheden uit de lijst.'),
    description: textField('De beschrijving', 200_000),
    wederhoorStatus: z.union([z.literal(''), z.enum(WEDERHOOR)], { message: 'Kies een wederhoorstatus.' }).optional().transform((s) => s ?? ''),
    wederhoorDate: isoDateOrEmpty.optional().transform((s) => s ?? null),
  };
  const base = withVersion ? z.object({ ...fields, version: versionField }).strict() : z.object(fields).strict();
  return base
    .refine((d) => !d.dateFrom || !d.dateTo || d.dateFrom <= d.dateTo, { message: 'De einddatum ligt vóór de begindatum.', path: ['dateTo'] })
    .refine((d) => !needsWederhoor(d.type) || d.wederhoorStatus !== '', { message: 'Een gespreksverslag heeft een wederhoorstatus.', path: ['wederhoorStatus'] })
    .refine((d) => needsWederhoor(d.type) || (d.wederhoorStatus === '' && !d.wederhoorDate), { message: 'Wederhoor geldt alleen voor gespreksverslagen en groepsgesprekken.', path: ['wederhoorStatus'] })
    .refine((d) => !needsWederhoor(d.type) || d.wederhoorStatus === 'concept' || d.wederhoorStatus === '' || Boolean(d.wederhoorDate), { message: 'Vul de datum in waarop het verslag is voorgelegd of beantwoord.', path: ['wederhoorDate'] });
}

type EvidenceForm = z.infer<ReturnType<typeof evidenceSchema>>;

function toInput(d: EvidenceForm) {
  return {
    type: d.type, title: d.title, dateFrom: d.dateFrom, dateTo: d.dateTo, party: d.party, units: d.units, description: d.description,
    wederhoor: needsWederhoor(d.type) && d.wederhoorStatus !== '' ? { status: d.wederhoorStatus, date: d.wederhoorDate ?? null } : null,
  };
}

/** The uploaded file, checked by content; null when none was sent. Nothing is written yet. */
function acceptFile(req: Request): { ok: true; file: { bytes: Buffer; name: string; mime: string } | null } | { ok: false; message: string } {
  const problem = uploadError(req);
  if (problem) return { ok: false, message: problem };
  const f = req.file;
  if (!f || (f.originalname === '' && f.size === 0)) return { ok: true, file: null };
  const check = checkUpload(f.originalname, f.buffer);
  if (!check.ok) return check;
  return { ok: true, file: { bytes: f.buffer, name: check.name, mime: check.mime } };
}

/** Write the checked bytes under their hash, once the whole form is valid. */
function storeAccepted(req: Request, file: { bytes: Buffer; name: string; mime: string } | null): StoredFile | null {
  if (!file) return null;
  return { name: file.name, sha256: storeFileBytes(req.ctx.dataDir, file.bytes), mime: file.mime, size: file.bytes.length };
}

function formValues(evidence: EvidenceRecord | null): Record<string, unknown> {
  if (!evidence) return { wederhoorStatus: '' };
  return {
    type: evidence.type, title: evidence.title, dateFrom: evidence.dateFrom ?? '', dateTo: evidence.dateTo ?? '', party: evidence.party,
    units: evidence.units, description: evidence.description, wederhoorStatus: evidence.wederhoor?.status ?? '', wederhoorDate: evidence.wederhoor?.date ?? '',
  };
}

function criterionChoices(req: Request, inspection: InspectionSummary) {
  return inspection.checklists.flatMap((ref) => {
    const c = req.ctx.catalogue.checklists.get(ref.id);
    return c ? allCriteria(c).map((cr) => ({ value: `${c.id}/${cr.id}`, label: `${c.shortTitle} ${cr.number}: ${cr.text.length > 90 ? cr.text.slice(0, 88) + '…' : cr.text}` })) : [];
  });
}

function renderForm(req: Request, res: Response, inspection: InspectionSummary, evidence: EvidenceRecord | null, status: number, form: FormState) {
  const canEdit = mayEdit(req, inspection);
  res.status(status).render('evidence/form', {
    title: evidence ? `${evidence.ref} · ${evidence.title}` : 'Bron toevoegen',
    inspection,
    evidence,
    canEdit,
    canDownload: canDownloadEvidence(req.user!, inspection.team),
    form: { ...form, values: form.key === 'evidence' ? form.values : formValues(evidence) },
    linkForm: form.key === 'link' ? form : noForm,
    links: evidence ? linksOfEvidence(req.ctx.db, inspection.id, evidence.id) : [],
    criterionChoices: criterionChoices(req, inspection),
    saved: req.query.opgeslagen === '1',
  });
}

function listSchema(req: Request, inspection: InspectionSummary) {
  const opt = (ok: (s: string) => boolean, message: string) => z.string().optional().transform((s) => s ?? '').refine((s) => s === '' || ok(s), message);
  const criteria = new Set(criterionChoices(req, inspection).map((c) => c.value));
  return z.object({
    eenheid: opt((s) => inspection.units.includes(s), 'Kies een eenheid uit de lijst.'),
    soort: opt((s) => (EVIDENCE_TYPES as readonly string[]).includes(s), 'Kies een soort uit de lijst.'),
    criterium: opt((s) => criteria.has(s), 'Kies een criterium uit de lijst.'),
    wederhoor: opt((s) => s === 'geen' || (WEDERHOOR as readonly string[]).includes(s), 'Kies een wederhoorstatus uit de lijst.'),
  }).strict();
}

function evidenceOf(req: Request, inspection: InspectionSummary): EvidenceRecord {
  return getEvidence(req.ctx.db, inspection.id, numericParam(req, 'evidenceId', 'Bron niet gevonden'));
}

const linkSchema = z.object({
  criterium: z.string().min(1, 'Kies een criterium.'),
  eenheid: z.string().min(1, 'Kies een eenheid.'),
  excerpt: textField('Het citaat', 20_000),
}).strict();

/** RFC 6266/5987: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`;
}

export const evidenceRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'bronnen van een onderzoek met filters',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'read');
      const snapshot = loadSnapshot(req.ctx.db, inspection.id);
      const parsed = parseForm(listSchema(req, inspection), req.query);
      const f = parsed.ok ? parsed.data : { eenheid: '', soort: '', criterium: '', wederhoor: '' };
      const cellsByEvidence = new Map<number, Set<string>>();
      const linkCount = new Map<number, number>();
      for (const v of snapshot.verdicts) {
        for (const l of v.links) {
          const set = cellsByEvidence.get(l.evidenceId) ?? new Set<string>();
          set.add(`${v.checklist}/${v.criterion}`);
          cellsByEvidence.set(l.evidenceId, set);
          linkCount.set(l.evidenceId, (linkCount.get(l.evidenceId) ?? 0) + 1);
        }
      }
      const rows = snapshot.evidence
        .filter((e) => !f.eenheid || e.units.includes(f.eenheid))
        .filter((e) => !f.soort || e.type === f.soort)
        .filter((e) => !f.criterium || cellsByEvidence.get(e.id)?.has(f.criterium))
        .filter((e) => !f.wederhoor || (f.wederhoor === 'geen' ? !e.wederhoor : e.wederhoor?.status === f.wederhoor))
        .map((e) => ({ evidence: e, linkCount: linkCount.get(e.id) ?? 0 }));
      res.status(parsed.ok ? 200 : 400).render('evidence/index', {
        title: `Bronnen · ${inspection.title}`,
        inspection,
        canEdit: mayEdit(req, inspection),
        rows,
        total: snapshot.evidence.length,
        filters: parsed.ok ? parsed.data : parsed.values,
        errors: parsed.ok ? {} : parsed.errors,
        criterionChoices: criterionChoices(req, inspection),
      });
    },
  },
  {
    method: 'get',
    path: `${BASE}/nieuw`,
    access: EDITORS,
    summary: 'formulier bron toevoegen',
    handler: (req, res) => renderForm(req, res, inspectionFor(req, 'edit'), null, 200, noForm),
  },
  {
    method: 'post',
    path: `${BASE}/nieuw`,
    access: EDITORS,
    before: [parseUpload],
    multipart: true,
    summary: 'bron toevoegen (met optioneel bestand)',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const form = parseForm(evidenceSchema(inspection, false), req.body);
      const file = acceptFile(req);
      if (!form.ok || !file.ok) {
        const errors = { ...(form.ok ? {} : form.errors), ...(file.ok ? {} : { [UPLOAD_FIELD]: file.message }) };
        return renderForm(req, res, inspection, null, 400, { key: 'evidence', errors, values: form.ok ? { ...(req.body as object) } : form.values });
      }
      const id = createEvidence(req.ctx.db, req.user!.email, inspection.id, toInput(form.data), storeAccepted(req, file.file));
      res.redirect(303, `/onderzoeken/${inspection.id}/bronnen/${id}?opgeslagen=1`);
    },
  },
  {
    method: 'get',
    path: `${BASE}/:evidenceId`,
    access: EVERY_ROLE,
    summary: 'bron bekijken of bewerken, met de cellen waaraan ze gekoppeld is',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'read');
      renderForm(req, res, inspection, evidenceOf(req, inspection), 200, noForm);
    },
  },
  {
    method: 'post',
    path: `${BASE}/:evidenceId`,
    access: EDITORS,
    before: [parseUpload],
    multipart: true,
    summary: 'bron wijzigen (metadata, wederhoor, bestand)',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const evidence = evidenceOf(req, inspection);
      const form = parseForm(evidenceSchema(inspection, true), req.body);
      const file = acceptFile(req);
      if (!form.ok || !file.ok) {
        const errors = { ...(form.ok ? {} : form.errors), ...(file.ok ? {} : { [UPLOAD_FIELD]: file.message }) };
        return renderForm(req, res, inspection, evidence, 400, { key: 'evidence', errors, values: form.ok ? { ...(req.body as object) } : form.values });
      }
      const data = form.data as EvidenceForm & { version: number };
      try {
        updateEvidence(req.ctx.db, req.user!.email, inspection.id, evidence.id, data.version, toInput(data), storeAccepted(req, file.file) ?? undefined);
      } catch (e) {
        if (e instanceof StaleVersionError) {
          return renderForm(req, res, inspection, evidence, 409, { key: 'evidence', errors: {}, values: { ...(req.body as object) }, conflict: e.current, message: e.message });
        }
        throw e;
      }
      res.redirect(303, `/onderzoeken/${inspection.id}/bronnen/${evidence.id}?opgeslagen=1`);
    },
  },
  {
    method: 'post',
    path: `${BASE}/:evidenceId/koppelingen`,
    access: EDITORS,
    summary: 'bron aan een cel koppelen (eenheid + criterium) met citaat',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const evidence = evidenceOf(req, inspection);
      const form = parseForm(linkSchema, req.body);
      if (!form.ok) return renderForm(req, res, inspection, evidence, 400, { key: 'link', errors: form.errors, values: form.values });
      const [checklistId, criterionId] = form.data.criterium.split('/');
      const checklist = inspection.checklists.some((c) => c.id === checklistId) ? req.ctx.catalogue.checklists.get(checklistId) : undefined;
      const errors: Record<string, string> = {};
      if (!checklist || !findCriterion(checklist, criterionId ?? '')) errors.criterium = 'Kies een criterium uit de lijst.';
      if (!inspection.units.includes(form.data.eenheid)) errors.eenheid = 'Kies een eenheid uit de lijst.';
      if (Object.keys(errors).length) return renderForm(req, res, inspection, evidence, 400, { key: 'link', errors, values: form.data });
      const cell = getCell(req.ctx.db, { inspectionId: inspection.id, checklist: checklistId, criterion: criterionId, unit: form.data.eenheid });
      linkEvidence(req.ctx.db, req.user!.email, inspection.id, cell.id, evidence.id, form.data.excerpt);
      res.redirect(303, `/onderzoeken/${inspection.id}/bronnen/${evidence.id}#cellen`);
    },
  },
  {
    method: 'get',
    path: `${BASE}/:evidenceId/bestand`,
    // Every role reaches the check below, so a lezer gets the same 404 as for a missing file.
    access: EVERY_ROLE,
    summary: 'bestand van een bron downloaden (alleen het team)',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'files');
      const evidence = evidenceOf(req, inspection);
      if (!evidence.file) throw notFound('Deze bron heeft geen bestand');
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(filePath(req.ctx.dataDir, evidence.file.sha256));
      } catch {
        throw notFound('Het bestand is niet gevonden');
      }
      // Serve only what was stored: a changed file on disk is refused, not passed on.
      if (crypto.createHash('sha256').update(bytes).digest('hex') !== evidence.file.sha256) {
        throw new AppError(500, 'Het opgeslagen bestand klopt niet meer met zijn controlegetal en wordt daarom niet geleverd. Meld dit aan de beheerder.');
      }
      res.setHeader('Content-Type', evidence.file.mime);
      res.setHeader('Content-Disposition', contentDisposition(evidence.file.name));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Length', String(bytes.length));
      res.end(bytes);
    },
  },
];
