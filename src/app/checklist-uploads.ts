// The beheerder's flow for checklists and mappings in the app (issue 17): an uploaded file (YAML, or
// the XLSX template for a checklist) is read and validated, shown as a preview with what publishing
// would do, and published only on a second request. Publishing itself is G1's use case
// (src/app/checklists.ts); this module reads uploads, builds the preview views and carries the
// previewed content from the preview to the publish request.
//
// How the preview survives between the two requests: the VALIDATED content travels in a hidden
// field of the preview form, as base64url JSON with an HMAC-SHA256 over (user id, expiry, kind,
// file name, content). The key is random per process and never leaves it. So nothing is kept in
// memory between requests (no store to fill up or to lose), yet the publish request can only
// publish exactly what this user was shown, within 30 minutes, by this running process (after a
// restart the beheerder uploads again). The signature is not the safety net: the content is parsed
// and checked again by publishChecklist/publishMapping (schema, version rules, completeness), so a
// forged field could not publish anything a beheerder could not upload directly anyway.
import crypto from 'node:crypto';
import YAML from 'yaml';
import { z, type ZodType } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import {
  allCriteria,
  Checklist,
  checklistSchema,
  ChecklistMapping,
  checklistVersion,
  mappingSchema,
  versionKey,
} from '../domain/checklist';
import { dutchIssue } from '../domain/issue-messages';
import { formatPath } from '../criteria';
import { AppError, forbidden, invalid } from '../errors';
import { checklistToXlsx, describeSheetProblem, MAX_CHECKLIST_XLSX_BYTES, readChecklistXlsx } from '../files/checklist-xlsx';
import { safeDisplayName, sniff } from '../files/sniff';
import {
  checkChecklist, checkMapping, exportVersion, findVersion, listMappingVersions, listVersions, publishChecklist, publishMapping, PublishOutcome,
} from './checklists';
import { inspectionList } from './status';

/** Largest checklist or mapping file accepted (the app's own are a few tens of kilobytes). */
export const MAX_FRAMEWORK_BYTES = MAX_CHECKLIST_XLSX_BYTES;
const PREVIEW_MS = 30 * 60 * 1000;
const KEY = crypto.randomBytes(32);

function mustManage(actor: Actor): void {
  if (actor.role !== 'beheerder') throw forbidden('Alleen een beheerder publiceert kaders en koppelingen.');
}

// ---- the signed preview token -------------------------------------------------------------------

// 'units': the organisations' unit sets (src/app/unit-uploads.ts) travel the same way.
export type TokenKind = 'checklist' | 'mapping' | 'units';

const tokenBody = z.object({ u: z.number().int(), e: z.number().int(), k: z.enum(['checklist', 'mapping', 'units']), n: z.string(), c: z.unknown() }).strict();

function mac(data: string): string {
  return crypto.createHmac('sha256', KEY).update(data).digest('base64url');
}

export function signPreview(actor: Actor, kind: TokenKind, name: string, content: unknown, now = Date.now()): string {
  const data = Buffer.from(JSON.stringify({ u: actor.id, e: now + PREVIEW_MS, k: kind, n: name, c: content }), 'utf8').toString('base64url');
  return `${data}.${mac(data)}`;
}

const EXPIRED = 'Dit voorbeeld is verlopen of hoort niet bij u. Upload het bestand opnieuw.';

/** The content of a token this user was given for this kind, not yet expired; invalid otherwise. */
export function openPreview(actor: Actor, kind: TokenKind, token: string, now = Date.now()): { name: string; content: unknown } {
  const parts = token.split('.');
  if (parts.length !== 2) throw invalid(EXPIRED, 'bestand');
  const [data, sig] = parts;
  const expected = Buffer.from(mac(data));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) throw invalid(EXPIRED, 'bestand');
  let body: z.infer<typeof tokenBody>;
  try {
    body = tokenBody.parse(JSON.parse(Buffer.from(data, 'base64url').toString('utf8')));
  } catch {
    throw invalid(EXPIRED, 'bestand');
  }
  if (body.u !== actor.id || body.k !== kind || body.e <= now) throw invalid(EXPIRED, 'bestand');
  return { name: body.n, content: body.c };
}

// ---- reading an upload --------------------------------------------------------------------------

export type FileFormat = 'yaml' | 'xlsx';

/** The file's name and format, from its extension AND its bytes; a Dutch message otherwise. */
export function checkFile(originalName: string, bytes: Buffer, allowed: readonly FileFormat[]): { name: string; format: FileFormat } {
  const name = safeDisplayName(originalName);
  if (!name) throw invalid('De bestandsnaam bevat ongeldige tekens.', 'bestand');
  if (bytes.length === 0) throw invalid(`${name}: het bestand is leeg.`, 'bestand');
  if (bytes.length > MAX_FRAMEWORK_BYTES) throw invalid(`${name}: het bestand is groter dan ${String(MAX_FRAMEWORK_BYTES / 1024 / 1024)} MB.`, 'bestand');
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1].toLowerCase() ?? '';
  const format: FileFormat | null = ext === 'yaml' || ext === 'yml' ? 'yaml' : ext === 'xlsx' ? 'xlsx' : null;
  const list = allowed.map((f) => (f === 'yaml' ? 'YAML (.yaml, .yml)' : 'het Excel-sjabloon (.xlsx)')).join(' of ');
  if (!format || !allowed.includes(format)) throw invalid(`${name}: dit bestandstype wordt niet geaccepteerd; upload ${list}.`, 'bestand');
  const actual = sniff(bytes);
  if (format === 'yaml' && actual !== 'text') throw invalid(`${name}: de inhoud is geen tekst (UTF-8); een YAML-bestand is platte tekst.`, 'bestand');
  if (format === 'xlsx' && actual !== 'xlsx') throw invalid(`${name}: de inhoud is geen Excel-werkmap (.xlsx).`, 'bestand');
  return { name, format };
}

/**
 * A YAML upload → a value of the schema, or invalid with every problem as "<file>, regel N, bij
 * <field>: <Dutch message>". (src/app/checklists.ts has the same reading for the CLI, with zod's
 * English default messages; this one translates them for the screen.)
 */
function readYaml<T>(text: string, name: string, schema: ZodType<T>, what: string): T {
  if (text.trim() === '') throw invalid(`${name}: het bestand is leeg.`, 'bestand');
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos ? `regel ${String(e.linePos[0].line)}, kolom ${String(e.linePos[0].col)}` : 'onbekende plek';
    throw invalid(`${name}: ongeldige YAML op ${where}: ${e.message.split('\n')[0]}`, 'bestand');
  }
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    // The deepest node of the path that exists: a missing field is reported at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = doc.getIn(path.slice(0, n) as Array<string | number>, true);
      if (YAML.isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 50).map((i) => {
    const line = lineOf(i.path);
    return `${name}${line === null ? '' : `, regel ${String(line)}`}, bij ${formatPath(i.path)}: ${dutchIssue(i)}`;
  });
  const n = result.error.issues.length;
  throw invalid(`${name} is geen geldig${what === 'kader' ? '' : 'e'} ${what} (${String(n)} ${n === 1 ? 'fout' : 'fouten'}); er is niets gepubliceerd.`, 'bestand', problems);
}

/** The problems of a thrown invalid, as lines for the page. */
function problemLines(e: AppError): string[] {
  return e.problems.length > 0 ? [...e.problems] : [];
}

export interface Failure { ok: false; message: string; problems: string[] }

function failure(e: unknown): Failure {
  if (e instanceof AppError && (e.kind === 'invalid' || e.kind === 'conflict')) return { ok: false, message: e.message, problems: problemLines(e) };
  throw e;
}

/**
 * A checklist file (YAML or the XLSX template) as bytes → the validated checklist, or invalid with
 * every problem (file and line, or sheet, row and column) in Dutch. The screens use it; so can the
 * CLI (`toetsing checklist import FILE.xlsx`).
 */
export async function readChecklistBytes(originalName: string, bytes: Buffer): Promise<Checklist> {
  return (await readChecklistFile(originalName, bytes)).checklist;
}

async function readChecklistFile(originalName: string, bytes: Buffer): Promise<{ name: string; format: FileFormat; checklist: Checklist }> {
  const { name, format } = checkFile(originalName, bytes, ['yaml', 'xlsx']);
  if (format === 'xlsx') {
    const read = await readChecklistXlsx(bytes);
    if (!read.ok) {
      const n = read.problems.length;
      throw invalid(`${name} is geen geldig kader (${String(n)} ${n === 1 ? 'fout' : 'fouten'}); er is niets gepubliceerd.`, 'bestand', read.problems.map(describeSheetProblem));
    }
    return { name, format, checklist: read.checklist };
  }
  const text = bytes.toString('utf8');
  // A mapping uploaded where a checklist is expected: say so instead of listing schema errors.
  if (/^from:/m.test(text) && /^to:/m.test(text) && /^map:/m.test(text)) {
    throw invalid(`${name} is een koppeling, geen kader; upload het bij "Koppeling uploaden".`, 'bestand');
  }
  return { name, format, checklist: readYaml(text, name, checklistSchema, 'kader') };
}

// ---- checklists: preview and publish -----------------------------------------------------------

export interface ChecklistPreview {
  ok: true;
  name: string;
  format: FileFormat;
  checklist: Checklist;
  /** 'new', 'unchanged', or 'refused' (same id and version, other content) with its message. */
  outcome: PublishOutcome | 'refused';
  refusal: string;
  /** The versions of this id published before, newest last. */
  earlier: string[];
  criteriaCount: number;
  /** Empty unless the outcome is 'new'. */
  token: string;
}

/** Read an uploaded checklist and say what publishing it would do; nothing is written. */
export async function previewChecklistUpload(ctx: Ctx, actor: Actor, originalName: string, bytes: Buffer): Promise<ChecklistPreview | Failure> {
  mustManage(actor);
  try {
    const { name, format, checklist } = await readChecklistFile(originalName, bytes);
    const earlier = listVersions(ctx, actor).filter((v) => v.checklist.id === checklist.id).map((v) => v.checklist.version);
    let outcome: ChecklistPreview['outcome'];
    let refusal = '';
    try {
      outcome = checkChecklist(ctx, checklist).outcome;
    } catch (e) {
      if (!(e instanceof AppError) || e.kind !== 'conflict') throw e;
      outcome = 'refused';
      refusal = e.message;
    }
    return {
      ok: true, name, format, checklist, outcome, refusal, earlier, criteriaCount: allCriteria(checklist).length,
      token: outcome === 'new' ? signPreview(actor, 'checklist', name, checklist) : '',
    };
  } catch (e) {
    return failure(e);
  }
}

/** Publish what the preview showed (the token from it); the outcome, or why not. */
export function publishPreviewedChecklist(ctx: Ctx, actor: Actor, token: string): { ok: true; checklist: Checklist; outcome: PublishOutcome } | Failure {
  mustManage(actor);
  try {
    // publishChecklist parses and checks the content again: the token only says who previewed what.
    const { name, content } = openPreview(actor, 'checklist', token);
    return { ok: true, ...publishChecklist(ctx, actor, content, name) };
  } catch (e) {
    return failure(e);
  }
}

// ---- mappings: preview and publish -------------------------------------------------------------

export interface MappingSide {
  id: string;
  number: string;
  label: string;
  /** mapped: to/from the listed criteria; dropped (from side) / added (to side); missing: not accounted for. */
  state: 'mapped' | 'dropped' | 'added' | 'missing';
  partners: string[];
  note: string;
}

export interface MappingPreview {
  ok: true;
  name: string;
  mapping: ChecklistMapping;
  from: { checklist: Checklist | null; rows: MappingSide[] };
  to: { checklist: Checklist | null; rows: MappingSide[] };
  outcome: PublishOutcome | 'refused';
  /** Why it cannot be published (incomplete, a version missing, published with other content). */
  refusal: string;
  problems: string[];
  token: string;
}

function sideRows(checklist: Checklist | null, mapping: ChecklistMapping, side: 'from' | 'to'): MappingSide[] {
  if (!checklist) return [];
  const other = side === 'from' ? 'to' : 'from';
  const marked = new Set(side === 'from' ? mapping.dropped : mapping.added);
  return allCriteria(checklist).map((c) => {
    const entries = mapping.map.filter((e) => e[side].includes(c.id));
    const state: MappingSide['state'] = entries.length > 0 ? 'mapped' : marked.has(c.id) ? (side === 'from' ? 'dropped' : 'added') : 'missing';
    return {
      id: c.id, number: c.number, label: c.shortTitle ?? c.text, state,
      partners: [...new Set(entries.flatMap((e) => e[other]))],
      note: entries.map((e) => e.note ?? '').filter(Boolean).join(' '),
    };
  });
}

/** Read an uploaded mapping (YAML) and show both versions side by side with what is unaccounted for. */
export function previewMappingUpload(ctx: Ctx, actor: Actor, originalName: string, bytes: Buffer): MappingPreview | Failure {
  mustManage(actor);
  try {
    const { name } = checkFile(originalName, bytes, ['yaml']);
    return mappingPreviewOf(ctx, actor, name, readYaml(bytes.toString('utf8'), name, mappingSchema, 'koppeling'));
  } catch (e) {
    return failure(e);
  }
}

/** The preview of a mapping, whether it came from a file or from the editor. */
function mappingPreviewOf(ctx: Ctx, actor: Actor, name: string, mapping: ChecklistMapping): MappingPreview {
  const from = checklistVersion(ctx.catalogue, { id: mapping.from.checklist, version: mapping.from.version }) ?? null;
  const to = checklistVersion(ctx.catalogue, { id: mapping.to.checklist, version: mapping.to.version }) ?? null;
  let outcome: MappingPreview['outcome'];
  let refusal = '';
  let problems: string[] = [];
  try {
    outcome = checkMapping(ctx, mapping).outcome;
  } catch (e) {
    if (!(e instanceof AppError) || (e.kind !== 'invalid' && e.kind !== 'conflict')) throw e;
    outcome = 'refused';
    refusal = e.message;
    problems = [...e.problems];
  }
  return {
    ok: true, name, mapping, outcome, refusal, problems,
    from: { checklist: from, rows: sideRows(from, mapping, 'from') },
    to: { checklist: to, rows: sideRows(to, mapping, 'to') },
    token: outcome === 'new' ? signPreview(actor, 'mapping', name, mapping) : '',
  };
}

// ---- the mapping editor: the earlier version's criteria, each with what it becomes -------------

/** "id@version" of a published version, or null. */
function versionOf(ctx: Ctx, key: string): Checklist | null {
  const at = key.lastIndexOf('@');
  if (at <= 0) return null;
  return checklistVersion(ctx.catalogue, { id: key.slice(0, at), version: key.slice(at + 1) }) ?? null;
}

export interface EditorRow { id: string; number: string; label: string; value: string }

export interface MappingEditor {
  /** Every published version, for the two choices. */
  choices: Array<{ key: string; label: string }>;
  from: Checklist | null;
  to: Checklist | null;
  fromKey: string;
  toKey: string;
  rows: EditorRow[];
  /** The later version's criteria, to choose from. */
  targets: Array<{ id: string; number: string; label: string }>;
}

/**
 * The editor for a mapping between two published versions: one row per earlier criterion with the
 * later criteria it becomes, proposed where the id is the same in both. Typed values (a form that
 * came back) are kept.
 */
export function mappingEditor(ctx: Ctx, actor: Actor, fromKey: string, toKey: string, typed: Record<string, string> = {}): MappingEditor {
  mustManage(actor);
  const choices = [...ctx.catalogue.versions.values()].map((c) => ({ key: versionKey(c.id, c.version), label: `${c.shortTitle} ${c.version} (${c.id})` }));
  const from = versionOf(ctx, fromKey);
  const to = versionOf(ctx, toKey);
  const toIds = new Set(to ? allCriteria(to).map((c) => c.id) : []);
  const rows = from && to
    ? allCriteria(from).map((c) => ({ id: c.id, number: c.number, label: c.shortTitle ?? c.text, value: typed[c.id] ?? (toIds.has(c.id) ? c.id : '') }))
    : [];
  const targets = to ? allCriteria(to).map((c) => ({ id: c.id, number: c.number, label: c.shortTitle ?? c.text })) : [];
  return { choices, from, to, fromKey, toKey, rows, targets };
}

export const EDITOR_SOURCE = 'gemaakt in de koppelingseditor';

/**
 * The editor's form as a mapping, shown as the same preview as an uploaded one. Each earlier
 * criterion lists the later ones it becomes (comma or space separated); empty = dropped. Earlier
 * criteria with exactly the same targets form one entry (merged: compared with their combined
 * verdict); later criteria nobody maps to are added.
 */
export function previewEditedMapping(ctx: Ctx, actor: Actor, input: { fromKey: string; toKey: string; description: string; targets: Record<string, string> }): MappingPreview | Failure {
  mustManage(actor);
  const from = versionOf(ctx, input.fromKey);
  const to = versionOf(ctx, input.toKey);
  if (!from || !to) return { ok: false, message: 'Kies twee gepubliceerde kaderversies.', problems: [] };
  const entries = new Map<string, { from: string[]; to: string[] }>();
  const dropped: string[] = [];
  for (const c of allCriteria(from)) {
    const targets = [...new Set((input.targets[c.id] ?? '').split(/[\s,;]+/).filter(Boolean))];
    if (targets.length === 0) { dropped.push(c.id); continue; }
    const key = [...targets].sort().join(' ');
    const entry = entries.get(key) ?? { from: [], to: targets };
    entry.from.push(c.id);
    entries.set(key, entry);
  }
  const mappedTo = new Set([...entries.values()].flatMap((e) => e.to));
  const mapping: ChecklistMapping = {
    from: { checklist: from.id, version: from.version },
    to: { checklist: to.id, version: to.version },
    ...(input.description.trim() ? { description: input.description.trim() } : {}),
    map: [...entries.values()],
    dropped,
    added: allCriteria(to).map((c) => c.id).filter((id) => !mappedTo.has(id)),
  };
  try {
    return mappingPreviewOf(ctx, actor, EDITOR_SOURCE, mapping);
  } catch (e) {
    return failure(e);
  }
}

export function publishPreviewedMapping(ctx: Ctx, actor: Actor, token: string): { ok: true; mapping: ChecklistMapping; outcome: PublishOutcome } | Failure {
  mustManage(actor);
  try {
    const { name, content } = openPreview(actor, 'mapping', token);
    return { ok: true, ...publishMapping(ctx, actor, content, name) };
  } catch (e) {
    return failure(e);
  }
}

// ---- the list and the downloads -----------------------------------------------------------------

export interface VersionRow {
  checklist: Checklist;
  publishedBy: string;
  publishedAt: string;
  sourceName: string;
  sha256: string;
  current: boolean;
  usedBy: Array<{ id: number; title: string; year: number }>;
}

/** Every published checklist with its versions (newest first) and the mappings; for every role. */
export function frameworksPage(ctx: Ctx, actor: Actor) {
  const inspections = inspectionList(ctx);
  const byId = new Map<string, VersionRow[]>();
  for (const v of listVersions(ctx, actor)) {
    const key = versionKey(v.checklist.id, v.checklist.version);
    const usedBy = inspections
      .filter((i) => i.checklists.some((c) => versionKey(c.id, c.version) === key))
      .map((i) => ({ id: i.id, title: i.title, year: i.year }));
    const row: VersionRow = { checklist: v.checklist, publishedBy: v.publishedBy, publishedAt: v.publishedAt, sourceName: v.sourceName, sha256: v.sha256, current: v.current, usedBy };
    byId.set(v.checklist.id, [row, ...(byId.get(v.checklist.id) ?? [])]);
  }
  const checklists = [...byId.values()].map((versions) => ({ id: versions[0].checklist.id, title: versions[0].checklist.title, versions }));
  const mappings = listMappingVersions(ctx, actor).map((m) => ({ ...m, label: mappingLabel(ctx, m.mapping) }));
  return { checklists, mappings, canPublish: actor.role === 'beheerder' };
}

function mappingLabel(ctx: Ctx, m: ChecklistMapping): string {
  const name = (id: string, version: string) => `${checklistVersion(ctx.catalogue, { id, version })?.shortTitle ?? id} ${version}`;
  return `${name(m.from.checklist, m.from.version)} → ${name(m.to.checklist, m.to.version)}`;
}

/** A download name for a version: "<id>-<version>.<ext>", safe in a header. */
export function versionFileName(checklist: Pick<Checklist, 'id' | 'version'>, ext: 'yaml' | 'xlsx'): string {
  return `${checklist.id}-${checklist.version}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function versionYaml(ctx: Ctx, actor: Actor, id: string, version: string): { filename: string; text: string } {
  const { checklist, yaml } = exportVersion(ctx, actor, id, version);
  return { filename: versionFileName(checklist, 'yaml'), text: yaml };
}

export async function versionXlsx(ctx: Ctx, _actor: Actor, id: string, version: string): Promise<{ filename: string; bytes: Buffer }> {
  const { checklist } = findVersion(ctx, id, version);
  return { filename: versionFileName(checklist, 'xlsx'), bytes: await checklistToXlsx(checklist) };
}
