// The per-unit report as data: the unit's verdict per toezegging with its counts, per criterion
// the verdict, motivation and cited evidence, the ombudsman points, and the predecessor's verdicts
// beside the current ones. Roll-ups come from inspectionStatus(); nothing is recomputed here.
// A pure function of the two snapshots and the catalogue, like the national report.
import { unitNameOf } from '../domain/units';
import { type Catalogue, type Checklist, NOT_ASSESSED } from '../domain/checklist';
import type { InspectionSnapshot, VerdictRecord } from '../domain/inspection';
import { inspectionStatus, InspectionStatus } from '../domain/status';
import { must, notFound } from '../errors';
import { renderMarkdownForPrint } from '../markdown';
import { CRITERIA, dutchPeriod, legend, POINTS, VerdictView, verdictView } from '../present';
import { chapterNotes, generatedOn, ModelOptions, Note, noteRegistry, reportStatus, ReportStatus } from './common';
import { illustrativeHtml, printedRollup, SourceView, sourcesView } from './national.model';

export interface UnitCriterionView {
  id: string;
  number: string;
  text: string;
  subpoints: string[];
  verdict: VerdictView;
  previous: VerdictView | null;
  motivationHtml: string;
  notes: Note[];
  excerpts: Array<{ note: number; text: string }>;
}

export interface UnitGroupView {
  id: string;
  number: number;
  title: string;
  kind: string;
  verdict: VerdictView;
  summary: string;
  complete: boolean;
  overrideHtml: string | null;
  previous: VerdictView | null;
  criteria: UnitCriterionView[];
  notes: Note[];
}

export interface UnitChecklistView {
  id: string;
  title: string;
  shortTitle: string;
  legend: VerdictView[];
  /** What the predecessor says where it has no verdict: it did not use this checklist at all, or left the cell open. */
  previousMissing: string;
  groups: UnitGroupView[];
}

export interface UnitReportModel {
  kind: 'unit';
  title: string;
  inspectionTitle: string;
  year: number;
  unit: string;
  unitName: string;
  fieldwork: string;
  status: ReportStatus;
  illustrativeHtml: string | null;
  predecessor: { title: string; year: number } | null;
  assessed: number;
  total: number;
  checklists: UnitChecklistView[];
  sources: SourceView[];
  generatedOn: string;
}

function previousOf(prev: { s: InspectionSnapshot; st: InspectionStatus } | null, checklist: Checklist, unit: string) {
  if (!prev?.s.units.includes(unit)) return null;
  const r = prev.st.rollups.find((x) => x.checklist.id === checklist.id);
  if (!r) return null;
  const cells = new Map(prev.s.verdicts.filter((v) => v.unit === unit && v.checklist === checklist.id).map((v) => [v.criterion, v.verdict]));
  return {
    criterion: (id: string) => {
      const code = cells.get(id);
      return code === undefined ? null : verdictView(checklist, code);
    },
    group: (id: string) => {
      const g = r.rollup.unitGroup.get(unit)?.get(id);
      return g ? verdictView(checklist, g.final) : null;
    },
  };
}

export interface UnitReportSource {
  snapshot: InspectionSnapshot;
  /** The predecessor's snapshot, whose verdicts stand beside the current ones; null without one. */
  predecessor: InspectionSnapshot | null;
}

export function buildUnitModel(source: UnitReportSource, catalogue: Catalogue, unit: string, options: ModelOptions = {}): UnitReportModel {
  const s = source.snapshot;
  if (!s.units.includes(unit)) {
    throw notFound(`Eenheid '${unit}' hoort niet bij dit onderzoek (eenheden: ${s.units.join(', ')}).`);
  }
  const st = inspectionStatus(s, catalogue);
  const prev = source.predecessor ? { s: source.predecessor, st: inspectionStatus(source.predecessor, catalogue) } : null;
  const notes = noteRegistry(s.evidence);
  const cells = new Map<string, VerdictRecord>(s.verdicts.filter((v) => v.unit === unit).map((v) => [`${v.checklist}/${v.criterion}`, v]));

  const checklists = st.rollups.map(({ checklist, rollup }, index): UnitChecklistView => {
    const before = previousOf(prev, checklist, unit);
    return {
      id: checklist.id,
      title: checklist.title,
      shortTitle: checklist.shortTitle,
      legend: legend(checklist),
      previousMissing: before ? 'niet beoordeeld' : 'niet onderzocht',
      groups: checklist.groups.map((g): UnitGroupView => {
        const rolled = printedRollup(checklist, must(rollup.unitGroup.get(unit)?.get(g.id), `het oordeel van ${unit} over ${g.id}`), index === 0 ? CRITERIA : POINTS);
        const cited: Note[] = [];
        const criteria = g.criteria.map((cr): UnitCriterionView => {
          const v = cells.get(`${checklist.id}/${cr.id}`);
          const links = v?.links ?? [];
          const own = links.map((l) => ({ link: l, note: notes.cite(l.evidenceId) })).filter((x): x is { link: typeof x.link; note: Note } => x.note !== null);
          cited.push(...own.map((x) => x.note));
          return {
            id: cr.id,
            number: cr.number,
            text: cr.text,
            subpoints: cr.subpoints ?? [],
            verdict: verdictView(checklist, v?.verdict ?? NOT_ASSESSED),
            previous: before?.criterion(cr.id) ?? null,
            motivationHtml: renderMarkdownForPrint(v?.motivation),
            notes: own.map((x) => x.note).sort((a, b) => a.number - b.number),
            excerpts: own.filter((x) => x.link.excerpt.trim() !== '').map((x) => ({ note: x.note.number, text: x.link.excerpt })),
          };
        });
        return {
          id: g.id,
          number: g.number,
          title: g.title,
          kind: g.kind,
          verdict: rolled.verdict,
          summary: rolled.summary,
          complete: rolled.complete,
          overrideHtml: rolled.override?.motivationHtml ?? null,
          previous: before?.group(g.id) ?? null,
          criteria,
          notes: chapterNotes(cited),
        };
      }),
    };
  });

  const cellsOfUnit = [...cells.values()];
  const name = unitNameOf(catalogue, s, unit);
  const cited = notes.all();
  const citedIds = new Set(cited.map((n) => n.evidenceId));
  return {
    kind: 'unit',
    title: `${s.title} — ${name}`,
    inspectionTitle: s.title,
    year: s.year,
    unit,
    unitName: name,
    fieldwork: dutchPeriod(s.fieldworkStart, s.fieldworkEnd),
    status: reportStatus(s),
    illustrativeHtml: illustrativeHtml(s),
    predecessor: s.predecessor ? { title: s.predecessor.title, year: s.predecessor.year } : null,
    assessed: cellsOfUnit.filter((v) => v.verdict !== NOT_ASSESSED).length,
    total: checklists.reduce((n, c) => n + c.groups.reduce((m, g) => m + g.criteria.length, 0), 0),
    checklists,
    // The unit report lists only what it cites: the national report has the whole file.
    sources: sourcesView({ ...s, evidence: s.evidence.filter((e) => citedIds.has(e.id)) }, cited),
    generatedOn: generatedOn(options),
  };
}
