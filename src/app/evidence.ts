// The evidence library (bronnen) of an inspection: the list with its filters, adding and changing
// evidence with an optional file, linking it to a cell with an excerpt, and the file download for
// the team only. A file is judged by its content, never by the type it was sent with, and its
// bytes are written (under their hash) only once everything else is accepted.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { allCriteria, checklistVersion } from '../domain/checklist';
import type { EvidenceRecord, InspectionSummary } from '../domain/inspection';
import { integrityError, invalid, isKind, notFound } from '../errors';
import { checkUpload } from '../files/sniff';
import { createEvidence, EvidenceInput, filePath, getEvidence, linksOfEvidence, storeFileBytes, StoredFile, updateEvidence } from '../store/evidence.store';
import { loadSnapshot } from '../store/inspections.store';
import { linkCellEvidence, OpenedCell, resolveCell } from './cells';
import { openInspection, rightsOn } from './inspection-access';
import { noteIndex } from './review-notes';

/** A file as it was sent: its bytes and its name, whose extension says what it claims to be. */
export interface Upload {
  bytes: Buffer;
  name: string;
}

/** The form field a refused file is reported at. */
const FILE_FIELD = 'bestand';

const criterionKey = (checklist: string, criterion: string) => `${checklist}/${criterion}`;

/** Every criterion of the inspection's checklists, as the filter and the link form offer them. */
export function criterionChoices(ctx: Ctx, inspection: InspectionSummary) {
  return inspection.checklists.flatMap((ref) => {
    const c = checklistVersion(ctx.catalogue, ref);
    return c
      ? allCriteria(c).map((cr) => ({
        value: criterionKey(c.id, cr.id),
        label: `${c.shortTitle} ${cr.number}: ${cr.text.length > 90 ? cr.text.slice(0, 88) + '…' : cr.text}`,
        checklist: c.id,
        criterion: cr.id,
      }))
      : [];
  });
}

/** The list's filters; '' means "all", wederhoor 'geen' means evidence without wederhoor. */
export interface EvidenceFilters {
  eenheid: string;
  soort: string;
  criterium: string;
  wederhoor: string;
}

export const NO_EVIDENCE_FILTERS: EvidenceFilters = { eenheid: '', soort: '', criterium: '', wederhoor: '' };

/** The evidence that passes the filters, each with the number of cells it is linked to. */
export function evidenceList(ctx: Ctx, actor: Actor, inspectionId: number, f: EvidenceFilters) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const criteriaOf = new Map<number, Set<string>>();
  const linkCount = new Map<number, number>();
  for (const v of snapshot.verdicts) {
    for (const l of v.links) {
      const set = criteriaOf.get(l.evidenceId) ?? new Set<string>();
      set.add(criterionKey(v.checklist, v.criterion));
      criteriaOf.set(l.evidenceId, set);
      linkCount.set(l.evidenceId, (linkCount.get(l.evidenceId) ?? 0) + 1);
    }
  }
  const rows = snapshot.evidence
    .filter((e) => !f.eenheid || e.units.includes(f.eenheid))
    .filter((e) => !f.soort || e.type === f.soort)
    .filter((e) => !f.criterium || criteriaOf.get(e.id)?.has(f.criterium))
    .filter((e) => !f.wederhoor || (f.wederhoor === 'geen' ? !e.wederhoor : e.wederhoor?.status === f.wederhoor))
    .map((e) => ({ evidence: e, linkCount: linkCount.get(e.id) ?? 0 }));
  return { inspection, canEdit: rightsOn(actor, inspection).canEdit, rows, total: snapshot.evidence.length, criterionChoices: criterionChoices(ctx, inspection), reviewNotes: noteIndex(ctx, actor, inspection, snapshot) };
}

function formPage(ctx: Ctx, actor: Actor, inspection: InspectionSummary, evidence: EvidenceRecord | null) {
  const rights = rightsOn(actor, inspection);
  return {
    inspection,
    evidence,
    canEdit: rights.canEdit,
    canDownload: rights.canDownload,
    links: evidence ? linksOfEvidence(ctx.db, inspection.id, evidence.id) : [],
    criterionChoices: criterionChoices(ctx, inspection),
    notePanel: evidence ? noteIndex(ctx, actor, inspection, loadSnapshot(ctx.db, inspection.id)).panel('evidence', String(evidence.id)) : null,
  };
}
export type EvidencePage = ReturnType<typeof formPage>;

/** The form for new evidence. */
export function newEvidencePage(ctx: Ctx, actor: Actor, inspectionId: number): EvidencePage {
  return formPage(ctx, actor, openInspection(ctx, actor, inspectionId, 'edit'), null);
}

/** The value of the units field that stands for every unit of the inspection ("alle eenheden"). */
export const ALL_UNITS = '*';

/**
 * The cell a new source is added from (`cel=checklist/criterion/unit`), checked against the
 * inspection. The way back is built from the resolved cell, never from the parameter, so the
 * parameter cannot lead anywhere else (no open redirect).
 */
export function originCell(ctx: Ctx, actor: Actor, inspectionId: number, param: unknown): OpenedCell | null {
  if (param === undefined || param === '') return null;
  const refused = () => invalid('De cel waar u vandaan kwam hoort niet bij dit onderzoek.');
  const parts = typeof param === 'string' ? param.split('/') : [];
  if (parts.length !== 3) throw refused();
  try {
    return resolveCell(ctx, actor, { inspectionId, checklistId: parts[0], criterionId: parts[1], unit: parts[2] }, 'edit');
  } catch (e) {
    if (isKind(e, 'not_found')) throw refused();
    throw e;
  }
}

/** The `cel` parameter of a cell. */
export const cellParam = (c: OpenedCell) => `${c.key.checklist}/${c.key.criterion}/${c.key.unit}`;

/** One piece of evidence with the cells it supports; a form when the actor may edit. */
export function evidencePage(ctx: Ctx, actor: Actor, inspectionId: number, evidenceId: number): EvidencePage {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  return formPage(ctx, actor, inspection, getEvidence(ctx.db, inspection.id, evidenceId));
}

/** Why this file is refused, or null: what its name claims must be what its content is. */
export function uploadProblem(upload: Upload): string | null {
  const check = checkUpload(upload.name, upload.bytes);
  return check.ok ? null : check.message;
}

/** Check the file, then write its bytes under their hash. */
function storeUpload(ctx: Ctx, upload: Upload): StoredFile {
  const check = checkUpload(upload.name, upload.bytes);
  if (!check.ok) throw invalid(check.message, FILE_FIELD);
  return { name: check.name, sha256: storeFileBytes(ctx.dataDir, upload.bytes), mime: check.mime, size: upload.bytes.length };
}

/** The input with "alle eenheden" made into the inspection's units; other units are refused. */
function withOwnUnits(inspection: InspectionSummary, input: EvidenceInput): EvidenceInput {
  if (input.units.includes(ALL_UNITS)) return { ...input, units: [...inspection.units] };
  if (!input.units.every((u) => inspection.units.includes(u))) throw invalid('Kies eenheden uit de lijst.', 'units');
  return input;
}

/** Add evidence, with a file or without; returns its id. Added from a cell, it is linked to that cell. */
export function addEvidence(ctx: Ctx, actor: Actor, inspectionId: number, input: EvidenceInput, upload: Upload | null, from: OpenedCell | null = null): number {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const id = createEvidence(ctx.db, actor.email, inspection.id, withOwnUnits(inspection, input), upload ? storeUpload(ctx, upload) : null);
  if (from) linkCellEvidence(ctx, actor, from, id, '');
  return id;
}

/** Change evidence against the version the user saw; without a new file the stored one stays. */
export function changeEvidence(ctx: Ctx, actor: Actor, inspectionId: number, evidenceId: number, version: number, input: EvidenceInput, upload: Upload | null): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const checked = withOwnUnits(inspection, input);
  // Unknown evidence is "not found" before any bytes are written.
  const evidence = getEvidence(ctx.db, inspection.id, evidenceId);
  updateEvidence(ctx.db, actor.email, inspection.id, evidence.id, version, checked, upload ? storeUpload(ctx, upload) : undefined);
}

export interface CellLink {
  /** A value of criterionChoices. */
  criterion: string;
  unit: string;
  excerpt: string;
}

/** Link evidence to the cell of a criterion and a unit, with the excerpt that supports it. */
export function linkToCell(ctx: Ctx, actor: Actor, inspectionId: number, evidenceId: number, link: CellLink): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const choice = criterionChoices(ctx, inspection).find((c) => c.value === link.criterion);
  if (!choice) throw invalid('Kies een criterium uit de lijst.', 'criterium');
  if (!inspection.units.includes(link.unit)) throw invalid('Kies een eenheid uit de lijst.', 'eenheid');
  const evidence = getEvidence(ctx.db, inspection.id, evidenceId);
  const cell = resolveCell(ctx, actor, { inspectionId: inspection.id, checklistId: choice.checklist, criterionId: choice.criterion, unit: link.unit }, 'edit');
  linkCellEvidence(ctx, actor, cell, evidence.id, link.excerpt);
}

/** The stored file of a piece of evidence, for the team only, and only while it matches its recorded hash. */
export function evidenceFile(ctx: Ctx, actor: Actor, inspectionId: number, evidenceId: number): { bytes: Buffer; name: string; mime: string } {
  const inspection = openInspection(ctx, actor, inspectionId, 'files');
  const { file } = getEvidence(ctx.db, inspection.id, evidenceId);
  if (!file) throw notFound('Deze bron heeft geen bestand');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath(ctx.dataDir, file.sha256));
  } catch {
    throw notFound('Het bestand is niet gevonden');
  }
  // Serve only what was stored: a changed file on disk is refused, not passed on.
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
    throw integrityError('Het opgeslagen bestand klopt niet meer met zijn controlegetal en wordt daarom niet geleverd. Meld dit aan de beheerder.');
  }
  return { bytes, name: file.name, mime: file.mime };
}
