// What a criterion is called where its full text does not fit: heatmaps, tables, spreadsheets,
// file names. One function, so a criterion has the same name on every screen and in every file.
import { type Checklist, findCriterion } from '../domain/checklist';

/** The parts of a criterion a name is made from; a Criterion and a comparison's CriterionRef both fit. */
export interface NamedCriterion {
  id: string;
  number: string;
  text: string;
  shortTitle?: string;
}

const FALLBACK_LENGTH = 60;

/** The first words of a text up to `max` characters, cut on a word boundary, with "…" when cut. */
export function firstWords(text: string, max = FALLBACK_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat.replace(/[.:;,]$/, '');
  const cut = flat.slice(0, max + 1);
  const boundary = cut.lastIndexOf(' ');
  const words = (boundary > max / 3 ? cut.slice(0, boundary) : flat.slice(0, max)).replace(/[.:;,(–-]+$/, '').trimEnd();
  return `${words}…`;
}

/**
 * The criterion's short title without its number: the checklist's shortTitle (on the criterion,
 * or looked up in the checklist by id when the criterion came without one), else the first
 * words of the text. The text itself is the norm; this is only a label for it.
 */
export function criterionTitle(checklist: Checklist | null | undefined, criterion: NamedCriterion): string {
  const short = criterion.shortTitle ?? (checklist ? findCriterion(checklist, criterion.id)?.shortTitle : undefined);
  return short ?? firstWords(criterion.text);
}

/** "7. Lijnchefs betrokken bij de leerstructuur": number and short title. */
export function criterionName(checklist: Checklist | null | undefined, criterion: NamedCriterion): string {
  return `${criterion.number}. ${criterionTitle(checklist, criterion)}`;
}

/**
 * The criterion's full norm as plain text (spreadsheets, where a list cannot be drawn): the text,
 * then each sub-point on its own line after a dash. The sub-points are part of the norm ("ten
 * minste:"), so a reader of the text alone would miss what is asked.
 */
export function criterionPlainText(criterion: { text: string; subpoints?: readonly string[] }): string {
  return [criterion.text, ...(criterion.subpoints ?? []).map((sp) => `– ${sp}`)].join('\n');
}
