// Pieces both report models share: numbered notes for cited evidence and the status line
// (CONCEPT or the date of vaststelling). How a verdict looks comes from src/present.
import type { EvidenceRecord, InspectionSnapshot } from '../domain/inspection';
import { EVIDENCE_TYPE_LABELS, needsWederhoor, Wederhoor } from '../domain/vocabulary';
import { capital, dutchDate, dutchPeriod, escapeHtml } from '../present';

const WEDERHOOR_NOTE: Record<Wederhoor, string> = {
  concept: 'wederhoor: nog niet voorgelegd',
  voorgelegd: 'wederhoor: voorgelegd, nog niet afgerond',
  akkoord: 'wederhoor: akkoord',
  gecorrigeerd: 'wederhoor: correcties verwerkt',
};

export function wederhoorText(e: EvidenceRecord): string | null {
  if (!needsWederhoor(e.type)) return null;
  if (!e.wederhoor) return 'wederhoor: nog niet gestart';
  const date = e.wederhoor.date ? ` (${dutchDate(e.wederhoor.date)})` : '';
  return `${WEDERHOOR_NOTE[e.wederhoor.status]}${date}`;
}

export interface Note {
  number: number;
  /** The cited piece of evidence; null for a footnote of free text. */
  evidenceId: number | null;
  ref: string;
  title: string;
  typeLabel: string;
  date: string;
  party: string;
  wederhoor: string | null;
  /** Where in the source: "art. 70 lid 2", "blz. 15"; empty when the whole source is meant. */
  pinpoint: string;
  /** A free-text footnote as sanitised HTML (a legal reference, a remark); null for a cited source. */
  html: string | null;
  /** A footnote of a written text (short form, with pinpoint) rather than a verdict's source (full form). */
  footnote: boolean;
}

/** A note as plain text: a cited source with its details, or a free footnote's words. */
export function noteText(n: Note): string {
  if (n.html !== null) return n.html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  if (n.footnote) {
    const when = n.date ? ` (${n.date})` : '';
    // One full stop at the end, also when the title or the pinpoint ends with one.
    const cite = `${n.title}${when}${n.pinpoint ? `, ${n.pinpoint}` : ''}`.replace(/[.\s]+$/, '');
    return `${cite}.${n.wederhoor ? ` ${capital(n.wederhoor)}.` : ''}`;
  }
  const parts = [n.typeLabel, n.date || 'zonder datum', n.party].filter(Boolean).join(', ');
  return `${n.title}. ${parts}.${n.wederhoor ? ` ${capital(n.wederhoor)}.` : ''}`;
}

/** A note as HTML for the page: a free footnote keeps its markup, a cited source is escaped text. */
export function noteHtml(n: Note): string {
  return n.html ?? escapeHtml(noteText(n));
}

/**
 * Numbered notes, one sequence through the report in the order it shows them. A verdict's
 * evidence gets its number the first time it is cited and keeps it; every footnote of a written
 * text is a note of its own (a source cited by three footnotes has three notes, with their
 * pinpoints, and one line in the source list). The model must cite in the order of the report.
 */
export function noteRegistry(evidence: EvidenceRecord[]) {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const byRef = new Map(evidence.map((e) => [e.ref, e]));
  const evidenceNotes = new Map<number, Note>();
  const list: Note[] = [];
  const sourceNote = (e: EvidenceRecord, pinpoint: string, footnote: boolean): Note => ({
    number: list.length + 1,
    evidenceId: e.id,
    ref: e.ref,
    title: e.title,
    typeLabel: EVIDENCE_TYPE_LABELS[e.type],
    date: dutchPeriod(e.dateFrom, e.dateTo),
    party: e.party,
    wederhoor: wederhoorText(e),
    pinpoint,
    html: null,
    footnote,
  });
  return {
    /** The note of a verdict's evidence: numbered at its first citation, the same number after. */
    cite(evidenceId: number): Note | null {
      const known = evidenceNotes.get(evidenceId);
      if (known) return known;
      const e = byId.get(evidenceId);
      if (!e) return null;
      const note = sourceNote(e, '', false);
      evidenceNotes.set(evidenceId, note);
      list.push(note);
      return note;
    },
    /** A footnote citing a source by its ref, with a pinpoint; null when the file has no such source. */
    citeRef(ref: string, pinpoint: string): Note | null {
      const e = byRef.get(ref);
      if (!e) return null;
      const note = sourceNote(e, pinpoint, true);
      list.push(note);
      return note;
    },
    /** A footnote of free text (sanitised HTML). */
    free(html: string): Note {
      const note: Note = { number: list.length + 1, evidenceId: null, ref: '', title: '', typeLabel: '', date: '', party: '', wederhoor: null, pinpoint: '', html, footnote: true };
      list.push(note);
      return note;
    },
    all(): Note[] {
      return [...list];
    },
    /** How many notes exist so far: a chapter prints the notes numbered after its start. */
    count(): number {
      return list.length;
    },
  };
}
export type NoteRegistry = ReturnType<typeof noteRegistry>;

/** Notes cited within one chapter, each once, in number order: the chapter's note list. */
export function chapterNotes(cited: Note[]): Note[] {
  const seen = new Map<number, Note>();
  for (const n of cited) seen.set(n.number, n);
  return [...seen.values()].sort((a, b) => a.number - b.number);
}

export interface ReportStatus {
  final: boolean;
  /** On every page: "CONCEPT" or "Vastgesteld op …". */
  mark: string;
}

/** What a report model is told rather than reading it from the clock. */
export interface ModelOptions {
  /** ISO timestamp printed as the date the report was made; now by default. */
  generatedAt?: string;
}

export function generatedOn(options: ModelOptions): string {
  return dutchDate(options.generatedAt ?? new Date().toISOString());
}

export function reportStatus(s: InspectionSnapshot): ReportStatus {
  if (s.status === 'vastgesteld') return { final: true, mark: `Vastgesteld op ${dutchDate(s.finalisedAt)}` };
  return { final: false, mark: 'CONCEPT' };
}

/**
 * The conclusion box text of a toezegging: the quoted (blockquote) paragraphs of its conclusion,
 * which is how the inspectorate marks its concluding sentence; the whole text when none is quoted.
 */
export function conclusionBoxText(markdown: string): string {
  const quoted = markdown.split(/\n\s*\n/).filter((p) => p.trim().startsWith('>'));
  if (quoted.length === 0) return markdown;
  return quoted.map((p) => p.split('\n').map((l) => l.replace(/^\s*>\s?/, '')).join('\n')).join('\n\n');
}
