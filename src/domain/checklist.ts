// A checklist (toetsingskader, ombudsman points, any later framework) is data: this module
// defines its shape and the look-ups every other layer uses. Loading from disk lives in
// src/criteria.ts; nothing here does I/O.
import { z } from 'zod';
import { must } from '../errors';
import type { Organisation, UnitSet } from './units';

/** The value stored for a cell nobody has judged yet; valid on every scale. */
export const NOT_ASSESSED = 'niet_beoordeeld';
export const NOT_ASSESSED_LABEL = 'Niet beoordeeld';

const code = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'gebruik alleen kleine letters, cijfers, - en _');

/**
 * A scale has exactly one positive, one partial and one negative level. The roll-up rules only
 * look at these ranks, so a checklist with other words (opgevolgd, voldoet, ...) needs no code.
 */
export const scaleSchema = z
  .object({
    id: code,
    levels: z
      .array(
        z
          .object({
            code: code.refine((c) => c !== NOT_ASSESSED, `'${NOT_ASSESSED}' is gereserveerd`),
            label: z.string().min(1),
            rank: z.enum(['positive', 'partial', 'negative']),
          })
          .strict(),
      )
      .length(3, 'een schaal heeft precies drie niveaus (positief, gedeeltelijk, negatief)'),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const rank of ['positive', 'partial', 'negative'] as const) {
      if (s.levels.filter((l) => l.rank === rank).length !== 1) {
        ctx.addIssue({ code: 'custom', path: ['levels'], message: `precies één niveau met rank '${rank}' vereist` });
      }
    }
  });

export const criterionSchema = z
  .object({
    id: code,
    number: z.string().min(1),
    text: z.string().min(1),
    /** A short name for heatmaps, tables and file names; the checklist's own words, never the norm. */
    shortTitle: z.string().min(1).max(80).optional(),
    subpoints: z.array(z.string().min(1)).optional(),
    guidance: z.string().optional(),
  })
  .strict();

export const groupSchema = z
  .object({
    id: code,
    number: z.number().int().positive(),
    title: z.string().min(1),
    /** What a group is called in this checklist, e.g. "toezegging". */
    kind: z.string().min(1),
    criteria: z.array(criterionSchema).min(1),
  })
  .strict();

export const checklistSchema = z
  .object({
    id: code,
    version: z.string().min(1),
    title: z.string().min(1),
    shortTitle: z.string().min(1),
    source: z.string().min(1),
    description: z.string().optional(),
    scale: scaleSchema,
    groups: z.array(groupSchema).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seenGroups = new Set<string>();
    const seenCriteria = new Set<string>();
    c.groups.forEach((g, gi) => {
      if (seenGroups.has(g.id)) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'id'], message: `groep-id '${g.id}' komt dubbel voor` });
      seenGroups.add(g.id);
      g.criteria.forEach((cr, ci) => {
        if (seenCriteria.has(cr.id)) {
          ctx.addIssue({ code: 'custom', path: ['groups', gi, 'criteria', ci, 'id'], message: `criterium-id '${cr.id}' komt dubbel voor` });
        }
        seenCriteria.add(cr.id);
      });
    });
  });

export type Scale = z.infer<typeof scaleSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
export type Rank = 'positive' | 'partial' | 'negative';

// Units moved to ./units (versioned per organisation); re-exported for the modules that read them here.
export { unitSchema } from './units';
export type { Unit } from './units';

/**
 * The published checklists and unit sets (from the database; criteria/ is their initial content). `checklists` holds the current version per id, what a new inspection is offered;
 * `versions` every published version, keyed `id@version` (versionKey): an inspection is always
 * read with the versions it uses (checklistsOf).
 */
export interface Catalogue {
  checklists: Map<string, Checklist>;
  versions: Map<string, Checklist>;
  /** Every organisation, oldest first, with the version of its unit set a new inspection gets. */
  organisations: Map<string, Organisation & { current: number }>;
  /** Every published unit set, keyed `code@version` (unitSetKey): an inspection reads its own (unitsOf). */
  unitSets: Map<string, UnitSet>;
  mappings: ChecklistMapping[];
}

/** A mapping lets comparison run across two versions of a checklist (see issue on follow-ups). */
export const mappingSchema = z
  .object({
    from: z.object({ checklist: code, version: z.string().min(1) }).strict(),
    to: z.object({ checklist: code, version: z.string().min(1) }).strict(),
    description: z.string().optional(),
    /** Each entry: earlier criterion ids → later criterion ids (split: 1→n, merge: n→1). */
    map: z.array(z.object({ from: z.array(code).min(1), to: z.array(code).min(1), note: z.string().optional() }).strict()),
    /** Criteria that were dropped (from) or are new (to): shown as "niet vergelijkbaar". */
    dropped: z.array(code).default([]),
    added: z.array(code).default([]),
  })
  .strict();
export type ChecklistMapping = z.infer<typeof mappingSchema>;

export function allCriteria(c: Checklist): Array<Criterion & { groupId: string }> {
  return c.groups.flatMap((g) => g.criteria.map((cr) => ({ ...cr, groupId: g.id })));
}

export function findCriterion(c: Checklist, criterionId: string): (Criterion & { groupId: string }) | undefined {
  return allCriteria(c).find((cr) => cr.id === criterionId);
}

export function isValidVerdict(scale: Scale, value: string): boolean {
  return value === NOT_ASSESSED || scale.levels.some((l) => l.code === value);
}

export function verdictLabel(scale: Scale, value: string): string {
  if (value === NOT_ASSESSED) return NOT_ASSESSED_LABEL;
  return scale.levels.find((l) => l.code === value)?.label ?? value;
}

export function rankOf(scale: Scale, value: string): Rank | null {
  return scale.levels.find((l) => l.code === value)?.rank ?? null;
}

export function codeOfRank(scale: Scale, rank: Rank): string {
  // Guaranteed by scaleSchema: every rank occurs exactly once.
  return must(scale.levels.find((l) => l.rank === rank), `het niveau '${rank}' van schaal '${scale.id}'`).code;
}

/** The key of one published version in `Catalogue.versions`. */
export function versionKey(id: string, version: string): string {
  return `${id}@${version}`;
}

/** One published version, or undefined when it is not in the catalogue. */
export function checklistVersion(catalogue: Catalogue, ref: { id: string; version: string }): Checklist | undefined {
  // The current version is in both maps; reading it from `checklists` first keeps a catalogue that
  // a caller derived by replacing a current checklist (tests, tools) consistent with itself.
  const current = catalogue.checklists.get(ref.id);
  if (current?.version === ref.version) return current;
  return catalogue.versions.get(versionKey(ref.id, ref.version));
}

/**
 * The checklists an inspection uses, in its order, each in the version it uses, as the Map by id
 * the domain functions take. A version the catalogue lacks is left out (its cells show bare codes).
 */
export function checklistsOf(catalogue: Catalogue, refs: ReadonlyArray<{ id: string; version: string }>): Map<string, Checklist> {
  const out = new Map<string, Checklist>();
  for (const r of refs) {
    const c = checklistVersion(catalogue, r);
    if (c) out.set(c.id, c);
  }
  return out;
}

/**
 * What a mapping leaves unaccounted for, against the two versions it joins: every earlier criterion
 * must be mapped or dropped, every later one mapped or added, and every id it names must exist on
 * its side. Empty when the mapping is complete.
 */
export function mappingProblems(m: ChecklistMapping, from: Checklist, to: Checklist): string[] {
  const problems: string[] = [];
  const fromIds = new Set(allCriteria(from).map((c) => c.id));
  const toIds = new Set(allCriteria(to).map((c) => c.id));
  const mappedFrom = new Set(m.map.flatMap((e) => e.from));
  const mappedTo = new Set(m.map.flatMap((e) => e.to));
  const unknown = (ids: Iterable<string>, known: Set<string>) => [...new Set(ids)].filter((id) => !known.has(id));
  const fromUnknown = unknown([...mappedFrom, ...m.dropped], fromIds);
  const toUnknown = unknown([...mappedTo, ...m.added], toIds);
  if (fromUnknown.length > 0) problems.push(`criteria die niet in ${from.id} versie ${from.version} staan: ${fromUnknown.join(', ')}`);
  if (toUnknown.length > 0) problems.push(`criteria die niet in ${to.id} versie ${to.version} staan: ${toUnknown.join(', ')}`);
  const both = (a: Iterable<string>, b: Set<string>) => [...a].filter((id) => b.has(id));
  const droppedMapped = both(m.dropped, mappedFrom);
  const addedMapped = both(m.added, mappedTo);
  if (droppedMapped.length > 0) problems.push(`zowel gekoppeld als vervallen: ${droppedMapped.join(', ')}`);
  if (addedMapped.length > 0) problems.push(`zowel gekoppeld als nieuw: ${addedMapped.join(', ')}`);
  const dropped = new Set(m.dropped);
  const added = new Set(m.added);
  const missingFrom = [...fromIds].filter((id) => !mappedFrom.has(id) && !dropped.has(id));
  const missingTo = [...toIds].filter((id) => !mappedTo.has(id) && !added.has(id));
  if (missingFrom.length > 0) problems.push(`criteria van ${from.id} versie ${from.version} die niet gekoppeld en niet vervallen zijn: ${missingFrom.join(', ')}`);
  if (missingTo.length > 0) problems.push(`criteria van ${to.id} versie ${to.version} die niet gekoppeld en niet nieuw zijn: ${missingTo.join(', ')}`);
  return problems;
}
