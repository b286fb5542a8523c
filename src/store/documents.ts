// Export and import of whole inspections as one JSON document (src/domain/document.ts).
// Export is canonical (checklist, criterion and unit order), so export → import → export gives
// the same document. Import is all or nothing: one transaction, validated before anything is
// written. Publishing the frameworks a document carries is the app layer's (src/app/documents.ts),
// inside the same transaction as importDocument.
import { allCriteria, Catalogue, checklistVersion, NOT_ASSESSED } from '../domain/checklist';
import {
  CarriedFrameworks,
  DOCUMENT_FORMAT,
  DOCUMENT_FORMAT_VERSION,
  documentSchema,
  InspectionDocument,
} from '../domain/document';
import { unitSetOf, UnitSetRef } from '../domain/units';
import { documentProblems, documentUnitSet, withCarriedFrameworks } from '../domain/validate-document';
import { conflict, integrityError, invalid, must } from '../errors';
import { organisationId } from './units.store';
import { logChange } from './changelog';
import type { DB } from './db';
import { loadSnapshot } from './inspections.store';
import { defaultOutline, inspectionChecklists } from '../domain/outline';
import { insertOutline, listSections } from './outline.store';
import { reviewDocPart, reviewDocProblems } from '../domain/review';
import { insertImportedApprovals } from './review.store';
import { reviewNotesDoc } from '../domain/review-notes';
import { insertImportedNotes } from './review-notes.store';
import { reactionsDoc } from '../domain/wederhoor';
import { insertImportedReactions } from './wederhoor-reactions.store';
import { roundDocProblems, roundsDoc } from '../domain/wederhoor-round';
import { insertRound } from './wederhoor.store';

function predecessorHasRecommendations(db: DB, predecessorId: number | null): boolean {
  return predecessorId !== null && db.prepare('SELECT 1 FROM recommendations WHERE inspection_id = ?').get(predecessorId) !== undefined;
}

/** What the inspection was assessed against, in full: every checklist version it uses and its unit set. */
function frameworksOf(catalogue: Catalogue, checklists: ReadonlyArray<{ id: string; version: string }>, unitSet: UnitSetRef): CarriedFrameworks {
  return {
    checklists: checklists.map((c) => must(checklistVersion(catalogue, c), `checklist '${c.id}' versie ${c.version}`)),
    unitSet: must(unitSetOf(catalogue, unitSet), `eenheden van '${unitSet.organisation}' versie ${unitSet.version}`),
  };
}

export interface ExportOptions {
  /** Carry the full checklists and unit set the inspection uses (`toetsing export --with-checklists`). */
  withFrameworks?: boolean;
}

export function exportDocument(db: DB, catalogue: Catalogue, inspectionId: number, options: ExportOptions = {}): InspectionDocument {
  const s = loadSnapshot(db, inspectionId);
  // Set for every inspection once the database is open (seedUnits ties older ones to a set).
  if (s.unitSet.version === 0) throw integrityError(`Onderzoek ${s.ref} is aan geen eenhedenset gekoppeld.`);
  const unitSet = { organisation: s.unitSet.organisation, version: s.unitSet.version };
  const evidenceRef = new Map(s.evidence.map((e) => [e.id, e.ref]));
  const cellOrder = new Map<string, number>();
  let n = 0;
  for (const c of s.checklists) {
    const cl = checklistVersion(catalogue, c);
    for (const cr of cl ? allCriteria(cl) : []) for (const u of s.units) cellOrder.set(`${c.id}/${cr.id}/${u}`, n++);
  }
  const order = (k: string) => cellOrder.get(k) ?? Number.MAX_SAFE_INTEGER;
  const critOrder = (checklist: string, criterion: string) => order(`${checklist}/${criterion}/${s.units[0]}`);
  const groupOrder = (checklist: string, group: string) => {
    const ref = s.checklists.find((c) => c.id === checklist);
    const gs = (ref ? checklistVersion(catalogue, ref)?.groups : undefined) ?? [];
    return s.checklists.findIndex((c) => c.id === checklist) * 1000 + gs.findIndex((g) => g.id === group);
  };
  return {
    format: DOCUMENT_FORMAT,
    formatVersion: DOCUMENT_FORMAT_VERSION,
    inspection: {
      ref: s.ref,
      title: s.title,
      year: s.year,
      fieldworkStart: s.fieldworkStart,
      fieldworkEnd: s.fieldworkEnd,
      status: s.status,
      finalisedAt: s.finalisedAt,
      predecessorRef: s.predecessor?.ref ?? null,
      illustrative: s.illustrative,
      illustrativeNote: s.illustrativeNote,
      checklists: s.checklists,
      unitSet,
      units: s.units,
      team: s.team,
      texts: s.texts,
    },
    verdicts: [...s.verdicts]
      .sort((a, b) => order(`${a.checklist}/${a.criterion}/${a.unit}`) - order(`${b.checklist}/${b.criterion}/${b.unit}`))
      .map((v) => ({
        unit: v.unit,
        checklist: v.checklist,
        criterion: v.criterion,
        verdict: v.verdict,
        motivation: v.motivation,
        workflow: v.workflow,
        updatedBy: v.updatedBy,
        updatedAt: v.updatedAt,
        evidence: v.links.map((l) => ({ ref: must(evidenceRef.get(l.evidenceId), `bron ${l.evidenceId}`), excerpt: l.excerpt })),
      })),
    overrides: [...s.overrides]
      .sort((a, b) => groupOrder(a.checklist, a.group) - groupOrder(b.checklist, b.group) || a.scope.localeCompare(b.scope))
      .map((o) => ({ scope: o.scope, checklist: o.checklist, group: o.group, verdict: o.verdict, motivation: o.motivation })),
    findings: [...s.findings]
      .sort((a, b) => critOrder(a.checklist, a.criterion) - critOrder(b.checklist, b.criterion))
      .map((f) => ({ checklist: f.checklist, criterion: f.criterion, text: f.text })),
    conclusions: [...s.conclusions]
      .sort((a, b) => groupOrder(a.checklist, a.group) - groupOrder(b.checklist, b.group))
      .map((c) => ({ checklist: c.checklist, group: c.group, text: c.text })),
    recommendations: s.recommendations.map((r) => ({ ref: r.ref, checklist: r.checklist, group: r.group, text: r.text })),
    recommendationFollowups: s.followups.map((f) => ({
      recommendationRef: f.recommendationRef,
      status: f.status,
      motivation: f.motivation,
      evidence: f.evidence.map((id) => must(evidenceRef.get(id), `bron ${id}`)),
    })),
    evidence: s.evidence.map((e) => ({
      ref: e.ref,
      type: e.type,
      title: e.title,
      dateFrom: e.dateFrom,
      dateTo: e.dateTo,
      party: e.party,
      units: e.units,
      description: e.description,
      file: e.file,
      wederhoor: e.wederhoor,
    })),
    ...(options.withFrameworks ? { frameworks: frameworksOf(catalogue, s.checklists, unitSet) } : {}),
    statistics: s.statistics,
    ...(s.outline.length > 0
      ? { outline: s.outline.map((x) => ({ level: x.level, kind: x.kind, title: x.title, body: x.body, required: x.required, marking: x.marking })) }
      : {}),
    ...reviewDocPart(s, order),
    ...(s.notes.length > 0 ? { reviewNotes: reviewNotesDoc(s) } : {}),
    ...(s.wederhoorReactions.some((r) => r.reactions.length > 0) ? { wederhoorReactions: reactionsDoc(s.wederhoorReactions, s.outline.map((x) => x.id)) } : {}),
    ...(s.wederhoorRounds.length > 0 ? { wederhoor: roundsDoc(s.wederhoorRounds, s.outline.map((x) => x.id)) } : {}),
  };
}

/** The document's shape only (zod); throws an `invalid` error listing the problems. */
export function parseDocumentShape(raw: unknown): InspectionDocument {
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `- ${i.path.join('.') || '(document)'}: ${i.message}`);
    throw invalid(`Het document is ongeldig:\n${lines.join('\n')}`, undefined, lines);
  }
  return parsed.data;
}

/**
 * Parse and check a document; throws an `invalid` error listing every problem found. It is
 * checked against the catalogue plus what it carries (frameworks): importDocument runs after the
 * app layer published those, so there the catalogue holds them anyway.
 */
export function parseDocument(raw: unknown, catalogue: Catalogue): InspectionDocument {
  const doc = parseDocumentShape(raw);
  const problems = documentProblems(doc, withCarriedFrameworks(catalogue, doc));
  if (problems.length > 0) {
    throw invalid(`Het document past niet bij de checklists en eenheden:\n${problems.slice(0, 20).map((p) => `- ${p}`).join('\n')}`, undefined, problems);
  }
  return doc;
}

export function importDocument(db: DB, catalogue: Catalogue, actor: string, raw: unknown): number {
  const doc = parseDocument(raw, catalogue);
  const i = doc.inspection;
  const resolved = documentUnitSet(doc, catalogue);
  // parseDocument passed, so the set resolves, unless what the document carries was not published first.
  if ('problem' in resolved) throw invalid(`Het document past niet bij de checklists en eenheden:\n- ${resolved.problem}`, undefined, [resolved.problem]);
  const unitSet = resolved.ref;
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM inspections WHERE ref = ?').get(i.ref)) {
      throw conflict(`Er bestaat al een onderzoek met sleutel '${i.ref}'; niets geïmporteerd.`);
    }
    let predecessorId: number | null = null;
    if (i.predecessorRef) {
      const p = db.prepare('SELECT id FROM inspections WHERE ref = ?').get(i.predecessorRef) as { id: number } | undefined;
      if (!p) throw invalid(`Het vorige onderzoek '${i.predecessorRef}' ontbreekt; importeer dat eerst. Niets geïmporteerd.`);
      predecessorId = p.id;
    }
    const now = new Date().toISOString();
    const orgId = must(organisationId(db, unitSet.organisation), `organisatie '${unitSet.organisation}'`);
    const id = Number(
      db.prepare(
        `INSERT INTO inspections (ref, title, year, fieldwork_start, fieldwork_end, predecessor_id, illustrative, illustrative_note,
           voorwoord, aanleiding, onderzoeksvraag, methode, conclusie, created_at, organisation_id, unit_set_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(i.ref, i.title, i.year, i.fieldworkStart, i.fieldworkEnd, predecessorId, i.illustrative ? 1 : 0, i.illustrativeNote,
        i.texts.voorwoord, i.texts.aanleiding, i.texts.onderzoeksvraag, i.texts.methode, i.texts.conclusie, now, orgId, unitSet.version).lastInsertRowid,
    );
    i.checklists.forEach((c, p) => db.prepare('INSERT INTO inspection_checklists VALUES (?, ?, ?, ?)').run(id, c.id, c.version, p));
    i.units.forEach((u, p) => db.prepare('INSERT INTO inspection_units VALUES (?, ?, ?)').run(id, u, p));
    for (const e of i.team) db.prepare('INSERT OR IGNORE INTO inspection_team VALUES (?, ?)').run(id, e);

    const evidenceId = new Map<string, number>();
    const addEvidence = db.prepare(
      `INSERT INTO evidence (inspection_id, ref, type, title, date_from, date_to, party, description, file_name, file_sha256, file_mime, file_size,
         wederhoor_status, wederhoor_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addEvidenceUnit = db.prepare('INSERT OR IGNORE INTO evidence_units VALUES (?, ?)');
    for (const e of doc.evidence) {
      const eid = Number(addEvidence.run(id, e.ref, e.type, e.title, e.dateFrom, e.dateTo, e.party, e.description, e.file?.name ?? null,
        e.file?.sha256 ?? null, e.file?.mime ?? null, e.file?.size ?? null, e.wederhoor?.status ?? null, e.wederhoor?.date ?? null, now).lastInsertRowid);
      evidenceId.set(e.ref, eid);
      for (const u of e.units) addEvidenceUnit.run(eid, u);
    }

    // Every cell exists, in canonical order; the document's verdicts fill them in.
    const given = new Map(doc.verdicts.map((v) => [`${v.checklist}/${v.criterion}/${v.unit}`, v]));
    const addCell = db.prepare(
      `INSERT INTO verdicts (inspection_id, unit_code, checklist_id, criterion_id, verdict, motivation, workflow, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addLink = db.prepare('INSERT INTO evidence_links (evidence_id, verdict_id, excerpt) VALUES (?, ?, ?)');
    for (const c of i.checklists) {
      for (const cr of allCriteria(must(checklistVersion(catalogue, c), `checklist '${c.id}' versie ${c.version}`))) {
        for (const u of i.units) {
          const v = given.get(`${c.id}/${cr.id}/${u}`);
          const vid = Number(addCell.run(id, u, c.id, cr.id, v?.verdict ?? NOT_ASSESSED, v?.motivation ?? '', v?.workflow ?? 'te_doen',
            v?.updatedBy ?? null, v?.updatedAt ?? null).lastInsertRowid);
          for (const l of v?.evidence ?? []) addLink.run(must(evidenceId.get(l.ref), `bron '${l.ref}'`), vid, l.excerpt);
        }
      }
    }
    for (const o of doc.overrides) {
      db.prepare('INSERT INTO overrides (inspection_id, scope, checklist_id, group_id, verdict, motivation) VALUES (?, ?, ?, ?, ?, ?)').run(id, o.scope, o.checklist, o.group, o.verdict, o.motivation);
    }
    for (const f of doc.findings) db.prepare('INSERT INTO findings (inspection_id, checklist_id, criterion_id, text) VALUES (?, ?, ?, ?)').run(id, f.checklist, f.criterion, f.text);
    for (const c of doc.conclusions) db.prepare('INSERT INTO conclusions (inspection_id, checklist_id, group_id, text) VALUES (?, ?, ?, ?)').run(id, c.checklist, c.group, c.text);
    doc.recommendations.forEach((r, p) =>
      db.prepare('INSERT INTO recommendations (inspection_id, ref, checklist_id, group_id, position, text) VALUES (?, ?, ?, ?, ?, ?)').run(id, r.ref, r.checklist, r.group, p + 1, r.text),
    );
    for (const f of doc.recommendationFollowups) {
      db.prepare('INSERT INTO recommendation_followups (inspection_id, recommendation_ref, status, motivation) VALUES (?, ?, ?, ?)').run(id, f.recommendationRef, f.status, f.motivation);
      for (const e of f.evidence) db.prepare('INSERT INTO followup_evidence VALUES (?, ?, ?)').run(id, f.recommendationRef, must(evidenceId.get(e), `bron '${e}'`));
    }
    for (const s of doc.statistics) {
      db.prepare('INSERT INTO statistics (inspection_id, year, unit_code, afgerond, aannemen, eerste_fase, tweede_fase) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id, s.year, s.unit ?? '', s.afgerond, s.aannemen, s.eersteFase, s.tweedeFase,
      );
    }
    const checklists = inspectionChecklists(catalogue, i.checklists);
    insertOutline(db, actor, id, doc.outline ?? defaultOutline(checklists, i.texts, predecessorHasRecommendations(db, predecessorId)), { checkEditable: false });
    insertImportedNotes(db, id, doc.reviewNotes ?? [], evidenceId);
    if (doc.review) importReview(db, id, doc.review, cellKeysOf(catalogue, i.checklists, i.units));
    importRounds(db, actor, id, doc.wederhoor ?? []);
    // After the wederhoor rounds and the outline: reactions name both by their place.
    insertImportedReactions(db, id, doc.wederhoorReactions ?? []);
    // Status last: a finalised inspection accepts no further writes.
    if (i.status === 'vastgesteld') {
      db.prepare('UPDATE inspections SET status = ?, finalised_at = ? WHERE id = ?').run('vastgesteld', i.finalisedAt ?? now, id);
    }
    logChange(db, { actor, inspectionId: id, entity: 'inspection', entityId: id, action: 'import', new: doc });
    return id;
  }).immediate();
}

/** The document's wederhoor rounds: hashes and paragraphs only, so an imported round has no files here. */
function importRounds(db: DB, actor: string, id: number, rounds: NonNullable<InspectionDocument['wederhoor']>): void {
  const sections = listSections(db, id).map((x) => x.id);
  const problems = roundDocProblems(rounds, sections.length);
  if (problems.length > 0) throw invalid(`Het document is niet geldig:\n${problems.map((p) => `- ${p}`).join('\n')}`, 'document', problems);
  for (const r of rounds) {
    insertRound(db, actor, id, { organisation: r.organisation, contact: r.contact, sentOn: r.sentOn, deadline: r.deadline, note: r.note }, null,
      r.paragraphs.map((p) => ({ number: p.number, sectionId: p.section === null ? null : sections[p.section - 1], sectionVersion: p.sectionVersion, heading: p.heading, excerpt: p.excerpt })),
      { pdfSha256: r.pdfSha256, docxSha256: r.docxSha256, createdBy: r.createdBy, createdAt: r.createdAt, closedAt: r.closedAt, checkEditable: false });
  }
}

/** Every cell of the imported inspection, as review target keys. */
function cellKeysOf(catalogue: Catalogue, checklists: ReadonlyArray<{ id: string; version: string }>, units: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const c of checklists) for (const cr of allCriteria(must(checklistVersion(catalogue, c), `checklist '${c.id}' versie ${c.version}`))) for (const u of units) keys.add(`${c.id}/${cr.id}/${u}`);
  return keys;
}

/** The document's review, checked against its own cells and outline; a problem refuses the whole import. */
function importReview(db: DB, id: number, review: NonNullable<InspectionDocument['review']>, cells: Set<string>): void {
  const sections = listSections(db, id);
  const problems = reviewDocProblems(review, cells, sections.length);
  if (problems.length > 0) throw invalid(`De review in het document klopt niet:\n${problems.slice(0, 20).map((p) => `- ${p}`).join('\n')}`, undefined, problems);
  insertImportedApprovals(db, id, review.approvals.map((a) => ({
    kind: a.target,
    key: a.target === 'cell' ? `${a.checklist}/${a.criterion}/${a.unit}` : String(must(sections.at(a.section), `sectie ${a.section}`).id),
    current: a.current,
    by: a.by,
    at: a.at,
  })), review.required);
}
