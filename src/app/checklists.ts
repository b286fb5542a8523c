// Checklists and mappings as published data (issue 17): the use cases the CLI and the beheerder's
// screens go through. Rules:
//  - versions are append-only (migration 012): same id + version with the same content is a no-op,
//    with other content it is refused; a changed framework is a new version;
//  - only a beheerder publishes; everyone signed in may list and download;
//  - after a publish, ctx.catalogue is refreshed in place, so every holder of ctx sees it at once;
//  - criteria/ is the initial content (seedCatalogue, at every open): a version the database lacks
//    is taken over from its file; a file whose id + version is published with other content does
//    NOT change the published version: the database stays as it is and the start prints a warning
//    naming the file (a start that refused would lock the inspectorate out over a stray edit).
import YAML from 'yaml';
import type { z } from 'zod';
import type { Actor } from '../domain/access';
import {
  Catalogue,
  Checklist,
  ChecklistMapping,
  checklistSchema,
  checklistVersion,
  mappingProblems,
  mappingSchema,
  versionKey,
} from '../domain/checklist';
import { dutchIssue } from '../domain/issue-messages';
import type { CriteriaFiles } from '../criteria';
import { formatPath } from '../criteria';
import { conflict, forbidden, invalid, notFound } from '../errors';
import * as store from '../store/checklists.store';
import { unitCatalogue, unitsMark } from '../store/units.store';
import type { DB } from '../store/db';

/** The part of Ctx these use cases need (Ctx itself imports this module through openContext). */
interface CatalogueCtx {
  db: DB;
  catalogue: Catalogue;
}

export type PublishOutcome = 'new' | 'unchanged';

export interface ChecklistVersionView extends store.StoredChecklistVersion {
  /** Whether this is the version a new inspection is offered. */
  current: boolean;
}

// ---------------------------------------------------------------------------------------------
// The catalogue from the database

/**
 * The source name of a version an imported document brought along. '/' cannot occur in the name
 * of an uploaded file (src/files/sniff.ts keeps the last path part) or of a file given to the
 * command line (its base name), so no publication by file reads as carried.
 */
export function carriedSource(documentRef: string): string {
  return `${CARRIED_PREFIX}${documentRef}`;
}
const CARRIED_PREFIX = 'document/';
/** Before 2 December a carried version was named "document <ref>"; it counts when that inspection exists. */
const LEGACY_CARRIED_PREFIX = 'document ';

type IsCarried = (sourceName: string) => boolean;

function carriedTest(db: DB): IsCarried {
  let refs: Set<string> | null = null;
  return (name) => {
    if (name.startsWith(CARRIED_PREFIX)) return true;
    if (!name.startsWith(LEGACY_CARRIED_PREFIX)) return false;
    refs ??= new Set(db.prepare('SELECT ref FROM inspections').pluck().all() as string[]);
    return refs.has(name.slice(LEGACY_CARRIED_PREFIX.length));
  };
}

/**
 * The current version of each checklist id: the last one published from a file, the form or
 * criteria/. A version an imported document carried (often an older one, from the year the
 * document was written) serves that document's inspection; it is current only when the id has
 * nothing else, so importing a 2022 inspection does not turn the 2022 framework into the one a
 * new inspection is offered.
 */
function currentVersions(all: store.StoredChecklistVersion[], carried: IsCarried): Map<string, store.StoredChecklistVersion> {
  const current = new Map<string, store.StoredChecklistVersion>();
  for (const v of all) {
    const held = current.get(v.checklist.id);
    if (!held || !carried(v.sourceName) || carried(held.sourceName)) current.set(v.checklist.id, v);
  }
  return current;
}

/** The catalogue as the database holds it: checklists, mappings, organisations and unit sets. */
export function catalogueFromDb(db: DB): Catalogue {
  const all = store.listChecklistVersions(db);
  const versions = new Map<string, Checklist>();
  for (const v of all) versions.set(versionKey(v.checklist.id, v.checklist.version), v.checklist);
  const checklists = new Map<string, Checklist>();
  for (const v of currentVersions(all, carriedTest(db)).values()) checklists.set(v.checklist.id, v.checklist);
  const units = unitCatalogue(db);
  return { checklists, versions, organisations: units.organisations, unitSets: units.unitSets, mappings: store.listMappings(db).map((m) => m.mapping) };
}

/** What the tables hold, in one cheap value: both are append-only, so counts move on every publish. */
function publishedMark(db: DB): string {
  const r = db.prepare('SELECT (SELECT COUNT(*) FROM checklist_versions) AS v, (SELECT COUNT(*) FROM checklist_mappings) AS m').get() as { v: number; m: number };
  return `${r.v}/${r.m}/${unitsMark(db)}`;
}

const marks = new WeakMap<Catalogue, string>();

/**
 * Refresh ctx.catalogue when another process (`toetsing checklist import` beside a running server)
 * published since it was read; a no-op otherwise. Cheap enough to call per request.
 */
export function refreshCatalogueIfChanged(ctx: CatalogueCtx): void {
  const mark = publishedMark(ctx.db);
  if (marks.get(ctx.catalogue) !== mark) refreshCatalogue(ctx);
}

/** Re-read the database into ctx.catalogue, keeping the object (and its Maps) every holder has. */
export function refreshCatalogue(ctx: CatalogueCtx): void {
  marks.set(ctx.catalogue, publishedMark(ctx.db));
  const fresh = catalogueFromDb(ctx.db);
  const c = ctx.catalogue;
  c.checklists.clear();
  for (const [k, v] of fresh.checklists) c.checklists.set(k, v);
  c.versions.clear();
  for (const [k, v] of fresh.versions) c.versions.set(k, v);
  c.mappings.splice(0, c.mappings.length, ...fresh.mappings);
  c.organisations.clear();
  for (const [k, v] of fresh.organisations) c.organisations.set(k, v);
  c.unitSets.clear();
  for (const [k, v] of fresh.unitSets) c.unitSets.set(k, v);
}

/**
 * Take criteria/ over as initial content and return the database's catalogue. Runs at every open:
 * on an empty table it loads everything, on a database from before migration 12 it takes over the
 * versions its inspections use, and afterwards it only adds versions that are new in the files.
 * Mappings from files are taken over as they are (unmapped criteria show as niet vergelijkbaar);
 * only publishMapping demands a complete mapping.
 */
export function seedCatalogue(db: DB, files: CriteriaFiles): { catalogue: Catalogue; warnings: string[] } {
  const warnings: string[] = [];
  for (const [key, checklist] of files.catalogue.versions) {
    const file = files.checklistFiles.get(key) ?? 'criteria/';
    const stored = store.findChecklistVersion(db, checklist.id, checklist.version);
    if (!stored) store.insertChecklistVersion(db, 'systeem', checklist, sourceName(file));
    else if (stored.sha256 !== store.contentHash(checklist)) {
      warnings.push(
        `${file}: kader '${checklist.id}' versie ${checklist.version} is al gepubliceerd met een andere inhoud; ` +
          'de gepubliceerde versie blijft gelden en het bestand wordt genegeerd. Geef het gewijzigde kader een nieuwe versie.',
      );
    }
  }
  files.catalogue.mappings.forEach((m, i) => {
    const file = files.mappingFiles[i] ?? 'criteria/mappings/';
    const stored = store.findMapping(db, m);
    if (!stored) store.insertMapping(db, 'systeem', m, sourceName(file));
    else if (stored.sha256 !== store.contentHash(m)) {
      warnings.push(`${file}: de koppeling ${mappingName(m)} is al gepubliceerd met een andere inhoud; de gepubliceerde koppeling blijft gelden.`);
    }
  });
  const catalogue = catalogueFromDb(db);
  marks.set(catalogue, publishedMark(db));
  for (const u of store.usedVersions(db)) {
    if (!catalogue.versions.has(versionKey(u.id, u.version))) {
      warnings.push(
        `Kader '${u.id}' versie ${u.version} (gebruikt door ${u.inspections} onderzoek(en)) staat niet in de database en niet in criteria/; ` +
          'zet het bestand van die versie terug in criteria/checklists/ of publiceer het met toetsing checklist import.',
      );
    }
  }
  return { catalogue, warnings };
}

const sourceName = (file: string) => file.replace(/^.*[\\/](criteria|fixtures)[\\/]/, '$1/');
const mappingName = (m: ChecklistMapping) => `${m.from.checklist} ${m.from.version} → ${m.to.checklist} ${m.to.version}`;

// ---------------------------------------------------------------------------------------------
// Reading files (YAML; the XLSX template is read by src/files/checklist-xlsx.ts)

/** YAML text → the raw value, or invalid with the line of the first syntax error. */
export function parseYamlText(text: string, name: string): { raw: unknown; lineOf: (path: readonly PropertyKey[]) => number | null } {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos ? `regel ${e.linePos[0].line}, kolom ${e.linePos[0].col}` : 'onbekende plek';
    throw invalid(`${name}: ongeldige YAML op ${where}: ${e.message.split('\n')[0]}`, 'bestand');
  }
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    // The deepest node of the path that exists: a missing field is reported at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  return { raw: doc.toJS() as unknown, lineOf };
}

export function issueLines(name: string, issues: readonly z.core.$ZodIssue[], lineOf: (path: readonly PropertyKey[]) => number | null): string[] {
  return issues.slice(0, 20).map((i) => {
    const line = lineOf(i.path);
    return `${name}${line === null ? '' : `, regel ${line}`}, bij ${formatPath(i.path)}: ${dutchIssue(i)}`;
  });
}

/**
 * A YAML file → its value validated by `schema`, or invalid naming file, line and field of every
 * problem (at most 20); `what` says what it is not ("geen geldig kader").
 */
export function parseYamlWith<S extends z.ZodType>(text: string, name: string, schema: S, what: string): z.output<S> {
  if (text.trim() === '') throw invalid(`${name}: het bestand is leeg.`, 'bestand');
  const { raw, lineOf } = parseYamlText(text, name);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = issueLines(name, result.error.issues, lineOf);
    throw invalid(`${name} is ${what} (${problems.length} ${problems.length === 1 ? 'fout' : 'fouten'}); er is niets gepubliceerd.`, 'bestand', problems);
  }
  return result.data;
}

/** A checklist file (YAML, today's format) → a validated checklist; problems name file, line and field. */
export function parseChecklistYaml(text: string, name: string): Checklist {
  return parseYamlWith(text, name, checklistSchema, 'geen geldig kader');
}

/** A mapping file (YAML) → a validated mapping (shape only; publishMapping checks it against both versions). */
export function parseMappingYaml(text: string, name: string): ChecklistMapping {
  return parseYamlWith(text, name, mappingSchema, 'geen geldige koppeling');
}

// ---------------------------------------------------------------------------------------------
// Publishing

function mustPublish(actor: Actor): void {
  if (actor.role !== 'beheerder') throw forbidden('Alleen een beheerder publiceert kaders en koppelingen.');
}

/**
 * What publishing would do, without writing: 'new', 'unchanged', or thrown (invalid / conflict).
 * The preview screen and `--dry-run` show this.
 */
export function checkChecklist(ctx: CatalogueCtx, input: unknown): { checklist: Checklist; outcome: PublishOutcome } {
  const parsed = checklistSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((i) => `bij ${formatPath(i.path)}: ${dutchIssue(i)}`);
    throw invalid('Het kader is ongeldig; er is niets gepubliceerd.', 'bestand', problems);
  }
  const checklist = parsed.data;
  const stored = store.findChecklistVersion(ctx.db, checklist.id, checklist.version);
  if (!stored) return { checklist, outcome: 'new' };
  if (stored.sha256 === store.contentHash(checklist)) return { checklist, outcome: 'unchanged' };
  throw conflict(
    `Kader '${checklist.id}' versie ${checklist.version} is al gepubliceerd; geef het gewijzigde kader een nieuwe versie.`,
    'version',
  );
}

/** Publish one checklist version (beheerder only); a no-op when exactly this is published already. */
export function publishChecklist(ctx: CatalogueCtx, actor: Actor, input: unknown, source: string): { checklist: Checklist; outcome: PublishOutcome } {
  mustPublish(actor);
  const result = ctx.db.transaction(() => {
    const checked = checkChecklist(ctx, input);
    if (checked.outcome === 'new') store.insertChecklistVersion(ctx.db, actor.email, checked.checklist, source);
    return checked;
  }).immediate();
  refreshCatalogue(ctx);
  return result;
}

/** What publishing a mapping would do; the message names every criterion not accounted for. */
export function checkMapping(ctx: CatalogueCtx, input: unknown): { mapping: ChecklistMapping; outcome: PublishOutcome; from: Checklist; to: Checklist } {
  const parsed = mappingSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((i) => `bij ${formatPath(i.path)}: ${dutchIssue(i)}`);
    throw invalid('De koppeling is ongeldig; er is niets gepubliceerd.', 'bestand', problems);
  }
  const mapping = parsed.data;
  // Read from the database, not ctx.catalogue: inside a transaction the table is the truth.
  const catalogue = catalogueFromDb(ctx.db);
  const side = (s: 'from' | 'to') => {
    const c = checklistVersion(catalogue, { id: mapping[s].checklist, version: mapping[s].version });
    if (!c) {
      throw invalid(
        `Kader '${mapping[s].checklist}' versie ${mapping[s].version} (bij ${s}) is niet gepubliceerd; publiceer dat kader eerst. Er is niets gepubliceerd.`,
        'bestand',
      );
    }
    return c;
  };
  const from = side('from');
  const to = side('to');
  if (versionKey(from.id, from.version) === versionKey(to.id, to.version)) throw invalid('Een koppeling verbindt twee verschillende kaderversies.', 'bestand');
  const problems = mappingProblems(mapping, from, to);
  if (problems.length > 0) {
    throw invalid(`De koppeling ${mappingName(mapping)} is onvolledig; er is niets gepubliceerd.`, 'bestand', problems);
  }
  const stored = store.findMapping(ctx.db, mapping);
  if (!stored) return { mapping, outcome: 'new', from, to };
  if (stored.sha256 === store.contentHash(mapping)) return { mapping, outcome: 'unchanged', from, to };
  throw conflict(`De koppeling ${mappingName(mapping)} is al gepubliceerd met een andere inhoud; een gepubliceerde koppeling verandert niet.`, 'bestand');
}

export function publishMapping(ctx: CatalogueCtx, actor: Actor, input: unknown, source: string): { mapping: ChecklistMapping; outcome: PublishOutcome } {
  mustPublish(actor);
  const result = ctx.db.transaction(() => {
    const checked = checkMapping(ctx, input);
    if (checked.outcome === 'new') store.insertMapping(ctx.db, actor.email, checked.mapping, source);
    return checked;
  }).immediate();
  refreshCatalogue(ctx);
  return { mapping: result.mapping, outcome: result.outcome };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Every published version, grouped by nothing: newest publication last, the current one marked. */
export function listVersions(ctx: CatalogueCtx, _actor: Actor): ChecklistVersionView[] {
  const all = store.listChecklistVersions(ctx.db);
  const current = currentVersions(all, carriedTest(ctx.db));
  return all.map((v) => ({ ...v, current: current.get(v.checklist.id) === v }));
}

export function listMappingVersions(ctx: CatalogueCtx, _actor: Actor): store.StoredMapping[] {
  return store.listMappings(ctx.db);
}

/** One version (the current one when `version` is not given), or not found. */
export function findVersion(ctx: CatalogueCtx, id: string, version?: string): store.StoredChecklistVersion {
  const all = store.listChecklistVersions(ctx.db).filter((v) => v.checklist.id === id);
  const found = version === undefined ? currentVersions(all, carriedTest(ctx.db)).get(id) : all.find((v) => v.checklist.version === version);
  if (!found) throw notFound(version === undefined ? `Kader '${id}' bestaat niet.` : `Kader '${id}' heeft geen gepubliceerde versie ${version}.`);
  return found;
}

/** A published version as YAML in today's file format: importing it again is a no-op. */
export function exportVersion(ctx: CatalogueCtx, _actor: Actor, id: string, version?: string): { checklist: Checklist; yaml: string } {
  const v = findVersion(ctx, id, version);
  const header =
    `# ${v.checklist.title} (${v.checklist.id}, versie ${v.checklist.version})\n` +
    `# Gepubliceerd in Toetsing door ${v.publishedBy} op ${v.publishedAt}; sha256 ${v.sha256}.\n` +
    '# Een gewijzigd kader krijgt een nieuwe versie: deze versie verandert niet meer.\n';
  return { checklist: v.checklist, yaml: header + YAML.stringify(v.checklist, { lineWidth: 0 }) };
}
