// The reactions to a wederhoor round (migration 011) and their handling. Every write checks the
// inspection is editable and that the round belongs to it, compares the version the user saw, and
// logs the change in the same transaction. A reaction is numbered 1, 2, 3 … within its round; that
// number is what the handling document and the blockers call it.
import { reactionDocProblems, type Handling, type ReactionInput, type ReactionRecord, type ReactionRoundDoc, type ReactionSource, type RoundReactions } from '../domain/wederhoor';
import { conflict, invalid, notFound, StaleVersionError } from '../errors';
import { ChangeRow, logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';
import { assertEditable } from './inspections.store';

interface ReactionRow {
  id: number;
  round_id: number;
  position: number;
  paragraph: number | null;
  passage: string;
  reaction: string;
  proposed: string;
  source: ReactionSource;
  handling: Handling | null;
  motivation: string;
  section_id: number | null;
  section_version_before: number | null;
  section_version_after: number | null;
  handled_by: string | null;
  handled_at: string | null;
  created_by: string;
  created_at: string;
  version: number;
}

function fromRow(r: ReactionRow): ReactionRecord {
  return {
    id: r.id,
    roundId: r.round_id,
    position: r.position,
    paragraph: r.paragraph,
    passage: r.passage,
    reaction: r.reaction,
    proposed: r.proposed,
    source: r.source,
    handling: r.handling,
    motivation: r.motivation,
    sectionId: r.section_id,
    sectionVersionBefore: r.section_version_before,
    sectionVersionAfter: r.section_version_after,
    handledBy: r.handled_by,
    handledAt: r.handled_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    version: r.version,
  };
}

/** Every reaction of an inspection's rounds, by round, in their order. */
export function reactionsByRound(db: DB, inspectionId: number): Map<number, ReactionRecord[]> {
  const rows = db
    .prepare('SELECT x.* FROM wederhoor_reactions x JOIN wederhoor_rounds r ON r.id = x.round_id WHERE r.inspection_id = ? ORDER BY x.round_id, x.position')
    .all(inspectionId) as ReactionRow[];
  const out = new Map<number, ReactionRecord[]>();
  for (const row of rows) {
    const list = out.get(row.round_id) ?? [];
    list.push(fromRow(row));
    out.set(row.round_id, list);
  }
  return out;
}

export function listReactions(db: DB, roundId: number): ReactionRecord[] {
  return (db.prepare('SELECT * FROM wederhoor_reactions WHERE round_id = ? ORDER BY position').all(roundId) as ReactionRow[]).map(fromRow);
}

/** The reaction, when it belongs to this round of this inspection; otherwise "not found". */
export function getReaction(db: DB, inspectionId: number, roundId: number, id: number): ReactionRecord {
  const row = db
    .prepare('SELECT x.* FROM wederhoor_reactions x JOIN wederhoor_rounds r ON r.id = x.round_id WHERE x.id = ? AND x.round_id = ? AND r.inspection_id = ?')
    .get(id, roundId, inspectionId) as ReactionRow | undefined;
  if (!row) throw notFound('Reactie niet gevonden');
  return fromRow(row);
}

function assertRound(db: DB, inspectionId: number, roundId: number): void {
  const row = db.prepare('SELECT inspection_id FROM wederhoor_rounds WHERE id = ?').get(roundId) as { inspection_id: number } | undefined;
  if (row?.inspection_id !== inspectionId) throw notFound('Wederhoorronde niet gevonden');
}

/** The fields of a reaction as the change log keeps them. */
function logged(r: Omit<ReactionRecord, 'id' | 'createdAt' | 'createdBy' | 'handledAt' | 'handledBy' | 'version'>) {
  return {
    round: r.roundId, position: r.position, paragraph: r.paragraph, passage: r.passage, reaction: r.reaction, proposed: r.proposed, source: r.source,
    handling: r.handling, motivation: r.motivation, section: r.sectionId, sectionVersionBefore: r.sectionVersionBefore, sectionVersionAfter: r.sectionVersionAfter,
  };
}

/** A reaction as stored whole: the use cases' new reactions, and an imported document's handled ones. */
// Everything of the domain record but what the store assigns itself (id, round, number, creator, version).
export type StoredReaction = Omit<ReactionRecord, 'id' | 'roundId' | 'position' | 'createdBy' | 'createdAt' | 'version'>;

export const unhandled = (input: ReactionInput, source: ReactionSource): StoredReaction => ({
  ...input, source, handling: null, motivation: '', sectionId: null, sectionVersionBefore: null, sectionVersionAfter: null, handledBy: null, handledAt: null,
});

/**
 * Add reactions to the end of a round, all in one transaction: the returned form's rows all, or
 * none. Returns the new ids in order.
 */
export function insertReactions(db: DB, actor: string, inspectionId: number, roundId: number, list: readonly StoredReaction[], options: { checkEditable?: boolean } = {}): number[] {
  return db.transaction(() => {
    if (options.checkEditable !== false) assertEditable(db, inspectionId);
    assertRound(db, inspectionId, roundId);
    const last = (db.prepare('SELECT COALESCE(MAX(position), 0) AS n FROM wederhoor_reactions WHERE round_id = ?').get(roundId) as { n: number }).n;
    const add = db.prepare(
      `INSERT INTO wederhoor_reactions (round_id, position, paragraph, passage, reaction, proposed, source, handling, motivation, section_id,
         section_version_before, section_version_after, handled_by, handled_at, created_by, created_at)
       VALUES (@round_id, @position, @paragraph, @passage, @reaction, @proposed, @source, @handling, @motivation, @section_id,
         @section_version_before, @section_version_after, @handled_by, @handled_at, @created_by, @created_at)`,
    );
    const at = nowIso();
    return list.map((r, i) => {
      const position = last + i + 1;
      const info = add.run({
        round_id: roundId, position, paragraph: r.paragraph, passage: r.passage, reaction: r.reaction, proposed: r.proposed, source: r.source,
        handling: r.handling, motivation: r.motivation, section_id: r.sectionId, section_version_before: r.sectionVersionBefore,
        section_version_after: r.sectionVersionAfter, handled_by: r.handledBy, handled_at: r.handledAt, created_by: actor, created_at: at,
      });
      const id = Number(info.lastInsertRowid);
      logChange(db, { actor, inspectionId, entity: 'wederhoor_reaction', entityId: id, action: 'create', new: logged({ ...r, roundId, position }) });
      return id;
    });
  }).immediate();
}

function current(db: DB, inspectionId: number, roundId: number, id: number, baseVersion: number, attempted: unknown): ReactionRecord {
  assertEditable(db, inspectionId);
  const cur = getReaction(db, inspectionId, roundId, id);
  if (cur.version !== baseVersion) throw new StaleVersionError(cur, attempted);
  return cur;
}

function refuseHandled(cur: ReactionRecord): void {
  if (cur.handling !== null) throw conflict('Deze reactie is al verwerkt en kan niet meer worden gewijzigd of verwijderd.', 'reaction');
}

/** Change an unhandled reaction's own fields. */
export function updateReaction(db: DB, actor: string, inspectionId: number, roundId: number, id: number, baseVersion: number, input: ReactionInput): void {
  db.transaction(() => {
    const cur = current(db, inspectionId, roundId, id, baseVersion, input);
    refuseHandled(cur);
    db.prepare('UPDATE wederhoor_reactions SET paragraph = ?, passage = ?, reaction = ?, proposed = ?, version = version + 1 WHERE id = ?').run(
      input.paragraph, input.passage, input.reaction, input.proposed, id,
    );
    logChange(db, { actor, inspectionId, entity: 'wederhoor_reaction', entityId: id, action: 'update', old: logged(cur), new: logged({ ...cur, ...input }) });
  }).immediate();
}

/** Remove an unhandled reaction; the ones after it move up a number, so the round stays 1 … n. */
export function removeReaction(db: DB, actor: string, inspectionId: number, roundId: number, id: number, baseVersion: number): void {
  db.transaction(() => {
    const cur = current(db, inspectionId, roundId, id, baseVersion, null);
    refuseHandled(cur);
    db.prepare('DELETE FROM wederhoor_reactions WHERE id = ?').run(id);
    // One row at a time, in order: each moves into the place just freed (position is unique per round).
    const later = db.prepare('SELECT id FROM wederhoor_reactions WHERE round_id = ? AND position > ? ORDER BY position').all(roundId, cur.position) as Array<{ id: number }>;
    const up = db.prepare('UPDATE wederhoor_reactions SET position = position - 1 WHERE id = ?');
    for (const r of later) up.run(r.id);
    logChange(db, { actor, inspectionId, entity: 'wederhoor_reaction', entityId: id, action: 'delete', old: logged(cur) });
  }).immediate();
}

export interface HandlingRecord {
  handling: Handling;
  motivation: string;
  sectionId: number | null;
  sectionVersionBefore: number | null;
  sectionVersionAfter: number | null;
}

/** Record (or change) how a reaction was handled. */
export function setHandling(db: DB, actor: string, inspectionId: number, roundId: number, id: number, baseVersion: number, h: HandlingRecord): void {
  db.transaction(() => {
    const cur = current(db, inspectionId, roundId, id, baseVersion, h);
    db.prepare(
      `UPDATE wederhoor_reactions SET handling = ?, motivation = ?, section_id = ?, section_version_before = ?, section_version_after = ?,
         handled_by = ?, handled_at = ?, version = version + 1 WHERE id = ?`,
    ).run(h.handling, h.motivation, h.sectionId, h.sectionVersionBefore, h.sectionVersionAfter, actor, nowIso(), id);
    logChange(db, { actor, inspectionId, entity: 'wederhoor_reaction', entityId: id, action: 'handle', old: logged(cur), new: logged({ ...cur, ...h }) });
  }).immediate();
}

/** Every round of an inspection, oldest first, with its reactions (a round without any has an empty list). */
export function reactionRounds(db: DB, inspectionId: number): RoundReactions[] {
  const byRound = reactionsByRound(db, inspectionId);
  const ids = db.prepare('SELECT id FROM wederhoor_rounds WHERE inspection_id = ? ORDER BY id').pluck().all(inspectionId) as number[];
  return ids.map((id) => ({ id, reactions: byRound.get(id) ?? [] }));
}

/** One report section's entries in the change log, newest first, a page at a time. */
export function sectionHistory(db: DB, inspectionId: number, sectionId: number, offset: number, limit: number): { rows: ChangeRow[]; total: number } {
  const p = { inspectionId, sectionId: String(sectionId) };
  const where = `inspection_id = @inspectionId AND entity = 'section' AND entity_id = @sectionId`;
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM change_log WHERE ${where}`).get(p) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM change_log WHERE ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all({ ...p, limit, offset }) as ChangeRow[];
  return { rows, total };
}

/**
 * The reactions of an imported document, inside the import's transaction, after its rounds and
 * outline: rounds and sections are named by their place, checked before anything is written.
 */
export function insertImportedReactions(db: DB, inspectionId: number, rounds: readonly ReactionRoundDoc[]): void {
  if (!db.inTransaction) throw new Error('insertImportedReactions runs inside the import transaction');
  if (rounds.length === 0) return;
  const roundIds = db.prepare('SELECT id FROM wederhoor_rounds WHERE inspection_id = ? ORDER BY id').pluck().all(inspectionId) as number[];
  const sectionIds = db.prepare('SELECT id FROM report_sections WHERE inspection_id = ? ORDER BY position, id').pluck().all(inspectionId) as number[];
  const paragraphs = roundIds.map((id) => db.prepare('SELECT number FROM wederhoor_paragraphs WHERE round_id = ? ORDER BY number').pluck().all(id) as number[]);
  const problems = reactionDocProblems({ outline: sectionIds, wederhoorReactions: [...rounds] }, paragraphs);
  if (problems.length > 0) throw invalid(`De reacties op het wederhoor in het document kloppen niet:\n${problems.slice(0, 20).map((p) => `- ${p}`).join('\n')}`, undefined, problems);
  const add = db.prepare(
    `INSERT INTO wederhoor_reactions (round_id, position, paragraph, passage, reaction, proposed, source, handling, motivation, section_id,
       section_version_before, section_version_after, handled_by, handled_at, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rounds) {
    const roundId = roundIds[r.round - 1];
    r.reactions.forEach((x, i) => {
      add.run(roundId, i + 1, x.paragraph, x.passage, x.reaction, x.proposed, x.source, x.handling, x.motivation,
        x.section === null ? null : sectionIds[x.section - 1], x.sectionVersionBefore, x.sectionVersionAfter, x.handledBy, x.handledAt, x.createdBy, x.createdAt);
    });
  }
}
