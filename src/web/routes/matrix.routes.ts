// The matrix page: the filters are parsed here, the model comes from src/app/matrix.ts, and the
// rendered table is kept per snapshot so an unchanged inspection costs no second rendering.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { InspectionSnapshot } from '../../domain/inspection';
import { filterChoices, MatrixChecklist, MatrixFilters, matrixLegend, matrixTable, NO_FILTERS, openMatrix } from '../../app/matrix';
import { parseForm } from '../forms';
import { withInspection } from '../handler';
import { EVERY_ROLE, RouteDef } from '../route-table';

function filterSchema(snapshot: InspectionSnapshot, entry: MatrixChecklist) {
  const choices = filterChoices(snapshot, entry.checklist);
  const opt = (values: string[], message: string) =>
    z.string().optional().transform((s) => s ?? '').refine((s) => s === '' || values.includes(s), message);
  return z
    .object({
      checklist: z.string().optional(),
      eenheid: opt(choices.eenheid, 'Deze eenheid hoort niet bij het onderzoek.'),
      groep: opt(choices.groep, 'Kies een onderdeel uit de lijst.'),
      oordeel: opt(choices.oordeel, 'Kies een oordeel uit de lijst.'),
      status: opt(choices.status, 'Kies een status uit de lijst.'),
    })
    .strict();
}

/**
 * The table's HTML, kept per snapshot and filter: the store hands out the same frozen snapshot
 * while the inspection is unchanged, so viewing the matrix again costs no view model and no
 * template run (6,000 cells took ~250 ms of a request). A few filters per snapshot are kept.
 * Kept as UTF-8 bytes: encoding 1.8 MB of HTML again was most of what a repeated view still cost.
 */
const TABLES_PER_SNAPSHOT = 8;
const TABLE_MARKER = '<!--toetsing:matrix-table-->';

function renderView(req: Request, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    req.app.render(view, locals, (err: Error | null, out: string) => {
      if (err) reject(err);
      else resolve(out);
    });
  });
}
const tables = new WeakMap<InspectionSnapshot, Map<string, Buffer>>();

async function tableHtml(req: Request, snapshot: InspectionSnapshot, entry: MatrixChecklist, filters: MatrixFilters): Promise<Buffer> {
  const key = JSON.stringify([entry.checklist.id, filters.eenheid, filters.groep, filters.oordeel, filters.status]);
  const kept = Object.isFrozen(snapshot) ? tables.get(snapshot) ?? new Map<string, Buffer>() : null;
  const hit = kept?.get(key);
  if (hit !== undefined) return hit;
  const html = Buffer.from(await renderView(req, 'matrix/_table', matrixTable(req.ctx, snapshot, entry, filters)));
  if (kept) {
    const oldest = kept.keys().next();
    if (kept.size >= TABLES_PER_SNAPSHOT && !oldest.done) kept.delete(oldest.value);
    kept.set(key, html);
    tables.set(snapshot, kept);
  }
  return html;
}

/**
 * A body in parts, written one after the other under one Content-Length: the kept table (1.8 MB
 * on the large data) goes out as it is, where joining the parts into one buffer copied it on
 * every view and left that much garbage behind each request.
 */
function sendParts(res: Response, parts: Buffer[]): void {
  res.setHeader('Content-Length', String(parts.reduce((n, p) => n + p.length, 0)));
  for (const p of parts.slice(0, -1)) res.write(p);
  res.end(parts.at(-1));
}

export const matrixRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/matrix',
    access: EVERY_ROLE,
    summary: 'matrix van eenheden × criteria met roll-ups',
    handler: withInspection('read', async ({ req, res, ctx, user, inspection }) => {
      const q = req.query as Record<string, unknown>;
      const m = openMatrix(ctx, user, inspection, typeof q.checklist === 'string' ? q.checklist : '');
      const base = { title: `Matrix · ${inspection.title}`, inspection, canEdit: m.canEdit, checklists: m.checklists };
      if (!m.entry) {
        res.render('matrix/index', { ...base, checklist: null, filters: {}, errors: {}, tableHtml: '', legend: [] });
        return;
      }
      const parsed = parseForm(filterSchema(m.snapshot, m.entry), q);
      const filters = parsed.ok ? parsed.data : NO_FILTERS;
      const table = await tableHtml(req, m.snapshot, m.entry, filters);

      // The page around the table (user, CSRF token) is rendered per request, with a marker
      // where the kept table bytes go; every value in the page is escaped, so data cannot
      // produce the marker.
      const page = await renderView(req, 'matrix/index', {
        ...base, ...res.locals, ...matrixLegend(m.entry.checklist), checklist: m.entry.checklist,
        filters: parsed.ok ? filters : parsed.values, errors: parsed.ok ? {} : parsed.errors, tableHtml: TABLE_MARKER,
      });
      const at = page.indexOf(TABLE_MARKER);
      sendParts(res.status(parsed.ok ? 200 : 400).type('html'), [Buffer.from(page.slice(0, at)), table, Buffer.from(page.slice(at + TABLE_MARKER.length))]);
    }),
  },
];
