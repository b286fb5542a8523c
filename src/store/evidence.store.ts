// Evidence (bronnen) of an inspection: metadata, the units it covers, an optional file stored
// under its SHA-256 in the data directory (outside any web root), and the wederhoor state.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StaleVersionError, notFound } from '../errors';
import type { EvidenceRecord } from '../domain/inspection';
import type { EvidenceType, Wederhoor } from '../domain/vocabulary';
import { logChange } from './changelog';
import type { DB } from './db';
import { filesDir, makePrivate, nowIso, PRIVATE_FILE_MODE } from './db';
import { assertEditable, evidenceFromRow } from './inspections.store';

export interface EvidenceInput {
  type: EvidenceType;
  title: string;
  dateFrom: string | null;
  dateTo: string | null;
  party: string;
  units: string[];
  description: string;
  wederhoor: { status: Wederhoor; date: string | null } | null;
}

export interface StoredFile {
  name: string;
  sha256: string;
  mime: string;
  size: number;
}

export function getEvidence(db: DB, inspectionId: number, evidenceId: number): EvidenceRecord {
  const r = db.prepare('SELECT * FROM evidence WHERE id = ? AND inspection_id = ?').get(evidenceId, inspectionId) as
    | Parameters<typeof evidenceFromRow>[0]
    | undefined;
  if (!r) throw notFound('Bron niet gevonden');
  const units = (db.prepare('SELECT unit_code FROM evidence_units WHERE evidence_id = ? ORDER BY unit_code').all(evidenceId) as Array<{ unit_code: string }>).map((u) => u.unit_code);
  return evidenceFromRow(r, units);
}

/** Write file bytes under their hash (content-addressed, so a re-upload costs nothing). */
export function storeFileBytes(dataDir: string, bytes: Buffer): string {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const target = path.join(filesDir(dataDir), sha256);
  if (!fs.existsSync(target)) {
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    makePrivate(tmp);
    fs.renameSync(tmp, target);
  }
  return sha256;
}

export function filePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw notFound('Bestand niet gevonden');
  return path.join(filesDir(dataDir), sha256);
}

function nextRef(db: DB, inspectionId: number): string {
  const n = (db.prepare("SELECT COUNT(*) AS n FROM evidence WHERE inspection_id = ?").get(inspectionId) as { n: number }).n;
  let i = n + 1;
  let ref = `B${String(i).padStart(3, '0')}`;
  while (db.prepare('SELECT 1 FROM evidence WHERE inspection_id = ? AND ref = ?').get(inspectionId, ref)) ref = `B${String(++i).padStart(3, '0')}`;
  return ref;
}

export function createEvidence(db: DB, actor: string, inspectionId: number, input: EvidenceInput, file: StoredFile | null, ref?: string): number {
  return db.transaction(() => {
    assertEditable(db, inspectionId);
    const theRef = ref ?? nextRef(db, inspectionId);
    const info = db
      .prepare(
        `INSERT INTO evidence (inspection_id, ref, type, title, date_from, date_to, party, description, file_name, file_sha256, file_mime, file_size,
           wederhoor_status, wederhoor_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(inspectionId, theRef, input.type, input.title, input.dateFrom, input.dateTo, input.party, input.description,
        file?.name ?? null, file?.sha256 ?? null, file?.mime ?? null, file?.size ?? null,
        input.wederhoor?.status ?? null, input.wederhoor?.date ?? null, nowIso());
    const id = Number(info.lastInsertRowid);
    const addUnit = db.prepare('INSERT OR IGNORE INTO evidence_units (evidence_id, unit_code) VALUES (?, ?)');
    for (const u of input.units) addUnit.run(id, u);
    logChange(db, { actor, inspectionId, entity: 'evidence', entityId: id, action: 'create', new: { ref: theRef, ...input, file } });
    return id;
  }).immediate();
}

export function updateEvidence(db: DB, actor: string, inspectionId: number, evidenceId: number, baseVersion: number, input: EvidenceInput, file?: StoredFile | null): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const before = getEvidence(db, inspectionId, evidenceId);
    if (before.version !== baseVersion) throw new StaleVersionError(before, input);
    const f = file === undefined ? before.file : file;
    db.prepare(
      `UPDATE evidence SET type = ?, title = ?, date_from = ?, date_to = ?, party = ?, description = ?, file_name = ?, file_sha256 = ?, file_mime = ?,
         file_size = ?, wederhoor_status = ?, wederhoor_date = ?, version = version + 1 WHERE id = ?`,
    ).run(input.type, input.title, input.dateFrom, input.dateTo, input.party, input.description, f?.name ?? null, f?.sha256 ?? null, f?.mime ?? null,
      f?.size ?? null, input.wederhoor?.status ?? null, input.wederhoor?.date ?? null, evidenceId);
    db.prepare('DELETE FROM evidence_units WHERE evidence_id = ?').run(evidenceId);
    const addUnit = db.prepare('INSERT OR IGNORE INTO evidence_units (evidence_id, unit_code) VALUES (?, ?)');
    for (const u of input.units) addUnit.run(evidenceId, u);
    const { version: _v, id: _i, ...old } = before;
    logChange(db, { actor, inspectionId, entity: 'evidence', entityId: evidenceId, action: 'update', old, new: { ...input, file: f } });
  }).immediate();
}

/** The cells a piece of evidence supports, with the excerpt of each link. */
export function linksOfEvidence(db: DB, inspectionId: number, evidenceId: number) {
  return db
    .prepare(
      `SELECT v.id AS verdictId, v.unit_code AS unit, v.checklist_id AS checklist, v.criterion_id AS criterion, v.verdict, l.excerpt
       FROM evidence_links l JOIN verdicts v ON v.id = l.verdict_id WHERE l.evidence_id = ? AND v.inspection_id = ? ORDER BY v.checklist_id, v.criterion_id, v.unit_code`,
    )
    .all(evidenceId, inspectionId) as Array<{ verdictId: number; unit: string; checklist: string; criterion: string; verdict: string; excerpt: string }>;
}
