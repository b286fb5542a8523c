// The complaint statistics of several inspections as one series over time.
import type { InspectionSnapshot } from '../inspection';
import type { StatisticRow } from './types';

/**
 * The rows of every inspection by year (and unit); where two hold the same year, the later
 * inspection's figures win, as they are the more recent count.
 */
export function mergeStatistics(snapshots: InspectionSnapshot[]): StatisticRow[] {
  const byKey = new Map<string, StatisticRow>();
  const ordered = [...snapshots].sort((a, b) => a.year - b.year || a.id - b.id);
  for (const s of ordered) {
    for (const r of s.statistics) byKey.set(`${r.year}/${r.unit ?? ''}`, { ...r, source: { id: s.id, ref: s.ref, year: s.year } });
  }
  return [...byKey.values()].sort((a, b) => a.year - b.year || (a.unit ?? '').localeCompare(b.unit ?? ''));
}
