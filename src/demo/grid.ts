// The verdict tables of a demo file and their expansion into the verdict records of an inspection
// document. A table row holds one mark per unit, so a whole checklist for all units fits on a
// screen and its pattern can be read (and reviewed) at a glance; the texts and sources behind the
// marks are written out per criterion, with exceptions per cell. See demo/README.md.
import { z } from 'zod';
import { NOT_ASSESSED } from '../domain/checklist';
import type { EvidenceDoc, VerdictDoc } from '../domain/document';
import { wederhoorFinished, type Workflow } from '../domain/vocabulary';

const MARKS = ['+', '~', '-', '.'] as const;
type Mark = (typeof MARKS)[number];

/** One text for every mark, or a text per mark. */
const byMark = z.union([z.string(), z.object({ '+': z.string(), '~': z.string(), '-': z.string(), '.': z.string() }).partial().strict()]);
const link = z.object({ ref: z.string(), excerpt: z.string() }).strict();
const perUnit = z.record(z.string(), z.string());

export const gridSchema = z
  .object({
    /** One table per checklist: criterion → marks in the order of inspection.units. */
    tables: z
      .array(
        z
          .object({
            checklist: z.string(),
            marks: z.object({ '+': z.string(), '~': z.string(), '-': z.string() }).strict(),
            rows: z.record(z.string(), z.string()),
          })
          .strict(),
      )
      .min(1),
    /** Appended to every assessed motivation. */
    suffix: z.object({ default: z.string(), byUnit: perUnit.default({}) }).strict(),
    /** Each unit's interview report: the first source of every assessed cell of the unit. */
    interviews: perUnit,
    criteria: z.record(
      z.string(),
      z
        .object({
          motivation: byMark.optional(),
          /** What the unit's interview report says about the criterion. */
          interview: byMark.optional(),
          /** The documents behind every cell of the criterion, after the interview. */
          documents: z.array(link).default([]),
        })
        .strict(),
    ),
    /** Cells ("criterion/UNIT") that differ from their criterion. */
    cells: z
      .record(
        z.string(),
        z
          .object({
            motivation: z.string().optional(),
            interview: z.string().optional(),
            /** Exactly these sources, instead of the interview and the criterion's documents. */
            evidence: z.array(link).optional(),
          })
          .strict()
          .refine((c) => c.interview === undefined || c.evidence === undefined, 'interview en evidence sluiten elkaar uit'),
      )
      .default({}),
    workflow: z
      .object({
        /** Marks that always get a second look. */
        reviewMarks: z.array(z.enum(['+', '~', '-'])).default([]),
        /** Units whose cells are still being written up. */
        inProgressUnits: z.array(z.string()).default([]),
      })
      .strict()
      .default({ reviewMarks: [], inProgressUnits: [] }),
    /** Who saved each cell last: the unit's inspector where named, else the team in turn, cell by cell. */
    updatedBy: z.object({ inTurn: z.array(z.string()).min(1), byUnit: perUnit.default({}) }).strict(),
    /** When: spread over `days` days from `from`. */
    updatedAt: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD'), days: z.number().int().positive() }).strict(),
  })
  .strict();
type Grid = z.infer<typeof gridSchema>;

/** Where in the file a verdict and each of its sources come from, for messages. */
export interface CellOrigin {
  cell: string;
  links: string[];
}

export interface Expansion {
  verdicts: VerdictDoc[];
  origins: CellOrigin[];
  problems: string[];
}

/** A deterministic timestamp inside [from, from + days) so loading twice gives the same data. */
function spreadTimestamp(from: string, days: number, index: number): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const day = (index * 7) % days;
  const hour = 8 + ((index * 5) % 9);
  return new Date(start + day * 86_400_000 + hour * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/** A record entry that may be absent (a plain index claims it is always there). */
const entry = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

const textFor = (text: z.infer<typeof byMark> | undefined, mark: Mark) => (typeof text === 'string' ? text : text?.[mark]);

type Link = VerdictDoc['evidence'][number];

/** A cell's sources with where each comes from: its own list, or its unit's interview and its criterion's documents. */
function cellLinks(grid: Grid, criterion: string, unit: string, mark: Mark, problem: (what: string, field: string) => void) {
  const key = `${criterion}/${unit}`;
  const cell = entry(grid.cells, key);
  const base = entry(grid.criteria, criterion);
  const own = cell?.evidence;
  if (own) return { links: own, places: own.map((_, k) => `grid.cells.${key}.evidence[${k}]`) };
  const excerpt = cell?.interview ?? textFor(base?.interview, mark);
  if (excerpt === undefined) problem('gespreksfragment', 'interview');
  const documents = base?.documents ?? [];
  return {
    links: [{ ref: entry(grid.interviews, unit) ?? '', excerpt: excerpt ?? '' }, ...documents],
    places: [`grid.interviews.${unit}`, ...documents.map((_, k) => `grid.criteria.${criterion}.documents[${k}]`)],
  };
}

export function expandGrid(grid: Grid, units: string[], evidence: EvidenceDoc[]): Expansion {
  const out: Expansion = { verdicts: [], origins: [], problems: [] };
  const open = new Set(evidence.filter((e) => e.wederhoor && !wederhoorFinished(e.wederhoor.status)).map((e) => e.ref));
  const reviewMarks: readonly string[] = grid.workflow.reviewMarks;
  // A verdict without sources or resting on an unchecked interview report cannot be final.
  const workflowOf = (unit: string, mark: Mark, links: Link[]): Workflow => {
    if (links.length === 0 || links.some((l) => open.has(l.ref)) || reviewMarks.includes(mark)) return 'ter_review';
    return grid.workflow.inProgressUnits.includes(unit) ? 'in_behandeling' : 'gereed';
  };
  for (const unit of units) if (entry(grid.interviews, unit) === undefined) out.problems.push(`grid.interviews: geen gespreksverslag voor eenheid ${unit}`);
  const used = new Set<string>();

  grid.tables.forEach((table, t) => {
    let index = 0;
    for (const [criterion, row] of Object.entries(table.rows)) {
      const rowPlace = `grid.tables[${t}].rows.${criterion}`;
      for (const unit of units) used.add(`${criterion}/${unit}`);
      const marks = row.replace(/\s+/g, '').split('') as Mark[];
      // A typo in a row would silently shift every later unit; refuse it instead.
      if (marks.length !== units.length || marks.some((m) => !MARKS.includes(m))) {
        out.problems.push(`${rowPlace}: niet precies ${units.length} tekens uit + ~ - . (één per eenheid van inspection.units)`);
        continue;
      }
      marks.forEach((mark, i) => {
        const unit = units[i];
        const key = `${criterion}/${unit}`;
        const place = `${rowPlace}, eenheid ${unit}`;
        const problem = (what: string, field: string) =>
          out.problems.push(`${place}: geen ${what} bij '${mark}' (grid.criteria.${criterion}.${field} of grid.cells.${key}.${field})`);
        const text = entry(grid.cells, key)?.motivation ?? textFor(entry(grid.criteria, criterion)?.motivation, mark);
        if (text === undefined) problem('motivering', 'motivation');
        const cell = { unit, checklist: table.checklist, criterion };

        if (mark === '.') {
          // Kept as an explicit record so the screens show it as open work, not as missing data.
          out.verdicts.push({ ...cell, verdict: NOT_ASSESSED, motivation: text ?? '', workflow: 'te_doen', updatedBy: null, updatedAt: null, evidence: [] });
          out.origins.push({ cell: place, links: [] });
        } else {
          const { links, places } = cellLinks(grid, criterion, unit, mark, problem);
          const suffix = entry(grid.suffix.byUnit, unit) ?? grid.suffix.default;
          out.verdicts.push({
            ...cell,
            verdict: table.marks[mark],
            motivation: suffix ? `${text ?? ''} ${suffix}` : (text ?? ''),
            workflow: workflowOf(unit, mark, links),
            updatedBy: entry(grid.updatedBy.byUnit, unit) ?? grid.updatedBy.inTurn[index % grid.updatedBy.inTurn.length],
            updatedAt: spreadTimestamp(grid.updatedAt.from, grid.updatedAt.days, index),
            evidence: links,
          });
          out.origins.push({ cell: place, links: places });
        }
        index++;
      });
    }
  });

  // Texts under a mistyped key would silently go unused.
  const rows = new Set(grid.tables.flatMap((t) => Object.keys(t.rows)));
  for (const c of Object.keys(grid.criteria)) if (!rows.has(c)) out.problems.push(`grid.criteria.${c}: geen rij met dit criterium in de tabellen`);
  for (const key of Object.keys(grid.cells)) if (!used.has(key)) out.problems.push(`grid.cells.${key}: geen cel met dit criterium en deze eenheid in de tabellen`);
  return out;
}
