// Pieces both report models share: verdicts shown in words, abbreviation and colour class;
// numbered notes for cited evidence; the status line (CONCEPT or the date of vaststelling).
import { Checklist, NOT_ASSESSED, NOT_ASSESSED_LABEL, rankOf, verdictLabel } from '../domain/checklist';
import type { EvidenceRecord, InspectionSnapshot } from '../domain/inspection';
import { EVIDENCE_TYPE_LABELS, needsWederhoor, Wederhoor } from '../domain/vocabulary';
import { dutchDate, dutchPeriod } from '../format';

export interface VerdictView {
  code: string;
  label: string;
  /** Short form for the matrix, e.g. "TDN" for "Ten dele nagekomen"; explained in a legend. */
  abbr: string;
  /** CSS class: colour always travels with the label or abbreviation. */
  cls: 'v-positive' | 'v-partial' | 'v-negative' | 'v-none';
}

function abbreviate(label: string): string {
  return label.split(/\s+/).filter(Boolean).map((w) => w[0].toUpperCase()).join('');
}

export function verdictView(checklist: Checklist, code: string): VerdictView {
  if (code === NOT_ASSESSED) return { code, label: NOT_ASSESSED_LABEL, abbr: '–', cls: 'v-none' };
  const label = verdictLabel(checklist.scale, code);
  const rank = rankOf(checklist.scale, code);
  return { code, label, abbr: abbreviate(label), cls: rank ? `v-${rank}` : 'v-none' };
}

/** The legend of a scale: every level and "niet beoordeeld", in the order of the scale. */
export function legend(checklist: Checklist): VerdictView[] {
  return [...checklist.scale.levels.map((l) => verdictView(checklist, l.code)), verdictView(checklist, NOT_ASSESSED)];
}

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
  return `${n.title}. ${parts}.${n.wederhoor ? ` ${n.wederhoor[0].toUpperCase()}${n.wederhoor.slice(1)}.` : ''}`;
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
