// Review notes and their replies (migration 9). Every write checks the inspection is editable
// and logs the change in the same transaction, so the snapshot cache mark moves and the history
// page shows it; resolve and reopen are checked against the version the user saw.
import { StaleVersionError, conflict, must, notFound } from '../errors';
import { cellNoteKey, type NoteRecord, type NoteReply, type NoteStatus, type NoteTargetKind, type ReviewNoteDoc } from '../domain/review-notes';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';
import { assertEditable } from './inspections.store';

interface NoteRow {
  id: number;
  target_kind: NoteTargetKind;
  target_key: string;
  addressed_to: string | null;
  body: string;
  author: string;
  created_at: string;
  status: NoteStatus;
  resolved_by: string | null;
  resolved_at: string | null;
  version: number;
}

interface ReplyRow {
  id: number;
  note_id: number;
  author: string;
  body: string;
  created_at: string;
}

function fromRow(r: NoteRow, replies: NoteReply[]): NoteRecord {
  return {
    id: r.id,
    targetKind: r.target_kind,
    targetKey: r.target_key,
    addressedTo: r.addressed_to,
    body: r.body,
    author: r.author,
    createdAt: r.created_at,
    status: r.status,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    version: r.version,
    replies,
  };
}

/** Every note of an inspection, oldest first, each with its replies oldest first: two queries. */
export function listNotes(db: DB, inspectionId: number): NoteRecord[] {
  const replies = new Map<number, NoteReply[]>();
  for (const r of db
    .prepare('SELECT r.* FROM review_note_replies r JOIN review_notes n ON n.id = r.note_id WHERE n.inspection_id = ? ORDER BY r.note_id, r.id')
    .iterate(inspectionId) as Iterable<ReplyRow>) {
    const list = replies.get(r.note_id) ?? [];
    list.push({ id: r.id, author: r.author, body: r.body, createdAt: r.created_at });
    replies.set(r.note_id, list);
  }
  return (db.prepare('SELECT * FROM review_notes WHERE inspection_id = ? ORDER BY id').all(inspectionId) as NoteRow[]).map((r) =>
    fromRow(r, replies.get(r.id) ?? []),
  );
}

function getNoteRow(db: DB, inspectionId: number, noteId: number): NoteRow {
  const r = db.prepare('SELECT * FROM review_notes WHERE id = ? AND inspection_id = ?').get(noteId, inspectionId) as NoteRow | undefined;
  if (!r) throw notFound('Notitie niet gevonden');
  return r;
}

export interface NewNote {
  targetKind: NoteTargetKind;
  targetKey: string;
  addressedTo: string | null;
  body: string;
}

export function addNote(db: DB, actor: string, inspectionId: number, note: NewNote): number {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    const id = Number(
      db.prepare('INSERT INTO review_notes (inspection_id, target_kind, target_key, addressed_to, body, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(inspectionId, note.targetKind, note.targetKey, note.addressedTo, note.body, actor, nowIso()).lastInsertRowid,
    );
    logChange(db, { actor, inspectionId, entity: 'review_note', entityId: id, action: 'create', new: note });
    return id;
  }).immediate();
}

export function addReply(db: DB, actor: string, inspectionId: number, noteId: number, body: string): number {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    getNoteRow(db, inspectionId, noteId);
    const id = Number(db.prepare('INSERT INTO review_note_replies (note_id, author, body, created_at) VALUES (?, ?, ?, ?)').run(noteId, actor, body, nowIso()).lastInsertRowid);
    logChange(db, { actor, inspectionId, entity: 'review_note_reply', entityId: `${noteId}:${id}`, action: 'create', new: { noteId, body } });
    return id;
  }).immediate();
}

/** Resolve (opgelost) or reopen (open) a note seen at `baseVersion`. */
export function setNoteStatus(db: DB, actor: string, inspectionId: number, noteId: number, baseVersion: number, status: NoteStatus): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = getNoteRow(db, inspectionId, noteId);
    if (cur.version !== baseVersion) throw new StaleVersionError(fromRow(cur, []), { status });
    if (cur.status === status) throw conflict(status === 'opgelost' ? 'Deze notitie is al opgelost.' : 'Deze notitie staat al open.');
    const at = status === 'opgelost' ? nowIso() : null;
    const by = status === 'opgelost' ? actor : null;
    db.prepare('UPDATE review_notes SET status = ?, resolved_by = ?, resolved_at = ?, version = version + 1 WHERE id = ?').run(status, by, at, noteId);
    logChange(db, {
      actor,
      inspectionId,
      entity: 'review_note',
      entityId: noteId,
      action: status === 'opgelost' ? 'resolve' : 'reopen',
      old: { status: cur.status, resolvedBy: cur.resolved_by, resolvedAt: cur.resolved_at },
      new: { status, resolvedBy: by, resolvedAt: at },
    });
  }).immediate();
}

/**
 * The notes of an imported document, inside the import's transaction (after its evidence and
 * outline, before its status is set, so a vastgesteld document brings its notes too). The
 * document names targets by checklist/criterion/unit, outline position and evidence ref.
 */
export function insertImportedNotes(db: DB, inspectionId: number, notes: readonly ReviewNoteDoc[], evidenceIds: ReadonlyMap<string, number>): void {
  if (!db.inTransaction) throw new Error('insertImportedNotes runs inside the import transaction');
  if (notes.length === 0) return;
  const sectionIds = (db.prepare('SELECT id FROM report_sections WHERE inspection_id = ? ORDER BY position, id').all(inspectionId) as Array<{ id: number }>).map((r) => r.id);
  const addNoteRow = db.prepare(
    `INSERT INTO review_notes (inspection_id, target_kind, target_key, addressed_to, body, author, created_at, status, resolved_by, resolved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addReplyRow = db.prepare('INSERT INTO review_note_replies (note_id, author, body, created_at) VALUES (?, ?, ?, ?)');
  for (const n of notes) {
    const t = n.target;
    const key =
      t.kind === 'cell' ? cellNoteKey(t.checklist, t.criterion, t.unit)
      : t.kind === 'section' ? String(must(sectionIds.at(t.section - 1), `sectie ${t.section} van de rapportopzet`))
      : t.kind === 'evidence' ? String(must(evidenceIds.get(t.ref), `bron '${t.ref}'`))
      : '';
    const id = Number(addNoteRow.run(inspectionId, t.kind, key, n.addressedTo, n.body, n.author, n.createdAt, n.status, n.resolvedBy, n.resolvedAt).lastInsertRowid);
    for (const r of n.replies) addReplyRow.run(id, r.author, r.body, r.createdAt);
  }
}
