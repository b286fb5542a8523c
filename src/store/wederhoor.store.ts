// Wederhoor rounds (010): the concept files as sent with their SHA-256, and the numbered
// paragraphs. Every write checks that the inspection is editable and logs in the same
// transaction; the change log holds the metadata and hashes, never the file bytes.
import crypto from 'node:crypto';
import { conflict, integrityError, notFound } from '../errors';
import type { RoundFileKind, WederhoorParagraph, WederhoorRoundInput, WederhoorRoundRecord } from '../domain/wederhoor-round';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';
import { assertEditable } from './inspections.store';

interface RoundRow {
  id: number;
  inspection_id: number;
  party_organisation: string;
  party_contact: string;
  sent_on: string;
  deadline: string;
  note: string;
  pdf_sha256: string | null;
  docx_sha256: string | null;
  has_pdf: number;
  has_docx: number;
  created_by: string;
  created_at: string;
  closed_at: string | null;
  version: number;
}

interface ParagraphRow {
  round_id: number;
  number: number;
  section_id: number | null;
  section_version: number | null;
  heading: string;
  excerpt: string;
}

// The blobs stay in the table: every list reads whether they are there, not the bytes.
const ROUND_COLUMNS = `id, inspection_id, party_organisation, party_contact, sent_on, deadline, note, pdf_sha256, docx_sha256,
  pdf IS NOT NULL AS has_pdf, docx IS NOT NULL AS has_docx, created_by, created_at, closed_at, version`;

const paragraphFromRow = (p: ParagraphRow): WederhoorParagraph => ({
  number: p.number, sectionId: p.section_id, sectionVersion: p.section_version, heading: p.heading, excerpt: p.excerpt,
});

function fromRow(r: RoundRow, paragraphs: WederhoorParagraph[]): WederhoorRoundRecord {
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    organisation: r.party_organisation,
    contact: r.party_contact,
    sentOn: r.sent_on,
    deadline: r.deadline,
    note: r.note,
    pdfSha256: r.pdf_sha256,
    docxSha256: r.docx_sha256,
    hasPdf: r.has_pdf === 1,
    hasDocx: r.has_docx === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    version: r.version,
    paragraphs,
  };
}

export const sha256Of = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

export interface RoundFiles {
  pdf: Buffer;
  docx: Buffer;
}

/** What an insert may carry beyond the input: for an import or the demo, hashes without bytes and the original dates. */
export interface RoundExtras {
  pdfSha256?: string | null;
  docxSha256?: string | null;
  createdBy?: string;
  createdAt?: string;
  closedAt?: string | null;
  checkEditable?: boolean;
  /** The inspection's last change-log entry when the files were rendered: a change since then refuses the round. */
  renderedAt?: number;
}

/** The inspection's last change-log entry (0 when none): what the rendered files reflect. */
export function lastChange(db: DB, inspectionId: number): number {
  return (db.prepare('SELECT MAX(seq) AS s FROM change_log WHERE inspection_id = ?').get(inspectionId) as { s: number | null }).s ?? 0;
}

/** Store a round with its files (or, imported, only their hashes) and its paragraphs; returns its id. */
export function insertRound(
  db: DB,
  actor: string,
  inspectionId: number,
  input: WederhoorRoundInput,
  files: RoundFiles | null,
  paragraphs: readonly WederhoorParagraph[],
  extras: RoundExtras = {},
): number {
  return db.transaction(() => {
    if (extras.checkEditable !== false) assertEditable(db, inspectionId);
    if (extras.renderedAt !== undefined && lastChange(db, inspectionId) !== extras.renderedAt) {
      throw conflict('Het onderzoek is gewijzigd terwijl het concept werd gemaakt. Bied het opnieuw aan, dan gaat de nieuwste versie mee.');
    }
    const pdfSha = files ? sha256Of(files.pdf) : extras.pdfSha256 ?? null;
    const docxSha = files ? sha256Of(files.docx) : extras.docxSha256 ?? null;
    const createdAt = extras.createdAt ?? nowIso();
    const info = db
      .prepare(
        `INSERT INTO wederhoor_rounds (inspection_id, party_organisation, party_contact, sent_on, deadline, note, pdf, pdf_sha256, docx, docx_sha256,
           created_by, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(inspectionId, input.organisation, input.contact, input.sentOn, input.deadline, input.note,
        files?.pdf ?? null, pdfSha, files?.docx ?? null, docxSha, extras.createdBy ?? actor, createdAt, extras.closedAt ?? null);
    const id = Number(info.lastInsertRowid);
    const add = db.prepare('INSERT INTO wederhoor_paragraphs (round_id, number, section_id, section_version, heading, excerpt) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of paragraphs) add.run(id, p.number, p.sectionId, p.sectionVersion, p.heading, p.excerpt);
    logChange(db, {
      actor,
      inspectionId,
      entity: 'wederhoor_round',
      entityId: id,
      action: 'create',
      new: { ...input, pdfSha256: pdfSha, docxSha256: docxSha, paragraphs: paragraphs.length, closedAt: extras.closedAt ?? null },
    });
    return id;
  }).immediate();
}

function paragraphsOf(db: DB, roundIds: number[]): Map<number, WederhoorParagraph[]> {
  const out = new Map<number, WederhoorParagraph[]>(roundIds.map((id) => [id, []]));
  if (roundIds.length === 0) return out;
  const rows = db
    .prepare(`SELECT * FROM wederhoor_paragraphs WHERE round_id IN (${roundIds.map(() => '?').join(',')}) ORDER BY round_id, number`)
    .all(...roundIds) as ParagraphRow[];
  for (const p of rows) out.get(p.round_id)?.push(paragraphFromRow(p));
  return out;
}

/** The rounds of an inspection, oldest first, with their paragraphs (not the file bytes). */
export function listRounds(db: DB, inspectionId: number): WederhoorRoundRecord[] {
  const rows = db.prepare(`SELECT ${ROUND_COLUMNS} FROM wederhoor_rounds WHERE inspection_id = ? ORDER BY id`).all(inspectionId) as RoundRow[];
  const paragraphs = paragraphsOf(db, rows.map((r) => r.id));
  return rows.map((r) => fromRow(r, paragraphs.get(r.id) ?? []));
}

export function getRound(db: DB, inspectionId: number, roundId: number): WederhoorRoundRecord {
  const r = db.prepare(`SELECT ${ROUND_COLUMNS} FROM wederhoor_rounds WHERE id = ? AND inspection_id = ?`).get(roundId, inspectionId) as RoundRow | undefined;
  if (!r) throw notFound('Wederhoorronde niet gevonden');
  return fromRow(r, paragraphsOf(db, [r.id]).get(r.id) ?? []);
}

/** Close a round: the party's reactions are in (or the deadline passed). A stale version is refused. */
export function closeRound(db: DB, actor: string, inspectionId: number, roundId: number, baseVersion: number): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const cur = getRound(db, inspectionId, roundId);
    if (cur.closedAt !== null) throw conflict('Deze wederhoorronde is al afgesloten.');
    if (cur.version !== baseVersion) throw conflict('Iemand anders heeft deze ronde intussen gewijzigd. Laad de pagina opnieuw.');
    const at = nowIso();
    db.prepare('UPDATE wederhoor_rounds SET closed_at = ?, version = version + 1 WHERE id = ?').run(at, roundId);
    logChange(db, { actor, inspectionId, entity: 'wederhoor_round', entityId: roundId, action: 'close', old: { closedAt: null }, new: { closedAt: at } });
  }).immediate();
}

/**
 * The stored bytes of a round's PDF or Word file, checked against the recorded hash; null when
 * the round has only the hash (imported, or the demo's).
 */
export function roundFile(db: DB, inspectionId: number, roundId: number, kind: RoundFileKind): Buffer | null {
  const r = db
    .prepare(`SELECT ${kind} AS bytes, ${kind}_sha256 AS sha FROM wederhoor_rounds WHERE id = ? AND inspection_id = ?`)
    .get(roundId, inspectionId) as { bytes: Buffer | null; sha: string | null } | undefined;
  if (!r) throw notFound('Wederhoorronde niet gevonden');
  if (r.bytes === null) return null;
  if (sha256Of(r.bytes) !== r.sha) throw integrityError('Het opgeslagen bestand van deze wederhoorronde komt niet meer overeen met zijn SHA-256.');
  return r.bytes;
}
