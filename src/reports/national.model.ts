// The national report as data: built from the snapshot and inspectionStatus() (the one place
// verdicts are rolled up), in the order the report shows it, so note numbers follow first
// citation. Templates only lay this out. A pure function of the snapshot and the catalogue:
// the application layer (src/app/reports.ts) reads them.
import { unitName } from '../criteria';
import { allCriteria, Catalogue, Checklist, Group, NOT_ASSESSED } from '../domain/checklist';
import type { InspectionSnapshot, VerdictRecord } from '../domain/inspection';
import type { Rolled, RollUp } from '../domain/rollup';
import { inspectionStatus } from '../domain/status';
import { EVIDENCE_TYPE_LABELS, RECOMMENDATION_FOLLOWUP_LABELS } from '../domain/vocabulary';
import { must } from '../errors';
import { renderMarkdownForPrint } from '../markdown';
import { dutchPeriod, legend, Noun, rolledView, UNITS, VerdictView, verdictView } from '../present';
import { verdictChart, statisticsChart } from './charts';
import {
  chapterNotes,
  conclusionBoxText,
  generatedOn,
  ModelOptions,
  Note,
  noteRegistry,
  NoteRegistry,
  reportStatus,
  ReportStatus,
  wederhoorText,
} from './common';

export interface PrintedRollup {
  verdict: VerdictView;
  /** "9 van 14 eenheden nagekomen, 5 ten dele nagekomen" */
  summary: string;
  complete: boolean;
  /** Set when the inspectorate fixed another verdict than the rule gives. */
  override: { computed: VerdictView; motivationHtml: string } | null;
}

export interface CellView {
  unit: string;
  unitName: string;
  verdict: VerdictView;
  notes: Note[];
}

export interface CriterionView {
  id: string;
  number: string;
  text: string;
  subpoints: string[];
  national: PrintedRollup;
  findingHtml: string;
  cells: CellView[];
}

export interface GroupView {
  id: string;
  number: number;
  title: string;
  kind: string;
  national: PrintedRollup;
  conclusionHtml: string;
  boxHtml: string;
  recommendations: Array<{ ref: string; text: string }>;
  criteria: CriterionView[];
  notes: Note[];
}

export interface ChecklistView {
  id: string;
  title: string;
  shortTitle: string;
  source: string;
  description: string;
  legend: VerdictView[];
  groups: GroupView[];
}

export interface MatrixView {
  checklistId: string;
  title: string;
  /** What a group is called, e.g. "toezegging". */
  groupKind: string;
  legend: VerdictView[];
  columns: Array<{ id: string; number: string; groupId: string }>;
  groups: Array<{ id: string; number: number; title: string; span: number }>;
  rows: Array<{ unit: string; unitName: string; cells: VerdictView[]; groupVerdicts: VerdictView[] }>;
  /** The national roll-up: per criterion over the units, per group over the units' group verdicts. */
  national: { cells: VerdictView[]; groupVerdicts: VerdictView[] };
}

export interface DistributionRow {
  group: string;
  counts: Array<{ label: string; cls: string; count: number }>;
  total: number;
}

/** A line of the source list: a note's fields, with the note number when the text cites it. */
export type SourceView = Omit<Note, 'number' | 'evidenceId'> & { note: number | null };

export interface FollowupView {
  ref: string;
  groupTitle: string;
  text: string;
  status: string | null;
  motivationHtml: string;
  notes: Note[];
}

export interface NationalReportModel {
  kind: 'national';
  title: string;
  year: number;
  ref: string;
  organisation: string;
  fieldwork: string;
  status: ReportStatus;
  illustrativeHtml: string | null;
  predecessor: { title: string; year: number } | null;
  texts: { voorwoord: string; aanleiding: string; onderzoeksvraag: string; methode: string; conclusie: string };
  /** The overall conclusion's quoted sentence, for the box in the summary. */
  conclusieBox: string;
  hasTexts: { voorwoord: boolean; aanleiding: boolean; onderzoeksvraag: boolean; methode: boolean; conclusie: boolean };
  methodFacts: { evidence: number; byType: Array<{ label: string; count: number }>; interviews: number; interviewsChecked: number; units: number };
  main: ChecklistView;
  others: ChecklistView[];
  followups: FollowupView[] | null;
  followupNotes: Note[];
  matrices: MatrixView[];
  distribution: { rows: DistributionRow[]; svg: string; legend: VerdictView[] };
  statistics: { rows: Array<{ year: number; afgerond: number; aannemen: number; eersteFase: number; tweedeFase: number }>; svg: string | null };
  sources: SourceView[];
  generatedOn: string;
}

/**
 * A rolled-up verdict as print shows it: the screens' rolledView (src/present/verdicts.ts) in the
 * shape of a badge, with what only print adds, the override's motivation rendered for the page.
 */
export function printedRollup(checklist: Checklist, r: Rolled, noun: Noun = UNITS): PrintedRollup {
  const v = rolledView(checklist, r, noun);
  return {
    verdict: { code: r.final, label: v.label, abbr: v.abbr, cls: v.cls },
    summary: v.description,
    complete: v.complete,
    override: r.override
      ? { computed: { code: r.computed, label: v.computedLabel, abbr: v.computedAbbr, cls: v.computedCls }, motivationHtml: renderMarkdownForPrint(r.override.motivation) }
      : null,
  };
}

function citeAll(notes: NoteRegistry, ids: number[], into: Note[]): Note[] {
  const out: Note[] = [];
  for (const id of ids) {
    const n = notes.cite(id);
    if (n) { out.push(n); into.push(n); }
  }
  return out.sort((a, b) => a.number - b.number);
}

function cellIndex(verdicts: VerdictRecord[]): Map<string, VerdictRecord> {
  return new Map(verdicts.map((v) => [`${v.checklist}/${v.criterion}/${v.unit}`, v]));
}

export function checklistView(
  catalogue: Catalogue,
  s: InspectionSnapshot,
  checklist: Checklist,
  rollup: RollUp,
  notes: NoteRegistry,
): ChecklistView {
  const cells = cellIndex(s.verdicts);
  const finding = (cr: string) => s.findings.find((f) => f.checklist === checklist.id && f.criterion === cr)?.text ?? '';
  const conclusion = (g: string) => s.conclusions.find((c) => c.checklist === checklist.id && c.group === g)?.text ?? '';
  const groups = checklist.groups.map((g: Group): GroupView => {
    const cited: Note[] = [];
    const criteria = g.criteria.map((cr): CriterionView => ({
      id: cr.id,
      number: cr.number,
      text: cr.text,
      subpoints: cr.subpoints ?? [],
      national: printedRollup(checklist, must(rollup.nationalCriterion.get(cr.id), `het landelijke oordeel over ${cr.id}`)),
      findingHtml: renderMarkdownForPrint(finding(cr.id)),
      cells: s.units.map((u) => {
        const v = cells.get(`${checklist.id}/${cr.id}/${u}`);
        return {
          unit: u,
          unitName: unitName(catalogue, u),
          verdict: verdictView(checklist, v?.verdict ?? NOT_ASSESSED),
          notes: citeAll(notes, (v?.links ?? []).map((l) => l.evidenceId), cited),
        };
      }),
    }));
    const text = conclusion(g.id);
    return {
      id: g.id,
      number: g.number,
      title: g.title,
      kind: g.kind,
      national: printedRollup(checklist, must(rollup.nationalGroup.get(g.id), `het landelijke oordeel over ${g.id}`)),
      conclusionHtml: renderMarkdownForPrint(text),
      boxHtml: renderMarkdownForPrint(conclusionBoxText(text)),
      recommendations: s.recommendations.filter((r) => r.checklist === checklist.id && r.group === g.id).map((r) => ({ ref: r.ref, text: r.text })),
      criteria,
      notes: chapterNotes(cited),
    };
  });
  return {
    id: checklist.id,
    title: checklist.title,
    shortTitle: checklist.shortTitle,
    source: checklist.source,
    description: checklist.description ?? '',
    legend: legend(checklist),
    groups,
  };
}

export function matrixView(catalogue: Catalogue, s: InspectionSnapshot, checklist: Checklist, rollup: RollUp): MatrixView {
  const cells = cellIndex(s.verdicts);
  const columns = allCriteria(checklist).map((cr) => ({ id: cr.id, number: cr.number, groupId: cr.groupId }));
  return {
    checklistId: checklist.id,
    title: checklist.title,
    groupKind: checklist.groups[0]?.kind ?? 'groep',
    legend: legend(checklist),
    columns,
    groups: checklist.groups.map((g) => ({ id: g.id, number: g.number, title: g.title, span: g.criteria.length })),
    rows: s.units.map((u) => ({
      unit: u,
      unitName: unitName(catalogue, u),
      cells: columns.map((c) => verdictView(checklist, cells.get(`${checklist.id}/${c.id}/${u}`)?.verdict ?? NOT_ASSESSED)),
      groupVerdicts: checklist.groups.map((g) => verdictView(checklist, must(rollup.unitGroup.get(u)?.get(g.id), `het oordeel van ${u} over ${g.id}`).final)),
    })),
    national: {
      cells: columns.map((c) => verdictView(checklist, must(rollup.nationalCriterion.get(c.id), `het landelijke oordeel over ${c.id}`).final)),
      groupVerdicts: checklist.groups.map((g) => verdictView(checklist, must(rollup.nationalGroup.get(g.id), `het landelijke oordeel over ${g.id}`).final)),
    },
  };
}

function distribution(checklist: Checklist, rollup: RollUp, units: string[]): DistributionRow[] {
  const levels = legend(checklist);
  return checklist.groups.map((g) => {
    const counts = new Map<string, number>(levels.map((l) => [l.code, 0]));
    for (const u of units) {
      const v = must(rollup.unitGroup.get(u)?.get(g.id), `het oordeel van ${u} over ${g.id}`).final;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return { group: g.title, counts: levels.map((l) => ({ label: l.label, cls: l.cls, count: counts.get(l.code) ?? 0 })), total: units.length };
  });
}

export function sourcesView(s: InspectionSnapshot, notes: Note[]): SourceView[] {
  const numberOf = new Map(notes.map((n) => [n.evidenceId, n.number]));
  const rows = s.evidence.map((e) => ({
    note: numberOf.get(e.id) ?? null,
    ref: e.ref,
    title: e.title,
    typeLabel: EVIDENCE_TYPE_LABELS[e.type],
    date: dutchPeriod(e.dateFrom, e.dateTo),
    party: e.party,
    wederhoor: wederhoorText(e),
  }));
  // Cited sources in note order, then the rest of the file in the order it was built.
  return rows.sort((a, b) => (a.note ?? Infinity) - (b.note ?? Infinity));
}

function tallyTypes(s: InspectionSnapshot) {
  const byType = new Map<string, number>();
  for (const e of s.evidence) byType.set(EVIDENCE_TYPE_LABELS[e.type], (byType.get(EVIDENCE_TYPE_LABELS[e.type]) ?? 0) + 1);
  const interviews = s.evidence.filter((e) => wederhoorText(e) !== null);
  return {
    evidence: s.evidence.length,
    byType: [...byType.entries()].map(([label, count]) => ({ label, count })),
    interviews: interviews.length,
    interviewsChecked: interviews.filter((e) => e.wederhoor?.status === 'akkoord' || e.wederhoor?.status === 'gecorrigeerd').length,
    units: s.units.length,
  };
}

export function illustrativeHtml(s: InspectionSnapshot): string | null {
  if (!s.illustrative) return null;
  return renderMarkdownForPrint(s.illustrativeNote || 'Dit onderzoek is illustratief: de inhoud is (deels) verzonnen en dient als voorbeeld.');
}

export function buildNationalModel(s: InspectionSnapshot, catalogue: Catalogue, options: ModelOptions = {}): NationalReportModel {
  const st = inspectionStatus(s, catalogue);
  if (st.rollups.length === 0) throw new Error(`inspection ${s.id} has no known checklist`);
  const notes = noteRegistry(s.evidence);
  const [first, ...rest] = st.rollups;

  // Document order: chapters of the main checklist, the follow-up of earlier recommendations,
  // then the appendices of the other checklists.
  const main = checklistView(catalogue, s, first.checklist, first.rollup, notes);

  let followups: FollowupView[] | null = null;
  const followupCited: Note[] = [];
  if (s.predecessorRecommendations.length > 0) {
    followups = s.predecessorRecommendations.map((r) => {
      const f = s.followups.find((x) => x.recommendationRef === r.ref);
      const group = catalogue.checklists.get(r.checklist)?.groups.find((g) => g.id === r.group);
      return {
        ref: r.ref,
        groupTitle: group?.title ?? r.group,
        text: r.text,
        status: f ? RECOMMENDATION_FOLLOWUP_LABELS[f.status] : null,
        motivationHtml: renderMarkdownForPrint(f?.motivation),
        notes: citeAll(notes, f?.evidence ?? [], followupCited),
      };
    });
  }

  const others = rest.map((r) => checklistView(catalogue, s, r.checklist, r.rollup, notes));
  const allNotes = notes.all();
  const national = s.statistics.filter((x) => x.unit === null);
  const dist = distribution(first.checklist, first.rollup, s.units);
  return {
    kind: 'national',
    title: s.title,
    year: s.year,
    ref: s.ref,
    organisation: catalogue.organisation,
    fieldwork: dutchPeriod(s.fieldworkStart, s.fieldworkEnd),
    status: reportStatus(s),
    illustrativeHtml: illustrativeHtml(s),
    predecessor: s.predecessor ? { title: s.predecessor.title, year: s.predecessor.year } : null,
    texts: {
      voorwoord: renderMarkdownForPrint(s.texts.voorwoord),
      aanleiding: renderMarkdownForPrint(s.texts.aanleiding),
      onderzoeksvraag: renderMarkdownForPrint(s.texts.onderzoeksvraag),
      methode: renderMarkdownForPrint(s.texts.methode),
      conclusie: renderMarkdownForPrint(s.texts.conclusie),
    },
    conclusieBox: renderMarkdownForPrint(conclusionBoxText(s.texts.conclusie)),
    hasTexts: {
      voorwoord: s.texts.voorwoord.trim() !== '',
      aanleiding: s.texts.aanleiding.trim() !== '',
      onderzoeksvraag: s.texts.onderzoeksvraag.trim() !== '',
      methode: s.texts.methode.trim() !== '',
      conclusie: s.texts.conclusie.trim() !== '',
    },
    methodFacts: tallyTypes(s),
    main,
    others,
    followups,
    followupNotes: chapterNotes(followupCited),
    matrices: st.rollups.map((r) => matrixView(catalogue, s, r.checklist, r.rollup)),
    distribution: { rows: dist, svg: verdictChart(dist, legend(first.checklist)), legend: legend(first.checklist) },
    statistics: {
      rows: national.map((x) => ({ year: x.year, afgerond: x.afgerond, aannemen: x.aannemen, eersteFase: x.eersteFase, tweedeFase: x.tweedeFase })),
      svg: national.length > 0 ? statisticsChart(national) : null,
    },
    sources: sourcesView(s, allNotes),
    generatedOn: generatedOn(options),
  };
}

