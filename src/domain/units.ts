// Organisations and their units as versioned data (issue 17). An inspection is made with one
// version of one organisation's unit set and is always read with THAT version (unitsOf): renaming a
// unit in a later version changes no screen or report of an earlier inspection. Pure; the database
// side is src/store/units.store.ts, the use cases src/app/units.ts.
import { z } from 'zod';
import type { Catalogue } from './checklist';

/**
 * A unit's kind. The police file uses regionaal | landelijk | dienst | staf; no code branches on
 * the kind (it is shown, never computed with), so another organisation may use its own short label
 * ('vestiging', 'regio', 'locatie').
 */
/** A unit's code: it stands in URLs, file names and cell keys, so it is short and plain. */
export const UNIT_CODE = /^[A-Z][A-Z0-9-]{1,15}$/;
/** An organisation's key, as in a URL. */
export const ORGANISATION_CODE = /^[a-z0-9][a-z0-9-]{0,59}$/;

export const unitKindSchema = z.string().trim().min(1).max(40);

export const unitSchema = z
  .object({
    code: z.string().regex(UNIT_CODE, 'code: hoofdletters en cijfers, 2 tot 16 tekens'),
    name: z.string().trim().min(1),
    kind: unitKindSchema,
  })
  .strict();
export type Unit = z.infer<typeof unitSchema>;

/**
 * Words an organisation's key may not be: the beheerder's screens live beside the organisations
 * under /organisaties/, so an organisation called 'nieuw' could never be opened.
 */
export const RESERVED_ORGANISATION_CODES: readonly string[] = ['nieuw', 'voorbeeld', 'publiceren'];

/** An organisation's key: lowercase letters, digits and '-', as in a URL. */
export const organisationCodeSchema = z
  .string()
  .regex(ORGANISATION_CODE, 'code: kleine letters, cijfers en -, hoogstens 60 tekens')
  .refine((code) => !RESERVED_ORGANISATION_CODES.includes(code), {
    error: `code: ${RESERVED_ORGANISATION_CODES.map((w) => `'${w}'`).join(', ')} zijn gereserveerd; kies een andere code`,
  });

/** The organisation's key when the file gives none: its name in lowercase, everything else '-'. */
export function organisationCodeOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (slug === '') return 'organisatie';
  return RESERVED_ORGANISATION_CODES.includes(slug) ? `${slug}-organisatie` : slug;
}

/**
 * A units file (criteria/units.yaml, an upload, `toetsing units import`): the organisation's name,
 * optionally its code (derived from the name otherwise) and its units. After parsing `code` is
 * always set.
 */
export const unitSetFileSchema = z
  .object({
    organisation: z.string().trim().min(1),
    code: organisationCodeSchema.optional(),
    /** Whom the inspectorate addresses its recommendations to ("de korpschef"). */
    addressee: z.string().trim().min(1).max(100).optional(),
    units: z.array(unitSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.units.forEach((u, i) => {
      if (seen.has(u.code)) ctx.addIssue({ code: 'custom', path: ['units', i, 'code'], message: `eenheidscode '${u.code}' komt dubbel voor` });
      seen.add(u.code);
    });
  })
  .transform((f) => ({ organisation: f.organisation, code: f.code ?? organisationCodeOf(f.organisation), ...(f.addressee !== undefined ? { addressee: f.addressee } : {}), units: f.units }));
export type UnitSetFile = z.infer<typeof unitSetFileSchema>;
/** The file as written (code optional). */
export type UnitSetFileInput = z.input<typeof unitSetFileSchema>;

export interface Organisation {
  code: string;
  name: string;
  /** Whom recommendations are addressed to; absent: the report names no addressee. */
  addressee?: string;
}

/** Whom an inspection's recommendations are addressed to: its organisation's addressee, or null. */
export function addresseeOf(catalogue: Pick<Catalogue, 'organisations' | 'unitSets'>, inspection: { unitSet: UnitSetRef }): string | null {
  // Through the inspection's set, so one not yet tied to a set reads as unitSetOf reads it.
  const code = unitSetOf(catalogue, inspection.unitSet)?.organisation ?? inspection.unitSet.organisation;
  return catalogue.organisations.get(code)?.addressee ?? null;
}

/** One published version of an organisation's units. */
export interface UnitSet {
  /** The organisation's code. */
  organisation: string;
  /** The organisation's name as published with this version (a later rename leaves it as it was). */
  organisationName: string;
  version: number;
  units: Unit[];
}

/** The reference an inspection holds to the unit set it was made with. */
export interface UnitSetRef {
  organisation: string;
  version: number;
}

/** The key of one version in `Catalogue.unitSets`. */
export function unitSetKey(code: string, version: number): string {
  return `${code}@${version}`;
}

/**
 * The set an inspection uses, or undefined when the catalogue lacks it (a broken import). An
 * inspection not yet tied to a set (organisation '', only between migration 13 and the seeding at
 * open, or read from the files alone) reads the first organisation's version 1: the set the
 * upgrade ties it to (src/app/units.ts seedUnits).
 */
export function unitSetOf(catalogue: Pick<Catalogue, 'unitSets'>, ref: UnitSetRef): UnitSet | undefined {
  if (ref.organisation === '') {
    for (const set of catalogue.unitSets.values()) if (set.version === 1) return set;
    return undefined;
  }
  return catalogue.unitSets.get(unitSetKey(ref.organisation, ref.version));
}

/**
 * The units an inspection is about, in the inspection's order, named as its own unit set names them.
 * A code the set lacks (cannot happen through the app; a hand-made database) shows as its code.
 */
export function unitsOf(catalogue: Pick<Catalogue, 'unitSets'>, inspection: { unitSet: UnitSetRef; units: readonly string[] }): Unit[] {
  const set = unitSetOf(catalogue, inspection.unitSet);
  const byCode = new Map((set?.units ?? []).map((u) => [u.code, u]));
  return inspection.units.map((code) => byCode.get(code) ?? { code, name: code, kind: '' });
}

/** The name of one unit as the inspection's unit set has it; its code when the set lacks it. */
export function unitNameOf(catalogue: Pick<Catalogue, 'unitSets'>, inspection: { unitSet: UnitSetRef }, code: string): string {
  return unitSetOf(catalogue, inspection.unitSet)?.units.find((u) => u.code === code)?.name ?? code;
}

/** The organisation's name as the inspection's unit set has it. */
export function organisationNameOf(catalogue: Pick<Catalogue, 'unitSets' | 'organisations'>, inspection: { unitSet: UnitSetRef }): string {
  return unitSetOf(catalogue, inspection.unitSet)?.organisationName ?? catalogue.organisations.get(inspection.unitSet.organisation)?.name ?? inspection.unitSet.organisation;
}

/** The current set of an organisation (what a new inspection is offered). */
export function currentUnitSet(catalogue: Pick<Catalogue, 'unitSets' | 'organisations'>, code: string): UnitSet | undefined {
  const org = catalogue.organisations.get(code);
  return org ? catalogue.unitSets.get(unitSetKey(code, org.current)) : undefined;
}

/** The organisation a new inspection gets when none is chosen: the first (oldest) one. */
export function defaultOrganisation(catalogue: Pick<Catalogue, 'organisations'>): string | undefined {
  return catalogue.organisations.keys().next().value;
}

export interface UnitChange { kind: 'added' | 'renamed' | 'removed' | 'kind-changed'; code: string; before?: string; after?: string }

/** What changes from one set of units to the next, in the new file's order, removals last. */
export function unitChanges(before: readonly Unit[], after: readonly Unit[]): UnitChange[] {
  const old = new Map(before.map((u) => [u.code, u]));
  const changes: UnitChange[] = [];
  for (const u of after) {
    const was = old.get(u.code);
    if (!was) changes.push({ kind: 'added', code: u.code, after: u.name });
    else {
      if (was.name !== u.name) changes.push({ kind: 'renamed', code: u.code, before: was.name, after: u.name });
      if (was.kind !== u.kind) changes.push({ kind: 'kind-changed', code: u.code, before: was.kind, after: u.kind });
    }
  }
  const now = new Set(after.map((u) => u.code));
  for (const u of before) if (!now.has(u.code)) changes.push({ kind: 'removed', code: u.code, before: u.name });
  return changes;
}

/** The current units of the first organisation (tools and tests with one organisation). */
export function defaultUnits(catalogue: Pick<Catalogue, 'unitSets' | 'organisations'>): Unit[] {
  const code = defaultOrganisation(catalogue);
  return (code === undefined ? undefined : currentUnitSet(catalogue, code))?.units ?? [];
}
