// Pieces both report models share: numbered notes for cited evidence and the status line
// (CONCEPT or the date of vaststelling). How a verdict looks comes from src/present.
import type { EvidenceRecord, InspectionSnapshot } from '../domain/inspection';
import { EVIDENCE_TYPE_LABELS, needsWederhoor, Wederhoor } from '../domain/vocabulary';
import { capital, dutchDate, dutchPeriod } from '../present';

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
  evidenceId: number;
  ref: string;
  title: string;
  typeLabel: string;
  date: string;
  party: string;
  wederhoor: string | null;
}

export function noteText(n: Note): string {
  const parts = [n.typeLabel, n.date || 'zonder datum', n.party].filter(Boolean).join(', ');
  return `${n.title}. ${parts}.${n.wederhoor ? ` ${capital(n.wederhoor)}.` : ''}`;
}

/**
 * Numbered notes: each piece of evidence gets its number the first time it is cited, so the
 * model must cite in the order the report shows its text.
 */
export function noteRegistry(evidence: EvidenceRecord[]) {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const notes = new Map<number, Note>();
  return {
    cite(evidenceId: number): Note | null {
      const known = notes.get(evidenceId);
      if (known) return known;
      const e = byId.get(evidenceId);
      if (!e) return null;
      const note: Note = {
        number: notes.size + 1,
        evidenceId,
        ref: e.ref,
        title: e.title,
        typeLabel: EVIDENCE_TYPE_LABELS[e.type],
        date: dutchPeriod(e.dateFrom, e.dateTo),
        party: e.party,
        wederhoor: wederhoorText(e),
      };
      notes.set(evidenceId, note);
      return note;
    },
    all(): Note[] {
      return [...notes.values()];
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
