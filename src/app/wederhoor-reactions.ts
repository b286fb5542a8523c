// The reactions of the inspected party to a wederhoor round, and their handling: typed in the app
// or imported from the returned reaction form (every row checked, all rows or none), edited or
// removed while unhandled, and handled as overgenomen, gedeeltelijk overgenomen or niet
// overgenomen with a motivation. When the report's text changed because of a reaction, the
// handling records the section's version at the round (from the round's paragraph list) and its
// version now, so the handling document and the history pages can show both.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import type { InspectionSummary } from '../domain/inspection';
import { numberOutline, outlineOf, inspectionChecklists } from '../domain/outline';
import type { WederhoorRoundRecord } from '../domain/wederhoor-round';
import {
  HANDLING_LABELS, Handling, HandlingInput, paragraphRange, REACTION_SOURCE_LABELS, REACTION_STATE_LABELS, ReactionInput, reactionProblems, ReactionRecord, reactionState,
} from '../domain/wederhoor';
import { conflict, invalid } from '../errors';
import { checkUpload } from '../files/sniff';
import { describeFormProblem, FormProblem, openWorkbook, readReactionRows, REACTIONS_SHEET } from '../files/reaction-form';
import { url } from '../present';
import { loadSnapshot } from '../store/inspections.store';
import { getRound, listRounds } from '../store/wederhoor.store';
import type { ModelOptions } from '../reports/common';
import type { RenderOptions } from '../reports/engine';
import { buildHandlingDocument, HandlingDocumentModel } from '../reports/wederhoor.model';
import { handlingDocumentPdf, handlingDocumentXlsx } from '../reports/wederhoor-document';
import { handlingDocumentFileName } from '../present/filenames';
import * as store from '../store/wederhoor-reactions.store';
import { formMarkerProblem } from './wederhoor-form-marker';
import { openInspection, rightsOn } from './inspection-access';
import { personNames } from './users';

/** The form fields a message belongs to (the web's field names). */
const FIELD: Record<keyof ReactionInput, string> = { paragraph: 'paragraaf', passage: 'passage', reaction: 'reactie', proposed: 'voorstel' };

function openRound(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, mode: 'read' | 'edit'): { inspection: InspectionSummary; round: WederhoorRoundRecord } {
  const inspection = openInspection(ctx, actor, inspectionId, mode);
  return { inspection, round: getRound(ctx.db, inspection.id, roundId) };
}

function refuseClosed(round: WederhoorRoundRecord): void {
  if (round.closedAt !== null) throw conflict('Deze wederhoorronde is afgesloten; er kunnen geen reacties meer bij.', 'reactie');
}

function check(round: WederhoorRoundRecord, input: ReactionInput): ReactionInput {
  const clean: ReactionInput = {
    paragraph: input.paragraph,
    passage: input.passage.replace(/\r\n?/g, '\n').trim(),
    reaction: input.reaction.replace(/\r\n?/g, '\n').trim(),
    proposed: input.proposed.replace(/\r\n?/g, '\n').trim(),
  };
  const problems = reactionProblems(clean, paragraphRange(round.paragraphs.map((p) => p.number)));
  const first = (Object.keys(problems) as Array<keyof ReactionInput>)[0] as keyof ReactionInput | undefined;
  if (first !== undefined) {
    const all = Object.values(problems);
    throw invalid(capital(problems[first] ?? ''), FIELD[first], all.map(capital));
  }
  return clean;
}

const capital = (s: string) => (s ? s[0].toLocaleUpperCase('nl') + s.slice(1) + (s.endsWith('.') ? '' : '.') : s);

/** A reaction typed in the app; returns its id. */
export function addReaction(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, input: ReactionInput): number {
  const { inspection, round } = openRound(ctx, actor, inspectionId, roundId, 'edit');
  refuseClosed(round);
  const [id] = store.insertReactions(ctx.db, actor.email, inspection.id, round.id, [store.unhandled(check(round, input), 'app')]);
  return id;
}

/** Change an unhandled reaction (against the version the user saw). */
export function editReaction(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, reactionId: number, version: number, input: ReactionInput): void {
  const { inspection, round } = openRound(ctx, actor, inspectionId, roundId, 'edit');
  store.updateReaction(ctx.db, actor.email, inspection.id, round.id, reactionId, version, check(round, input));
}

export function removeReaction(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, reactionId: number, version: number): void {
  const { inspection, round } = openRound(ctx, actor, inspectionId, roundId, 'edit');
  store.removeReaction(ctx.db, actor.email, inspection.id, round.id, reactionId, version);
}

export type ImportOutcome = { ok: true; added: number } | { ok: false; problems: string[] };

/**
 * Import the returned reaction form: the file must be an XLSX, its marker must name this round,
 * and every filled row must be right; then all rows are added in one transaction, else none.
 */
export async function importReactions(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, name: string, bytes: Buffer): Promise<ImportOutcome> {
  const { inspection, round } = openRound(ctx, actor, inspectionId, roundId, 'edit');
  refuseClosed(round);
  const fail = (p: FormProblem[]): ImportOutcome => ({ ok: false, problems: p.map(describeFormProblem) });
  const upload = checkUpload(name, bytes);
  if (!upload.ok || upload.kind !== 'xlsx') {
    return { ok: false, problems: [upload.ok ? 'Dit is geen Excel-werkmap (.xlsx); upload het ingevulde reactieformulier.' : upload.message] };
  }
  const wb = await openWorkbook(bytes);
  if (!wb) return fail([{ sheet: name, row: 0, column: '', message: 'het bestand kon niet als Excel-werkmap worden gelezen' }]);
  const marker = formMarkerProblem(wb, round);
  if (marker) return fail([{ sheet: REACTIONS_SHEET, row: 0, column: '', message: marker }]);
  const reading = readReactionRows(wb, paragraphRange(round.paragraphs.map((p) => p.number)));
  if (!reading.ok) return fail(reading.problems);
  store.insertReactions(ctx.db, actor.email, inspection.id, round.id, reading.rows.map(({ row: _row, ...input }) => store.unhandled(input, 'formulier')));
  return { ok: true, added: reading.rows.length };
}

export interface HandleReactionInput extends HandlingInput {
  version: number;
  /** The text of the report was changed because of the reaction. */
  textChanged: boolean;
  /** The section whose text changed; by default the one the reaction's paragraph stands in. */
  sectionId: number | null;
}

/** Record how a reaction was handled; with a changed text, the section's version at the round and now. */
export function handleReaction(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, reactionId: number, input: HandleReactionInput): void {
  const { inspection, round } = openRound(ctx, actor, inspectionId, roundId, 'edit');
  const reaction = store.getReaction(ctx.db, inspection.id, round.id, reactionId);
  let section: { id: number | null; before: number | null; after: number | null } = { id: null, before: null, after: null };
  if (input.textChanged) {
    const paragraph = reaction.paragraph === null ? undefined : round.paragraphs.find((p) => p.number === reaction.paragraph);
    const sectionId = input.sectionId ?? paragraph?.sectionId ?? null;
    if (sectionId === null) throw invalid('Kies de sectie waarvan de tekst is aangepast.', 'sectie');
    const current = loadSnapshot(ctx.db, inspection.id).outline.find((s) => s.id === sectionId);
    if (!current) throw invalid('Deze sectie bestaat niet (meer) in de rapportopzet; kies een andere.', 'sectie');
    const atRound = round.paragraphs.find((p) => p.sectionId === sectionId && p.sectionVersion !== null)?.sectionVersion ?? null;
    if (atRound !== null && atRound === current.version) {
      throw invalid(`De tekst van deze sectie is sinds de wederhoorronde niet gewijzigd (nog versie ${current.version}). Pas eerst de tekst aan, of vink "tekst aangepast" uit.`, 'sectie');
    }
    section = { id: sectionId, before: atRound, after: current.version };
  }
  store.setHandling(ctx.db, actor.email, inspection.id, round.id, reactionId, input.version, {
    handling: input.handling,
    motivation: input.motivation.replace(/\r\n?/g, '\n').trim(),
    sectionId: section.id,
    sectionVersionBefore: section.before,
    sectionVersionAfter: section.after,
  });
}

/** The stored reaction the user was editing, for the conflict view. */
export function storedReaction(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number, reactionId: number): ReactionRecord | null {
  const { inspection, round } = openRound(ctx, actor, inspectionId, roundId, 'read');
  return store.listReactions(ctx.db, round.id).find((r) => r.id === reactionId && inspection.id === round.inspectionId) ?? null;
}

export interface ReactionView extends ReactionRecord {
  state: ReturnType<typeof reactionState>;
  stateLabel: string;
  handlingLabel: string | null;
  sourceLabel: string;
  /** The paragraph as sent: its heading and first words. */
  paragraphHeading: string | null;
  paragraphExcerpt: string | null;
  sectionHeading: string | null;
  sectionHref: string | null;
  sectionHistoryHref: string | null;
  handledByName: string | null;
  editable: boolean;
}

/** What the reactions part of a round page shows. */
export function reactionsView(ctx: Ctx, actor: Actor, inspectionId: number, roundId: number) {
  const { inspection, round } = openRound(ctx, actor, inspectionId, roundId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const numbered = numberOutline(outlineOf(snapshot, inspectionChecklists(ctx.catalogue, inspection.checklists)));
  const headingOf = new Map(numbered.map((n) => [n.section.id, n.heading]));
  const paragraphs = new Map(round.paragraphs.map((p) => [p.number, p]));
  const nameOf = personNames(ctx);
  const canEdit = rightsOn(actor, inspection).canEdit;
  const reactions: ReactionView[] = store.listReactions(ctx.db, round.id).map((r) => {
    const p = r.paragraph === null ? undefined : paragraphs.get(r.paragraph);
    const state = reactionState(r);
    return {
      ...r,
      state,
      stateLabel: REACTION_STATE_LABELS[state],
      handlingLabel: r.handling ? HANDLING_LABELS[r.handling] : null,
      sourceLabel: REACTION_SOURCE_LABELS[r.source],
      paragraphHeading: p?.heading ?? null,
      paragraphExcerpt: p?.excerpt ?? null,
      sectionHeading: r.sectionId === null ? null : headingOf.get(r.sectionId) ?? 'verwijderde sectie',
      sectionHref: r.sectionId !== null && headingOf.has(r.sectionId) ? url.section(inspection.id, r.sectionId) : null,
      sectionHistoryHref: r.sectionId !== null ? url.sectionHistory(inspection.id, r.sectionId) : null,
      handledByName: r.handledBy ? nameOf(r.handledBy) : null,
      editable: canEdit && r.handling === null,
    };
  });
  const counts = { total: reactions.length, open: reactions.filter((r) => r.state !== 'verwerkt').length };
  return {
    round,
    reactions,
    counts,
    canEdit,
    canAdd: canEdit && round.closedAt === null,
    handlings: (Object.keys(HANDLING_LABELS) as Handling[]).map((h) => ({ value: h, label: HANDLING_LABELS[h] })),
    sections: numbered.map((n) => ({ id: n.section.id, heading: n.heading })),
    paragraphCount: round.paragraphs.length,
  };
}

/** The handling document's model: every round of the inspection with its reactions and their handling. */
export function handlingDocumentModel(ctx: Ctx, actor: Actor, inspectionId: number, options: ModelOptions = {}): HandlingDocumentModel {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  return buildHandlingDocument(loadSnapshot(ctx.db, inspection.id), listRounds(ctx.db, inspection.id), options);
}

/** The handling document as PDF or XLSX, with the file name a reader recognises. */
export async function handlingDocumentFile(
  ctx: Ctx, actor: Actor, inspectionId: number, format: 'pdf' | 'xlsx', render: RenderOptions = {},
): Promise<{ filename: string; bytes: Buffer }> {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const m = handlingDocumentModel(ctx, actor, inspection.id);
  const bytes = format === 'pdf' ? await handlingDocumentPdf(m, render) : await handlingDocumentXlsx(m);
  return { filename: handlingDocumentFileName({ title: inspection.title, year: inspection.year, final: inspection.status === 'vastgesteld', extension: format }), bytes };
}
