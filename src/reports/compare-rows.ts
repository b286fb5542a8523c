// The comparison as flat rows: one per criterion × unit (flatRows), and one per toezegging,
// nationally and per unit (groupRows). They are the single source of the two CSV files and of
// the spreadsheet's sheets, so a CSV and its sheet always hold the same rows. Headers are Dutch
// words and name the two inspections; numbers (toezegging and criterion numbers, counts) stay
// numbers; a criterion number such as "6a" stays text.
import type { Catalogue } from '../domain/checklist';
import { unitNameOf } from '../domain/units';
import { checklistProgress, type GroupProgress } from '../domain/comparison/progress';
import type { Share } from '../domain/comparison/shares';
import type { Comparison, CriterionRow, InspectionHead, Side } from '../domain/comparison/types';
import { DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction } from '../domain/comparison/vocabulary';
import { RELATION_LABELS } from '../domain/lineage';
import { criterionTitle, inspectionName } from '../present';
import { spreadsheetNumber } from './sheet-format';

export type Cell = string | number | null;

/** Column keys of the criterion rows; their headers depend on the pair (rowColumns). */
export const ROW_KEYS = [
  'kader_eerder', 'kader_later', 'toezegging_nummer', 'toezegging', 'criterium_eerder', 'criterium_later', 'criterium_naam',
  'wijziging_kader', 'criterium_tekst', 'eenheid_code', 'eenheid', 'oordeel_eerder_code', 'oordeel_eerder', 'oordeel_later_code',
  'oordeel_later', 'richting_code', 'richting', 'motivering_eerder', 'motivering_later',
] as const;

export type RowKey = (typeof ROW_KEYS)[number];
export type FlatRow = Record<RowKey, Cell>;

/** The earlier and later inspection as a column names them: "Recht van klagen (2022, illustratief)". */
export function sideNames(cmp: Pick<Comparison, 'earlier' | 'later'>): { earlier: string; later: string } {
  return { earlier: inspectionName(cmp.earlier), later: inspectionName(cmp.later) };
}

/** The criterion rows' columns: key and Dutch header, naming the inspections. */
export function rowColumns(cmp: Pick<Comparison, 'earlier' | 'later'>): Array<{ key: RowKey; header: string }> {
  const n = sideNames(cmp);
  const headers: Record<RowKey, string> = {
    kader_eerder: `Kader ${n.earlier}`,
    kader_later: `Kader ${n.later}`,
    toezegging_nummer: 'Toezegging (nummer)',
    toezegging: 'Toezegging',
    criterium_eerder: `Criterium ${n.earlier}`,
    criterium_later: `Criterium ${n.later}`,
    criterium_naam: 'Naam criterium',
    wijziging_kader: 'Wijziging in het kader',
    criterium_tekst: 'Tekst criterium',
    eenheid_code: 'Eenheidscode',
    eenheid: 'Eenheid',
    oordeel_eerder_code: `Oordeel ${n.earlier} (code)`,
    oordeel_eerder: `Oordeel ${n.earlier}`,
    oordeel_later_code: `Oordeel ${n.later} (code)`,
    oordeel_later: `Oordeel ${n.later}`,
    richting_code: 'Richting (code)',
    richting: 'Richting',
    motivering_eerder: `Motivering ${n.earlier}`,
    motivering_later: `Motivering ${n.later}`,
  };
  return ROW_KEYS.map((key) => ({ key, header: headers[key] }));
}

export const RELATION_TEXT: Record<CriterionRow['relation'], string> = {
  ...RELATION_LABELS,
  only_earlier: 'kader alleen in het eerdere onderzoek',
  only_later: 'kader alleen in het latere onderzoek',
};

export function directionText(d: Direction): string {
  return `${DIRECTION_SYMBOLS[d]} ${DIRECTION_LABELS[d]}`;
}

export function criterionNumbers(row: CriterionRow): { earlier: string; later: string } {
  return {
    earlier: row.earlierCriteria.map((c) => c.number).join(' + '),
    later: row.laterCriterion?.number ?? '',
  };
}

const cellOf = (v: string): Cell => (v === '' ? null : spreadsheetNumber(v));

export function flatRows(cmp: Comparison, catalogue: Catalogue): FlatRow[] {
  const out: FlatRow[] = [];
  for (const c of cmp.checklists) {
    for (const row of c.rows) {
      const n = criterionNumbers(row);
      const criterion = row.laterCriterion ?? row.earlierCriteria[0];
      for (const cell of row.cells) {
        out.push({
          kader_eerder: c.earlier ? `${c.earlier.shortTitle} (${c.earlier.version})` : null,
          kader_later: c.later ? `${c.later.shortTitle} (${c.later.version})` : null,
          toezegging_nummer: row.group.number,
          toezegging: row.group.title,
          criterium_eerder: cellOf(n.earlier),
          criterium_later: cellOf(n.later),
          criterium_naam: criterionTitle(c.later ?? c.earlier, criterion),
          wijziging_kader: RELATION_TEXT[row.relation],
          criterium_tekst: criterion.text,
          eenheid_code: cell.unit,
          eenheid: unitNameOf(catalogue, cmp.later, cell.unit),
          oordeel_eerder_code: cell.earlier?.code ?? null,
          oordeel_eerder: cell.earlier?.label ?? null,
          oordeel_later_code: cell.later?.code ?? null,
          oordeel_later: cell.later?.label ?? null,
          richting_code: cell.direction,
          richting: DIRECTION_LABELS[cell.direction],
          motivering_eerder: cell.earlier?.motivation ?? null,
          motivering_later: cell.later?.motivation ?? null,
        });
      }
    }
  }
  return out;
}

// ---- Per toezegging: the national row first, then a row per unit.

export const GROUP_KEYS = [
  'kader', 'toezegging_nummer', 'toezegging', 'niveau', 'eenheid_code', 'eenheid',
  'oordeel_eerder', 'oordeel_later', 'richting',
  'beoordeeld_eerder', 'nagekomen_eerder', 'ten_dele_eerder', 'beoordeeld_later', 'nagekomen_later', 'ten_dele_later',
] as const;

export type GroupKey = (typeof GROUP_KEYS)[number];
export type GroupFlatRow = Record<GroupKey, Cell> & { ranks: { earlier: Side | null; later: Side | null; direction: Direction } };

/** The toezegging rows' columns: key and Dutch header, naming the inspections. */
export function groupColumns(cmp: Pick<Comparison, 'earlier' | 'later'>): Array<{ key: GroupKey; header: string }> {
  const n = sideNames(cmp);
  const headers: Record<GroupKey, string> = {
    kader: 'Kader',
    toezegging_nummer: 'Toezegging (nummer)',
    toezegging: 'Toezegging',
    niveau: 'Niveau',
    eenheid_code: 'Eenheidscode',
    eenheid: 'Eenheid',
    oordeel_eerder: `Oordeel ${n.earlier}`,
    oordeel_later: `Oordeel ${n.later}`,
    richting: 'Richting',
    beoordeeld_eerder: `Beoordeelde criteria ${n.earlier}`,
    nagekomen_eerder: `Nagekomen ${n.earlier}`,
    ten_dele_eerder: `Nagekomen of ten dele ${n.earlier}`,
    beoordeeld_later: `Beoordeelde criteria ${n.later}`,
    nagekomen_later: `Nagekomen ${n.later}`,
    ten_dele_later: `Nagekomen of ten dele ${n.later}`,
  };
  return GROUP_KEYS.map((key) => ({ key, header: headers[key] }));
}

function sideText(s: Side | null): string | null {
  if (!s) return null;
  return s.provisional ? `${s.label} (voorlopig)` : s.label;
}

function shareCells(e: Share | undefined, l: Share | undefined) {
  return {
    beoordeeld_eerder: e?.assessed ?? null, nagekomen_eerder: e?.kept ?? null, ten_dele_eerder: e?.keptOrPartial ?? null,
    beoordeeld_later: l?.assessed ?? null, nagekomen_later: l?.kept ?? null, ten_dele_later: l?.keptOrPartial ?? null,
  };
}

/** Per checklist and toezegging the national row, then one per unit, with the shares of progress.ts. */
export function groupRows(cmp: Comparison, catalogue: Catalogue): GroupFlatRow[] {
  const out: GroupFlatRow[] = [];
  for (const c of cmp.checklists) {
    const list = c.later ?? c.earlier;
    const kader = list ? `${list.shortTitle} (${list.version})` : '';
    const progress = checklistProgress(c, cmp.units).groups;
    for (const g of c.groups) {
      const p: GroupProgress | undefined = progress.find((x) => x.group.id === g.group.id);
      const base = { kader, toezegging_nummer: g.group.number, toezegging: g.group.title };
      out.push({
        ...base, niveau: 'Landelijk', eenheid_code: null, eenheid: null,
        oordeel_eerder: sideText(g.national.earlier), oordeel_later: sideText(g.national.later), richting: DIRECTION_LABELS[g.national.direction],
        ...shareCells(p?.earlier, p?.later),
        ranks: g.national,
      });
      for (const u of g.units) {
        const up = p?.units.find((x) => x.unit === u.unit);
        out.push({
          ...base, niveau: 'Eenheid', eenheid_code: u.unit, eenheid: unitNameOf(catalogue, cmp.later, u.unit),
          oordeel_eerder: sideText(u.earlier), oordeel_later: sideText(u.later), richting: DIRECTION_LABELS[u.direction],
          ...shareCells(up?.earlier, up?.later),
          ranks: u,
        });
      }
    }
  }
  return out;
}

/** The pair's inspections for a sheet that names them: role, name, status. */
export function pairRows(cmp: Pick<Comparison, 'earlier' | 'later'>): Array<{ role: string; head: InspectionHead; name: string }> {
  const n = sideNames(cmp);
  return [{ role: 'Eerder', head: cmp.earlier, name: n.earlier }, { role: 'Later', head: cmp.later, name: n.later }];
}
