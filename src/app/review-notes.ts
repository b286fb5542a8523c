// Review notes: add one to a cell, a report section, a piece of evidence or the inspection as a
// whole, reply, resolve and reopen; list them with filters. Only those who may edit the inspection
// (its team, a beheerder) write; everyone who reads the inspection reads its notes. The target and
// the addressee are checked against the inspection here, so a form cannot point a note elsewhere.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { findCriterion } from '../domain/checklist';
import type { InspectionSnapshot, InspectionSummary } from '../domain/inspection';
import { inspectionChecklists } from '../domain/outline';
import {
  NOTE_TARGET_LABELS,
  noteWhere,
  openNoteCounts,
  parseCellNoteKey,
  type NoteRecord,
  type NoteStatus,
  type NoteTargetKind,
} from '../domain/review-notes';
import { invalid, isKind, notFound } from '../errors';
import { url } from '../present';
import { loadSnapshot } from '../store/inspections.store';
import * as store from '../store/review-notes.store';
import { openInspection, rightsOn } from './inspection-access';
import { personNames } from './users';

export interface NoteTarget {
  kind: NoteTargetKind;
  key: string;
}

const GONE = 'Waar deze notitie bij hoort, bestaat niet (meer) in dit onderzoek. Laad de pagina opnieuw.';

/** Whether the target exists in this inspection; throws an `invalid` error when it does not. */
function checkTarget(ctx: Ctx, inspection: InspectionSummary, snapshot: InspectionSnapshot, t: NoteTarget): void {
  const ok = (() => {
    switch (t.kind) {
      case 'cell': {
        const c = parseCellNoteKey(t.key);
        const checklist = c ? ctx.catalogue.checklists.get(c.checklist) : undefined;
        return c !== null && checklist !== undefined && inspection.checklists.some((x) => x.id === c.checklist)
          && findCriterion(checklist, c.criterion) !== undefined && inspection.units.includes(c.unit);
      }
      case 'section':
        return /^\d{1,12}$/.test(t.key) && snapshot.outline.some((s) => String(s.id) === t.key);
      case 'evidence':
        return /^\d{1,12}$/.test(t.key) && snapshot.evidence.some((e) => String(e.id) === t.key);
      case 'inspection':
        return t.key === '';
    }
  })();
  if (!ok) throw invalid(GONE, '_form');
}

/** The page a target is shown on. */
export function targetHref(inspectionId: number, t: NoteTarget): string {
  switch (t.kind) {
    case 'cell': {
      const c = parseCellNoteKey(t.key);
      return c ? url.cell(inspectionId, c.checklist, c.criterion, c.unit) : url.notes(inspectionId);
    }
    case 'section':
      return url.section(inspectionId, Number(t.key));
    case 'evidence':
      return url.evidence(inspectionId, Number(t.key));
    case 'inspection':
      return url.notes(inspectionId);
  }
}

/** The addressee as the team spells it, or null for the team; someone off the team is refused. */
function addresseeOf(inspection: InspectionSummary, addressedTo: string | null): string | null {
  if (addressedTo === null || addressedTo.trim() === '') return null;
  const member = inspection.team.find((e) => e.toLowerCase() === addressedTo.trim().toLowerCase());
  if (member === undefined) throw invalid(`${addressedTo.trim()} staat niet in het team van dit onderzoek. Kies een teamlid, of het hele team.`, 'aan');
  return member;
}

export interface NewNoteInput {
  targetKind: NoteTargetKind;
  targetKey: string;
  /** E-mail of a team member; null or '' for the team. */
  addressedTo: string | null;
  body: string;
}

/** Add a note; returns its id. */
export function addNote(ctx: Ctx, actor: Actor, inspectionId: number, input: NewNoteInput): number {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const target = { kind: input.targetKind, key: input.targetKey };
  checkTarget(ctx, inspection, snapshot, target);
  const addressedTo = addresseeOf(inspection, input.addressedTo);
  if (input.body.trim() === '') throw invalid('Schrijf de notitie.', 'tekst');
  return store.addNote(ctx.db, actor.email, inspection.id, { targetKind: target.kind, targetKey: target.key, addressedTo, body: input.body });
}

export function replyToNote(ctx: Ctx, actor: Actor, inspectionId: number, noteId: number, body: string): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  if (body.trim() === '') throw invalid('Schrijf uw reactie.', 'tekst');
  store.addReply(ctx.db, actor.email, inspection.id, noteId, body);
}

/** Resolve a note seen at `version`: who and when are recorded. */
export function resolveNote(ctx: Ctx, actor: Actor, inspectionId: number, noteId: number, version: number): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  store.setNoteStatus(ctx.db, actor.email, inspection.id, noteId, version, 'opgelost');
}

export function reopenNote(ctx: Ctx, actor: Actor, inspectionId: number, noteId: number, version: number): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  store.setNoteStatus(ctx.db, actor.email, inspection.id, noteId, version, 'open');
}

/** A note as the screens show it: where it sits, links, and people by name. */
function noteView(ctx: Ctx, inspection: InspectionSummary, snapshot: InspectionSnapshot, nameOf: (email: string) => string, n: NoteRecord) {
  const checklists = inspectionChecklists(ctx.catalogue, inspection.checklists);
  const target = { kind: n.targetKind, key: n.targetKey };
  return {
    ...n,
    where: noteWhere(n, snapshot, checklists),
    targetLabel: NOTE_TARGET_LABELS[n.targetKind],
    targetHref: targetHref(inspection.id, target),
    href: url.note(inspection.id, n.id),
    authorName: nameOf(n.author),
    addressedToName: n.addressedTo === null ? null : nameOf(n.addressedTo),
    resolvedByName: n.resolvedBy === null ? null : nameOf(n.resolvedBy),
    replies: n.replies.map((r) => ({ ...r, authorName: nameOf(r.author) })),
  };
}
export type NoteView = ReturnType<typeof noteView>;

/** The team as the "aan" choice lists it. */
function teamChoices(inspection: InspectionSummary, nameOf: (email: string) => string) {
  return inspection.team.map((email) => ({ email, name: nameOf(email) }));
}

/**
 * The notes of one inspection for pages that show them beside their target (the cell, a section,
 * a piece of evidence) and count them on lists (matrix, outline, evidence list). Built from the
 * snapshot the page already read.
 */
export function noteIndex(ctx: Ctx, actor: Actor, inspection: InspectionSummary, snapshot: InspectionSnapshot) {
  const nameOf = personNames(ctx);
  const counts = openNoteCounts(snapshot.notes);
  const team = teamChoices(inspection, nameOf);
  const canEdit = rightsOn(actor, inspection).canEdit;
  return {
    openCount: (kind: NoteTargetKind, key: string): number => counts.get(`${kind}:${key}`) ?? 0,
    /** What the notes panel of a target page shows: its notes (open first) and the add form's choices. */
    panel: (kind: NoteTargetKind, key: string) => ({
      target: { kind, key },
      notes: snapshot.notes
        .filter((n) => n.targetKind === kind && n.targetKey === key)
        .map((n) => noteView(ctx, inspection, snapshot, nameOf, n))
        .sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open')),
      team,
      canEdit,
      listHref: url.notes(inspection.id),
    }),
  };
}
export type NoteIndex = ReturnType<typeof noteIndex>;
export type NotePanel = ReturnType<NoteIndex['panel']>;

export interface NoteFilters {
  status: '' | NoteStatus;
  /** 'mij': addressed to the actor. */
  aan: '' | 'mij';
  doel: '' | NoteTargetKind;
}

export const NO_NOTE_FILTERS: NoteFilters = { status: 'open', aan: '', doel: '' };

/** The notes page: the inspection's notes that pass the filters, newest first, with the counts per filter. */
export function listNotes(ctx: Ctx, actor: Actor, inspectionId: number, f: NoteFilters) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const nameOf = personNames(ctx);
  const me = actor.email.toLowerCase();
  const toMe = (n: NoteRecord) => n.addressedTo !== null && n.addressedTo.toLowerCase() === me;
  const notes = snapshot.notes
    .filter((n) => !f.status || n.status === f.status)
    .filter((n) => !f.aan || toMe(n))
    .filter((n) => !f.doel || n.targetKind === f.doel)
    .map((n) => noteView(ctx, inspection, snapshot, nameOf, n))
    .reverse();
  return {
    inspection,
    canEdit: rightsOn(actor, inspection).canEdit,
    notes,
    counts: {
      open: snapshot.notes.filter((n) => n.status === 'open').length,
      opgelost: snapshot.notes.filter((n) => n.status === 'opgelost').length,
      openToMe: snapshot.notes.filter((n) => n.status === 'open' && toMe(n)).length,
      all: snapshot.notes.length,
    },
    panel: noteIndex(ctx, actor, inspection, snapshot).panel('inspection', ''),
  };
}

/** One note with its thread. */
export function notePage(ctx: Ctx, actor: Actor, inspectionId: number, noteId: number) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const note = snapshot.notes.find((n) => n.id === noteId);
  if (!note) throw notFound('Notitie niet gevonden');
  return { inspection, canEdit: rightsOn(actor, inspection).canEdit, note: noteView(ctx, inspection, snapshot, personNames(ctx), note) };
}

/** What the "new note" page shows after a refused add: the target in words, and the team to choose from. */
export function newNotePage(ctx: Ctx, actor: Actor, inspectionId: number, target: NoteTarget) {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const checklists = inspectionChecklists(ctx.catalogue, inspection.checklists);
  let where: string | null = null;
  try {
    checkTarget(ctx, inspection, snapshot, target);
    where = noteWhere({ targetKind: target.kind, targetKey: target.key }, snapshot, checklists);
  } catch (e) {
    if (!isKind(e, 'invalid')) throw e;
  }
  return {
    inspection,
    target,
    where,
    targetHref: where === null ? url.notes(inspection.id) : targetHref(inspection.id, target),
    team: teamChoices(inspection, personNames(ctx)),
  };
}
