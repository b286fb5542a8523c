// Vaststelling: acceptances of remaining blockers, the finalisation itself (with the stored
// report bytes), the stored reports, and reopening a finalised inspection as a new revision.
import crypto from 'node:crypto';
import type { Catalogue } from '../domain/checklist';
import { BlockerAcceptance, finalisationCheck, finalisationRefusal, revisionRef } from '../domain/finalisation';
import { inspectionStatus } from '../domain/status';
import { conflict, forbidden, integrityError, invalid, notFound } from '../errors';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';
import { exportDocument, importDocument } from './documents';
import { assertEditable, getInspection, loadSnapshot } from './inspections.store';

export function listAcceptances(db: DB, inspectionId: number): BlockerAcceptance[] {
  return (db.prepare('SELECT blocker_key, accepted_by, accepted_at, motivation FROM blocker_acceptances WHERE inspection_id = ? ORDER BY blocker_key, accepted_at').all(inspectionId) as Array<{
    blocker_key: string; accepted_by: string; accepted_at: string; motivation: string;
  }>).map((r) => ({ blockerKey: r.blocker_key, acceptedBy: r.accepted_by, acceptedAt: r.accepted_at, motivation: r.motivation }));
}

/**
 * Accept current blockers with one motivation, in one transaction: each is this person's own
 * acceptance (replacing their earlier one of it); others' acceptances of the same blocker stay.
 */
export function acceptBlockers(db: DB, catalogue: Catalogue, actor: string, inspectionId: number, blockerKeys: string[], motivation: string): void {
  if (motivation.trim() === '') throw invalid('Een aanvaarding vraagt een motivering.', 'motivering');
  if (blockerKeys.length === 0) throw invalid('Kies ten minste één blokkade.', 'blokkade');
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const current = new Set(inspectionStatus(loadSnapshot(db, inspectionId), catalogue).blockers.map((b) => b.key));
    const before = db.prepare('SELECT motivation FROM blocker_acceptances WHERE inspection_id = ? AND blocker_key = ? AND accepted_by = ?');
    const upsert = db.prepare(
      `INSERT INTO blocker_acceptances (inspection_id, blocker_key, accepted_by, accepted_at, motivation) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (inspection_id, blocker_key, accepted_by) DO UPDATE SET accepted_at = excluded.accepted_at, motivation = excluded.motivation`,
    );
    const at = nowIso();
    for (const blockerKey of new Set(blockerKeys)) {
      if (!current.has(blockerKey)) throw invalid('Deze blokkade bestaat (niet meer); vernieuw de pagina.', 'blokkade');
      const earlier = before.get(inspectionId, blockerKey, actor) as { motivation: string } | undefined;
      upsert.run(inspectionId, blockerKey, actor, at, motivation);
      logChange(db, {
        actor, inspectionId, entity: 'blocker_acceptance', entityId: blockerKey, action: earlier ? 'update' : 'create',
        old: earlier ? { acceptedBy: actor, motivation: earlier.motivation } : undefined, new: { acceptedBy: actor, motivation },
      });
    }
  }).immediate();
}

/** Accept one current blocker with a motivation. */
export function acceptBlocker(db: DB, catalogue: Catalogue, actor: string, inspectionId: number, blockerKey: string, motivation: string): void {
  acceptBlockers(db, catalogue, actor, inspectionId, [blockerKey], motivation);
}

/** Withdraw one's own acceptance of a blocker; someone else's cannot be withdrawn. */
export function withdrawAcceptance(db: DB, actor: string, inspectionId: number, blockerKey: string): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    const rows = db.prepare('SELECT accepted_by, motivation FROM blocker_acceptances WHERE inspection_id = ? AND blocker_key = ?').all(inspectionId, blockerKey) as Array<{
      accepted_by: string; motivation: string;
    }>;
    const own = rows.find((r) => r.accepted_by.toLowerCase() === actor.toLowerCase());
    if (!own) {
      if (rows.length > 0) throw forbidden('Alleen wie een blokkade aanvaardde, kan die aanvaarding intrekken.');
      throw invalid('Deze aanvaarding bestaat (niet meer); vernieuw de pagina.', 'blokkade');
    }
    db.prepare('DELETE FROM blocker_acceptances WHERE inspection_id = ? AND blocker_key = ? AND accepted_by = ?').run(inspectionId, blockerKey, own.accepted_by);
    logChange(db, {
      actor, inspectionId, entity: 'blocker_acceptance', entityId: blockerKey, action: 'delete',
      old: { acceptedBy: own.accepted_by, motivation: own.motivation },
    });
  }).immediate();
}

/**
 * A mark of the inspection's state: the last change-log entry about it. Reports are rendered
 * outside the transaction (no await inside one); finalisation refuses when this moved meanwhile,
 * so the stored PDFs always show exactly what was finalised.
 */
export function stateMark(db: DB, inspectionId: number): number {
  return (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM change_log WHERE inspection_id = ?').get(inspectionId) as { s: number }).s;
}

export interface RenderedReport {
  /** null for the national report. */
  unit: string | null;
  pdf: Buffer;
  /** The same report as a Word file, stored beside the PDF. */
  docx?: Buffer;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

export function finaliseInspection(
  db: DB,
  catalogue: Catalogue,
  actor: string,
  inspectionId: number,
  mark: number,
  reports: RenderedReport[],
  /** The moment printed on the reports; the same is stored as finalised_at. */
  at: string = nowIso(),
): void {
  db.transaction(() => {
    assertEditable(db, inspectionId);
    if (stateMark(db, inspectionId) !== mark) {
      throw conflict('Het onderzoek is gewijzigd terwijl de rapporten werden gemaakt. Probeer het opnieuw.');
    }
    const snapshot = loadSnapshot(db, inspectionId);
    const check = finalisationCheck(inspectionStatus(snapshot, catalogue).blockers, listAcceptances(db, inspectionId), actor, getInspection(db, inspectionId).team);
    const why = finalisationRefusal(check);
    if (why !== null) throw conflict(`Vaststellen kan nog niet: ${why}.`);
    const expected = new Set<string>(['', ...snapshot.units]);
    const given = new Set(reports.map((r) => r.unit ?? ''));
    if (given.size !== expected.size || [...expected].some((u) => !given.has(u))) {
      throw new Error('finaliseInspection needs the national report and one per unit');
    }
    const now = at;
    const add = db.prepare('INSERT INTO final_reports (inspection_id, unit_code, pdf, sha256, size, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const stored = reports.map((r) => {
      const hash = sha256(r.pdf);
      add.run(inspectionId, r.unit ?? '', r.pdf, hash, r.pdf.length, now);
      return { unit: r.unit, sha256: hash, size: r.pdf.length };
    });
    const addDocx = db.prepare('INSERT INTO final_docx (inspection_id, unit_code, docx, sha256, size, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const storedDocx = reports.flatMap((r) => {
      if (!r.docx) return [];
      const hash = sha256(r.docx);
      addDocx.run(inspectionId, r.unit ?? '', r.docx, hash, r.docx.length, now);
      return [{ unit: r.unit, sha256: hash, size: r.docx.length }];
    });
    // Status last: from here on the database's triggers refuse every change.
    db.prepare("UPDATE inspections SET status = 'vastgesteld', finalised_at = ? WHERE id = ?").run(now, inspectionId);
    logChange(db, {
      actor, inspectionId, entity: 'inspection', entityId: inspectionId, action: 'finalise',
      old: { status: 'concept' },
      new: { status: 'vastgesteld', finalisedAt: now, reports: stored, ...(storedDocx.length > 0 ? { docx: storedDocx } : {}), accepted: check.accepted.flatMap((a) => a.acceptances) },
    });
  }).immediate();
}

export interface FinalReportInfo {
  unit: string | null;
  sha256: string;
  size: number;
  createdAt: string;
}

export function listFinalReports(db: DB, inspectionId: number): FinalReportInfo[] {
  return (db.prepare("SELECT unit_code, sha256, size, created_at FROM final_reports WHERE inspection_id = ? ORDER BY unit_code <> '', unit_code").all(inspectionId) as Array<{
    unit_code: string; sha256: string; size: number; created_at: string;
  }>).map((r) => ({ unit: r.unit_code === '' ? null : r.unit_code, sha256: r.sha256, size: r.size, createdAt: r.created_at }));
}

/**
 * The stored bytes of a finalised report after checking them against their hash, or null when
 * none was stored (an inspection finalised elsewhere and imported).
 */
export function storedReport(db: DB, inspectionId: number, unit: string | null): { pdf: Buffer; sha256: string } | null {
  const r = db.prepare('SELECT pdf, sha256 FROM final_reports WHERE inspection_id = ? AND unit_code = ?').get(inspectionId, unit ?? '') as
    | { pdf: Buffer; sha256: string }
    | undefined;
  if (!r) return null;
  if (sha256(r.pdf) !== r.sha256) {
    throw integrityError('Het opgeslagen rapport klopt niet meer met zijn vingerafdruk (SHA-256) en wordt daarom niet geleverd. Neem contact op met de beheerder.');
  }
  return r;
}

/** The stored Word file of a finalised report, checked against its hash; null when none was stored. */
export function storedDocx(db: DB, inspectionId: number, unit: string | null): Buffer | null {
  const r = db.prepare('SELECT docx, sha256 FROM final_docx WHERE inspection_id = ? AND unit_code = ?').get(inspectionId, unit ?? '') as
    | { docx: Buffer; sha256: string }
    | undefined;
  if (!r) return null;
  if (sha256(r.docx) !== r.sha256) {
    throw integrityError('Het opgeslagen Word-bestand klopt niet meer met zijn vingerafdruk (SHA-256) en wordt daarom niet geleverd. Neem contact op met de beheerder.');
  }
  return r.docx;
}

export interface RevisionInfo {
  revision: number;
  revisionOf: { id: number; ref: string } | null;
  revisionReason: string;
  /** Later revisions made from this inspection. */
  revisions: Array<{ id: number; ref: string; revision: number }>;
}

export function revisionInfo(db: DB, inspectionId: number): RevisionInfo {
  const r = db.prepare('SELECT revision, revision_of, revision_reason FROM inspections WHERE id = ?').get(inspectionId) as
    | { revision: number; revision_of: number | null; revision_reason: string }
    | undefined;
  if (!r) throw notFound('Onderzoek niet gevonden');
  const of = r.revision_of ? (db.prepare('SELECT id, ref FROM inspections WHERE id = ?').get(r.revision_of) as { id: number; ref: string }) : null;
  const revisions = db.prepare('SELECT id, ref, revision FROM inspections WHERE revision_of = ? ORDER BY revision').all(inspectionId) as RevisionInfo['revisions'];
  return { revision: r.revision, revisionOf: of, revisionReason: r.revision_reason, revisions };
}

/**
 * A correction of a finalised inspection: a copy as a new concept inspection (`<ref>-r2`), made
 * through the same export and import as any document, pointing back at the finalised one, which
 * stays exactly as it was.
 */
export function reopenAsRevision(db: DB, catalogue: Catalogue, actor: string, inspectionId: number, reason: string): number {
  if (reason.trim() === '') throw invalid('Geef de reden van de correctie.', 'reden');
  return db.transaction(() => {
    const original = getInspection(db, inspectionId);
    if (original.status !== 'vastgesteld') throw conflict('Alleen een vastgesteld onderzoek kan als nieuwe revisie worden heropend.');
    const info = revisionInfo(db, inspectionId);
    if (info.revisions.length > 0) throw conflict(`Van dit onderzoek bestaat al een revisie (${info.revisions[0].ref}); corrigeer die.`);
    const doc = exportDocument(db, catalogue, inspectionId);
    const ref = revisionRef(original.ref, info.revision);
    const copy = { ...doc, inspection: { ...doc.inspection, ref, status: 'concept' as const, finalisedAt: null } };
    const id = importDocument(db, catalogue, actor, copy);
    db.prepare('UPDATE inspections SET revision = ?, revision_of = ?, revision_reason = ? WHERE id = ?').run(info.revision + 1, inspectionId, reason, id);
    logChange(db, {
      actor, inspectionId: id, entity: 'inspection', entityId: id, action: 'revision',
      new: { revision: info.revision + 1, revisionOf: { id: inspectionId, ref: original.ref }, reason },
    });
    return id;
  }).immediate();
}
