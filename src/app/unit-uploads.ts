// The beheerder's screens for organisations and their units (issue 17): a units file uploaded, or
// the current set edited in a table, is shown as a preview (added / renamed / removed / kind
// changed) and published only on a second request. Publishing is unitsA's use case
// (src/app/units.ts publishUnitSet, which validates again); the previewed content travels between
// the two requests in the same signed token as checklists and mappings (signPreview/openPreview in
// src/app/checklist-uploads.ts, kind 'units'): nothing is kept on the server in between.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { dutchIssue } from '../domain/issue-messages';
import { Unit, UnitSetFile, unitSetFileSchema, UnitChange, unitChanges } from '../domain/units';
import { AppError } from '../errors';
import { checkFile, openPreview, signPreview } from './checklist-uploads';
import { listOrganisations, mustManageUnits, PreviewBase, previewChangesSomething, parseUnitSetText, previewUnitSet, publishUnitSet, UnitSetPreview, unitSetVersions, unitSetYaml } from './units';

export interface Failure {
  ok: false;
  message: string;
  problems: string[];
  /** Someone else published in between: nothing is wrong with the input, it is out of date (409). */
  conflict?: boolean;
}

function failure(e: unknown): Failure {
  if (e instanceof AppError && (e.kind === 'invalid' || e.kind === 'conflict')) return { ok: false, message: e.message, problems: [...e.problems], conflict: e.kind === 'conflict' };
  throw e;
}

// ---- the lists ---------------------------------------------------------------------------------

/** Every organisation with its current version, number of versions and inspections; for every role. */
export function organisationsPage(ctx: Ctx, actor: Actor) {
  return { organisations: listOrganisations(ctx), canPublish: actor.role === 'beheerder' };
}

/** One organisation: its versions newest first, each with its units and what changed from the one before. */
export function organisationPage(ctx: Ctx, actor: Actor, code: string) {
  const versions = unitSetVersions(ctx, code);
  const org = listOrganisations(ctx).find((o) => o.code === code);
  const rows = versions.map((v, i) => ({ ...v, current: i === versions.length - 1, changes: i === 0 ? [] : unitChanges(versions[i - 1].units, v.units) }));
  return { code, name: org?.name ?? code, addressee: ctx.catalogue.organisations.get(code)?.addressee ?? '', versions: rows.reverse(), canPublish: actor.role === 'beheerder' };
}

export function versionFile(ctx: Ctx, code: string, version: number): { filename: string; text: string } {
  return { filename: `eenheden-${code}-v${String(version)}.yaml`.replace(/[^A-Za-z0-9._-]/g, '_'), text: unitSetYaml(ctx, code, version) };
}

// ---- preview and publish -----------------------------------------------------------------------

export interface UnitsPreview extends UnitSetPreview {
  ok: true;
  /** The file's name, or that it came from the editor. */
  name: string;
  /** Whether it came from the editor's table rather than a file. */
  fromEditor: boolean;
  /** Empty when publishing would change nothing. */
  token: string;
  /** Per code, the kind of change (for marking the rows of the new list). */
  marks: Record<string, Array<UnitChange['kind']>>;
}

interface SignedUnits { file: UnitSetFile; base: PreviewBase }

function previewOf(ctx: Ctx, actor: Actor, name: string, file: UnitSetFile): UnitsPreview {
  const preview = previewUnitSet(ctx, file);
  const marks: Record<string, Array<UnitChange['kind']>> = {};
  for (const c of preview.changes) (marks[c.code] ??= []).push(c.kind);
  // The token carries the version the preview was made against: publishing refuses when another
  // version was published in between (publishUnitSet's base).
  const signed: SignedUnits = { file: preview.file, base: preview.base };
  return { ok: true, ...preview, name, fromEditor: name === UNITS_EDITOR_SOURCE, marks, token: previewChangesSomething(preview) ? signPreview(actor, 'units', name, signed) : '' };
}

/** An uploaded units file (YAML) → the preview, or every problem (file, line, field) in Dutch. */
export function previewUnitsUpload(ctx: Ctx, actor: Actor, originalName: string, bytes: Buffer): UnitsPreview | Failure {
  mustManageUnits(actor);
  try {
    const { name } = checkFile(originalName, bytes, ['yaml']);
    return previewOf(ctx, actor, name, parseUnitSetText(bytes.toString('utf8'), name));
  } catch (e) {
    return failure(e);
  }
}

export const UNITS_EDITOR_SOURCE = 'gemaakt in de eenheden-editor';

/** Publish what the preview showed; where to go, or why not. */
export function publishPreviewedUnits(ctx: Ctx, actor: Actor, token: string): { ok: true; organisation: string; version: number; outcome: 'new' | 'unchanged'; addresseeChanged: boolean } | Failure {
  mustManageUnits(actor);
  try {
    const { name, content } = openPreview(actor, 'units', token);
    const { file, base } = content as SignedUnits;
    // publishUnitSet validates the content again: the token only says who previewed what, from where, against which version.
    return { ok: true, ...publishUnitSet(ctx, actor, file, name, base) };
  } catch (e) {
    return failure(e);
  }
}

// ---- the editor --------------------------------------------------------------------------------

export interface EditorRow { code: string; name: string; kind: string }

/** Empty rows below the units, to add new ones. */
export const EMPTY_ROWS = 5;
/** Most rows the editor takes (a form with more is refused). */
export const MAX_ROWS = 500;

/**
 * The editor for an organisation's current set (or a new organisation when `code` is empty): its
 * name and one row per unit, plus empty rows. Rows that came back with a form are kept as typed.
 */
export function unitsEditor(ctx: Ctx, actor: Actor, code: string, typed?: { organisation: string; addressee?: string; rows: EditorRow[]; base?: number }) {
  mustManageUnits(actor);
  const org = code ? listOrganisations(ctx).find((o) => o.code === code) : undefined;
  const current: Unit[] = org ? (unitSetVersions(ctx, org.code).at(-1)?.units ?? []) : [];
  const rows = typed ? typed.rows.filter((r) => r.code || r.name || r.kind) : current.map((u) => ({ code: u.code, name: u.name, kind: u.kind }));
  return {
    code: org?.code ?? '',
    isNew: !org,
    organisation: typed?.organisation ?? org?.name ?? '',
    /** Whom recommendations go to, as the organisation has it or as typed. */
    addressee: typed?.addressee ?? (org ? ctx.catalogue.organisations.get(org.code)?.addressee : undefined) ?? '',
    current: org?.current ?? 0,
    /** The version the rows were filled from: kept as it was when the form comes back with typed rows. */
    basis: typed?.base ?? org?.current ?? 0,
    rows: [...rows, ...Array.from({ length: EMPTY_ROWS }, () => ({ code: '', name: '', kind: '' }))],
  };
}

/**
 * The editor's table as a units file, shown as the same preview as an upload. A row with code,
 * name and kind all empty is left out (that is how a unit is removed); any other row must be
 * complete. Problems name the row and the column.
 */
export function previewEditedUnits(ctx: Ctx, actor: Actor, input: { code: string; organisation: string; addressee?: string; rows: EditorRow[]; base?: number }): UnitsPreview | Failure {
  mustManageUnits(actor);
  const org = input.code ? listOrganisations(ctx).find((o) => o.code === input.code) : undefined;
  if (input.code && !org) return { ok: false, message: `Organisatie '${input.code}' bestaat niet.`, problems: [] };
  // The table was filled from version `base`: a version published since would be undone unseen.
  if (org && input.base !== undefined && input.base !== org.current) {
    return { ok: false, conflict: true, message: `Intussen is versie ${String(org.current)} van ${org.name} gepubliceerd; uw tabel ging uit van versie ${String(input.base)}. Er is niets gepubliceerd. Uw invoer staat hieronder; vergelijk haar met de nieuwe versie op de pagina van de organisatie.`, problems: [] };
  }
  const kept = input.rows.map((r, i) => ({ row: i + 1, unit: { code: r.code.trim(), name: r.name.trim(), kind: r.kind.trim() } })).filter((r) => r.unit.code || r.unit.name || r.unit.kind);
  // An emptied addressee field leaves the organisation's addressee as it is (it is not versioned, and a report without one names nobody).
  const addressee = input.addressee?.trim() ?? '';
  const raw = { organisation: input.organisation.trim(), ...(org ? { code: org.code } : {}), ...(addressee ? { addressee } : {}), units: kept.map((r) => r.unit) };
  const parsed = unitSetFileSchema.safeParse(raw);
  if (!parsed.success) {
    const COLUMN: Record<string, string> = { code: 'code', name: 'naam', kind: 'soort' };
    const problems = parsed.error.issues.slice(0, 50).map((i) => {
      if (i.path[0] === 'units' && typeof i.path[1] === 'number') {
        const row = kept[i.path[1]]?.row ?? i.path[1] + 1;
        const col = typeof i.path[2] === 'string' ? COLUMN[i.path[2]] ?? i.path[2] : '';
        // The schema's own message may already start with the field's name ("code: …").
        const message = dutchIssue(i).replace(/^(code|name|kind): /, '');
        return `Rij ${String(row)}${col ? `, kolom ${col}` : ''}: ${message}`;
      }
      if (i.path[0] === 'units') return 'Vul minstens één eenheid in.';
      if (i.path[0] === 'organisation') return `Naam van de organisatie: ${dutchIssue(i)}`;
      if (i.path[0] === 'addressee') return `Aanbevelingen aan: ${dutchIssue(i)}`;
      return dutchIssue(i);
    });
    return { ok: false, message: `De eenheden zijn niet in orde (${String(problems.length)} ${problems.length === 1 ? 'fout' : 'fouten'}); er is niets gepubliceerd.`, problems };
  }
  if (!org && listOrganisations(ctx).some((o) => o.code === parsed.data.code)) {
    return { ok: false, message: `Er bestaat al een organisatie met de sleutel '${parsed.data.code}'. Wijzig haar eenheden via die organisatie.`, problems: [] };
  }
  try {
    return previewOf(ctx, actor, UNITS_EDITOR_SOURCE, parsed.data);
  } catch (e) {
    return failure(e);
  }
}

