// "Werken in Excel" (src/app/verdict-sheet.ts): download the working sheet, upload it for a preview,
// confirm to apply. The uploaded bytes stay on the server under a token between preview and
// confirmation, so what is applied is exactly what was previewed.
import { z } from 'zod';
import { rightsOn } from '../../app/inspection-access';
import {
  applyVerdictSheet, describeProblem, exportVerdictSheet, keepUpload, previewVerdictSheet, SheetConflict, SheetProblem, takeUpload,
} from '../../app/verdict-sheet';
import { KIND_MIME } from '../../files/sniff';
import { isKind } from '../../errors';
import { url } from '../../present';
import { sendDownload } from '../download';
import { parseForm } from '../forms';
import { bodyOf, InspectionHc, withInspection } from '../handler';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { parseUpload, uploadError, UPLOAD_FIELD } from '../uploads';

const PAGE = '/onderzoeken/:inspectionId/werkblad';

interface PageState {
  /** A problem with the file itself (none chosen, too large). */
  fileError?: string;
  problems?: SheetProblem[];
  applied?: { saved: number; conflicts: SheetConflict[] };
}

function renderPage({ res, user, inspection }: InspectionHc, status = 200, state: PageState = {}) {
  res.status(status).render('verdict-sheet/index', {
    title: `Werken in Excel · ${inspection.title}`,
    inspection,
    ...rightsOn(user, inspection),
    downloadUrl: url.verdictSheetFile(inspection.id),
    uploadUrl: url.verdictSheet(inspection.id),
    uploadField: UPLOAD_FIELD,
    fileError: state.fileError ?? '',
    problems: (state.problems ?? []).map(describeProblem),
    applied: state.applied ?? null,
  });
}

async function preview(hc: InspectionHc): Promise<void> {
  const file = hc.req.file;
  const parseProblem = uploadError(hc.req);
  if (parseProblem || !file || file.size === 0) {
    renderPage(hc, 400, { fileError: parseProblem ?? 'Kies het ingevulde werkblad (.xlsx).' });
    return;
  }
  const plan = await previewVerdictSheet(hc.ctx, hc.user, hc.inspection.id, file.originalname, file.buffer);
  if (!plan.ok) {
    renderPage(hc, 400, { problems: plan.problems });
    return;
  }
  hc.res.render('verdict-sheet/preview', {
    title: `Voorbeeld van de wijzigingen · ${hc.inspection.title}`,
    inspection: hc.inspection,
    ...rightsOn(hc.user, hc.inspection),
    plan,
    token: plan.changes.length > 0 ? keepUpload(hc.user, hc.inspection.id, file.originalname, file.buffer) : '',
    applyUrl: url.verdictSheetApply(hc.inspection.id),
    pageUrl: url.verdictSheet(hc.inspection.id),
  });
}

const confirmSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'Upload het werkblad opnieuw.') }).strict();

async function apply(hc: InspectionHc): Promise<void> {
  const body = bodyOf(hc.req);
  delete body._csrf;
  const form = parseForm(confirmSchema, body);
  if (!form.ok) {
    renderPage(hc, 400, { fileError: 'Deze upload is verlopen of niet gevonden. Upload het werkblad opnieuw.' });
    return;
  }
  let upload: { name: string; bytes: Buffer };
  try {
    upload = takeUpload(hc.user, hc.inspection.id, form.data.token);
  } catch (e) {
    if (!isKind(e, 'invalid')) throw e;
    renderPage(hc, 400, { fileError: e.message });
    return;
  }
  const outcome = await applyVerdictSheet(hc.ctx, hc.user, hc.inspection.id, upload.name, upload.bytes);
  if (!outcome.ok) renderPage(hc, 400, { problems: outcome.problems });
  else renderPage(hc, 200, { applied: outcome });
}

export const verdictSheetRoutes: RouteDef[] = [
  {
    method: 'get',
    path: PAGE,
    access: EVERY_ROLE,
    summary: 'werken in Excel: werkblad downloaden en ingevuld uploaden',
    handler: withInspection('read', (hc) => { renderPage(hc); }),
  },
  {
    method: 'get',
    path: `${PAGE}/oordelen.xlsx`,
    access: EVERY_ROLE,
    summary: 'werkblad met de oordelen downloaden (XLSX)',
    handler: withInspection('read', async (hc) => {
      const { filename, bytes } = await exportVerdictSheet(hc.ctx, hc.user, hc.inspection.id);
      sendDownload(hc.res, bytes, KIND_MIME.xlsx, filename.replace(/[^A-Za-z0-9._-]/g, '_'));
    }),
  },
  {
    method: 'post',
    path: PAGE,
    access: EDITORS,
    before: [parseUpload],
    multipart: true,
    summary: 'ingevuld werkblad uploaden: controle en voorbeeld van de wijzigingen',
    handler: withInspection('edit', preview),
  },
  {
    method: 'post',
    path: `${PAGE}/toepassen`,
    access: EDITORS,
    summary: 'de wijzigingen uit het werkblad toepassen',
    handler: withInspection('edit', apply),
  },
];
