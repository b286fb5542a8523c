// The follow-up comparison and the trend: pages for every role, the comparison as CSV,
// spreadsheet and PDF, and the import of complaint statistics (editors of the inspection only).
// The use cases are in src/app/compare.ts; an `invalid` choice shows on the page itself (400).
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import {
  comparisonFile,
  comparisonGroupsFile,
  ComparisonFormat,
  comparisonSelection,
  comparisonView,
  importStatistics,
  inspectionChoices,
  statisticsView,
  trendFile,
  type TrendFormat,
  trendSelection,
  trendView,
} from '../../app/compare';
import { DIRECTIONS } from '../../domain/comparison/vocabulary';
import { describeProblem, StatisticsProblem, STATISTIC_COLUMNS, STATISTIC_LABELS } from '../../domain/statistics-csv';
import { invalid, isKind } from '../../errors';
import { count, url } from '../../present';
import { criterionNumbers, RELATION_TEXT } from '../../reports/compare-rows';
import { directionWords } from '../../reports/compare.model';
import { pointView, shareText } from '../../reports/trend.model';
import { sendDownload } from '../download';
import { bodyOf, Hc, InspectionHc, withInspection, withUser } from '../handler';
import { httpStatus } from '../http-errors';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const id = z.string().regex(/^\d{1,12}$/, 'Kies een onderzoek uit de lijst.').transform(Number);
const compareQuery = z
  .object({
    eerder: id.optional(),
    later: id.optional(),
    motivaties: z.enum(['0', '1'], { error: 'motivaties is 0 of 1' }).optional(),
  })
  .strict();

function queryOf(req: Request) {
  const parsed = compareQuery.safeParse(req.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    if (issue.code === 'unrecognized_keys') throw invalid('Onbekende parameters in het adres.');
    throw invalid(`${field === 'eerder' ? 'Eerder onderzoek' : field === 'later' ? 'Later onderzoek' : 'Adres'}: ${issue.message}`, field);
  }
  return parsed.data;
}

/** Both ids given, or an `invalid` error that says what is missing. */
function pairFrom(req: Request) {
  const q = queryOf(req);
  if (q.eerder === undefined || q.later === undefined) throw invalid('Kies een eerder en een later onderzoek om te vergelijken.');
  return { pair: { earlier: q.eerder, later: q.later }, motivations: q.motivaties === '1' };
}

function renderComparePage(hc: Hc, status: number, locals: Record<string, unknown>) {
  hc.res.status(status).render('compare/index', {
    title: 'Vergelijken',
    options: inspectionChoices(hc.ctx),
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

const CONTENT_TYPES: Record<ComparisonFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function comparisonDownload(format: ComparisonFormat) {
  return withUser(async (hc) => {
    const q = pairFrom(hc.req);
    const file = await comparisonFile(hc.ctx, hc.user, q.pair, format, { motivations: q.motivations });
    sendDownload(hc.res, file.content, CONTENT_TYPES[format], file.fileName);
  });
}

const trendQuery = z
  .object({
    onderzoeken: z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string().regex(/^\d{1,12}(,\d{1,12})*$/, 'Geef onderzoeken als een lijst van nummers, gescheiden door komma’s.')).optional(),
    kader: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'Onbekend kader.').optional(),
  })
  .strict();

/** The trend's choice from the address: inspection ids, or a checklist whose inspections all count. */
function trendChoiceOf(req: Request): { onderzoeken?: number[]; kader?: string } {
  const parsed = trendQuery.safeParse(req.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.code === 'unrecognized_keys' ? 'Onbekende parameters in het adres.' : issue.message);
  }
  const { onderzoeken, kader } = parsed.data;
  return { onderzoeken: onderzoeken?.split(',').map(Number), kader };
}

const TREND_CONTENT_TYPES: Record<TrendFormat, string> = { pdf: CONTENT_TYPES.pdf, xlsx: CONTENT_TYPES.xlsx };

function trendDownload(format: TrendFormat) {
  return withUser(async (hc) => {
    const choice = trendChoiceOf(hc.req);
    const ids = trendSelection(hc.ctx, { inspectionIds: choice.onderzoeken, checklist: choice.kader });
    const file = await trendFile(hc.ctx, hc.user, ids, format, choice.kader);
    sendDownload(hc.res, file.content, TREND_CONTENT_TYPES[format], file.fileName);
  });
}

function renderTrendPage(hc: Hc, status: number, locals: Record<string, unknown>) {
  hc.res.status(status).render('compare/trend', {
    title: 'Trend',
    options: inspectionChoices(hc.ctx),
    checklists: [...hc.ctx.catalogue.checklists.values()],
    trend: null,
    model: null,
    error: null,
    compareLink: null,
    downloads: null,
    pointView,
    shareText,
    selected: [],
    kader: '',
    dir: directionWords,
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

/** The uploaded CSV's text, or why there is none to import. */
function uploadedCsv(hc: InspectionHc): { text: string } | { problem: string } {
  const extra = Object.keys(bodyOf(hc.req)).filter((k) => k !== '_csrf');
  if (extra.length > 0) return { problem: `Onbekende velden: ${extra.join(', ')}` };
  if (hc.res.locals.uploadError) return { problem: hc.res.locals.uploadError as string };
  const file = hc.req.file;
  if (!file || file.size === 0) return { problem: 'Kies een CSV-bestand om te importeren.' };
  const text = csvText(file.buffer);
  return text === null ? { problem: 'Dit is geen tekstbestand (CSV in UTF-8); er is niets geïmporteerd.' } : { text };
}

function renderStatisticsPage(hc: InspectionHc, status: number, problems: StatisticsProblem[] | null, message: string | null) {
  const view = statisticsView(hc.ctx, hc.user, hc.inspection.id);
  hc.res.status(status).render('compare/statistics', {
    title: `Klachtcijfers — ${view.inspection.title}`,
    ...view,
    problems,
    message,
    describeProblem,
    columns: STATISTIC_COLUMNS,
    labels: STATISTIC_LABELS,
  });
}

export const compareRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/vergelijken',
    access: EVERY_ROLE,
    summary: 'twee onderzoeken vergelijken',
    handler: withUser((hc) => {
      let selected: { eerder: number | null; later: number | null } = { eerder: null, later: null };
      let locals: Record<string, unknown>;
      try {
        const q = queryOf(hc.req);
        const s = comparisonSelection(hc.ctx, { earlier: q.eerder, later: q.later });
        selected = { eerder: s.earlier, later: s.later };
        locals = q.eerder === undefined || q.later === undefined
          ? { selected }
          : { ...comparisonView(hc.ctx, hc.user, { earlier: q.eerder, later: q.later }), selected, showMotivations: q.motivaties === '1', query: `eerder=${q.eerder}&later=${q.later}` };
      } catch (e) {
        if (!isKind(e, 'invalid')) throw e;
        renderComparePage(hc, httpStatus(e.kind), { selected, error: e.message });
        return;
      }
      renderComparePage(hc, 200, locals);
    }),
  },
  {
    method: 'get',
    path: '/vergelijken.csv',
    access: EVERY_ROLE,
    summary: 'vergelijking als CSV',
    handler: comparisonDownload('csv'),
  },
  {
    method: 'get',
    path: '/vergelijken-toezeggingen.csv',
    access: EVERY_ROLE,
    summary: 'vergelijking per toezegging (landelijk en per eenheid) als CSV',
    handler: withUser((hc) => {
      const q = pairFrom(hc.req);
      const file = comparisonGroupsFile(hc.ctx, hc.user, q.pair);
      sendDownload(hc.res, file.content, CONTENT_TYPES.csv, file.fileName);
    }),
  },
  {
    method: 'get',
    path: '/vergelijken.xlsx',
    access: EVERY_ROLE,
    summary: 'vergelijking als spreadsheet',
    handler: comparisonDownload('xlsx'),
  },
  {
    method: 'get',
    path: '/vergelijken.pdf',
    access: EVERY_ROLE,
    summary: 'vergelijking als PDF',
    handler: comparisonDownload('pdf'),
  },
  {
    method: 'get',
    path: '/vergelijken.docx',
    access: EVERY_ROLE,
    summary: 'vergelijking als Word-document',
    handler: comparisonDownload('docx'),
  },
  {
    method: 'get',
    path: '/trend',
    access: EVERY_ROLE,
    summary: 'trend over drie of meer onderzoeken',
    handler: withUser((hc) => {
      const parsed = trendQuery.safeParse(hc.req.query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        renderTrendPage(hc, httpStatus('invalid'), { error: issue.code === 'unrecognized_keys' ? 'Onbekende parameters in het adres.' : issue.message });
        return;
      }
      const { onderzoeken, kader } = parsed.data;
      let selected: number[] = [];
      let locals: Record<string, unknown>;
      try {
        selected = trendSelection(hc.ctx, { inspectionIds: onderzoeken?.split(',').map(Number), checklist: kader });
        const choice = onderzoeken === undefined ? { kader } : { onderzoeken: selected, kader };
        locals = selected.length === 0 ? {} : {
          ...trendView(hc.ctx, hc.user, selected, kader), selected, kader: kader ?? '',
          downloads: { pdf: url.trendFile('pdf', choice), xlsx: url.trendFile('xlsx', choice) },
        };
      } catch (e) {
        if (!isKind(e, 'invalid')) throw e;
        // Two inspections are a comparison: the message links to it.
        const compareLink = selected.length === 2 ? url.comparison({ eerder: selected[0], later: selected[1] }) : null;
        renderTrendPage(hc, httpStatus(e.kind), { selected, kader: kader ?? '', error: e.message, compareLink });
        return;
      }
      renderTrendPage(hc, 200, locals);
    }),
  },
  {
    method: 'get',
    path: '/trend.pdf',
    access: EVERY_ROLE,
    summary: 'trend als PDF',
    handler: trendDownload('pdf'),
  },
  {
    method: 'get',
    path: '/trend.xlsx',
    access: EVERY_ROLE,
    summary: 'trend als spreadsheet',
    handler: trendDownload('xlsx'),
  },
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/statistieken',
    access: EVERY_ROLE,
    summary: 'klachtcijfers van een onderzoek',
    handler: withInspection('read', (hc) => {
      const raw = hc.req.query.geimporteerd;
      const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : null;
      renderStatisticsPage(hc, 200, null, n === null ? null : `${count(n, { one: 'rij', many: 'rijen' })} geïmporteerd; de vorige cijfers van dit onderzoek zijn vervangen.`);
    }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/statistieken',
    access: EDITORS,
    multipart: true,
    before: [parseStatsUpload],
    summary: 'klachtcijfers importeren uit CSV',
    // Not the generic form cycle: the page lists every problem of the file with its row and column.
    handler: withInspection('edit', (hc) => {
      const upload = uploadedCsv(hc);
      const result = 'problem' in upload ? { ok: false as const, problems: [{ row: 0, column: null, message: upload.problem }] } : importStatistics(hc.ctx, hc.user, hc.inspection.id, upload.text);
      if (result.ok) hc.res.redirect(303, `${url.statistics(hc.inspection.id)}?geimporteerd=${result.rows}`);
      else renderStatisticsPage(hc, httpStatus('invalid'), result.problems, null);
    }),
  },
];
