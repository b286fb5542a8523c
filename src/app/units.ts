// Organisations and their unit sets as published data (issue 17): the use cases the CLI and the
// beheerder's screens go through. Rules:
//  - a unit set is versioned per organisation, 1, 2, 3…, append-only (migration 013): publishing a
//    file whose organisation name and units equal the current version is a no-op; any difference is
//    the next version. Unlike checklists the file carries no version: units are auto-versioned;
//  - an inspection keeps the version it was made with, so a unit renamed or removed later changes
//    none of its screens or reports (src/domain/units.ts unitsOf);
//  - only a beheerder publishes; everyone signed in may list and download;
//  - after a publish, ctx.catalogue is refreshed in place (src/app/checklists.ts refreshCatalogue);
//  - criteria/units.yaml is the initial content (seedUnits, at every open), see there.
import YAML from 'yaml';
import type { Actor } from '../domain/access';
import type { Catalogue } from '../domain/checklist';
import { Unit, UnitChange, UnitSetFile, unitChanges, unitSetFileSchema } from '../domain/units';
import { formatPath } from '../criteria';
import type { CriteriaFiles } from '../criteria';
import { dutchIssue } from '../domain/issue-messages';
import { conflict, forbidden, invalid, notFound } from '../errors';
import * as store from '../store/units.store';
import { LEGACY_ADDRESSEE } from '../store/migrations/014_organisation_addressee';
import type { DB } from '../store/db';
import { parseYamlWith, refreshCatalogue } from './checklists';

/** The part of Ctx these use cases need (Ctx itself imports this module through openContext). */
interface CatalogueCtx {
  db: DB;
  catalogue: Catalogue;
}

export interface UnitSetPreview {
  file: UnitSetFile;
  organisation: { code: string; name: string; exists: boolean };
  outcome: 'new-organisation' | 'new-version' | 'unchanged';
  /** The version publishing makes (for 'unchanged': the current version, which stays). */
  nextVersion: number;
  /** Against the current version; for a new organisation every unit is 'added'. */
  changes: UnitChange[];
  /** The organisation's name in the current version when this one gives it another (a rename is a change too). */
  previousName?: string;
  /** Whom recommendations go to, when the file gives another than the organisation has (not versioned). */
  addressee?: { before: string | null; after: string };
  /** What the preview was made against, for publishing to refuse what changed since. */
  base: PreviewBase;
}

export interface PreviewBase {
  /** The organisation's latest version (0: a new organisation). */
  version: number;
  /** Its addressee (null: none). */
  addressee: string | null;
}

/** Whether publishing the preview would change anything: a new version, or only the addressee. */
export function previewChangesSomething(p: UnitSetPreview): boolean {
  return p.outcome !== 'unchanged' || p.addressee !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading files

/** A units file (YAML, the format of criteria/units.yaml) → validated; problems name file, line and field. */
export function parseUnitSetText(text: string, filename: string): UnitSetFile {
  return parseYamlWith(text, filename, unitSetFileSchema, 'geen geldige lijst van eenheden');
}

/** A file handed in by code (a form, a test): validated like a file, messages naming the field. */
function checkedFile(file: UnitSetFile): UnitSetFile {
  const result = unitSetFileSchema.safeParse(file);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 20).map((i) => `bij ${formatPath(i.path)}: ${dutchIssue(i)}`);
    throw invalid('De eenheden zijn ongeldig; er is niets gepubliceerd.', 'bestand', problems);
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// Preview and publish

function previewIn(db: DB, file: UnitSetFile): UnitSetPreview {
  const org = store.findOrganisation(db, file.code);
  const latest = org ? store.latestUnitSet(db, file.code) : undefined;
  const organisation = { code: file.code, name: file.organisation, exists: org !== undefined };
  const base: PreviewBase = { version: latest?.version ?? 0, addressee: org?.addressee ?? null };
  const addressee = file.addressee !== undefined && file.addressee !== base.addressee ? { addressee: { before: base.addressee, after: file.addressee } } : {};
  if (!latest) {
    return { file, organisation, outcome: 'new-organisation', nextVersion: 1, changes: unitChanges([], file.units), ...addressee, base };
  }
  if (latest.sha256 === store.unitSetHash(file.organisation, file.units)) {
    return { file, organisation, outcome: 'unchanged', nextVersion: latest.version, changes: [], ...addressee, base };
  }
  const renamed = latest.organisationName !== file.organisation ? { previousName: latest.organisationName } : {};
  return { file, organisation, outcome: 'new-version', nextVersion: latest.version + 1, changes: unitChanges(latest.units, file.units), ...renamed, ...addressee, base };
}

/** What publishing would do, without writing (the preview screen and `--dry-run`). */
export function previewUnitSet(ctx: CatalogueCtx, file: UnitSetFile): UnitSetPreview {
  return previewIn(ctx.db, checkedFile(file));
}

/** Only a beheerder publishes organisations and units (and previews them, on the screens). */
export function mustManageUnits(actor: Actor): void {
  if (actor.role !== 'beheerder') throw forbidden('Alleen een beheerder publiceert organisaties en eenheden.');
}

/**
 * Publish an organisation's units (beheerder only): a new organisation gets version 1, changed
 * content the next version, the same content nothing. One transaction; ctx.catalogue is refreshed.
 * With `base` (what the user's preview or editor was made against) a version or an addressee
 * someone else published in between is a conflict, not silently built upon: the preview promised
 * "version N + 1, with these changes", and the other person's changes would be undone unseen.
 */
export function publishUnitSet(ctx: CatalogueCtx, actor: Actor, file: UnitSetFile, source = 'upload', base?: PreviewBase): { organisation: string; version: number; outcome: 'new' | 'unchanged'; addresseeChanged: boolean } {
  mustManageUnits(actor);
  const checked = checkedFile(file);
  const result = ctx.db.transaction(() => {
    const preview = previewIn(ctx.db, checked);
    // The addressee is not versioned: someone may have set another since the preview, unseen.
    if (preview.addressee && base !== undefined && preview.base.addressee !== base.addressee) {
      throw conflict(
        `Intussen gaan de aanbevelingen van ${checked.organisation} aan ${preview.addressee.before ?? 'niemand in het bijzonder'}, terwijl u uitging van ${base.addressee ?? 'niemand in het bijzonder'}. ` +
          'Er is niets gepubliceerd. Maak het voorbeeld opnieuw.',
      );
    }
    const addresseeChanged = preview.addressee !== undefined;
    if (preview.outcome === 'unchanged') {
      if (preview.addressee) store.setAddressee(ctx.db, actor.email, checked.code, preview.addressee.after);
      return { organisation: checked.code, version: preview.nextVersion, outcome: 'unchanged' as const, addresseeChanged };
    }
    if (base !== undefined && preview.base.version !== base.version) {
      const latest = store.latestUnitSet(ctx.db, checked.code);
      throw conflict(
        `Intussen is versie ${String(latest?.version ?? 0)} van ${latest?.organisationName ?? checked.organisation} gepubliceerd` +
          `${latest ? ` (door ${latest.publishedBy})` : ''}, terwijl u uitging van ${base.version === 0 ? 'een nieuwe organisatie' : `versie ${String(base.version)}`}. ` +
          'Er is niets gepubliceerd. Bekijk die versie en maak het voorbeeld opnieuw.',
      );
    }
    const version = store.insertUnitSet(ctx.db, actor.email, checked, source);
    if (preview.addressee) store.setAddressee(ctx.db, actor.email, checked.code, preview.addressee.after);
    return { organisation: checked.code, version, outcome: 'new' as const, addresseeChanged };
  }).immediate();
  refreshCatalogue(ctx);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Every organisation, oldest first, with its current version, number of versions and inspections. */
export function listOrganisations(ctx: CatalogueCtx): Array<{ code: string; name: string; current: number; versions: number; inspections: number }> {
  const sets = store.listUnitSets(ctx.db);
  const perOrg = store.inspectionsPerOrganisation(ctx.db);
  return store.listOrganisationRows(ctx.db).map((o) => {
    const own = sets.filter((s) => s.organisation === o.code);
    return { code: o.code, name: o.name, current: own.at(-1)?.version ?? 0, versions: own.length, inspections: perOrg.get(o.code) ?? 0 };
  });
}

/** The versions of one organisation, oldest first; notFound for an unknown code. */
export function unitSetVersions(ctx: CatalogueCtx, code: string): Array<{ version: number; units: Unit[]; publishedAt: string; publishedBy: string; inspections: number }> {
  if (!store.findOrganisation(ctx.db, code)) throw notFound(`Organisatie '${code}' bestaat niet.`);
  return store.listUnitSetsOf(ctx.db, code).map((s) => ({ version: s.version, units: s.units, publishedAt: s.publishedAt, publishedBy: s.publishedBy, inspections: s.inspections }));
}

/** One version (the current one without `version`) in the file format: importing it again is a no-op. */
export function unitSetYaml(ctx: CatalogueCtx, code: string, version?: number): string {
  if (!store.findOrganisation(ctx.db, code)) throw notFound(`Organisatie '${code}' bestaat niet.`);
  const all = store.listUnitSetsOf(ctx.db, code);
  const set = version === undefined ? all.at(-1) : all.find((s) => s.version === version);
  if (!set) throw notFound(version === undefined ? `Organisatie '${code}' heeft geen eenheden.` : `Organisatie '${code}' heeft geen versie ${version}.`);
  const header =
    `# De eenheden van ${set.organisationName} (${code}), versie ${set.version}.\n` +
    `# Gepubliceerd in Toetsing door ${set.publishedBy} op ${set.publishedAt}; sha256 ${set.sha256}.\n` +
    '# Een gewijzigde lijst wordt bij het importeren een nieuwe versie: deze versie verandert niet meer.\n';
  // The addressee is the organisation's current one (it is not versioned), so a re-upload keeps it.
  const addressee = store.findOrganisation(ctx.db, code)?.addressee;
  const doc = new YAML.Document({ organisation: set.organisationName, code, ...(addressee ? { addressee } : {}), units: set.units });
  // One unit per line, as criteria/units.yaml has them.
  const units = doc.get('units', true) as YAML.YAMLSeq;
  for (const item of units.items) (item as YAML.YAMLMap).flow = true;
  return header + doc.toString({ lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------------
// Initial content

const sourceName = (file: string) => file.replace(/^.*[\\/](criteria|fixtures)[\\/]/, '$1/');

/**
 * criteria/units.yaml as initial content, at every open:
 *  - the database lacks the file's organisation (by code) → it is created with the file as version 1;
 *  - the file equals ANY published version of it → nothing: a beheerder who published a newer
 *    version in the app (or with `toetsing units import`) keeps it, and the unchanged file does not
 *    come back over it at the next start;
 *  - the file holds content never published → the next version (someone edited the file on the
 *    server on purpose; earlier inspections keep theirs).
 *
 * Then the upgrade rule: every inspection without a unit set (one from before migration 13) gets
 * the file's organisation, with the version that was CURRENT BEFORE this open changed anything, or
 * version 1 when this open created the organisation. On the first open after the upgrade that is
 * version 1, made from the very file those inspections were shown with until now, so they keep
 * exactly the names they showed (a code missing from the file showed as its code, and still does).
 */
export function seedUnits(db: DB, files: Pick<CriteriaFiles, 'unitSetFile' | 'unitsFile'>): void {
  const file = files.unitSetFile;
  db.transaction(() => {
    const before = store.latestUnitSet(db, file.code);
    let assign = before?.version;
    if (!before) assign = store.insertUnitSet(db, 'systeem', file, sourceName(files.unitsFile));
    else {
      const hash = store.unitSetHash(file.organisation, file.units);
      if (!store.listUnitSetsOf(db, file.code).some((s) => s.sha256 === hash)) store.insertUnitSet(db, 'systeem', file, sourceName(files.unitsFile));
    }
    // The addressee only when the organisation has none: one set in the app is not undone by a start.
    if (file.addressee !== undefined && store.findOrganisation(db, file.code)?.addressee === null) store.setAddressee(db, 'systeem', file.code, file.addressee);
    if (assign !== undefined && store.countUnassignedInspections(db) > 0) {
      store.assignUnassignedInspections(db, file.code, assign);
      // Inspections from before migration 13 are the police's, whose reports addressed the korpschef.
      if (store.findOrganisation(db, file.code)?.addressee === null) store.setAddressee(db, 'systeem', file.code, LEGACY_ADDRESSEE);
    }
  }).immediate();
}
