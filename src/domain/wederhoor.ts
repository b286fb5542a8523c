// The reactions of the inspected party to a concept report sent for wederhoor, and the rules of
// their handling. A reaction points at a numbered paragraph of the round's concept (or at none:
// a general remark), and is handled as overgenomen, gedeeltelijk overgenomen or niet overgenomen
// with a motivation; until both are there it stands in the way of vaststelling.
import { z } from 'zod';
import type { Blocker } from './blockers';
import { markdownProblem } from './markdown-shape';

export const HANDLINGS = ['overgenomen', 'gedeeltelijk_overgenomen', 'niet_overgenomen'] as const;
export type Handling = (typeof HANDLINGS)[number];
export const HANDLING_LABELS: Record<Handling, string> = {
  overgenomen: 'Overgenomen',
  gedeeltelijk_overgenomen: 'Gedeeltelijk overgenomen',
  niet_overgenomen: 'Niet overgenomen',
};

/** Where a reaction came from: typed in the app, or read from the returned reaction form. */
export const REACTION_SOURCES = ['app', 'formulier'] as const;
export type ReactionSource = (typeof REACTION_SOURCES)[number];
export const REACTION_SOURCE_LABELS: Record<ReactionSource, string> = {
  app: 'Ingevoerd in de applicatie',
  formulier: 'Uit het reactieformulier',
};

/** The state of a reaction as the lists show it. */
export const REACTION_STATES = ['onverwerkt', 'zonder_motivering', 'verwerkt'] as const;
export type ReactionState = (typeof REACTION_STATES)[number];
export const REACTION_STATE_LABELS: Record<ReactionState, string> = {
  onverwerkt: 'Nog niet verwerkt',
  zonder_motivering: 'Verwerking zonder motivering',
  verwerkt: 'Verwerkt',
};

/** Longest texts of a reaction (the form's cells and the app's fields alike). */
export const REACTION_LIMITS = { passage: 5_000, reaction: 20_000, proposed: 20_000, motivation: 20_000 } as const;

export interface ReactionInput {
  /** The paragraph number in the round's concept; null for a remark on the report as a whole. */
  paragraph: number | null;
  passage: string;
  reaction: string;
  proposed: string;
}

export interface ReactionRecord extends ReactionInput {
  id: number;
  roundId: number;
  /** 1, 2, 3 … within the round: the number the handling document gives the reaction. */
  position: number;
  source: ReactionSource;
  handling: Handling | null;
  motivation: string;
  /** The report section whose text changed because of the reaction, with its version at the round and after. */
  sectionId: number | null;
  sectionVersionBefore: number | null;
  sectionVersionAfter: number | null;
  handledBy: string | null;
  handledAt: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}

export interface HandlingInput {
  handling: Handling;
  motivation: string;
}

export function reactionState(r: Pick<ReactionRecord, 'handling' | 'motivation'>): ReactionState {
  if (r.handling === null) return 'onverwerkt';
  return r.motivation.trim() === '' ? 'zonder_motivering' : 'verwerkt';
}

/** The paragraph numbers of a round, as the checks need them. */
export interface ParagraphRange {
  has: (n: number) => boolean;
  first: number;
  last: number;
}

export function paragraphRange(numbers: readonly number[]): ParagraphRange {
  const set = new Set(numbers);
  return { has: (n) => set.has(n), first: numbers.length ? Math.min(...numbers) : 0, last: numbers.length ? Math.max(...numbers) : 0 };
}

/** Why a paragraph number cannot be used in this round, or null. */
export function paragraphProblem(paragraph: number | null, range: ParagraphRange): string | null {
  if (paragraph === null) return null;
  if (!Number.isInteger(paragraph) || paragraph < 1) return 'een paragraafnummer is een heel getal vanaf 1';
  if (range.last === 0) return 'deze versie van het concept heeft geen genummerde paragrafen; laat het paragraafnummer leeg';
  if (!range.has(paragraph)) return `paragraaf ${paragraph} bestaat niet in deze versie (${range.first}–${range.last})`;
  return null;
}

/** Every problem of a reaction, by field: the app's form and the import say the same. */
export function reactionProblems(input: ReactionInput, range: ParagraphRange): Partial<Record<keyof ReactionInput, string>> {
  const out: Partial<Record<keyof ReactionInput, string>> = {};
  const p = paragraphProblem(input.paragraph, range);
  if (p) out.paragraph = p;
  if (input.reaction.trim() === '') out.reaction = 'de reactie zelf ontbreekt';
  for (const k of ['passage', 'reaction', 'proposed'] as const) {
    if (input[k].length > REACTION_LIMITS[k]) out[k] = `hoogstens ${REACTION_LIMITS[k].toLocaleString('nl-NL')} tekens`;
  }
  return out;
}

/** A round as the blockers read it: its reactions in order. */
export interface RoundReactions {
  id: number;
  reactions: ReactionRecord[];
}

/**
 * One blocker per reaction without a handling or a motivation. The key names the round by its
 * place among the inspection's rounds and the reaction by its number, so an acceptance still
 * finds its blocker after an export and import (ids change, places do not).
 */
export function reactionBlockers(rounds: readonly RoundReactions[]): Blocker[] {
  const out: Blocker[] = [];
  rounds.forEach((round, i) => {
    for (const r of round.reactions) {
      const state = reactionState(r);
      if (state === 'verwerkt') continue;
      const where = `Wederhoor ${rounds.length > 1 ? `ronde ${i + 1}, ` : ''}reactie ${r.position}${r.paragraph === null ? '' : ` (paragraaf ${r.paragraph})`}`;
      out.push({
        key: `reactie_onverwerkt:${i + 1}:${r.position}`,
        kind: 'reactie_onverwerkt',
        message: state === 'onverwerkt' ? `${where}: nog niet verwerkt` : `${where}: verwerkt zonder motivering`,
      });
    }
  });
  return out;
}

// ---- In the inspection document (export and import) ------------------------------------------
// An optional key of its own, `wederhoorReactions`: per round (by its place among the document's
// wederhoor rounds, from 1) its reactions in order. A section is named by its place in `outline`
// (from 1), as the review notes name theirs. Absent in documents from before reactions.

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'tijdstip als ISO 8601 (UTC)');
const person = z.string().min(1).max(254);
const docText = (max: number) => z.string().max(max).superRefine((s, c) => {
  const problem = markdownProblem(s);
  if (problem) c.addIssue({ code: 'custom', message: problem });
});

export const reactionDocSchema = z
  .object({
    paragraph: z.number().int().min(1).nullable().default(null),
    passage: docText(REACTION_LIMITS.passage).default(''),
    reaction: docText(REACTION_LIMITS.reaction).refine((t) => t.trim() !== '', 'een reactie heeft tekst'),
    proposed: docText(REACTION_LIMITS.proposed).default(''),
    source: z.enum(REACTION_SOURCES).default('app'),
    handling: z.enum(HANDLINGS).nullable().default(null),
    motivation: docText(REACTION_LIMITS.motivation).default(''),
    section: z.number().int().min(1).nullable().default(null),
    sectionVersionBefore: z.number().int().min(1).nullable().default(null),
    sectionVersionAfter: z.number().int().min(1).nullable().default(null),
    createdBy: person,
    createdAt: isoDateTime,
    handledBy: person.nullable().default(null),
    handledAt: isoDateTime.nullable().default(null),
  })
  .strict();
export type ReactionDoc = z.infer<typeof reactionDocSchema>;

export const reactionRoundDocSchema = z
  .object({ round: z.number().int().min(1), reactions: z.array(reactionDocSchema).max(10_000) })
  .strict();
export type ReactionRoundDoc = z.infer<typeof reactionRoundDocSchema>;

/** The document's reactions, from a snapshot: only rounds that have any, in round order. */
export function reactionsDoc(rounds: readonly RoundReactions[], sectionIds: readonly number[]): ReactionRoundDoc[] {
  const place = new Map(sectionIds.map((id, i) => [id, i + 1]));
  return rounds.flatMap((r, i) => (r.reactions.length === 0 ? [] : [{
    round: i + 1,
    reactions: r.reactions.map((x): ReactionDoc => ({
      paragraph: x.paragraph, passage: x.passage, reaction: x.reaction, proposed: x.proposed, source: x.source, handling: x.handling,
      motivation: x.motivation, section: x.sectionId === null ? null : place.get(x.sectionId) ?? null,
      sectionVersionBefore: x.sectionVersionBefore, sectionVersionAfter: x.sectionVersionAfter,
      createdBy: x.createdBy, createdAt: x.createdAt, handledBy: x.handledBy, handledAt: x.handledAt,
    })),
  }]));
}

/** What zod cannot see: a round the document does not have, a round named twice, a section outside the outline, a paragraph outside the round. */
export function reactionDocProblems(
  doc: { outline?: unknown[]; wederhoorReactions?: ReactionRoundDoc[] },
  roundParagraphs: ReadonlyArray<readonly number[]>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  (doc.wederhoorReactions ?? []).forEach((r, i) => {
    const where = `wederhoorReactions[${i}]`;
    if (seen.has(r.round)) problems.push(`${where}.round: ronde ${r.round} staat er twee keer in`);
    seen.add(r.round);
    const paragraphs = roundParagraphs.at(r.round - 1);
    if (!paragraphs) { problems.push(`${where}.round: het document heeft geen wederhoorronde ${r.round}`); return; }
    const range = paragraphRange(paragraphs);
    r.reactions.forEach((x, j) => {
      const p = paragraphProblem(x.paragraph, range);
      if (p) problems.push(`${where}.reactions[${j}].paragraph: ${p}`);
      if (x.section !== null && x.section > (doc.outline?.length ?? 0)) problems.push(`${where}.reactions[${j}].section: de rapportopzet van dit document heeft geen sectie ${x.section}`);
    });
  });
  return problems;
}
