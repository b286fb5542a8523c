// The cell page: one unit × one criterion. Verdict, motivation and workflow are saved against the
// version the user saw; a stale save answers 409 with the stored version and the user's input.
import { serialize } from 'cookie';
import type { Request } from 'express';
import { z } from 'zod';
import type { Checklist } from '../../domain/checklist';
import { WORKFLOW } from '../../domain/vocabulary';
import { CellAddress, cellSourcesView, cellView, linkCellEvidence, NextBy, nextCellHref, OpenedCell, resolveCell, saveCell, unlinkCellEvidence, verdictCodes } from '../../app/cells';
import type { AccessMode } from '../../app/inspection-access';
import { unitNameOf } from '../../domain/units';
import { invalid, notFound } from '../../errors';
import { url } from '../../present';
import { Answer, Hc, idParam, runForm, withUser } from '../handler';
import { FormState, idField, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { cookieOptions } from '../session';

const CELL = '/onderzoeken/:inspectionId/cellen/:checklistId/:criterionId/:unitCode';

/** The cell a route under CELL is about. */
export function cellAddress(req: Request): CellAddress {
  const part = (name: string): string => {
    const v = req.params[name];
    if (typeof v !== 'string') throw notFound('Deze cel bestaat niet in dit onderzoek');
    return v;
  };
  return { inspectionId: idParam(req, 'inspectionId', 'Onderzoek niet gevonden'), checklistId: part('checklistId'), criterionId: part('criterionId'), unit: part('unitCode') };
}

export interface CellHc extends Hc {
  cell: OpenedCell;
}

/** A handler with the route's cell opened in `mode`. */
export function withCell(mode: AccessMode, fn: (hc: CellHc) => Answer) {
  return withUser((hc) => fn({ ...hc, cell: resolveCell(hc.ctx, hc.user, cellAddress(hc.req), mode) }));
}

/** The cookie that remembers which way "Opslaan en volgende" goes (a preference, not a secret). */
const NEXT_COOKIE = 'toetsing_volgende';
const NEXT_BY = ['eenheid', 'criterium'] as const;
const nextByOf = (v: unknown): NextBy => (v === 'criterium' ? 'criterium' : 'eenheid');

const SAVED_MESSAGES: Record<string, string> = {
  '1': 'Het oordeel is opgeslagen.',
  vorige: 'Het oordeel van de vorige cel is opgeslagen. Dit is de volgende cel.',
  laatste: 'Het oordeel is opgeslagen. Dit was de laatste cel in deze richting.',
  gekoppeld: 'De bron is gekoppeld en uw oordeel is bewaard.',
  bron: 'De nieuwe bron is toegevoegd en aan deze cel gekoppeld.',
  koppeling: 'De bron is gekoppeld.',
};

// The sources page: a search over every source of the inspection, a page at a time.
const pageNumber = z.string().regex(/^\d{1,6}$/, 'Het paginanummer moet een getal zijn.').transform(Number);
const searchText = z.string().max(200, 'De zoekopdracht mag hoogstens 200 tekens zijn.');
const sourcesQuery = z.object({ zoek: searchText.optional(), pagina: pageNumber.optional() }).strict();

function sourcesQueryOf(req: Request) {
  const parsed = sourcesQuery.safeParse(req.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') throw invalid('Onbekende parameters in het adres.');
    throw invalid(`${issue.path[0] === 'zoek' ? 'Zoeken' : 'Pagina'}: ${issue.message}`, typeof issue.path[0] === 'string' ? issue.path[0] : undefined);
  }
  return { zoek: (parsed.data.zoek ?? '').trim(), pagina: parsed.data.pagina ?? 1 };
}

function renderSources(hc: CellHc, status = 200, form: FormState = noForm) {
  const { req, res, ctx, user, cell } = hc;
  // After a refused link the search and page come back in the form, not in the address.
  const q = form.key === 'sources'
    ? { zoek: typeof form.values.zoek === 'string' ? form.values.zoek.slice(0, 200).trim() : '', pagina: Number(form.values.pagina) || 1 }
    : sourcesQueryOf(req);
  res.status(status).render('cell/sources', {
    title: `Bron koppelen · ${cell.checklist.shortTitle} ${cell.criterion.number} · ${cell.key.unit}`,
    ...cellSourcesView(ctx, user, cell, q),
    form,
  });
}

const sourcesSchema = z
  .object({
    // No radio chosen sends no field at all: the same message as an empty choice.
    evidenceId: z.preprocess((v) => v ?? '', idField('een bron')),
    excerpt: textField('Het citaat', 20_000),
    zoek: searchText.optional(),
    pagina: z.string().max(6).optional(),
  })
  .strict();

export function renderCell({ req, res, ctx, user, cell }: CellHc, status = 200, form: FormState = noForm) {
  const saved = typeof req.query.opgeslagen === 'string' ? SAVED_MESSAGES[req.query.opgeslagen] : undefined;
  res.status(status).render('cell/show', {
    title: `${cell.checklist.shortTitle} ${cell.criterion.number} · ${unitNameOf(ctx.catalogue, cell.inspection, cell.key.unit)}`,
    ...cellView(ctx, user, cell),
    form,
    saved: saved ?? null,
    nextBy: nextByOf(req.cookieValues[NEXT_COOKIE]),
  });
}

/** The fields of the verdict form itself. */
function verdictFields(checklist: Checklist) {
  return {
    verdict: z.enum(verdictCodes(checklist), { error: 'Kies een oordeel.' }),
    motivation: textField('De motivering', 50_000),
    workflow: z.enum(WORKFLOW, { error: 'Kies een status.' }),
    version: versionField,
  };
}

// The new-link fields belong to the verdict form (so "Koppelen" can send the typed verdict too);
// a plain save ignores them. `actie=volgende` is the "Opslaan en volgende" button.
function verdictSchema(checklist: Checklist) {
  return z
    .object({
      ...verdictFields(checklist),
      volgende: z.enum(NEXT_BY).optional(),
      actie: z.literal('volgende').optional(),
      evidenceId: z.string().max(20).optional(),
      excerpt: z.string().max(20_000).optional(),
    })
    .strict();
}

// A link form sends the source and excerpt; the new-link button also sends the verdict form.
function linkSchema(checklist: Checklist) {
  const v = verdictFields(checklist);
  return z
    .object({
      evidenceId: idField('een bron'),
      excerpt: textField('Het citaat', 20_000),
      verdict: v.verdict.optional(),
      motivation: v.motivation.optional(),
      workflow: v.workflow.optional(),
      version: v.version.optional(),
      volgende: z.enum(NEXT_BY).optional(),
    })
    .strict();
}

const cellUrl = ({ key }: OpenedCell) => url.cell(key.inspectionId, key.checklist, key.criterion, key.unit);

export const cellRoutes: RouteDef[] = [
  {
    method: 'get',
    path: CELL,
    access: EVERY_ROLE,
    summary: 'cel: oordeel, motivering en bronnen van één eenheid op één criterium',
    handler: withCell('read', (hc) => { renderCell(hc); }),
  },
  {
    method: 'post',
    path: CELL,
    access: EDITORS,
    summary: 'oordeel van een cel opslaan',
    handler: withCell('edit', (hc) =>
      runForm(hc, {
        key: 'verdict',
        schema: verdictSchema(hc.cell.checklist),
        act: ({ req, res, ctx, user, cell }, { volgende, actie, evidenceId: _e, excerpt: _x, ...change }) => {
          saveCell(ctx, user, cell, change);
          if (actie !== 'volgende') return `${cellUrl(cell)}?opgeslagen=1#oordeel`;
          const by = nextByOf(volgende);
          res.append('Set-Cookie', serialize(NEXT_COOKIE, by, cookieOptions(Boolean(req.app.get('secureCookies')), 365 * 24 * 3600)));
          const next = nextCellHref(cell, by);
          return next ? `${next}?opgeslagen=vorige#oordeel` : `${cellUrl(cell)}?opgeslagen=laatste#oordeel`;
        },
        render: renderCell,
      })),
  },
  {
    method: 'post',
    path: `${CELL}/koppelingen`,
    access: EDITORS,
    summary: 'bron aan een cel koppelen of het citaat wijzigen',
    handler: withCell('edit', (hc) =>
      runForm(hc, {
        // Each linked source has its own form on the page; the new-link form is part of the
        // verdict form, so its messages (and a stale verdict) show there with the input kept.
        key: (body) => ('verdict' in body ? 'verdict' : `link:${typeof body.evidenceId === 'string' ? body.evidenceId : ''}`),
        schema: linkSchema(hc.cell.checklist),
        act: ({ ctx, user, cell }, { evidenceId, excerpt, verdict, motivation, workflow, version }) => {
          const change = verdict !== undefined && motivation !== undefined && workflow !== undefined && version !== undefined ? { verdict, motivation, workflow, version } : undefined;
          linkCellEvidence(ctx, user, cell, evidenceId, excerpt, change);
          return change ? `${cellUrl(cell)}?opgeslagen=gekoppeld#bronnen` : `${cellUrl(cell)}#bronnen`;
        },
        render: renderCell,
      })),
  },
  {
    method: 'get',
    path: `${CELL}/bronnen`,
    access: EDITORS,
    summary: 'alle bronnen van het onderzoek doorzoeken om er een aan een cel te koppelen',
    handler: withCell('edit', (hc) => { renderSources(hc); }),
  },
  {
    method: 'post',
    path: `${CELL}/bronnen`,
    access: EDITORS,
    summary: 'een gevonden bron aan een cel koppelen en terug naar de cel',
    handler: withCell('edit', (hc) =>
      runForm(hc, {
        key: 'sources',
        schema: sourcesSchema,
        act: ({ ctx, user, cell }, { evidenceId, excerpt }) => {
          linkCellEvidence(ctx, user, cell, evidenceId, excerpt);
          return `${cellUrl(cell)}?opgeslagen=koppeling#bronnen`;
        },
        render: renderSources,
      })),
  },
  {
    method: 'post',
    path: `${CELL}/koppelingen/:evidenceId/verwijderen`,
    access: EDITORS,
    summary: 'koppeling tussen bron en cel verwijderen',
    handler: withCell('edit', ({ req, res, ctx, user, cell }) => {
      unlinkCellEvidence(ctx, user, cell, idParam(req, 'evidenceId', 'Bron niet gevonden'));
      res.redirect(303, `${cellUrl(cell)}#bronnen`);
    }),
  },
];
