// The report outline: the written report of an inspection as ordered sections. The editor page,
// and every change to a section: each opens the inspection for editing (team and status rules),
// checks the body against what the inspection has (blocks, groups, criteria, sources) and saves
// against the version the user saw.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import {
  BLOCK_HELP,
  bodyProblems,
  CHAPTER_KIND_LABELS,
  inspectionChecklists,
  kindFor,
  numberOutline,
  outlineOf,
  SectionInput,
  SectionKind,
  SectionLevel,
} from '../domain/outline';
import type { InspectionSummary } from '../domain/inspection';
import { invalid } from '../errors';
import { defaultOutline } from '../domain/outline';
import { loadSnapshot } from '../store/inspections.store';
import * as store from '../store/outline.store';
import { openInspection, rightsOn } from './inspection-access';
import { personNames } from './users';
import { noteIndex } from './review-notes';
import { reviewBoxes } from './review';

/** What a body may refer to in this inspection. */
function scopeOf(ctx: Ctx, inspection: InspectionSummary) {
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  return { checklists: inspectionChecklists(ctx.catalogue, inspection.checklists), evidenceRefs: new Set(snapshot.evidence.map((e) => e.ref)) };
}

/** Everything the outline page shows. */
export function outlinePage(ctx: Ctx, actor: Actor, inspectionId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const checklists = inspectionChecklists(ctx.catalogue, inspection.checklists);
  const nameOf = personNames(ctx);
  const sections = numberOutline(outlineOf(snapshot, checklists)).map((n) => ({
    ...n.section,
    number: n.number,
    heading: n.heading,
    updatedByName: n.section.updatedBy ? nameOf(n.section.updatedBy) : null,
  }));
  return {
    inspection,
    sections,
    blocks: BLOCK_HELP,
    kinds: CHAPTER_KIND_LABELS,
    groups: checklists.flatMap((c) => c.groups.map((g) => ({ id: g.id, title: g.title, checklist: c.shortTitle }))),
    evidence: snapshot.evidence.map((e) => ({ ref: e.ref, title: e.title })),
    canEdit: rightsOn(actor, inspection).canEdit,
    reviewNotes: noteIndex(ctx, actor, inspection, snapshot),
    review: reviewBoxes(ctx, actor, inspection, snapshot),
  };
}

export interface SectionChange {
  version: number;
  level: SectionLevel;
  kind: SectionKind;
  title: string;
  body: string;
  marking: string;
  required: boolean;
}

function checkBody(ctx: Ctx, inspection: InspectionSummary, body: string): void {
  const problems = bodyProblems(body, scopeOf(ctx, inspection));
  if (problems.length > 0) throw invalid(problems.join(' '), 'body', problems);
}

export function addSection(
  ctx: Ctx,
  actor: Actor,
  inspectionId: number,
  input: { afterId: number | null; level: SectionLevel; kind: SectionKind; title: string },
): number {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const section: SectionInput = { level: input.level, kind: kindFor(input.level, input.kind), title: input.title, body: '', required: true, marking: '' };
  return store.addSection(ctx.db, actor.email, inspection.id, input.afterId, section);
}

export function saveSection(ctx: Ctx, actor: Actor, inspectionId: number, sectionId: number, input: SectionChange): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  // Browsers send CR LF; the stored text, its footnotes and block lines use LF only.
  input = { ...input, body: input.body.replace(/\r\n?/g, '\n') };
  checkBody(ctx, inspection, input.body);
  const { version, ...section } = input;
  store.updateSection(ctx.db, actor.email, inspection.id, sectionId, version, { ...section, kind: kindFor(section.level, section.kind) });
}

export function moveSection(ctx: Ctx, actor: Actor, inspectionId: number, sectionId: number, direction: 'up' | 'down'): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  store.moveSection(ctx.db, actor.email, inspection.id, sectionId, direction);
}

export function removeSection(ctx: Ctx, actor: Actor, inspectionId: number, sectionId: number, version: number): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  store.removeSection(ctx.db, actor.email, inspection.id, sectionId, version);
}

/** The stored section the user was editing, for the conflict view. */
export function storedSection(ctx: Ctx, actor: Actor, inspectionId: number, sectionId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  return store.listSections(ctx.db, inspection.id).find((s) => s.id === sectionId) ?? null;
}

/**
 * Inspections made before outlines existed get the default outline, written from their texts, the
 * first time the application opens the database. A finalised one stays as it was: its report is
 * the stored PDF, and reading it uses the same default without storing it.
 */
export function ensureOutlines(ctx: Ctx): number {
  const missing = ctx.db
    .prepare("SELECT i.id FROM inspections i WHERE i.status != 'vastgesteld' AND NOT EXISTS (SELECT 1 FROM report_sections s WHERE s.inspection_id = i.id)")
    .pluck()
    .all() as number[];
  for (const id of missing) {
    const s = loadSnapshot(ctx.db, id);
    store.insertOutline(ctx.db, 'systeem', id, defaultOutline(inspectionChecklists(ctx.catalogue, s.checklists), s.texts, s.predecessorRecommendations.length > 0));
  }
  return missing.length;
}
