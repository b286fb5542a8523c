// The matrix: units × criteria per checklist, grouped by toezegging, with the roll-ups from
// inspectionStatus(). One snapshot read and one status computation per request; the view model
// below is flat so the template stays a simple loop even at 100 units × 60 criteria.
import type { Request } from 'express';
import { z } from 'zod';
import { Checklist, NOT_ASSESSED, codeOfRank, rankOf, verdictLabel } from '../../domain/checklist';
import type { InspectionSnapshot } from '../../domain/inspection';
import { describeTally, Rolled, RollUp } from '../../domain/rollup';
import { inspectionStatus } from '../../domain/status';
import { WORKFLOW, WORKFLOW_LABELS } from '../../domain/vocabulary';
import { unitName } from '../../criteria';
import { loadSnapshot } from '../../store/inspections.store';
import { parseForm } from '../forms';
import { inspectionFor } from '../inspection-access';
import { mayEdit } from '../page-kit';
import { EVERY_ROLE, RouteDef } from '../route-table';
import { verdictAbbreviation } from '../view-helpers';

const WORKFLOW_GLYPH: Record<string, string> = { te_doen: '', in_behandeling: '…', ter_review: 'R', gereed: '✓' };

function verdictClass(checklist: Checklist, v: string): string {
  return v === NOT_ASSESSED ? 'v-none' : `v-${rankOf(checklist.scale, v) ?? 'none'}`;
}

/** "3 N · 1 TD · 2 –": the counts behind a roll-up, short enough for a table cell. */
function compactTally(checklist: Checklist, r: Rolled): string {
  const parts: string[] = [];
  for (const rank of ['positive', 'partial', 'negative'] as const) {
    if (r.tally[rank] > 0) parts.push(`${r.tally[rank]} ${verdictAbbreviation(checklist.scale, codeOfRank(checklist.scale, rank))}`);
  }
  if (r.tally.notAssessed > 0) parts.push(`${r.tally.notAssessed} –`);
  return parts.join(' · ');
}

export function rolledView(checklist: Checklist, r: Rolled, noun: { one: string; many: string }) {
  return {
    abbr: verdictAbbreviation(checklist.scale, r.final),
    cls: verdictClass(checklist, r.final),
    label: verdictLabel(checklist.scale, r.final),
    computedAbbr: verdictAbbreviation(checklist.scale, r.computed),
    computedLabel: verdictLabel(checklist.scale, r.computed),
    computedCls: verdictClass(checklist, r.computed),
    overridden: r.override !== null,
    counts: compactTally(checklist, r),
    description: describeTally(checklist, r.tally, noun),
    complete: r.complete,
  };
}

function filterSchema(snapshot: InspectionSnapshot, checklist: Checklist) {
  const opt = (values: string[], message: string) =>
    z.string().optional().transform((s) => s ?? '').refine((s) => s === '' || values.includes(s), message);
  return z
    .object({
      checklist: z.string().optional(),
      eenheid: opt(snapshot.units, 'Deze eenheid hoort niet bij het onderzoek.'),
      groep: opt(checklist.groups.map((g) => g.id), 'Kies een onderdeel uit de lijst.'),
      oordeel: opt([NOT_ASSESSED, ...checklist.scale.levels.map((l) => l.code)], 'Kies een oordeel uit de lijst.'),
      status: opt([...WORKFLOW], 'Kies een status uit de lijst.'),
    })
    .strict();
}

function buildMatrix(req: Request) {
  const inspection = inspectionFor(req, 'read');
  const snapshot = loadSnapshot(req.ctx.db, inspection.id);
  const status = inspectionStatus(snapshot, req.ctx.catalogue);
  const q = req.query as Record<string, unknown>;
  const wanted = typeof q.checklist === 'string' ? q.checklist : '';
  const entry = status.rollups.find((r) => r.checklist.id === wanted) ?? status.rollups[0];
  return { inspection, snapshot, status, entry, q };
}

type Filters = { eenheid: string; groep: string; oordeel: string; status: string };

/**
 * The table's HTML, kept per snapshot and filter: the store hands out the same frozen snapshot
 * while the inspection is unchanged, so viewing the matrix again costs no view model and no
 * template run (6,000 cells took ~250 ms of a request). A few filters per snapshot are kept.
 * Kept as UTF-8 bytes: encoding 1.8 MB of HTML again was most of what a repeated view still cost.
 */
const TABLES_PER_SNAPSHOT = 8;
const TABLE_MARKER = '<!--toetsing:matrix-table-->';

function renderView(req: Request, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => req.app.render(view, locals, (err, out) => (err ? reject(err) : resolve(out))));
}
const tables = new WeakMap<InspectionSnapshot, Map<string, Buffer>>();

async function matrixTable(req: Request, snapshot: InspectionSnapshot, entry: { checklist: Checklist; rollup: RollUp }, filters: Filters): Promise<Buffer> {
  const checklist = entry.checklist;
  const key = JSON.stringify([checklist.id, filters.eenheid, filters.groep, filters.oordeel, filters.status]);
  const kept = Object.isFrozen(snapshot) ? tables.get(snapshot) ?? new Map<string, Buffer>() : null;
  const hit = kept?.get(key);
  if (hit !== undefined) return hit;
  const unitNoun = { one: 'eenheid', many: 'eenheden' };
  const critNoun = { one: 'criterium', many: 'criteria' };
  const groups = checklist.groups
    .filter((g) => !filters.groep || g.id === filters.groep)
    .map((g) => ({
      id: g.id, number: g.number, title: g.title, kind: g.kind,
      national: rolledView(checklist, entry.rollup.nationalGroup.get(g.id)!, unitNoun),
      criteria: g.criteria.map((cr) => ({ id: cr.id, number: cr.number, text: cr.text, national: rolledView(checklist, entry.rollup.nationalCriterion.get(cr.id)!, unitNoun) })),
    }));

  const cells = new Map(snapshot.verdicts.filter((v) => v.checklist === checklist.id).map((v) => [`${v.unit}\u0000${v.criterion}`, v]));
  const cellFilter = Boolean(filters.oordeel || filters.status);
  const prefix = `/onderzoeken/${snapshot.id}/cellen/${encodeURIComponent(checklist.id)}/`;
  const rows = snapshot.units
    .filter((u) => !filters.eenheid || u === filters.eenheid)
    .map((unit) => {
      let matches = 0;
      const perGroup = groups.map((g) => ({
        rollup: rolledView(checklist, entry.rollup.unitGroup.get(unit)!.get(g.id)!, critNoun),
        cells: g.criteria.map((cr) => {
          const c = cells.get(`${unit}\u0000${cr.id}`);
          const verdict = c?.verdict ?? NOT_ASSESSED;
          const workflow = c?.workflow ?? 'te_doen';
          const evidence = c ? c.links.length : 0;
          const match = (!filters.oordeel || verdict === filters.oordeel) && (!filters.status || workflow === filters.status);
          if (match) matches++;
          const label = verdictLabel(checklist.scale, verdict);
          return {
            href: `${prefix}${encodeURIComponent(cr.id)}/${encodeURIComponent(unit)}`,
            abbr: verdictAbbreviation(checklist.scale, verdict),
            cls: verdictClass(checklist, verdict) + (cellFilter && !match ? ' dim' : ''),
            glyph: WORKFLOW_GLYPH[workflow],
            evidence: evidence > 0,
            label: `${checklist.shortTitle} ${cr.number}, ${unit}: ${label}; ${WORKFLOW_LABELS[workflow].toLowerCase()}; ${evidence === 0 ? 'geen bron' : evidence === 1 ? '1 bron' : `${evidence} bronnen`}`,
          };
        }),
      }));
      return { unit, name: unitName(req.ctx.catalogue, unit), groups: perGroup, matches };
    })
    .filter((r) => !cellFilter || r.matches > 0);

  const html = Buffer.from(await renderView(req, 'matrix/_table', { checklist, groups, rows, totalUnits: snapshot.units.length }));
  if (kept) {
    if (kept.size >= TABLES_PER_SNAPSHOT) kept.delete(kept.keys().next().value!);
    kept.set(key, html);
    tables.set(snapshot, kept);
  }
  return html;
}

export const matrixRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/matrix',
    access: EVERY_ROLE,
    summary: 'matrix van eenheden × criteria met roll-ups',
    handler: async (req, res) => {
      const { inspection, snapshot, status, entry, q } = buildMatrix(req);
      const base = { title: `Matrix · ${inspection.title}`, inspection, canEdit: mayEdit(req, inspection), checklists: status.rollups.map((r) => r.checklist) };
      if (!entry) return res.render('matrix/index', { ...base, checklist: null, filters: {}, errors: {}, tableHtml: '', legend: [] });
      const checklist = entry.checklist;
      const parsed = parseForm(filterSchema(snapshot, checklist), q);
      const filters = parsed.ok ? parsed.data : { eenheid: '', groep: '', oordeel: '', status: '' };
      const errors = parsed.ok ? {} : parsed.errors;

      const table = await matrixTable(req, snapshot, entry, filters);

      const legend = [...checklist.scale.levels.map((l) => ({ abbr: verdictAbbreviation(checklist.scale, l.code), label: l.label, cls: `v-${l.rank}` })), { abbr: '–', label: 'Niet beoordeeld', cls: 'v-none' }];
      // The page around the table (user, CSRF token) is rendered per request, with a marker
      // where the kept table bytes go; every value in the page is escaped, so data cannot
      // produce the marker.
      const page = await renderView(req, 'matrix/index', {
        ...base, ...res.locals, checklist, filters: parsed.ok ? filters : parsed.values, errors, tableHtml: TABLE_MARKER, legend,
        workflowGlyphs: WORKFLOW.filter((w) => WORKFLOW_GLYPH[w]).map((w) => ({ glyph: WORKFLOW_GLYPH[w], label: WORKFLOW_LABELS[w] })),
      });
      const at = page.indexOf(TABLE_MARKER);
      res.status(parsed.ok ? 200 : 400).type('html').send(Buffer.concat([Buffer.from(page.slice(0, at)), table, Buffer.from(page.slice(at + TABLE_MARKER.length))]));
    },
  },
];
