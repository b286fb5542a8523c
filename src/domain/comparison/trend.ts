// The trend over three or more inspections (the rule itself takes two, see checkTrendSize) of
// the same checklist, or of versions linked by mappings: per criterion and unit a timeline of
// verdicts, and per toezegging per unit and nationally. It is the alignment (align.ts) of the
// inspections in time order, laid out on the checklists of the LATEST inspection; criteria that
// vanished on the way keep their own row, "niet vergelijkbaar" after.
import type { Catalogue, Checklist } from '../checklist';
import type { InspectionSnapshot } from '../inspection';
import { buildLineage } from '../lineage';
import { invalid } from '../../errors';
import { align } from './align';
import { directionBetween } from './sides';
import { mergeStatistics } from './statistics';
import type { AlignedCell, AlignedChecklist, Side, Timeline, Trend, TrendChecklist, TrendPoint } from './types';

function withDirections(sides: Array<Side | null>): TrendPoint[] {
  return sides.map((s, i) => ({ side: s, direction: i === 0 ? null : directionBetween(sides[i - 1], s) }));
}

function timelines(cells: AlignedCell[]): Timeline[] {
  return cells.map((c) => ({ unit: c.unit, points: withDirections(c.sides) }));
}

function trendChecklist(c: AlignedChecklist): TrendChecklist {
  return {
    checklist: c.target,
    sources: c.lineages.map((l) => l?.from ?? null),
    rows: c.rows.map((r) => ({ key: r.key, group: r.group, criterion: r.criterion, vanished: r.vanished !== null, units: timelines(r.cells) })),
    // Laid out on the latest toezeggingen: one that vanished has no timeline to continue.
    groups: c.groups.filter((g) => !g.vanished).map((g) => ({ group: g.group, national: withDirections(g.national), units: timelines(g.units) })),
  };
}

/** A trend is a line through three or more points; two inspections side by side are a comparison. */
export const MIN_TREND_INSPECTIONS = 3;

/**
 * The refusal of too few inspections, for the use cases (trendOf itself takes two, so that the
 * alignment of a comparison and of a two-point trend can be checked against each other).
 */
export function checkTrendSize(count: number): void {
  if (count >= MIN_TREND_INSPECTIONS) return;
  throw invalid(
    count === 2
      ? 'Een trend gaat over drie of meer onderzoeken. Twee onderzoeken naast elkaar zijn een vergelijking: gebruik Vergelijken (toetsing compare) voor dit paar.'
      : 'Kies drie of meer onderzoeken voor een trend.',
  );
}

/** `only`: limit the trend to one checklist (its id; later versions mapped from it count too). */
export function trendOf(catalogue: Catalogue, snapshots: InspectionSnapshot[], only?: string): Trend {
  if (snapshots.length < 2) throw invalid('Kies ten minste twee (bij voorkeur drie of meer) onderzoeken voor een trend.');
  if (new Set(snapshots.map((s) => s.id)).size !== snapshots.length) throw invalid('Elk onderzoek mag maar één keer in de trend voorkomen.');
  const ordered = [...snapshots].sort((a, b) => a.year - b.year || a.id - b.id);
  const latest = ordered.length - 1;
  // Every published version of that id: the trend may start at any of them.
  const onlyFrom = only === undefined ? [] : [...catalogue.versions.values()].filter((c) => c.id === only);
  const wanted = (target: Checklist) => only === undefined || onlyFrom.some((from) => buildLineage(catalogue, from, target) !== null);
  const aligned = align(catalogue, ordered, (target, owner) => owner === latest && wanted(target));

  if (aligned.checklists.length === 0) {
    throw invalid(only ? `Het laatste onderzoek gebruikt het kader ‘${only}’ niet (ook niet via een koppeling); er is geen trend te tonen.` : 'Het laatste onderzoek heeft geen bekend toetsingskader; er is geen trend te tonen.');
  }
  // An inspection without this checklist (nor a version mapped to it) gets no points there
  // (sources[i] is null: the checklist was not used); it is refused only when it shares no
  // checklist at all.
  const unlinked = ordered.filter((_, i) => aligned.checklists.every((c) => c.lineages[i] === null));
  if (unlinked.length > 0) {
    const last = ordered[latest];
    throw invalid(
      `Geen trend mogelijk: ${unlinked.map((s) => `‘${s.title}’ (${s.year})`).join(', ')} ${unlinked.length === 1 ? 'heeft' : 'hebben'} geen kader gemeen met ‘${last.title}’ (${last.year}) en er is geen koppeling (mapping) tussen de kaders.`,
    );
  }
  return { inspections: aligned.inspections, units: aligned.units, checklists: aligned.checklists.map(trendChecklist), statistics: mergeStatistics(ordered) };
}
