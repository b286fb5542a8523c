// The national report as data: the inspection's outline (src/domain/outline.ts) with its texts
// rendered and its blocks filled in from the snapshot and inspectionStatus() (the one place
// verdicts are rolled up), in the order the report shows them, so note numbers follow first
// citation. Templates only lay this out. A pure function of the snapshot and the catalogue:
// the application layer (src/app/reports.ts) reads them.
import { addresseeOf, organisationNameOf, unitNameOf } from '../domain/units';
import { allCriteria, Catalogue, Checklist, Group, NOT_ASSESSED } from '../domain/checklist';
import type { EvidenceRecord, InspectionSnapshot, VerdictRecord } from '../domain/inspection';
import type { WederhoorParagraph } from '../domain/wederhoor-round';
import { BlockCall, findCriterion, findGroup, inspectionChecklists, numberOutline, outlineOf, SectionKind } from '../domain/outline';
import type { Rolled, RollUp } from '../domain/rollup';
import { inspectionStatus } from '../domain/status';
import { EVIDENCE_TYPE_LABELS, RECOMMENDATION_FOLLOWUP_LABELS } from '../domain/vocabulary';
import { must } from '../errors';
import { renderMarkdownForPrint } from '../markdown';
import { capital, dutchPeriod, legend, Noun, rolledView, UNITS, VerdictView, verdictView } from '../present';
import { verdictChart, statisticsChart } from './charts';
import { conclusionBoxText, generatedOn, ModelOptions, Note, noteRegistry, NoteRegistry, reportStatus, ReportStatus, wederhoorText } from './common';
import { renderSectionText, TextPart } from './narrative';
import { numberParagraphs } from './paragraphs';

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
}

export interface GroupView {
  id: string;
  checklistId: string;
  number: number;
  title: string;
  kind: string;
  national: PrintedRollup;
  conclusionHtml: string;
  boxHtml: string;
  recommendations: Array<{ ref: string; text: string }>;
  criteria: CriterionView[];
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

/** A line of the source list: the source, with the numbers of every note that cites it. */
export interface SourceView {
  notes: number[];
  ref: string;
  title: string;
  typeLabel: string;
  date: string;
  party: string;
  wederhoor: string | null;
}

export interface FollowupView {
  ref: string;
  groupTitle: string;
  text: string;
  status: string | null;
  motivationHtml: string;
  notes: Note[];
}

export interface StatisticsRow { year: number; afgerond: number; aannemen: number; eersteFase: number; tweedeFase: number }

/** A block placed in a section's text, filled in. */
export type BlockView =
  | { type: 'uitkomsten'; level: number; groups: GroupView[] }
  | { type: 'criteria'; level: number; checklist: ChecklistView; group: GroupView; criteria: Array<CriterionView & { heading: string; cells: CellView[] }> }
  | { type: 'deelconclusie'; group: GroupView }
  | { type: 'oordelen'; caption: string; columns: Array<{ number: string; text: string }>; rows: Array<{ unitName: string; cells: VerdictView[]; group: VerdictView | null }>; legend: VerdictView[] }
  | { type: 'matrix'; matrix: MatrixView }
  | { type: 'klachtcijfers'; caption: string; source: BlockSource | null; rows: StatisticsRow[] }
  | { type: 'grafiek'; svg: string | null; caption: string }
  | { type: 'figuur'; src: string | null; alt: string; caption: string; source: BlockSource | null; ref: string }
  | { type: 'conclusies'; groups: GroupView[] }
  | { type: 'aanbevelingen'; groups: GroupView[] }
  | { type: 'opvolging'; followups: FollowupView[]; predecessor: { title: string; year: number } | null }
  | { type: 'kader'; checklist: ChecklistView; main: boolean }
  | { type: 'bronnen' }
  | { type: 'methode'; facts: MethodFacts; fieldwork: string }
  | { type: 'leeswijzer'; chapters: Array<{ number: string; title: string; kind: SectionKind }> }
  | { type: 'bestuurlijke_reactie'; letters: LetterView[] };

/** A bestuurlijke reactie as its bijlage prints it: the letter's text, who sent it when, and the file attached. */
export interface LetterView {
  ref: string;
  title: string;
  party: string;
  date: string;
  html: string;
  file: { name: string; sha256: string } | null;
}

/** Where a table or figure comes from: a line under it, with a note when it cites the file. */
export interface BlockSource { text: string; note: Note | null }

export interface MethodFacts { evidence: number; byType: Array<{ label: string; count: number }>; interviews: number; interviewsChecked: number; units: number }

export interface SectionView {
  id: number;
  level: 1 | 2 | 3;
  kind: SectionKind;
  number: string;
  heading: string;
  marking: string;
  parts: Array<TextPart<BlockView>>;
  /** A required section with nothing in it yet (only a concept says so). */
  empty: boolean;
  /** For a level-1 section: the notes first numbered in it and its subsections, printed at its end. */
  notes: Note[];
  /** "Noten bij hoofdstuk 2", "Noten bij de samenvatting". */
  notesCaption: string;
}

export interface NationalReportModel {
  kind: 'national';
  title: string;
  year: number;
  ref: string;
  organisation: string;
  /** Whom the recommendations are addressed to ("de korpschef"), or null. */
  addressee: string | null;
  fieldwork: string;
  status: ReportStatus;
  illustrativeHtml: string | null;
  predecessor: { title: string; year: number } | null;
  sections: SectionView[];
  methodFacts: MethodFacts;
  main: ChecklistView;
  others: ChecklistView[];
  followups: FollowupView[] | null;
  matrices: MatrixView[];
  distribution: { rows: DistributionRow[]; svg: string; legend: VerdictView[] };
  statistics: { rows: StatisticsRow[]; svg: string | null };
  sources: SourceView[];
  generatedOn: string;
  /** Set for the concept sent for wederhoor: the body paragraphs carry data-par numbers (src/reports/paragraphs.ts). */
  paragraphNumbers?: boolean;
  /** The numbered paragraphs, when paragraphNumbers is set. */
  paragraphs?: WederhoorParagraph[];
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

function cellIndex(verdicts: VerdictRecord[]): Map<string, VerdictRecord> {
  return new Map(verdicts.map((v) => [`${v.checklist}/${v.criterion}/${v.unit}`, v]));
}

export function checklistView(s: InspectionSnapshot, checklist: Checklist, rollup: RollUp): ChecklistView {
  const finding = (cr: string) => s.findings.find((f) => f.checklist === checklist.id && f.criterion === cr)?.text ?? '';
  const conclusion = (g: string) => s.conclusions.find((c) => c.checklist === checklist.id && c.group === g)?.text ?? '';
  const groups = checklist.groups.map((g: Group): GroupView => {
    const text = conclusion(g.id);
    return {
      id: g.id,
      checklistId: checklist.id,
      number: g.number,
      title: g.title,
      kind: g.kind,
      national: printedRollup(checklist, must(rollup.nationalGroup.get(g.id), `het landelijke oordeel over ${g.id}`)),
      conclusionHtml: renderMarkdownForPrint(text),
      boxHtml: renderMarkdownForPrint(conclusionBoxText(text)),
      recommendations: s.recommendations.filter((r) => r.checklist === checklist.id && r.group === g.id).map((r) => ({ ref: r.ref, text: r.text })),
      criteria: g.criteria.map((cr): CriterionView => ({
        id: cr.id,
        number: cr.number,
        text: cr.text,
        subpoints: cr.subpoints ?? [],
        national: printedRollup(checklist, must(rollup.nationalCriterion.get(cr.id), `het landelijke oordeel over ${cr.id}`)),
        findingHtml: renderMarkdownForPrint(finding(cr.id)),
      })),
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
      unitName: unitNameOf(catalogue, s, u),
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

/**
 * The source list: every source of the file once, with the numbers of all notes citing it;
 * cited sources first, in the order of their first note, then the rest in the order of the file.
 */
export function sourcesView(s: Pick<InspectionSnapshot, 'evidence'>, notes: Note[]): SourceView[] {
  const numbers = new Map<number, number[]>();
  for (const n of notes) if (n.evidenceId !== null) numbers.set(n.evidenceId, [...(numbers.get(n.evidenceId) ?? []), n.number]);
  const rows = s.evidence.map((e) => ({
    notes: numbers.get(e.id) ?? [],
    ref: e.ref,
    title: e.title,
    typeLabel: EVIDENCE_TYPE_LABELS[e.type],
    date: dutchPeriod(e.dateFrom, e.dateTo),
    party: e.party,
    wederhoor: wederhoorText(e),
  }));
  return rows.sort((a, b) => (a.notes[0] ?? Infinity) - (b.notes[0] ?? Infinity));
}

function tallyTypes(s: InspectionSnapshot): MethodFacts {
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

/** Everything a block may draw on, built once per report. */
interface BlockContext {
  s: InspectionSnapshot;
  catalogue: Catalogue;
  checklists: Checklist[];
  views: Map<string, ChecklistView>;
  matrices: Map<string, MatrixView>;
  rollups: Map<string, RollUp>;
  notes: NoteRegistry;
  statistics: StatisticsRow[];
  statisticsSvg: string | null;
  distributionSvg: string;
  followups: (cite: boolean) => FollowupView[];
  methodFacts: MethodFacts;
  chapters: Array<{ number: string; title: string; kind: SectionKind }>;
  images: Map<number, string>;
  options: ModelOptions;
}

const SOURCE_OPTION = /^@([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:,\s*(.*))?$/;

/** A `bron="…"` option: a cited source becomes a note and its short text; free text stays as it is. */
function blockSource(ctx: BlockContext, value: string | undefined): BlockSource | null {
  if (!value || value.trim() === '') return null;
  const m = SOURCE_OPTION.exec(value.trim());
  if (!m) return { text: value.trim(), note: null };
  const note = ctx.notes.citeRef(m[1], (m.at(2) ?? '').trim());
  const e = ctx.s.evidence.find((x) => x.ref === m[1]);
  return { text: e ? `${e.title}${e.dateFrom ? ` (${dutchPeriod(e.dateFrom, e.dateTo)})` : ''}` : m[1], note };
}

/** The first words of a text, cut at a word, for a heading and a bookmark that say what follows. */
function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim().replace(/[.;:]$/, '');
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20)).replace(/[,;:]$/, '')} …`;
}

function criteriaBlock(ctx: BlockContext, groupId: string, level: number): BlockView | null {
  const found = findGroup({ checklists: ctx.checklists }, groupId);
  if (!found) return null;
  const view = must(ctx.views.get(found.checklist.id), `het overzicht van ${found.checklist.id}`);
  const group = must(view.groups.find((g) => g.id === found.group.id), `groep ${found.group.id}`);
  const cells = cellIndex(ctx.s.verdicts);
  return {
    type: 'criteria',
    level,
    checklist: view,
    group,
    criteria: group.criteria.map((c) => ({
      ...c,
      heading: `${ctx.checklists[0].id === found.checklist.id ? 'Criterium' : capital(found.group.kind)} ${c.number}: ${shorten(c.text, 70)}`,
      cells: ctx.s.units.map((u) => {
        const v = cells.get(`${found.checklist.id}/${c.id}/${u}`);
        const notes = (v?.links ?? []).map((l) => ctx.notes.cite(l.evidenceId)).filter((n): n is Note => n !== null).sort((a, b) => a.number - b.number);
        return { unit: u, unitName: unitNameOf(ctx.catalogue, ctx.s, u), verdict: verdictView(found.checklist, v?.verdict ?? NOT_ASSESSED), notes };
      }),
    })),
  };
}

function verdictTable(ctx: BlockContext, call: BlockCall): BlockView | null {
  const cells = cellIndex(ctx.s.verdicts);
  if (call.options.criterium) {
    const found = findCriterion({ checklists: ctx.checklists }, call.options.criterium);
    if (!found) return null;
    return {
      type: 'oordelen',
      caption: `Oordelen per eenheid op ${found.checklist.shortTitle.toLowerCase()} ${found.criterion.number}`,
      columns: [{ number: found.criterion.number, text: found.criterion.text }],
      rows: ctx.s.units.map((u) => ({
        unitName: unitNameOf(ctx.catalogue, ctx.s, u),
        cells: [verdictView(found.checklist, cells.get(`${found.checklist.id}/${found.criterion.id}/${u}`)?.verdict ?? NOT_ASSESSED)],
        group: null,
      })),
      legend: legend(found.checklist),
    };
  }
  const found = findGroup({ checklists: ctx.checklists }, call.args[0] ?? '');
  if (!found) return null;
  const rollup = must(ctx.rollups.get(found.checklist.id), `de oordelen van ${found.checklist.id}`);
  return {
    type: 'oordelen',
    caption: `Oordelen per eenheid over de ${found.group.kind} “${found.group.title.toLowerCase()}”`,
    columns: found.group.criteria.map((c) => ({ number: c.number, text: c.text })),
    rows: ctx.s.units.map((u) => ({
      unitName: unitNameOf(ctx.catalogue, ctx.s, u),
      cells: found.group.criteria.map((c) => verdictView(found.checklist, cells.get(`${found.checklist.id}/${c.id}/${u}`)?.verdict ?? NOT_ASSESSED)),
      group: verdictView(found.checklist, must(rollup.unitGroup.get(u)?.get(found.group.id), `het oordeel van ${u} over ${found.group.id}`).final),
    })),
    legend: legend(found.checklist),
  };
}

function figureBlock(ctx: BlockContext, call: BlockCall): BlockView {
  const ref = call.args[0] ?? '';
  const e = ctx.s.evidence.find((x) => x.ref === ref);
  const caption = call.options.titel ?? e?.title ?? ref;
  return {
    type: 'figuur',
    ref,
    src: e ? ctx.images.get(e.id) ?? null : null,
    alt: call.options.alt ?? e?.description ?? caption,
    caption,
    source: blockSource(ctx, call.options.bron),
  };
}

/** A block line, filled in. `level` is the heading level of the section it stands in. */
function placeBlock(ctx: BlockContext, call: BlockCall, level: number): BlockView | null {
  const main = must(ctx.views.get(ctx.checklists[0].id), 'het hoofdkader');
  switch (call.name) {
    case 'uitkomsten':
      return { type: 'uitkomsten', level: level + 1, groups: main.groups };
    case 'criteria':
      return criteriaBlock(ctx, call.args[0] ?? '', level + 1);
    case 'deelconclusie': {
      const found = findGroup({ checklists: ctx.checklists }, call.args[0] ?? '');
      const group = found ? ctx.views.get(found.checklist.id)?.groups.find((g) => g.id === found.group.id) : undefined;
      return group ? { type: 'deelconclusie', group } : null;
    }
    case 'oordelen':
      return verdictTable(ctx, call);
    case 'matrix': {
      const matrix = ctx.matrices.get(call.args[0] ?? ctx.checklists[0].id);
      return matrix ? { type: 'matrix', matrix } : null;
    }
    case 'klachtcijfers':
      return { type: 'klachtcijfers', caption: call.options.titel ?? 'Afgeronde klachten naar status en fase (landelijk)', source: blockSource(ctx, call.options.bron), rows: ctx.statistics };
    case 'grafiek':
      return call.args[0] === 'oordelen'
        ? { type: 'grafiek', svg: ctx.distributionSvg, caption: call.options.titel ?? `Oordeel per ${main.groups[0]?.kind ?? 'groep'} over de eenheden` }
        : { type: 'grafiek', svg: ctx.statisticsSvg, caption: call.options.titel ?? 'Afgeronde klachten per jaar, naar de wijze van afronding' };
    case 'figuur':
      return figureBlock(ctx, call);
    case 'conclusies':
      return { type: 'conclusies', groups: main.groups };
    case 'aanbevelingen':
      return { type: 'aanbevelingen', groups: main.groups.filter((g) => g.recommendations.length > 0) };
    case 'opvolging':
      return { type: 'opvolging', followups: ctx.followups(true), predecessor: ctx.s.predecessor ? { title: ctx.s.predecessor.title, year: ctx.s.predecessor.year } : null };
    case 'kader': {
      const view = ctx.views.get(call.args[0] ?? ctx.checklists[0].id);
      return view ? { type: 'kader', checklist: view, main: view.id === ctx.checklists[0].id } : null;
    }
    case 'bronnen':
      return { type: 'bronnen' };
    case 'methode':
      return { type: 'methode', facts: ctx.methodFacts, fieldwork: dutchPeriod(ctx.s.fieldworkStart, ctx.s.fieldworkEnd) };
    case 'leeswijzer':
      return { type: 'leeswijzer', chapters: ctx.chapters };
    case 'bestuurlijke_reactie':
      return { type: 'bestuurlijke_reactie', letters: ctx.s.evidence.filter((e) => e.type === 'bestuurlijke_reactie').map(letterView) };
  }
}

function letterView(e: EvidenceRecord): LetterView {
  return {
    ref: e.ref,
    title: e.title,
    party: e.party,
    date: dutchPeriod(e.dateFrom, e.dateTo),
    html: renderMarkdownForPrint(e.description),
    file: e.file ? { name: e.file.name, sha256: e.file.sha256 } : null,
  };
}

function notesCaption(kind: SectionKind, number: string, title: string): string {
  if (kind === 'hoofdstuk') return `Noten bij hoofdstuk ${number}`;
  if (kind === 'bijlage') return `Noten bij ${number.toLowerCase()}`;
  return `Noten bij ${title.toLowerCase() === 'samenvatting' || title.toLowerCase() === 'voorwoord' ? `het ${title.toLowerCase()}`.replace('het samenvatting', 'de samenvatting') : `“${title}”`}`;
}

export interface NationalModelOptions extends ModelOptions {
  /** Images of the file as data: URLs, by evidence id, for the figures the outline places. */
  images?: Map<number, string>;
  /** Number the body paragraphs (the concept sent for wederhoor); the normal report has none. */
  paragraphNumbers?: boolean;
  /** Whom the recommendations go to, when not the organisation's current one (a vastgesteld report: as it was then). */
  addressee?: string | null;
}

export function buildNationalModel(s: InspectionSnapshot, catalogue: Catalogue, options: NationalModelOptions = {}): NationalReportModel {
  const st = inspectionStatus(s, catalogue);
  if (st.rollups.length === 0) throw new Error(`inspection ${s.id} has no known checklist`);
  const notes = noteRegistry(s.evidence);
  const [first] = st.rollups;
  const checklists = inspectionChecklists(catalogue, s.checklists).filter((c) => st.rollups.some((r) => r.checklist.id === c.id));
  const views = new Map(st.rollups.map((r) => [r.checklist.id, checklistView(s, r.checklist, r.rollup)]));
  const matrices = new Map(st.rollups.map((r) => [r.checklist.id, matrixView(catalogue, s, r.checklist, r.rollup)]));
  const national = s.statistics.filter((x) => x.unit === null);
  const statistics = national.map((x) => ({ year: x.year, afgerond: x.afgerond, aannemen: x.aannemen, eersteFase: x.eersteFase, tweedeFase: x.tweedeFase }));
  const dist = distribution(first.checklist, first.rollup, s.units);
  const distributionSvg = verdictChart(dist, legend(first.checklist));
  const statisticsSvg = national.length > 0 ? statisticsChart(national) : null;

  let followupViews: FollowupView[] | null = null;
  const followups = (cite: boolean): FollowupView[] => {
    if (followupViews && !cite) return followupViews;
    followupViews = s.predecessorRecommendations.map((r) => {
      const f = s.followups.find((x) => x.recommendationRef === r.ref);
      const group = catalogue.checklists.get(r.checklist)?.groups.find((g) => g.id === r.group);
      return {
        ref: r.ref,
        groupTitle: group?.title ?? r.group,
        text: r.text,
        status: f ? RECOMMENDATION_FOLLOWUP_LABELS[f.status] : null,
        motivationHtml: renderMarkdownForPrint(f?.motivation),
        notes: cite ? (f?.evidence ?? []).map((id) => notes.cite(id)).filter((n): n is Note => n !== null).sort((a, b) => a.number - b.number) : [],
      };
    });
    return followupViews;
  };

  const numbered = numberOutline(outlineOf(s, checklists));
  const ctx: BlockContext = {
    s, catalogue, checklists, views, matrices, rollups: new Map(st.rollups.map((r) => [r.checklist.id, r.rollup])), notes,
    statistics, statisticsSvg, distributionSvg, followups, methodFacts: tallyTypes(s),
    chapters: numbered.filter((n) => n.section.level === 1 && n.section.kind !== 'ongenummerd').map((n) => ({ number: n.number, title: n.section.title, kind: n.section.kind })),
    images: options.images ?? new Map<number, string>(), options,
  };

  // In document order, so notes are numbered as the reader meets them.
  const sections: SectionView[] = [];
  let chapterStart = 0;
  let chapter: SectionView | null = null;
  const closeChapter = () => {
    if (chapter) chapter.notes = notes.all().slice(chapterStart);
    chapterStart = notes.count();
  };
  for (const n of numbered) {
    if (n.section.level === 1) {
      closeChapter();
    }
    // A block that names what the inspection no longer has (a checklist taken out) is left out.
    const parts = renderSectionText(n.section.body, notes, (call) => placeBlock(ctx, call, n.section.level)).flatMap(
      (p): Array<TextPart<BlockView>> => (p.kind === 'html' ? [p] : p.block ? [{ kind: 'block', block: p.block }] : []),
    );
    const view: SectionView = {
      id: n.section.id,
      level: n.section.level,
      kind: n.section.kind,
      number: n.number,
      heading: n.heading,
      marking: n.section.marking,
      parts,
      empty: n.section.required && parts.length === 0,
      notes: [],
      notesCaption: notesCaption(n.section.kind, n.number, n.section.title),
    };
    if (n.section.level === 1) chapter = view;
    sections.push(view);
  }
  closeChapter();

  const model: NationalReportModel = {
    kind: 'national',
    title: s.title,
    year: s.year,
    ref: s.ref,
    organisation: organisationNameOf(catalogue, s),
    addressee: options.addressee !== undefined ? options.addressee : addresseeOf(catalogue, s),
    fieldwork: dutchPeriod(s.fieldworkStart, s.fieldworkEnd),
    status: reportStatus(s),
    illustrativeHtml: illustrativeHtml(s),
    predecessor: s.predecessor ? { title: s.predecessor.title, year: s.predecessor.year } : null,
    sections,
    methodFacts: ctx.methodFacts,
    main: must(views.get(first.checklist.id), 'het hoofdkader'),
    others: st.rollups.slice(1).map((r) => must(views.get(r.checklist.id), r.checklist.id)),
    followups: s.predecessorRecommendations.length > 0 ? followups(false) : null,
    matrices: [...matrices.values()],
    distribution: { rows: dist, svg: distributionSvg, legend: legend(first.checklist) },
    statistics: { rows: statistics, svg: statisticsSvg },
    sources: sourcesView(s, notes.all()),
    generatedOn: generatedOn(options),
  };
  if (!options.paragraphNumbers) return model;
  const withNumbers = numberParagraphs(model, s.outline);
  return { ...withNumbers.model, paragraphs: withNumbers.paragraphs };
}
