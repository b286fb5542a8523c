// Organisaties: every signed-in user reads the organisations with the versions of their units and
// downloads a version as YAML; a beheerder uploads a units file or edits the current set in a
// table, sees a preview (added / renamed / removed / kind changed) and publishes it
// (src/app/unit-uploads.ts). A bad file or table is ordinary input: the page again with every
// problem and the user's input, status 400, nothing published.
import type { Request } from 'express';
import { z } from 'zod';
import {
  EditorRow, MAX_ROWS, organisationPage, organisationsPage, previewEditedUnits, previewUnitsUpload, publishPreviewedUnits, UnitsPreview,
  unitsEditor, versionFile,
} from '../../app/unit-uploads';
import { notFound } from '../../errors';
import { url } from '../../present';
import { sendDownload } from '../download';
import { parseForm } from '../forms';
import { bodyOf, Hc, withUser } from '../handler';
import { ADMINS, EVERY_ROLE, RouteDef } from '../route-table';
import { parseUpload, uploadError, UPLOAD_FIELD } from '../uploads';
import { ORGANISATION_CODE } from '../../domain/units';

const YAML_MIME = 'application/yaml; charset=utf-8';

interface ListState { message?: string; problems?: string[] }

function renderList(hc: Hc, status = 200, state: ListState = {}): void {
  hc.res.status(status).render('organisations/index', {
    title: 'Organisaties',
    ...organisationsPage(hc.ctx, hc.user),
    uploadField: UPLOAD_FIELD,
    message: state.message ?? '',
    problems: state.problems ?? [],
  });
}

/** The :organisationCode of a route; anything malformed is not found. */
function codeParam(req: Request): string {
  const code = req.params.organisationCode;
  if (typeof code !== 'string' || !ORGANISATION_CODE.test(code)) throw notFound('Organisatie niet gevonden');
  return code;
}

function versionParam(req: Request): number {
  const v = req.params.unitSetVersion;
  if (typeof v !== 'string' || !/^[1-9]\d{0,8}$/.test(v)) throw notFound('Versie niet gevonden');
  return Number(v);
}

function renderOrganisation(hc: Hc, code: string): void {
  const page = organisationPage(hc.ctx, hc.user, code);
  const q = hc.req.query;
  const published = typeof q.gepubliceerd === 'string' && page.versions.some((v) => String(v.version) === q.gepubliceerd) ? q.gepubliceerd : '';
  hc.res.render('organisations/show', { title: `Organisatie: ${page.name}`, ...page, published, unchanged: q.ongewijzigd === '1', addresseeOnly: q.aanbevelingen === '1', listUrl: url.organisations() });
}

function renderPreview(hc: Hc, preview: UnitsPreview): void {
  hc.res.render('organisations/preview', { title: `Voorbeeld: eenheden van ${preview.file.organisation}`, preview, publishUrl: url.unitsPublish(), listUrl: url.organisations() });
}

function previewUpload(hc: Hc): void {
  const file = hc.req.file;
  const problem = uploadError(hc.req);
  if (problem || !file || file.size === 0) { renderList(hc, 400, { message: problem ?? (file ? 'Het bestand is leeg.' : 'Kies een bestand.') }); return; }
  const preview = previewUnitsUpload(hc.ctx, hc.user, file.originalname, file.buffer);
  if (!preview.ok) { renderList(hc, 400, { message: preview.message, problems: preview.problems }); return; }
  renderPreview(hc, preview);
}

const publishSchema = z.object({ token: z.string().min(1).max(1_900_000).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/) }).strict();

function publish(hc: Hc): void {
  const body = bodyOf(hc.req);
  delete body._csrf;
  const form = parseForm(publishSchema, body);
  if (!form.ok) { renderList(hc, 400, { message: 'Dit voorbeeld is verlopen of niet gevonden. Upload het bestand opnieuw.' }); return; }
  const done = publishPreviewedUnits(hc.ctx, hc.user, form.data.token);
  if (!done.ok) { renderList(hc, done.conflict ? 409 : 400, { message: done.message, problems: done.problems }); return; }
  const only = done.outcome === 'unchanged' ? (done.addresseeChanged ? '&aanbevelingen=1' : '&ongewijzigd=1') : '';
  hc.res.redirect(303, `${url.organisation(done.organisation)}?gepubliceerd=${String(done.version)}${only}`);
}

// ---- the editor: organisation name, and rows code_N / name_N / kind_N ----------------------------

const ROW_FIELD = /^(code|name|kind)_(\d{1,3})$/;
const editorSchema = z.object({
  organisatie: z.string().max(200, 'De naam van de organisatie is langer dan 200 tekens.').default(''),
  aanbevelingen_aan: z.string().max(100, 'Aan wie de aanbevelingen gaan is langer dan 100 tekens.').default(''),
  sleutel: z.string().max(60).default(''),
  basis: z.string().regex(/^\d{1,6}$/).transform(Number).optional(),
}).strict();

function queryCode(v: unknown): string {
  return typeof v === 'string' && ORGANISATION_CODE.test(v) ? v : '';
}

function renderEditor(hc: Hc, status: number, code: string, typed?: { organisation: string; addressee?: string; rows: EditorRow[]; base?: number }, state: ListState = {}): void {
  hc.res.status(status).render('organisations/editor', {
    title: code ? 'Eenheden bewerken' : 'Nieuwe organisatie',
    editor: unitsEditor(hc.ctx, hc.user, code, typed),
    message: state.message ?? '',
    problems: state.problems ?? [],
    listUrl: url.organisations(),
    editorUrl: url.unitsEditor(),
  });
}

function previewEdited(hc: Hc): void {
  const body = bodyOf(hc.req);
  delete body._csrf;
  const cells = new Map<number, EditorRow>();
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = ROW_FIELD.exec(k);
    if (m && typeof v === 'string') {
      const n = Number(m[2]);
      const row = cells.get(n) ?? { code: '', name: '', kind: '' };
      row[m[1] as keyof EditorRow] = v.slice(0, 300);
      cells.set(n, row);
    } else rest[k] = v;
  }
  const rows = [...cells.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  // "Meer lege rijen": the editor again with everything typed and new empty rows; nothing checked yet.
  const more = rest.meer === '1';
  delete rest.meer;
  const form = parseForm(editorSchema, rest);
  const code = form.ok ? queryCode(form.data.sleutel) : queryCode(rest.sleutel);
  const base = form.ok ? form.data.basis : typeof rest.basis === 'string' && /^\d{1,6}$/.test(rest.basis) ? Number(rest.basis) : undefined;
  const addressee = form.ok ? form.data.aanbevelingen_aan : typeof rest.aanbevelingen_aan === 'string' ? rest.aanbevelingen_aan.slice(0, 100) : '';
  const typed = { organisation: form.ok ? form.data.organisatie : typeof rest.organisatie === 'string' ? rest.organisatie.slice(0, 200) : '', addressee, rows, base };
  if (form.ok && more && rows.length <= MAX_ROWS) { renderEditor(hc, 200, code, typed); return; }
  if (!form.ok) { renderEditor(hc, 400, code, typed, { message: Object.values(form.errors)[0] ?? 'Controleer het formulier.' }); return; }
  if (rows.length > MAX_ROWS) { renderEditor(hc, 400, code, { ...typed, rows: rows.slice(0, MAX_ROWS) }, { message: `Het formulier heeft meer dan ${String(MAX_ROWS)} rijen.` }); return; }
  const preview = previewEditedUnits(hc.ctx, hc.user, { code, organisation: typed.organisation, addressee, rows, base });
  if (!preview.ok) { renderEditor(hc, preview.conflict ? 409 : 400, code, typed, { message: preview.message, problems: preview.problems }); return; }
  renderPreview(hc, preview);
}

export const organisationRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/organisaties',
    access: EVERY_ROLE,
    summary: 'organisaties met hun eenheden en versies',
    handler: withUser((hc) => { renderList(hc); }),
  },
  {
    method: 'get',
    path: '/organisaties/nieuw',
    access: ADMINS,
    summary: 'eenheden-editor: een nieuwe organisatie of (?organisatie=) de huidige eenheden van een organisatie',
    handler: withUser((hc) => { renderEditor(hc, 200, queryCode(hc.req.query.organisatie)); }),
  },
  {
    method: 'post',
    path: '/organisaties/nieuw',
    access: ADMINS,
    summary: 'eenheden uit de editor: controle en voorbeeld',
    handler: withUser(previewEdited),
  },
  {
    method: 'post',
    path: '/organisaties/voorbeeld',
    access: ADMINS,
    before: [parseUpload],
    multipart: true,
    summary: 'eenhedenbestand uploaden (YAML): controle en voorbeeld',
    handler: withUser(previewUpload),
  },
  {
    method: 'post',
    path: '/organisaties/publiceren',
    access: ADMINS,
    summary: 'de getoonde eenheden publiceren',
    handler: withUser(publish),
  },
  {
    method: 'get',
    path: '/organisaties/:organisationCode',
    access: EVERY_ROLE,
    summary: 'een organisatie: de versies van haar eenheden',
    handler: withUser((hc) => { renderOrganisation(hc, codeParam(hc.req)); }),
  },
  {
    method: 'get',
    path: '/organisaties/:organisationCode/versies/:unitSetVersion/eenheden.yaml',
    access: EVERY_ROLE,
    summary: 'een versie van de eenheden van een organisatie downloaden (YAML)',
    handler: withUser((hc) => {
      const file = versionFile(hc.ctx, codeParam(hc.req), versionParam(hc.req));
      sendDownload(hc.res, file.text, YAML_MIME, file.filename);
    }),
  },
];
