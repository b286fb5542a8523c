// The trend as the PDF, the spreadsheet, the page and `toetsing trend` show it: a pure function
// of the domain's Trend (src/domain/comparison/trend.ts) and the catalogue. Every point is read
// through pointView(), so "bestond nog niet" (a checklist an inspection did not use) is never a
// verdict and never "niet vergelijkbaar", on any of them; every share through shareOf().
import { codeOfRank, verdictLabel, type Catalogue, type Checklist } from '../domain/checklist';
import { shareOf, type Share } from '../domain/comparison/shares';
import type { InspectionHead, Trend, TrendChecklist, TrendPoint } from '../domain/comparison/types';
import { DIRECTION_LABELS, DIRECTION_SYMBOLS, type Direction } from '../domain/comparison/vocabulary';
import { unitNameOf } from '../domain/units';
import { criterionName, criterionTitle, inspectionName, NOT_ASSESSED_ABBR, rankClass, verdictView, type VerdictClass } from '../present';
import { strictVersusShareExplanation } from '../present/comparison-summary';
import { trendFileName } from '../present/filenames';

/** What one point of a timeline is: a verdict, no counterpart in that version, or a checklist not used then. */
export type PointState = 'verdict' | 'not_comparable' | 'not_used';

export interface PointView {
  state: PointState;
  /** The verdict code on its own scale; null when there is no verdict. */
  code: string | null;
  label: string;
  abbr: string;
  cls: VerdictClass;
  /** Change since the previous inspection; null for the first point and after a checklist not used. */
  direction: Direction | null;
  /** "↑ Verbeterd", or '' without a direction. */
  directionText: string;
}

export interface ShareView extends Share {
  /** kept / assessed, 0..1; null when nothing was assessed or the checklist was not used. */
  keptShare: number | null;
  keptOrPartialShare: number | null;
}

export interface TrendInspectionView {
  id: number;
  year: number;
  /** The title as stored; `name` is what headings show. */
  title: string;
  name: string;
  final: boolean;
  illustrative: boolean;
  illustrativeNote: string;
}

export interface TrendGroupView {
  number: number;
  title: string;
  name: string;
  national: PointView[];
  /** Per inspection; null where the inspection did not use the checklist. */
  shares: Array<ShareView | null>;
}

export interface TrendRowView {
  key: string;
  number: string;
  name: string;
  title: string;
  text: string;
  groupNumber: number;
  vanished: boolean;
  units: Array<{ code: string; name: string; points: PointView[] }>;
}

export interface TrendChecklistView {
  id: string;
  title: string;
  version: string;
  /** The word for a group ("toezegging", "aandachtspunt"). */
  kind: string;
  /** Per inspection: used (directly or through a linked version), and what it says where not. */
  usage: Array<{ used: boolean; note: string | null }>;
  groups: TrendGroupView[];
  rows: TrendRowView[];
  /** The scale's own words for the shares: "Nagekomen" and "Nagekomen of ten dele nagekomen". */
  shareLabels: { kept: string; keptOrPartial: string };
  /** Why the strict verdict can stay while the share rises, in the checklist's own words. */
  explanation: string;
  /** The verdict legend of the checklist's scale. */
  legend: Array<{ abbr: string; label: string; cls: VerdictClass }>;
}

export interface TrendModel {
  title: string;
  subtitle: string;
  inspections: TrendInspectionView[];
  final: boolean;
  mark: string;
  illustrative: boolean;
  units: Array<{ code: string; name: string }>;
  checklists: TrendChecklistView[];
  statistics: Trend['statistics'];
}

export const NOT_USED_LABEL = 'Bestond nog niet';
export const NOT_COMPARABLE_LABEL = 'Niet vergelijkbaar';

/** Why an inspection has no points for a checklist: the version is younger than it, or it was simply not used. */
function notUsedNote(checklist: Checklist, inspection: InspectionHead): string {
  const since = /^\d{4}$/.test(checklist.version) ? Number(checklist.version) : null;
  return since !== null && since > inspection.year ? `bestond nog niet (kader van ${since})` : 'kader niet gebruikt in dit onderzoek';
}

function notUsedLabel(checklist: Checklist, inspection: InspectionHead): string {
  const since = /^\d{4}$/.test(checklist.version) ? Number(checklist.version) : null;
  return since !== null && since > inspection.year ? NOT_USED_LABEL : 'Kader niet gebruikt';
}

/** One point: `source` is the checklist the inspection used for this one (its scale gives the abbreviation). */
export function pointView(tc: TrendChecklist, inspections: InspectionHead[], i: number, p: TrendPoint): PointView {
  // After an inspection that did not use the checklist there is no change to speak of (the
  // domain says "niet vergelijkbaar", as a comparison does): the point starts the line.
  const direction = i > 0 && tc.sources[i - 1] === null ? null : p.direction;
  const directionText = direction ? `${DIRECTION_SYMBOLS[direction]} ${DIRECTION_LABELS[direction]}` : '';
  const source = tc.sources[i];
  if (source === null) return { state: 'not_used', code: null, label: notUsedLabel(tc.checklist, inspections[i]), abbr: '○', cls: 'v-none', direction, directionText };
  if (p.side === null) return { state: 'not_comparable', code: null, label: NOT_COMPARABLE_LABEL, abbr: '·', cls: 'v-none', direction, directionText };
  const side = p.side;
  const label = side.provisional ? `${side.label} (voorlopig)` : side.label;
  const abbr = side.absent ? NOT_ASSESSED_ABBR : verdictView(source, side.code).abbr;
  return { state: 'verdict', code: side.code, label, abbr, cls: rankClass(side.rank), direction, directionText };
}

function shareView(s: Share): ShareView {
  return { ...s, keptShare: s.assessed === 0 ? null : s.kept / s.assessed, keptOrPartialShare: s.assessed === 0 ? null : s.keptOrPartial / s.assessed };
}

/** "Trend 2015 → 2022 → 2026". */
export function trendTitle(trend: Pick<Trend, 'inspections'>): string {
  return `Trend ${trend.inspections.map((i) => i.year).join(' → ')}`;
}

function shareLabels(c: Checklist): { kept: string; keptOrPartial: string } {
  const kept = verdictLabel(c.scale, codeOfRank(c.scale, 'positive'));
  const partial = verdictLabel(c.scale, codeOfRank(c.scale, 'partial'));
  return { kept, keptOrPartial: `${kept} of ${partial.toLowerCase()}` };
}

/** A unit named as the latest inspection of the trend names it (codes are aligned across all). */
function latestName(trend: Trend, catalogue: Catalogue, code: string): string {
  const latest = trend.inspections.at(-1);
  return latest ? unitNameOf(catalogue, latest, code) : code;
}

function checklistView(trend: Trend, catalogue: Catalogue, tc: TrendChecklist): TrendChecklistView {
  const n = trend.inspections.length;
  const usage = tc.sources.map((s, i) => ({ used: s !== null, note: s === null ? notUsedNote(tc.checklist, trend.inspections[i]) : null }));
  const point = (i: number, p: TrendPoint) => pointView(tc, trend.inspections, i, p);
  const groups = tc.groups.map((g) => {
    const rows = tc.rows.filter((r) => r.group.id === g.group.id);
    const shares = Array.from({ length: n }, (_, i) => (usage[i].used ? shareView(shareOf(rows.flatMap((r) => r.units.map((t) => t.points[i].side)))) : null));
    return { number: g.group.number, title: g.group.title, name: `${g.group.number}. ${g.group.title}`, national: g.national.map((p, i) => point(i, p)), shares };
  });
  const rows = tc.rows.map((r) => ({
    key: r.key,
    number: r.criterion.number,
    name: criterionName(tc.checklist, r.criterion),
    title: criterionTitle(tc.checklist, r.criterion),
    text: r.criterion.text,
    groupNumber: r.group.number,
    vanished: r.vanished,
    units: r.units.map((t) => ({ code: t.unit, name: latestName(trend, catalogue, t.unit), points: t.points.map((p, i) => point(i, p)) })),
  }));
  const legend = tc.checklist.scale.levels.map((l) => verdictView(tc.checklist, l.code));
  return {
    id: tc.checklist.id,
    title: tc.checklist.shortTitle,
    version: tc.checklist.version,
    kind: tc.checklist.groups[0]?.kind ?? 'toezegging',
    usage,
    groups,
    rows,
    shareLabels: shareLabels(tc.checklist),
    explanation: strictVersusShareExplanation(tc.checklist),
    legend: legend.map((l) => ({ abbr: l.abbr, label: l.label, cls: l.cls })),
  };
}

export function buildTrendModel(trend: Trend, catalogue: Catalogue): TrendModel {
  const final = trend.inspections.every((i) => i.status === 'vastgesteld');
  return {
    title: trendTitle(trend),
    subtitle: trend.inspections.map(inspectionName).join(' → '),
    inspections: trend.inspections.map((i) => ({ id: i.id, year: i.year, title: i.title, name: inspectionName(i), final: i.status === 'vastgesteld', illustrative: i.illustrative, illustrativeNote: i.illustrativeNote })),
    final,
    mark: final ? 'Vastgestelde onderzoeken' : 'CONCEPT — niet alle onderzoeken vastgesteld',
    illustrative: trend.inspections.some((i) => i.illustrative),
    units: trend.units.map((code) => ({ code, name: latestName(trend, catalogue, code) })),
    checklists: trend.checklists.map((tc) => checklistView(trend, catalogue, tc)),
    statistics: trend.statistics,
  };
}

export function trendModelFileName(m: TrendModel, extension: 'pdf' | 'xlsx'): string {
  const first = m.inspections[0] as TrendInspectionView | undefined;
  return trendFileName({ years: m.inspections.map((i) => i.year), title: first ? first.title : '', final: m.final, extension });
}

/** "63%" or "—" where there is no share. */
export function shareText(v: number | null): string {
  return v === null ? '—' : `${Math.round(v * 100)}%`;
}
