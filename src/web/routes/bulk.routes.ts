// Bulk pages (src/app/bulk.ts): all criteria of one unit, or all units on one criterion, with one
// save. Fields are named `<field>.<row key>`; each row is validated on its own, so an invalid row
// keeps its input and its message while the valid rows are saved.
import type { Request } from 'express';
import { z } from 'zod';
import { BulkAddress, BulkChange, bulkView, openBulk, OpenedBulk, RowOutcome, saveBulk } from '../../app/bulk';
import { verdictCodes } from '../../app/cells';
import type { AccessMode } from '../../app/inspection-access';
import type { Checklist } from '../../domain/checklist';
import type { VerdictRecord } from '../../domain/inspection';
import { WORKFLOW } from '../../domain/vocabulary';
import { notFound } from '../../errors';
import { dutchNumber, Noun, plural, url } from '../../present';
import { FieldErrors, parseForm } from '../forms';
import { Answer, bodyOf, Hc, idParam, withUser } from '../handler';
import { textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const UNIT_PAGE = '/onderzoeken/:inspectionId/eenheden/:unitCode/oordelen';
const CRITERION_PAGE = '/onderzoeken/:inspectionId/criteria/:checklistId/:criterionId/oordelen';
const FIELDS = ['verdict', 'motivation', 'workflow', 'version', 'shown'] as const;

function param(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string') throw notFound('Niet gevonden');
  return v;
}

function unitAddress(req: Request): BulkAddress {
  const checklist = req.query.checklist;
  return {
    inspectionId: idParam(req, 'inspectionId', 'Onderzoek niet gevonden'),
    checklistId: typeof checklist === 'string' ? checklist : '',
    axis: { kind: 'unit', unit: param(req, 'unitCode') },
  };
}

function criterionAddress(req: Request): BulkAddress {
  return {
    inspectionId: idParam(req, 'inspectionId', 'Onderzoek niet gevonden'),
    checklistId: param(req, 'checklistId'),
    axis: { kind: 'criterion', criterionId: param(req, 'criterionId') },
  };
}

interface BulkHc extends Hc {
  bulk: OpenedBulk;
}

const pageUrl = ({ inspection, checklist, axis }: OpenedBulk) =>
  axis.kind === 'unit' ? url.unitVerdicts(inspection.id, axis.unit, checklist.id) : url.criterionVerdicts(inspection.id, checklist.id, axis.criterionId);

/** What a posted row brought back to the page: the user's input, its messages, or a conflict. */
interface RowState {
  values: Record<string, string>;
  errors?: FieldErrors;
  conflict?: VerdictRecord;
}

interface BulkForm {
  rows: Map<string, RowState>;
  /** A problem with the whole post (unknown fields): nothing was saved. */
  formError?: string;
  summary?: string;
}

const ROWS: Noun = { one: 'rij', many: 'rijen' };
const CONFLICTS: Noun = { one: 'conflict', many: 'conflicten' };
const ERRORS: Noun = { one: 'fout', many: 'fouten' };
const tally = (n: number, noun: Noun) => `${dutchNumber(n)} ${plural(n, noun)}`;
const summaryOf = (saved: number, conflicts: number, errors: number) =>
  `${tally(saved, ROWS)} opgeslagen, ${tally(conflicts, CONFLICTS)}, ${tally(errors, ERRORS)}`;

function render({ req, res, ctx, user, bulk }: BulkHc, status = 200, form: BulkForm = { rows: new Map() }) {
  const saved = req.query.opgeslagen;
  res.status(status).render('bulk/page', {
    title: `Oordelen · ${bulk.subject} · ${bulk.inspection.title}`,
    ...bulkView(ctx, user, bulk),
    pageUrl: pageUrl(bulk),
    form,
    summary: form.summary ?? (typeof saved === 'string' && /^\d{1,6}$/.test(saved) ? summaryOf(Number(saved), 0, 0) : ''),
  });
}

function withBulk(address: (req: Request) => BulkAddress, mode: AccessMode, fn: (hc: BulkHc) => Answer) {
  return withUser((hc) => fn({ ...hc, bulk: openBulk(hc.ctx, hc.user, address(hc.req), mode) }));
}

function rowSchema(checklist: Checklist) {
  return z
    .object({
      verdict: z.enum(verdictCodes(checklist), { error: 'Kies een oordeel uit de schaal van deze checklist.' }),
      motivation: textField('De motivering', 50_000),
      workflow: z.enum(WORKFLOW, { error: 'Kies een status.' }),
      version: versionField,
      shown: z.string().regex(/^[0-9a-f]{16}$/, 'Ongeldige rij; laad de pagina opnieuw.').optional(),
    })
    .strict();
}

/** Split the body into rows by key; a field of no row on this page refuses the whole post. */
function rowsOf(bulk: OpenedBulk, body: Record<string, unknown>): { rows: Map<string, Record<string, unknown>>; unknown: string[] } {
  const keys = new Set(bulk.rows.map((r) => r.key));
  const rows = new Map<string, Record<string, unknown>>();
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    const dot = name.indexOf('.');
    const field = name.slice(0, dot);
    const key = name.slice(dot + 1);
    if (dot < 0 || !(FIELDS as readonly string[]).includes(field) || !keys.has(key)) {
      unknown.push(name);
      continue;
    }
    rows.set(key, { ...rows.get(key), [field]: value });
  }
  return { rows, unknown };
}

const asText = (raw: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : '']));

function saveBulkPage(hc: BulkHc): void {
  const { bulk } = hc;
  const body = bodyOf(hc.req);
  delete body._csrf;
  const { rows, unknown } = rowsOf(bulk, body);
  if (unknown.length > 0) {
    render(hc, 400, { rows: new Map(), formError: `Onbekende velden: ${unknown.slice(0, 5).join(', ')}. Er is niets opgeslagen; laad de pagina opnieuw.` });
    return;
  }
  const schema = rowSchema(bulk.checklist);
  const states = new Map<string, RowState>();
  const valid = new Map<string, BulkChange>();
  for (const [key, raw] of rows) {
    const parsed = parseForm(schema, raw);
    if (parsed.ok) valid.set(key, parsed.data);
    else states.set(key, { values: asText(raw), errors: parsed.errors });
  }
  const outcomes: Map<string, RowOutcome> = saveBulk(hc.ctx, hc.user, bulk, valid);
  let saved = 0;
  for (const [key, outcome] of outcomes) {
    if (outcome.kind === 'saved') saved++;
    if (outcome.kind === 'conflict') states.set(key, { values: asText(rows.get(key) ?? {}), conflict: outcome.current });
  }
  const conflicts = [...states.values()].filter((s) => s.conflict).length;
  const errors = states.size - conflicts;
  if (states.size === 0) {
    hc.res.redirect(303, `${pageUrl(bulk)}${pageUrl(bulk).includes('?') ? '&' : '?'}opgeslagen=${saved}`);
    return;
  }
  render(hc, errors > 0 ? 400 : 409, { rows: states, summary: summaryOf(saved, conflicts, errors) });
}

export const bulkRoutes: RouteDef[] = [
  {
    method: 'get',
    path: UNIT_PAGE,
    access: EVERY_ROLE,
    summary: 'alle criteria van één eenheid op één pagina',
    handler: withBulk(unitAddress, 'read', (hc) => { render(hc); }),
  },
  {
    method: 'post',
    path: UNIT_PAGE,
    access: EDITORS,
    summary: 'oordelen van alle criteria van één eenheid opslaan',
    handler: withBulk(unitAddress, 'edit', saveBulkPage),
  },
  {
    method: 'get',
    path: CRITERION_PAGE,
    access: EVERY_ROLE,
    summary: 'alle eenheden op één criterium op één pagina',
    handler: withBulk(criterionAddress, 'read', (hc) => { render(hc); }),
  },
  {
    method: 'post',
    path: CRITERION_PAGE,
    access: EDITORS,
    summary: 'oordelen van alle eenheden op één criterium opslaan',
    handler: withBulk(criterionAddress, 'edit', saveBulkPage),
  },
];
