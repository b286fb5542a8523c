// The inspection document: one JSON document that holds a whole inspection with its evidence
// metadata. It is the export/import format and the form the demo data is written in, so the
// same validation guards a file from another machine and our own demo.
import { z } from 'zod';
import {
  EVIDENCE_TYPES,
  INSPECTION_STATUS,
  NATIONAL,
  RECOMMENDATION_FOLLOWUP,
  WEDERHOOR,
  WORKFLOW,
} from './vocabulary';
import { kindFor, SECTION_KINDS } from './outline';
import { markdownProblem } from './markdown-shape';
import { reviewDocSchema } from './review';
import { reviewNoteDocSchema } from './review-notes';
import { reactionRoundDocSchema } from './wederhoor';
import { roundDocSchema } from './wederhoor-round';
import { checklistSchema } from './checklist';
import { organisationCodeSchema, UNIT_CODE, unitSchema } from './units';

export const DOCUMENT_FORMAT = 'toetsing-onderzoek';
export const DOCUMENT_FORMAT_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD');
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'tijdstip als ISO 8601 (UTC)');
const ref = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'een sleutel van letters, cijfers, . _ en -');
// Markdown: a shape too costly to render is refused here too, so an import cannot bring it in.
const text = z.string().max(200_000).superRefine((s, c) => {
  const problem = markdownProblem(s);
  if (problem) c.addIssue({ code: 'custom', message: problem });
});
const line = z.string().max(500);
// Only a malformed address gets the Dutch message; a wrong type or length keeps zod's own (as with z.string().email()).
const email = z.email({ error: (issue) => (issue.code === 'invalid_format' ? 'geen geldig e-mailadres' : undefined) }).max(254);
const unitCode = z.string().regex(UNIT_CODE);
const unitOrNational = z.union([unitCode, z.literal(NATIONAL)]);
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/);

/**
 * The unit set an inspection was assessed with: an organisation (its code) and the version of its
 * unit set. Versions of unit sets are counted per organisation in each database (1, 2, 3, …).
 */
export const unitSetRefSchema = z
  .object({ organisation: organisationCodeSchema, version: z.number().int().positive() })
  .strict();

/** A carried unit set: the content of that version (src/domain/units.ts UnitSet), so a database without it can take it over. */
export const carriedUnitSetSchema = z
  .object({
    organisation: organisationCodeSchema,
    organisationName: line.trim().min(1),
    version: z.number().int().positive(),
    units: z.array(unitSchema).min(1).max(1_000),
  })
  .strict();
export type CarriedUnitSet = z.infer<typeof carriedUnitSetSchema>;

/**
 * What the inspection was assessed against, carried in the document on request (`toetsing export
 * --with-checklists`): the full content of every checklist version it uses and its unit set.
 * An import publishes what the database lacks; what it has must be exactly the same.
 */
export const frameworksSchema = z
  .object({
    checklists: z.array(checklistSchema).max(50).default([]),
    unitSet: carriedUnitSetSchema.optional(),
  })
  .strict();
export type CarriedFrameworks = z.infer<typeof frameworksSchema>;

export const inspectionTextsSchema = z
  .object({
    voorwoord: text.default(''),
    aanleiding: text.default(''),
    onderzoeksvraag: text.default(''),
    methode: text.default(''),
    /** The overall conclusion (chapter 5 opening). */
    conclusie: text.default(''),
  })
  .strict();
export type InspectionTexts = z.infer<typeof inspectionTextsSchema>;
export const INSPECTION_TEXT_KEYS = ['voorwoord', 'aanleiding', 'onderzoeksvraag', 'methode', 'conclusie'] as const;

export const evidenceFileSchema = z
  .object({
    name: line.min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    mime: line.min(1),
    size: z.number().int().nonnegative(),
  })
  .strict();

export const evidenceSchema = z
  .object({
    ref,
    type: z.enum(EVIDENCE_TYPES),
    title: line.min(1),
    dateFrom: isoDate.nullable().default(null),
    dateTo: isoDate.nullable().default(null),
    party: line.default(''),
    units: z.array(unitCode).default([]),
    description: text.default(''),
    file: evidenceFileSchema.nullable().default(null),
    wederhoor: z
      .object({ status: z.enum(WEDERHOOR), date: isoDate.nullable().default(null) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

export const verdictSchema = z
  .object({
    unit: unitCode,
    checklist: slug,
    criterion: slug,
    verdict: slug,
    motivation: text.default(''),
    workflow: z.enum(WORKFLOW).default('te_doen'),
    updatedBy: z.string().max(254).nullable().default(null),
    updatedAt: isoDateTime.nullable().default(null),
    evidence: z.array(z.object({ ref, excerpt: text.default('') }).strict()).default([]),
  })
  .strict();

/** A section of the report outline (src/domain/outline.ts); the order of the list is the outline's. */
export const sectionSchema = z
  .object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    kind: z.enum(SECTION_KINDS).optional(),
    title: line.trim().min(1, 'een sectie heeft een titel'),
    body: text.default(''),
    required: z.boolean().default(true),
    marking: line.default(''),
  })
  .strict()
  .transform((s) => ({ ...s, kind: kindFor(s.level, s.kind ?? 'paragraaf') }));

export const documentSchema = z
  .object({
    format: z.literal(DOCUMENT_FORMAT),
    formatVersion: z.literal(DOCUMENT_FORMAT_VERSION),
    inspection: z
      .object({
        ref,
        title: line.min(1),
        year: z.number().int().min(1900).max(2200),
        fieldworkStart: isoDate.nullable().default(null),
        fieldworkEnd: isoDate.nullable().default(null),
        status: z.enum(INSPECTION_STATUS).default('concept'),
        finalisedAt: isoDateTime.nullable().default(null),
        predecessorRef: ref.nullable().default(null),
        /** Demo or otherwise made-up content: shown as such on every screen and report. */
        illustrative: z.boolean().default(false),
        illustrativeNote: text.default(''),
        checklists: z.array(z.object({ id: slug, version: z.string().min(1) }).strict()).min(1),
        /** Absent in documents from before organisations: those take the default organisation's current set. */
        unitSet: unitSetRefSchema.optional(),
        units: z.array(unitCode).min(1),
        team: z.array(email).default([]),
        texts: inspectionTextsSchema.default({ voorwoord: '', aanleiding: '', onderzoeksvraag: '', methode: '', conclusie: '' }),
      })
      .strict(),
    verdicts: z.array(verdictSchema).default([]),
    overrides: z
      .array(
        z
          .object({ scope: unitOrNational, checklist: slug, group: slug, verdict: slug, motivation: text.min(1) })
          .strict(),
      )
      .default([]),
    findings: z.array(z.object({ checklist: slug, criterion: slug, text }).strict()).default([]),
    conclusions: z.array(z.object({ checklist: slug, group: slug, text }).strict()).default([]),
    recommendations: z.array(z.object({ ref, checklist: slug, group: slug, text: text.min(1) }).strict()).default([]),
    recommendationFollowups: z
      .array(
        z
          .object({
            recommendationRef: ref,
            status: z.enum(RECOMMENDATION_FOLLOWUP),
            motivation: text.default(''),
            evidence: z.array(ref).default([]),
          })
          .strict(),
      )
      .default([]),
    evidence: z.array(evidenceSchema).default([]),
    /** The report outline; absent in documents from before outlines, which get the default. */
    outline: z.array(sectionSchema).max(500).optional(),
    /** Review: the setting and the approvals (src/domain/review.ts); absent in documents from before review. */
    review: reviewDocSchema.optional(),
    /** Review notes with their replies (src/domain/review-notes.ts); absent in documents from before them. */
    reviewNotes: z.array(reviewNoteDocSchema).max(10_000).optional(),
    /** Reactions to the wederhoor rounds and their handling (src/domain/wederhoor.ts); absent in documents from before them. */
    wederhoorReactions: z.array(reactionRoundDocSchema).max(1_000).optional(),
    /** The wederhoor rounds on the concept report (src/domain/wederhoor-round.ts): hashes and paragraphs, not the files; absent in documents from before them. */
    wederhoor: z.array(roundDocSchema).max(1_000).optional(),
    /** What the inspection was assessed against, when the export was asked to carry it. */
    frameworks: frameworksSchema.optional(),
    statistics: z
      .array(
        z
          .object({
            year: z.number().int().min(1900).max(2200),
            unit: unitCode.nullable().default(null),
            afgerond: z.number().int().nonnegative(),
            aannemen: z.number().int().nonnegative(),
            eersteFase: z.number().int().nonnegative(),
            tweedeFase: z.number().int().nonnegative(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type InspectionDocument = z.infer<typeof documentSchema>;
export type DocumentInput = z.input<typeof documentSchema>;
export type EvidenceDoc = z.infer<typeof evidenceSchema>;
export type VerdictDoc = z.infer<typeof verdictSchema>;
