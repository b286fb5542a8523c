// The comparison as flat rows, one per criterion × unit: the single source of the CSV and the
// spreadsheet, so both always hold the same rows.
import type { Catalogue } from '../domain/checklist';
import { unitName } from '../criteria';
import type { Comparison, CriterionRow } from '../domain/comparison/types';
import { DIRECTION_LABELS, DIRECTION_SYMBOLS, Direction } from '../domain/comparison/vocabulary';
import { RELATION_LABELS } from '../domain/lineage';

export const ROW_COLUMNS = [
  ['kader_eerder', 'Kader eerder'],
  ['kader_later', 'Kader later'],
  ['toezegging', 'Toezegging'],
  ['criterium_eerder', 'Criterium eerder'],
  ['criterium_later', 'Criterium later'],
  ['wijziging_kader', 'Wijziging in het kader'],
  ['criterium_tekst', 'Criterium'],
  ['eenheid_code', 'Eenheidscode'],
  ['eenheid', 'Eenheid'],
  ['oordeel_eerder_code', 'Oordeel eerder (code)'],
  ['oordeel_eerder', 'Oordeel eerder'],
  ['oordeel_later_code', 'Oordeel later (code)'],
  ['oordeel_later', 'Oordeel later'],
  ['richting_code', 'Richting (code)'],
  ['richting', 'Richting'],
  ['motivering_eerder', 'Motivering eerder'],
  ['motivering_later', 'Motivering later'],
] as const;

export type RowKey = (typeof ROW_COLUMNS)[number][0];
export type FlatRow = Record<RowKey, string>;

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

export function flatRows(cmp: Comparison, catalogue: Catalogue): FlatRow[] {
  const out: FlatRow[] = [];
  for (const c of cmp.checklists) {
    for (const row of c.rows) {
      const n = criterionNumbers(row);
      for (const cell of row.cells) {
        out.push({
          kader_eerder: c.earlier ? `${c.earlier.shortTitle} (${c.earlier.version})` : '',
          kader_later: c.later ? `${c.later.shortTitle} (${c.later.version})` : '',
          toezegging: `${row.group.number}. ${row.group.title}`,
          criterium_eerder: n.earlier,
          criterium_later: n.later,
          wijziging_kader: RELATION_TEXT[row.relation],
          criterium_tekst: (row.laterCriterion ?? row.earlierCriteria[0]).text,
          eenheid_code: cell.unit,
          eenheid: unitName(catalogue, cell.unit),
          oordeel_eerder_code: cell.earlier?.code ?? '',
          oordeel_eerder: cell.earlier?.label ?? '',
          oordeel_later_code: cell.later?.code ?? '',
          oordeel_later: cell.later?.label ?? '',
          richting_code: cell.direction,
          richting: DIRECTION_LABELS[cell.direction],
          motivering_eerder: cell.earlier?.motivation ?? '',
          motivering_later: cell.later?.motivation ?? '',
        });
      }
    }
  }
  return out;
}
