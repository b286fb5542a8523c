// The follow-up comparison and the trend: pages for every role, the comparison as CSV,
// spreadsheet and PDF, and the import of complaint statistics (editors of the inspection only).
import { sendDownload } from '../download';
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError } from '../../errors';
import { describeProblem, parseStatisticsCsv, StatisticsProblem, STATISTIC_COLUMNS, STATISTIC_LABELS } from '../../domain/statistics-csv';
import type { InspectionSummary } from '../../domain/inspection';
import { getInspection, listInspections, loadSnapshot } from '../../store/inspections.store';
import { replaceStatistics } from '../../store/national.store';
import { comparisonCsv, comparisonXlsx } from '../../reports/compare-export';
import { comparisonPdf } from '../../reports/compare-pdf';
import {
  comparisonFileName,
  comparisonTitle,
  directionWords,
  loadComparison,
  loadTrend,
  statisticsChartUrl,
} from '../../reports/compare.model';
import { RELATION_TEXT, criterionNumbers } from '../../reports/compare-rows';
import { inspectionFor } from '../inspection-access';
import { canEditInspection } from '../../domain/access';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { DIRECTIONS, mergeStatistics } from '../../domain/compare';

const id = z.string().regex(/^\d{1,12}$/, 'Kies een onderzoek uit de lijst.').transform(Number);
const compareQuery = z
  .object({
    eerder: id.optional(),
    later: id.optional(),
    motivaties: z.enum(['0', '1'], { message: 'motivaties is 0 of 1' }).optional(),
  })
  .strict();

function queryOf(req: Request) {
  const parsed = compareQuery.safeParse(req.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path[0];
    throw new AppError(400, issue.code === 'unrecognized_keys' ? 'Onbekende parameters in het adres.' : `${field === 'eerder' ? 'Eerder onderzoek' : field === 'later' ? 'Later onderzoek' : 'Adres'}: ${issue.message}`);
  }
  return parsed.data;
}

function inspectionOrBadRequest(req: Request, inspectionId: number, which: string): InspectionSummary {
  try {
    return getInspection(req.ctx.db, inspectionId);
  } catch {
    throw new AppError(400, `Het ${which} onderzoek bestaat niet; kies er een uit de lijst.`);
  }
}

/** Both ids given and existing, or a 400 that names what is missing. */
function pairFrom(req: Request) {
  const q = queryOf(req);
  if (q.eerder === undefined || q.later === undefined) throw new AppError(400, 'Kies een eerder en een later onderzoek om te vergelijken.');
  inspectionOrBadRequest(req, q.eerder, 'eerdere');
  inspectionOrBadRequest(req, q.later, 'latere');
  return { ...q, eerder: q.eerder, later: q.later };
}

/** Whether to offer the import form: the same right the POST route checks. */
function mayEdit(req: Request, inspection: InspectionSummary): boolean {
  return Boolean(req.user) && inspection.status !== 'vastgesteld' && canEditInspection(req.user!, inspection.team);
}

function pickerOptions(req: Request) {
  return listInspections(req.ctx.db).map((i) => ({ id: i.id, label: `${i.year} — ${i.title}${i.illustrative && !/illustratief/i.test(i.title) ? ' (illustratief)' : ''}`, predecessorId: i.predecessorId, checklists: i.checklists.map((c) => c.id) }));
}

function renderComparePage(req: Request, res: Response, status: number, locals: Record<string, unknown>) {
  res.status(status).render('compare/index', {
    title: 'Vergelijken',
    options: pickerOptions(req),
    cmp: null,
    error: null,
    selected: { eerder: null, later: null },
    showMotivations: false,
    dir: directionWords,
    relationText: RELATION_TEXT,
    criterionNumbers,
    directions: DIRECTIONS,
    chartUrl: null,
    canImportStatistics: false,
    statisticLabels: STATISTIC_LABELS,
    query: '',
    ...locals,
  });
}

const statsUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 1024 * 1024, files: 1, fields: 5, parts: 6 },
}).single('bestand');

/** Parse the upload; a parser error is kept for the page rather than ending the request. */
function parseStatsUpload(req: Request, res: Response, next: (err?: unknown) => void) {
  statsUpload(req, res, (err?: unknown) => {
    if (err) {
      res.locals.uploadError = (err as { code?: string }).code === 'LIMIT_FILE_SIZE' ? 'Het bestand is te groot; de grens is 1 MB.' : 'Het bestand kon niet worden ontvangen; voeg één CSV-bestand toe.';
      req.body ??= {};
    }
    next();
  });
}

/** A CSV is text: refuse what starts like a zip, PDF or other binary, whatever its name. */
function csvText(buf: Buffer): string | null {
  if (buf.includes(0)) return null;
  const head = buf.subarray(0, 4).toString('latin1');
  if (head.startsWith('PK') || head.startsWith('%PDF')) return null;
  const text = buf.toString('utf8');
  return text.includes('\ufffd') ? null : text;
}

function renderStatisticsPage(req: Request, res: Response, inspection: InspectionSummary, status: number, problems: StatisticsProblem[] | null, message: string | null) {
  const snapshot = loadSnapshot(req.ctx.db, inspection.id);
  res.status(status).render('compare/statistics', {
    title: `Klachtcijfers — ${inspection.title}`,
    inspection,
    rows: snapshot.statistics,
    chartUrl: statisticsChartUrl(mergeStatistics([snapshot])),
    canEdit: mayEdit(req, inspection),
    problems,
    message,
    describeProblem,
    columns: STATISTIC_COLUMNS,
    labels: STATISTIC_LABELS,
  });
}

const trendQuery = z
  .object({
    onderzoeken: z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string().regex(/^\d{1,12}(,\d{1,12})*$/, 'Geef onderzoeken als een lijst van nummers, gescheiden door komma’s.')).optional(),
    kader: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'Onbekend kader.').optional(),
  })
  .strict();

export const compareRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/vergelijken',
    access: EVERY_ROLE,
    summary: 'twee onderzoeken vergelijken',
    handler: (req, res) => {
      let q: ReturnType<typeof queryOf>;
      try { q = queryOf(req); } catch (e) {
        if (e instanceof AppError) return renderComparePage(req, res, 400, { error: e.message });
        throw e;
      }
      const selected = { eerder: q.eerder ?? null, later: q.later ?? null };
      if (selected.later !== null && selected.eerder === null) {
        // A follow-up compares with its predecessor unless the user chose otherwise.
        selected.eerder = listInspections(req.ctx.db).find((i) => i.id === selected.later)?.predecessorId ?? null;
      }
      if (q.eerder === undefined || q.later === undefined) return renderComparePage(req, res, 200, { selected });
      let cmp;
      try {
        inspectionOrBadRequest(req, q.eerder, 'eerdere');
        inspectionOrBadRequest(req, q.later, 'latere');
        cmp = loadComparison(req.ctx, q.eerder, q.later);
      } catch (e) {
        if (e instanceof AppError && e.status === 400) return renderComparePage(req, res, 400, { selected, error: e.message });
        throw e;
      }
      const later = getInspection(req.ctx.db, q.later);
      renderComparePage(req, res, 200, {
        title: comparisonTitle(cmp),
        cmp,
        selected,
        showMotivations: q.motivaties === '1',
        chartUrl: statisticsChartUrl(cmp.statistics),
        canImportStatistics: mayEdit(req, later),
        query: `eerder=${q.eerder}&later=${q.later}`,
      });
    },
  },
  {
    method: 'get',
    path: '/vergelijken.csv',
    access: EVERY_ROLE,
    summary: 'vergelijking als CSV',
    handler: (req, res) => {
      const q = pairFrom(req);
      const cmp = loadComparison(req.ctx, q.eerder, q.later);
      sendDownload(res, comparisonCsv(cmp, req.ctx.catalogue), 'text/csv; charset=utf-8', comparisonFileName(cmp, 'csv'));
    },
  },
  {
    method: 'get',
    path: '/vergelijken.xlsx',
    access: EVERY_ROLE,
    summary: 'vergelijking als spreadsheet',
    handler: async (req, res) => {
      const q = pairFrom(req);
      const cmp = loadComparison(req.ctx, q.eerder, q.later);
      const buf = await comparisonXlsx(cmp, req.ctx.catalogue);
      sendDownload(res, buf, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', comparisonFileName(cmp, 'xlsx'));
    },
  },
  {
    method: 'get',
    path: '/vergelijken.pdf',
    access: EVERY_ROLE,
    summary: 'vergelijking als PDF',
    handler: async (req, res) => {
      const q = pairFrom(req);
      const cmp = loadComparison(req.ctx, q.eerder, q.later);
      const pdf = await comparisonPdf(cmp, req.ctx.catalogue, { motivations: q.motivaties === '1' });
      sendDownload(res, pdf, 'application/pdf', comparisonFileName(cmp, 'pdf'));
    },
  },
  {
    method: 'get',
    path: '/trend',
    access: EVERY_ROLE,
    summary: 'trend over drie of meer onderzoeken',
    handler: (req, res) => {
      const all = listInspections(req.ctx.db);
      const checklists = [...req.ctx.catalogue.checklists.values()];
      const base = { title: 'Trend', options: pickerOptions(req), checklists, trend: null, error: null, selected: [] as number[], kader: '', dir: directionWords };
      const parsed = trendQuery.safeParse(req.query);
      if (!parsed.success) return res.status(400).render('compare/trend', { ...base, error: parsed.error.issues[0].code === 'unrecognized_keys' ? 'Onbekende parameters in het adres.' : parsed.error.issues[0].message });
      const { onderzoeken, kader } = parsed.data;
      let ids: number[] = [];
      if (onderzoeken) ids = onderzoeken.split(',').map(Number);
      else if (kader) {
        if (!req.ctx.catalogue.checklists.has(kader)) return res.status(400).render('compare/trend', { ...base, kader, error: 'Dit kader bestaat niet; kies er een uit de lijst.' });
        ids = all.filter((i) => i.checklists.some((c) => c.id === kader)).map((i) => i.id);
      }
      if (ids.length === 0) return res.render('compare/trend', base);
      try {
        for (const i of ids) inspectionOrBadRequest(req, i, 'gekozen');
        const trend = loadTrend(req.ctx, ids, kader);
        res.render('compare/trend', { ...base, title: `Trend ${trend.inspections.map((i) => i.year).join(' → ')}`, trend, selected: ids, kader: kader ?? '', chartUrl: statisticsChartUrl(trend.statistics) });
      } catch (e) {
        if (e instanceof AppError && e.status === 400) return res.status(400).render('compare/trend', { ...base, selected: ids, kader: kader ?? '', error: e.message });
        throw e;
      }
    },
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/statistieken',
    access: EVERY_ROLE,
    summary: 'klachtcijfers van een onderzoek',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'read');
      const n = typeof req.query.geimporteerd === 'string' && /^\d{1,6}$/.test(req.query.geimporteerd) ? Number(req.query.geimporteerd) : null;
      renderStatisticsPage(req, res, inspection, 200, null, n === null ? null : `${n} ${n === 1 ? 'rij' : 'rijen'} geïmporteerd; de vorige cijfers van dit onderzoek zijn vervangen.`);
    },
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/statistieken',
    access: EDITORS,
    multipart: true,
    before: [parseStatsUpload],
    summary: 'klachtcijfers importeren uit CSV',
    handler: (req, res) => {
      const inspection = inspectionFor(req, 'edit');
      const fail = (message: string) => renderStatisticsPage(req, res, inspection, 400, [{ row: 0, column: null, message }], null);
      const extra = Object.keys(req.body ?? {}).filter((k) => k !== '_csrf');
      if (extra.length > 0) return fail(`Onbekende velden: ${extra.join(', ')}`);
      if (res.locals.uploadError) return fail(res.locals.uploadError as string);
      const file = req.file;
      if (!file || file.size === 0) return fail('Kies een CSV-bestand om te importeren.');
      const text = csvText(file.buffer);
      if (text === null) return fail('Dit is geen tekstbestand (CSV in UTF-8); er is niets geïmporteerd.');
      const parsed = parseStatisticsCsv(text, req.ctx.catalogue.units.map((u) => u.code));
      if (!parsed.ok) return renderStatisticsPage(req, res, inspection, 400, parsed.problems, null);
      replaceStatistics(req.ctx.db, req.user!.email, inspection.id, parsed.rows);
      res.redirect(303, `/onderzoeken/${inspection.id}/statistieken?geimporteerd=${parsed.rows.length}`);
    },
  },
];
