// Review notes (issue 13): a reviewer's remark on a cell, a section of the report, a piece of
// evidence or the inspection as a whole, addressed to a team member (or the team), with replies,
// open until someone resolves it. An open note blocks vaststelling whatever the review settings
// say: a question nobody answered is not a finished file. Notes are working papers: they are in
// the change log and the export, never in a report.
import { z } from 'zod';
import type { Blocker } from './blockers';
import { type Checklist, findCriterion } from './checklist';
import type { InspectionSnapshot } from './inspection';
import { markdownProblem } from './markdown-shape';
import { numberOutline, outlineOf } from './outline';
import { UNIT_CODE } from './units';

export const NOTE_TARGET_KINDS = ['cell', 'section', 'evidence', 'inspection'] as const;
export type NoteTargetKind = (typeof NOTE_TARGET_KINDS)[number];

export const NOTE_STATUS = ['open', 'opgelost'] as const;
export type NoteStatus = (typeof NOTE_STATUS)[number];

export const NOTE_STATUS_LABELS: Record<NoteStatus, string> = { open: 'Open', opgelost: 'Opgelost' };

export const NOTE_TARGET_LABELS: Record<NoteTargetKind, string> = {
  cell: 'Cel',
  section: 'Sectie van het rapport',
  evidence: 'Bron',
  inspection: 'Het onderzoek als geheel',
};

export interface NoteReply {
  id: number;
  author: string;
  body: string;
  createdAt: string;
}

export interface NoteRecord {
  id: number;
  targetKind: NoteTargetKind;
  /** `checklist/criterion/unit` of a cell, the section's or evidence's id, '' for the inspection. */
  targetKey: string;
  /** E-mail address of the team member it is addressed to; null: the team. */
  addressedTo: string | null;
  body: string;
  author: string;
  createdAt: string;
  status: NoteStatus;
  resolvedBy: string | null;
  resolvedAt: string | null;
  version: number;
  /** Oldest first. */
  replies: NoteReply[];
}

/** The target key of a cell. Codes are slugs and unit codes, so '/' cannot occur inside one. */
export const cellNoteKey = (checklist: string, criterion: string, unit: string) => `${checklist}/${criterion}/${unit}`;

export function parseCellNoteKey(key: string): { checklist: string; criterion: string; unit: string } | null {
  const parts = key.split('/');
  return parts.length === 3 ? { checklist: parts[0], criterion: parts[1], unit: parts[2] } : null;
}

/** Where a note sits, in words: "Toetsingskader 1.2, NN", "rapport, sectie 2.1 Aanleiding", "bron B03". */
export function noteWhere(
  note: Pick<NoteRecord, 'targetKind' | 'targetKey'>,
  snapshot: Pick<InspectionSnapshot, 'outline' | 'texts' | 'predecessorRecommendations' | 'evidence'>,
  checklists: Checklist[],
): string {
  switch (note.targetKind) {
    case 'cell': {
      const c = parseCellNoteKey(note.targetKey);
      const checklist = c ? checklists.find((x) => x.id === c.checklist) : undefined;
      const number = c && checklist ? findCriterion(checklist, c.criterion)?.number : undefined;
      return c ? `${checklist?.shortTitle ?? c.checklist} ${number ?? c.criterion}, ${c.unit}` : `cel ${note.targetKey}`;
    }
    case 'section': {
      const n = numberOutline(outlineOf(snapshot, checklists)).find((x) => String(x.section.id) === note.targetKey);
      return n ? `rapport, sectie "${n.heading}"` : 'rapport, een verwijderde sectie';
    }
    case 'evidence': {
      const e = snapshot.evidence.find((x) => String(x.id) === note.targetKey);
      return e ? `bron ${e.ref} "${e.title}"` : 'een verwijderde bron';
    }
    case 'inspection':
      return 'het onderzoek als geheel';
  }
}

/** One blocker per open note, naming where it sits (and carrying the cell, section or evidence). */
export function noteBlockers(snapshot: InspectionSnapshot, checklists: Map<string, Checklist>): Blocker[] {
  const ordered = snapshot.checklists.map((c) => checklists.get(c.id)).filter((c): c is Checklist => c !== undefined);
  return snapshot.notes
    .filter((n) => n.status === 'open')
    .map((n) => {
      const where = noteWhere(n, snapshot, ordered);
      const base = { key: `notitie_open:${n.id}`, kind: 'notitie_open' as const, message: `Open reviewnotitie bij ${where}` };
      if (n.targetKind === 'cell') {
        const c = parseCellNoteKey(n.targetKey);
        const checklist = c ? checklists.get(c.checklist) : undefined;
        const group = c && checklist ? findCriterion(checklist, c.criterion)?.groupId : undefined;
        return c ? { ...base, unit: c.unit, checklist: c.checklist, criterion: c.criterion, ...(group ? { group } : {}) } : base;
      }
      if (n.targetKind === 'section') return { ...base, sectionId: Number(n.targetKey) };
      if (n.targetKind === 'evidence') return { ...base, evidenceId: Number(n.targetKey) };
      return base;
    });
}

/** Open notes per target (`kind:key`), for the badges on the matrix, the outline and the evidence list. */
export function openNoteCounts(notes: readonly NoteRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of notes) {
    if (n.status !== 'open') continue;
    const k = `${n.targetKind}:${n.targetKey}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

// ---- the export: a note names its target by checklist/criterion/unit, outline position or evidence ref ----

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'tijdstip als ISO 8601 (UTC)');
const person = z.string().min(1).max(254);
const noteText = z.string().trim().min(1, 'een notitie heeft tekst').max(50_000).superRefine((s, c) => {
  const problem = markdownProblem(s);
  if (problem) c.addIssue({ code: 'custom', message: problem });
});
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/);

export const noteTargetDocSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cell'), checklist: slug, criterion: slug, unit: z.string().regex(UNIT_CODE) }).strict(),
  /** 1-based position of the section in the document's outline. */
  z.object({ kind: z.literal('section'), section: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('evidence'), ref: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/) }).strict(),
  z.object({ kind: z.literal('inspection') }).strict(),
]);

export const reviewNoteDocSchema = z
  .object({
    target: noteTargetDocSchema,
    addressedTo: z.email({ error: 'geen geldig e-mailadres' }).max(254).nullable().default(null),
    body: noteText,
    author: person,
    createdAt: isoDateTime,
    status: z.enum(NOTE_STATUS).default('open'),
    resolvedBy: person.nullable().default(null),
    resolvedAt: isoDateTime.nullable().default(null),
    replies: z.array(z.object({ author: person, body: noteText, createdAt: isoDateTime }).strict()).max(1000).default([]),
  })
  .strict();
export type ReviewNoteDoc = z.infer<typeof reviewNoteDocSchema>;

/** What zod cannot see: targets that must exist in the document, an address on the team, a resolution that is complete. */
export function reviewNoteProblems(
  doc: {
    inspection: { checklists: Array<{ id: string }>; units: string[]; team: string[] };
    evidence: Array<{ ref: string }>;
    outline?: unknown[];
    reviewNotes?: ReviewNoteDoc[];
  },
  checklists: Map<string, Checklist | undefined>,
): string[] {
  const problems: string[] = [];
  const team = new Set(doc.inspection.team.map((e) => e.toLowerCase()));
  const refs = new Set(doc.evidence.map((e) => e.ref));
  (doc.reviewNotes ?? []).forEach((n, i) => {
    const where = `reviewNotes[${i}]`;
    const t = n.target;
    if (t.kind === 'cell') {
      const cl = doc.inspection.checklists.some((c) => c.id === t.checklist) ? checklists.get(t.checklist) : undefined;
      if (!cl) problems.push(`${where}.target: checklist '${t.checklist}' hoort niet bij dit onderzoek`);
      else if (!findCriterion(cl, t.criterion)) problems.push(`${where}.target: criterium '${t.criterion}' bestaat niet in '${t.checklist}'`);
      if (!doc.inspection.units.includes(t.unit)) problems.push(`${where}.target: eenheid '${t.unit}' valt niet binnen dit onderzoek`);
    } else if (t.kind === 'section') {
      const length = doc.outline?.length ?? 0;
      if (t.section > length) problems.push(`${where}.target: de rapportopzet van dit document heeft geen sectie ${t.section}`);
    } else if (t.kind === 'evidence') {
      if (!refs.has(t.ref)) problems.push(`${where}.target: bron '${t.ref}' bestaat niet in dit document`);
    }
    if (n.addressedTo !== null && !team.has(n.addressedTo.toLowerCase())) problems.push(`${where}.addressedTo: ${n.addressedTo} staat niet in het team van dit onderzoek`);
    if (n.status === 'opgelost' && (n.resolvedBy === null || n.resolvedAt === null)) problems.push(`${where}: een opgeloste notitie zegt door wie en wanneer (resolvedBy, resolvedAt)`);
    if (n.status === 'open' && (n.resolvedBy !== null || n.resolvedAt !== null)) problems.push(`${where}: een open notitie heeft geen resolvedBy of resolvedAt`);
  });
  return problems;
}

/** The notes as the export writes them; a note whose section or evidence is gone is kept, on the inspection. */
export function reviewNotesDoc(s: Pick<InspectionSnapshot, 'notes' | 'outline' | 'evidence'>): ReviewNoteDoc[] {
  const position = new Map(s.outline.map((x, i) => [String(x.id), i + 1]));
  const evidenceRef = new Map(s.evidence.map((e) => [String(e.id), e.ref]));
  const target = (n: NoteRecord): ReviewNoteDoc['target'] => {
    if (n.targetKind === 'cell') {
      const c = parseCellNoteKey(n.targetKey);
      return c ? { kind: 'cell', ...c } : { kind: 'inspection' };
    }
    if (n.targetKind === 'section') {
      const at = position.get(n.targetKey);
      return at === undefined ? { kind: 'inspection' } : { kind: 'section', section: at };
    }
    if (n.targetKind === 'evidence') {
      const ref = evidenceRef.get(n.targetKey);
      return ref === undefined ? { kind: 'inspection' } : { kind: 'evidence', ref };
    }
    return { kind: 'inspection' };
  };
  return s.notes.map((n) => ({
    target: target(n),
    addressedTo: n.addressedTo,
    body: n.body,
    author: n.author,
    createdAt: n.createdAt,
    status: n.status,
    resolvedBy: n.resolvedBy,
    resolvedAt: n.resolvedAt,
    replies: n.replies.map((r) => ({ author: r.author, body: r.body, createdAt: r.createdAt })),
  }));
}
