// Export and import of whole inspections as one JSON document (the format is in
// src/domain/document.ts; the store validates an import as a whole before writing anything).
//
// A document may carry what it was assessed against (`frameworks`: the checklist versions and the
// unit set). Importing it publishes what this database lacks through the same use cases a
// beheerder publishes with (publishChecklist, publishUnitSet), in one transaction with the import:
// a refusal anywhere leaves nothing published and nothing imported. Publishing needs the rights it
// always needs (a beheerder; the command line acts as one), so an inspecteur imports only documents
// whose frameworks are here already.
import type { Ctx } from '../context';
import { Actor, canCreateInspection } from '../domain/access';
import { checklistVersion } from '../domain/checklist';
import type { InspectionDocument } from '../domain/document';
import { unitSetOf } from '../domain/units';
import { frameworkProblems } from '../domain/validate-document';
import { forbidden, invalid } from '../errors';
import { exportDocument, ExportOptions, importDocument, parseDocumentShape } from '../store/documents';
import { carriedSource, publishChecklist, refreshCatalogue } from './checklists';
import { openInspection } from './inspection-access';
import { previewUnitSet, publishUnitSet } from './units';

export function exportInspection(ctx: Ctx, actor: Actor, inspectionId: number, options: ExportOptions = {}): InspectionDocument {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  return exportDocument(ctx.db, ctx.catalogue, inspection.id, options);
}

/** Import a parsed JSON value as a new inspection; returns its id. */
export function importInspection(ctx: Ctx, actor: Actor, raw: unknown): number {
  if (!canCreateInspection(actor)) throw forbidden();
  const doc = parseDocumentShape(raw);
  if (!doc.frameworks) return importDocument(ctx.db, ctx.catalogue, actor.email, doc);

  const carried = doc.frameworks;
  const problems = frameworkProblems(doc, ctx.catalogue, (organisation) => {
    const u = carried.unitSet;
    return u?.organisation === organisation
      ? previewUnitSet(ctx, { organisation: u.organisationName, code: u.organisation, units: u.units }).nextVersion
      : 1;
  });
  if (problems.length > 0) {
    throw invalid(`Wat het document meebrengt past niet bij wat hier gepubliceerd is; er is niets geïmporteerd:\n${problems.slice(0, 20).map((p) => `- ${p}`).join('\n')}`, undefined, problems);
  }
  // Set inside the transaction's callback, read after it threw.
  let published = false as boolean;
  try {
    return ctx.db.transaction(() => {
      const source = carriedSource(doc.inspection.ref);
      for (const c of carried.checklists) {
        if (checklistVersion(ctx.catalogue, c)) continue;
        publishChecklist(ctx, actor, c, source);
        published = true;
      }
      const u = carried.unitSet;
      if (u && !unitSetOf(ctx.catalogue, u)) {
        const r = publishUnitSet(ctx, actor, { organisation: u.organisationName, code: u.organisation, units: u.units }, source);
        published = true;
        // frameworkProblems checked the number; the transaction holds the write lock, so it cannot move.
        if (r.version !== u.version) throw invalid(`De eenheden van organisatie '${u.organisation}' werden hier versie ${r.version}, niet ${u.version}; er is niets geïmporteerd.`);
      }
      return importDocument(ctx.db, ctx.catalogue, actor.email, doc);
    }).immediate();
  } catch (e) {
    // The publish use cases refreshed ctx.catalogue with versions the rollback has now undone.
    if (published) refreshCatalogue(ctx);
    throw e;
  }
}
