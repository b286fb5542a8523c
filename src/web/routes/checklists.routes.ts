// Kaders: every signed-in user reads the published checklists and mappings and downloads them (YAML,
// XLSX, the empty template); a beheerder uploads a checklist (YAML or the XLSX template) or a
// mapping (YAML), sees a preview and publishes it (src/app/checklist-uploads.ts). A bad file is
// ordinary input: the upload page again with every problem, status 400, nothing published.
import type { Request } from 'express';
import { z } from 'zod';
import {
  ChecklistPreview, EDITOR_SOURCE, frameworksPage, mappingEditor, MappingPreview, previewChecklistUpload, previewEditedMapping, previewMappingUpload,
  publishPreviewedChecklist, publishPreviewedMapping, versionXlsx, versionYaml,
} from '../../app/checklist-uploads';
import type { ChecklistMapping } from '../../domain/checklist';
import { checklistTemplateXlsx } from '../../files/checklist-xlsx';
import { KIND_MIME } from '../../files/sniff';
import { notFound } from '../../errors';
import { url } from '../../present';
import { sendDownload } from '../download';
import { parseForm } from '../forms';
import { bodyOf, Hc, withUser } from '../handler';
import { ADMINS, EVERY_ROLE, RouteDef } from '../route-table';
import { parseUpload, uploadError, UPLOAD_FIELD } from '../uploads';

const YAML_MIME = 'application/yaml; charset=utf-8';

const mappingKey = (m: ChecklistMapping) => `${m.from.checklist}@${m.from.version}>${m.to.checklist}@${m.to.version}`;

type Which = 'checklist' | 'mapping';

interface PageState {
  /** Which upload form the problems belong to. */
  which?: Which;
  message?: string;
  problems?: string[];
}

function renderList(hc: Hc, status = 200, state: PageState = {}): void {
  const q = hc.req.query;
  const page = frameworksPage(hc.ctx, hc.user);
  // The confirmation names what was published by its key, looked up here: a link cannot make the
  // page say that something was published that is not.
  const key = typeof q.gepubliceerd === 'string' ? q.gepubliceerd : '';
  const version = page.checklists.flatMap((c) => c.versions).find((v) => `${v.checklist.id}@${v.checklist.version}` === key);
  const mapping = page.mappings.find((m) => mappingKey(m.mapping) === key);
  const published = version ? `${version.checklist.shortTitle} versie ${version.checklist.version}` : mapping ? `de koppeling ${mapping.label}` : '';
  hc.res.status(status).render('checklists/index', {
    title: 'Kaders',
    ...page,
    uploadField: UPLOAD_FIELD,
    which: state.which ?? '',
    message: state.message ?? '',
    problems: state.problems ?? [],
    published,
    unchanged: q.ongewijzigd === '1',
  });
}

/** The uploaded file, or the list page with the reason (400) when there is none usable. */
function fileOf(hc: Hc, which: Which): Express.Multer.File | null {
  const file = hc.req.file;
  const problem = uploadError(hc.req);
  if (problem || !file || file.size === 0) {
    renderList(hc, 400, { which, message: problem ?? (file ? 'Het bestand is leeg.' : 'Kies een bestand.') });
    return null;
  }
  return file;
}

async function previewChecklist(hc: Hc): Promise<void> {
  const file = fileOf(hc, 'checklist');
  if (!file) return;
  const preview = await previewChecklistUpload(hc.ctx, hc.user, file.originalname, file.buffer);
  if (!preview.ok) { renderList(hc, 400, { which: 'checklist', message: preview.message, problems: preview.problems }); return; }
  renderChecklistPreview(hc, preview);
}

function renderChecklistPreview(hc: Hc, preview: ChecklistPreview): void {
  hc.res.render('checklists/preview', { title: `Voorbeeld: ${preview.checklist.title}`, preview, publishUrl: url.frameworkPublish(), listUrl: url.frameworks() });
}

function previewMapping(hc: Hc): void {
  const file = fileOf(hc, 'mapping');
  if (!file) return;
  const preview = previewMappingUpload(hc.ctx, hc.user, file.originalname, file.buffer);
  if (!preview.ok) { renderList(hc, 400, { which: 'mapping', message: preview.message, problems: preview.problems }); return; }
  renderMappingPreview(hc, preview);
}

function renderMappingPreview(hc: Hc, preview: MappingPreview): void {
  hc.res.render('checklists/mapping-preview', {
    title: 'Voorbeeld van de koppeling', preview, editorSource: EDITOR_SOURCE, publishUrl: url.mappingPublish(), listUrl: url.frameworks('koppelingen'),
  });
}

// The token is base64url JSON plus its signature; a checklist of a few hundred criteria fits well
// within the form parser's 2 MB.
const publishSchema = z.object({ token: z.string().min(1).max(1_900_000).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/) }).strict();

function tokenOf(hc: Hc): string | null {
  const body = bodyOf(hc.req);
  delete body._csrf;
  const form = parseForm(publishSchema, body);
  return form.ok ? form.data.token : null;
}

const EXPIRED = 'Dit voorbeeld is verlopen of niet gevonden. Upload het bestand opnieuw.';

function publishChecklistRoute(hc: Hc): void {
  const token = tokenOf(hc);
  if (token === null) { renderList(hc, 400, { which: 'checklist', message: EXPIRED }); return; }
  const done = publishPreviewedChecklist(hc.ctx, hc.user, token);
  if (!done.ok) { renderList(hc, 400, { which: 'checklist', message: done.message, problems: done.problems }); return; }
  const key = `${done.checklist.id}@${done.checklist.version}`;
  hc.res.redirect(303, `/kaders?gepubliceerd=${encodeURIComponent(key)}${done.outcome === 'unchanged' ? '&ongewijzigd=1' : ''}`);
}

function publishMappingRoute(hc: Hc): void {
  const token = tokenOf(hc);
  if (token === null) { renderList(hc, 400, { which: 'mapping', message: EXPIRED }); return; }
  const done = publishPreviewedMapping(hc.ctx, hc.user, token);
  if (!done.ok) { renderList(hc, 400, { which: 'mapping', message: done.message, problems: done.problems }); return; }
  hc.res.redirect(303, `/kaders?gepubliceerd=${encodeURIComponent(mappingKey(done.mapping))}${done.outcome === 'unchanged' ? '&ongewijzigd=1' : ''}#koppelingen`);
}

// The mapping editor's form: the two versions, a description, and per earlier criterion
// `wordt_<criterion id>` with the later criteria it becomes. Anything else is refused, as every form.
const editorSchema = z.object({
  van: z.string().max(300, 'Kies een kaderversie.'),
  naar: z.string().max(300, 'Kies een kaderversie.'),
  omschrijving: z.string().max(2000, 'De omschrijving is langer dan 2000 tekens.').default(''),
}).strict();
const TARGET_FIELD = /^wordt_([a-z0-9][a-z0-9_-]{0,99})$/;

function queryText(v: unknown): string {
  return typeof v === 'string' ? v.slice(0, 300) : '';
}

function renderEditor(hc: Hc, status: number, fromKey: string, toKey: string, typed: Record<string, string> = {}, state: { description?: string; message?: string; problems?: string[] } = {}): void {
  hc.res.status(status).render('checklists/mapping-editor', {
    title: 'Koppeling maken',
    editor: mappingEditor(hc.ctx, hc.user, fromKey, toKey, typed),
    description: state.description ?? '',
    message: state.message ?? '',
    problems: state.problems ?? [],
    listUrl: url.frameworks('koppelingen'),
    editorUrl: url.mappingEditor(),
  });
}

function previewEdited(hc: Hc): void {
  const body = bodyOf(hc.req);
  delete body._csrf;
  const targets: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = TARGET_FIELD.exec(k);
    if (m && typeof v === 'string' && v.length <= 2000) targets[m[1]] = v;
    else rest[k] = v;
  }
  const form = parseForm(editorSchema, rest);
  if (!form.ok) {
    renderEditor(hc, 400, queryText(rest.van), queryText(rest.naar), targets, { message: Object.values(form.errors)[0] ?? 'Controleer het formulier.' });
    return;
  }
  const preview = previewEditedMapping(hc.ctx, hc.user, { fromKey: form.data.van, toKey: form.data.naar, description: form.data.omschrijving, targets });
  if (!preview.ok) {
    renderEditor(hc, 400, form.data.van, form.data.naar, targets, { description: form.data.omschrijving, message: preview.message, problems: preview.problems });
    return;
  }
  renderMappingPreview(hc, preview);
}

/** The :checklistId and :checklistVersion of a download route; anything malformed is not found. */
function versionParams(req: Request): { id: string; version: string } {
  const id = req.params.checklistId;
  const version = req.params.checklistVersion;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,99}$/.test(id)) throw notFound('Kader niet gevonden');
  if (typeof version !== 'string' || version.length === 0 || version.length > 100) throw notFound('Kader niet gevonden');
  return { id, version };
}

const VERSION = '/kaders/:checklistId/versies/:checklistVersion';

export const checklistRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/kaders',
    access: EVERY_ROLE,
    summary: 'kaders (checklists) en koppelingen met hun versies',
    handler: withUser((hc) => { renderList(hc); }),
  },
  {
    method: 'get',
    path: '/kaders/sjabloon.xlsx',
    access: EVERY_ROLE,
    summary: 'leeg Excel-sjabloon voor een kader downloaden',
    handler: withUser(async (hc) => { sendDownload(hc.res, await checklistTemplateXlsx(), KIND_MIME.xlsx, 'kader-sjabloon.xlsx'); }),
  },
  {
    method: 'get',
    path: `${VERSION}/kader.yaml`,
    access: EVERY_ROLE,
    summary: 'een gepubliceerde kaderversie downloaden (YAML)',
    handler: withUser((hc) => {
      const { id, version } = versionParams(hc.req);
      const file = versionYaml(hc.ctx, hc.user, id, version);
      sendDownload(hc.res, file.text, YAML_MIME, file.filename);
    }),
  },
  {
    method: 'get',
    path: `${VERSION}/kader.xlsx`,
    access: EVERY_ROLE,
    summary: 'een gepubliceerde kaderversie downloaden (XLSX)',
    handler: withUser(async (hc) => {
      const { id, version } = versionParams(hc.req);
      const file = await versionXlsx(hc.ctx, hc.user, id, version);
      sendDownload(hc.res, file.bytes, KIND_MIME.xlsx, file.filename);
    }),
  },
  {
    method: 'post',
    path: '/kaders/voorbeeld',
    access: ADMINS,
    before: [parseUpload],
    multipart: true,
    summary: 'kader uploaden (YAML of XLSX-sjabloon): controle en voorbeeld',
    handler: withUser(previewChecklist),
  },
  {
    method: 'post',
    path: '/kaders/publiceren',
    access: ADMINS,
    summary: 'het getoonde kader publiceren',
    handler: withUser(publishChecklistRoute),
  },
  {
    method: 'post',
    path: '/kaders/koppelingen/voorbeeld',
    access: ADMINS,
    before: [parseUpload],
    multipart: true,
    summary: 'koppeling tussen kaderversies uploaden (YAML): controle en voorbeeld',
    handler: withUser(previewMapping),
  },
  {
    method: 'get',
    path: '/kaders/koppelingen/nieuw',
    access: ADMINS,
    summary: 'koppeling maken in de editor: twee versies kiezen, per oud criterium wat het wordt',
    handler: withUser((hc) => { renderEditor(hc, 200, queryText(hc.req.query.van), queryText(hc.req.query.naar)); }),
  },
  {
    method: 'post',
    path: '/kaders/koppelingen/nieuw',
    access: ADMINS,
    summary: 'koppeling uit de editor: controle en voorbeeld',
    handler: withUser(previewEdited),
  },
  {
    method: 'post',
    path: '/kaders/koppelingen/publiceren',
    access: ADMINS,
    summary: 'de getoonde koppeling publiceren',
    handler: withUser(publishMappingRoute),
  },
];
