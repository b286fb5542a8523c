// Helpers that turn compact verdict tables into the verdict records of an inspection document.
// A table row is one string per criterion with one mark per unit, so a whole checklist for all
// units fits on a screen and the pattern can be read (and reviewed) at a glance.
import type { DocumentInput } from '../domain/document';
import { wederhoorFinished, type Workflow } from '../domain/vocabulary';

export type VerdictInput = NonNullable<DocumentInput['verdicts']>[number];
export type EvidenceInput = NonNullable<DocumentInput['evidence']>[number];
export type EvidenceLink = { ref: string; excerpt: string };

/** The demo inspectors; the first is the account the app creates for the demo, keep it exact. */
export const TEAM = ['inspecteur@demo.toetsing.local', 'inspecteur2@demo.toetsing.local'];

/** Column order of every row; must match the codes in criteria/units.yaml. */
export const UNITS = ['NN', 'ON', 'MN', 'NH', 'AMS', 'DH', 'RT', 'ZWB', 'OB', 'LB', 'LE', 'PDC', 'PA', 'KS'] as const;
export type UnitCode = (typeof UNITS)[number];
/** Units that handle complaints themselves; the korpsstaf (KS) stands for the national level. */
export const HANDLING_UNITS: UnitCode[] = UNITS.filter((u) => u !== 'KS');

/** Short names for use inside Dutch sentences. */
export const UNIT_NAMES: Record<UnitCode, string> = {
  NN: 'Noord-Nederland',
  ON: 'Oost-Nederland',
  MN: 'Midden-Nederland',
  NH: 'Noord-Holland',
  AMS: 'Amsterdam',
  DH: 'Den Haag',
  RT: 'Rotterdam',
  ZWB: 'Zeeland-West-Brabant',
  OB: 'Oost-Brabant',
  LB: 'Limburg',
  LE: 'Landelijke Eenheid',
  PDC: 'Politiedienstencentrum',
  PA: 'Politieacademie',
  KS: 'Korpsstaf',
};

/** + positive, ~ partial, - negative, . not assessed. Spaces in a row are only for readability. */
export type Mark = '+' | '~' | '-' | '.';
export type ScaleCodes = Record<Exclude<Mark, '.'>, string>;

export const NAKOMING: ScaleCodes = { '+': 'nagekomen', '~': 'ten_dele', '-': 'niet_nagekomen' };
export const OPVOLGING: ScaleCodes = { '+': 'opgevolgd', '~': 'deels_opgevolgd', '-': 'niet_opgevolgd' };
const NOT_ASSESSED = 'niet_beoordeeld';

export function parseRow(row: string): Mark[] {
  const marks = row.replace(/\s+/g, '').split('');
  if (marks.length !== UNITS.length || marks.some((m) => !'+~-.'.includes(m))) {
    // A typo in a table would silently shift every later unit; fail loudly instead.
    throw new Error(`demo: rij '${row}' heeft niet precies ${UNITS.length} tekens uit + ~ - .`);
  }
  return marks as Mark[];
}

export interface Cell {
  unit: UnitCode;
  criterion: string;
  mark: Mark;
  /** Running number over the whole grid; used to spread timestamps deterministically. */
  index: number;
}

export interface GridSpec {
  checklist: string;
  scale: ScaleCodes;
  /** criterion id → row of marks in UNITS order */
  rows: Record<string, string>;
  motivation: (cell: Cell) => string;
  evidence: (cell: Cell) => EvidenceLink[];
  workflow: (cell: Cell, links: EvidenceLink[]) => Workflow;
  updatedBy: (cell: Cell) => string;
  updatedAt: (cell: Cell) => string;
}

export function buildVerdicts(spec: GridSpec): VerdictInput[] {
  const out: VerdictInput[] = [];
  let index = 0;
  for (const [criterion, row] of Object.entries(spec.rows)) {
    parseRow(row).forEach((mark, i) => {
      const cell: Cell = { unit: UNITS[i], criterion, mark, index: index++ };
      if (mark === '.') {
        // Kept as an explicit record so the screens show it as open work, not as missing data.
        out.push({
          unit: cell.unit,
          checklist: spec.checklist,
          criterion,
          verdict: NOT_ASSESSED,
          motivation: spec.motivation(cell),
          workflow: 'te_doen',
          updatedBy: null,
          updatedAt: null,
          evidence: [],
        });
        return;
      }
      const links = spec.evidence(cell);
      out.push({
        unit: cell.unit,
        checklist: spec.checklist,
        criterion,
        verdict: spec.scale[mark],
        motivation: spec.motivation(cell),
        workflow: spec.workflow(cell, links),
        updatedBy: spec.updatedBy(cell),
        updatedAt: spec.updatedAt(cell),
        evidence: links,
      });
    });
  }
  return out;
}

/** Texts per criterion and mark, with per-cell replacements keyed "criterion:UNIT". */
export type MarkTexts = Record<string, Partial<Record<Mark, string>>>;
export type CellNotes = Record<string, string>;

/** The motivation: a cell note if there is one, else the criterion's text for the mark, plus a suffix. */
export function motivator(base: MarkTexts, notes: CellNotes, suffix: (cell: Cell) => string) {
  return (cell: Cell): string => {
    const text = notes[`${cell.criterion}:${cell.unit}`] ?? base[cell.criterion]?.[cell.mark];
    if (text === undefined) throw new Error(`demo: geen motivering voor ${cell.criterion} / ${cell.mark}`);
    const tail = suffix(cell);
    return tail ? `${text} ${tail}` : text;
  };
}

/** A deterministic timestamp inside [start, start + spanDays) so re-seeding gives the same data. */
export function spreadTimestamp(startDate: string, spanDays: number, index: number): string {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const day = (index * 7) % spanDays;
  const hour = 8 + ((index * 5) % 9);
  return new Date(start + day * 86_400_000 + hour * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/** A short constructor so evidence lists read as a table. */
export function evidence(
  ref: string,
  type: EvidenceInput['type'],
  title: string,
  rest: Omit<EvidenceInput, 'ref' | 'type' | 'title'> = {},
): EvidenceInput {
  return { ref, type, title, file: null, ...rest };
}

/** Finished wederhoor states are the only ones a verdict may rest on without review. */
export function openWederhoorRefs(items: EvidenceInput[]): Set<string> {
  return new Set(items.filter((e) => e.wederhoor && !wederhoorFinished(e.wederhoor.status)).map((e) => e.ref));
}
