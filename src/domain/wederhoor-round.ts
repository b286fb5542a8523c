// A wederhoor round: one concept version of the national report sent to the inspected party for
// their reaction on the facts. The round keeps the files exactly as sent (their SHA-256 on every
// screen), and the numbered paragraphs, so a reaction's "paragraaf 12" keeps meaning the text
// that was sent whatever happens to the outline afterwards. Reactions (W2) hang on the round.
import { z } from 'zod';

/** One numbered paragraph of the concept as sent. */
export interface WederhoorParagraph {
  number: number;
  /** The outline section the paragraph was printed from, with its version then; null for a generated text outside any section. */
  sectionId: number | null;
  sectionVersion: number | null;
  /** The heading the paragraph stood under. */
  heading: string;
  /** The paragraph's plain text, capped at EXCERPT_LIMIT characters. */
  excerpt: string;
}

export const EXCERPT_LIMIT = 1_000;

export interface WederhoorRoundInput {
  organisation: string;
  contact: string;
  /** ISO dates (yyyy-mm-dd). */
  sentOn: string;
  deadline: string;
  note: string;
}

export interface WederhoorRoundRecord extends WederhoorRoundInput {
  id: number;
  inspectionId: number;
  pdfSha256: string | null;
  docxSha256: string | null;
  /** Whether the bytes are in this database (a round imported from an export, or the demo's, has only the hashes). */
  hasPdf: boolean;
  hasDocx: boolean;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  version: number;
  paragraphs: WederhoorParagraph[];
}

export type RoundFileKind = 'pdf' | 'docx';

/** Open while the party may still react; closed once the inspectorate closes it. */
export function roundState(r: Pick<WederhoorRoundRecord, 'closedAt'>): 'open' | 'gesloten' {
  return r.closedAt === null ? 'open' : 'gesloten';
}

export const ROUND_STATE_LABELS = { open: 'Open', gesloten: 'Afgesloten' } as const;

/** Cap a paragraph's text at the excerpt limit, on a word boundary where one is near. */
export function excerptOf(text: string): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (plain.length <= EXCERPT_LIMIT) return plain;
  const cut = plain.slice(0, EXCERPT_LIMIT - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > EXCERPT_LIMIT - 100 ? cut.slice(0, space) : cut}…`;
}

// ---------------------------------------------------------------------------------------------
// In the inspection document (export/import): the rounds with their hashes and paragraphs, never
// the file bytes; an imported round says its files are not in that database. A paragraph names
// its section by its place in the document's outline (1, 2, 3 …), as the reactions do.

const docDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD');
const docTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'tijdstip als ISO 8601 (UTC)');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'een SHA-256 is 64 tekens 0-9a-f');

export const roundDocSchema = z
  .object({
    organisation: z.string().trim().min(1, 'een ronde noemt de organisatie').max(300),
    contact: z.string().max(300).default(''),
    sentOn: docDate,
    deadline: docDate,
    note: z.string().max(5_000).default(''),
    pdfSha256: sha256.nullable().default(null),
    docxSha256: sha256.nullable().default(null),
    createdBy: z.string().min(1).max(254),
    createdAt: docTime,
    closedAt: docTime.nullable().default(null),
    paragraphs: z
      .array(
        z
          .object({
            number: z.number().int().min(1),
            section: z.number().int().min(1).nullable().default(null),
            sectionVersion: z.number().int().min(1).nullable().default(null),
            heading: z.string().max(1_000).default(''),
            excerpt: z.string().max(EXCERPT_LIMIT + 10).default(''),
          })
          .strict(),
      )
      .max(20_000)
      .default([]),
  })
  .strict()
  .refine((r) => r.deadline > r.sentOn, { error: 'de termijn ligt na de datum van verzending', path: ['deadline'] })
  .refine((r) => r.paragraphs.every((p, i) => p.number === i + 1), { error: 'de paragrafen zijn genummerd 1, 2, 3 … zonder gaten', path: ['paragraphs'] });
export type RoundDoc = z.infer<typeof roundDocSchema>;

/** The document's rounds, from the snapshot's; sections named by their place in the outline. */
export function roundsDoc(rounds: readonly WederhoorRoundRecord[], sectionIds: readonly number[]): RoundDoc[] {
  const place = new Map(sectionIds.map((id, i) => [id, i + 1]));
  return rounds.map((r) => ({
    organisation: r.organisation,
    contact: r.contact,
    sentOn: r.sentOn,
    deadline: r.deadline,
    note: r.note,
    pdfSha256: r.pdfSha256,
    docxSha256: r.docxSha256,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    paragraphs: r.paragraphs.map((p) => ({
      number: p.number,
      section: p.sectionId === null ? null : place.get(p.sectionId) ?? null,
      sectionVersion: p.sectionVersion,
      heading: p.heading,
      excerpt: p.excerpt,
    })),
  }));
}

/** What zod cannot see: a paragraph naming a section the document's outline lacks. */
export function roundDocProblems(rounds: readonly RoundDoc[], outlineLength: number): string[] {
  const out: string[] = [];
  rounds.forEach((r, i) => {
    for (const p of r.paragraphs) {
      if (p.section !== null && p.section > outlineLength) out.push(`wederhoor[${i}]: paragraaf ${p.number} noemt sectie ${p.section}, die de rapportopzet niet heeft`);
    }
  });
  return out;
}
