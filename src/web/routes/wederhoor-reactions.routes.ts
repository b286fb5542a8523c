// The reactions to a wederhoor round (src/app/wederhoor-reactions.ts): the list with each
// reaction's state, a form to add one, the upload of the returned reaction form (all rows or
// none, every problem listed), and per reaction a form to edit or remove it (while unhandled) and
// one to record its handling. Every form re-renders the page with its messages at its own fields
// and the typed text kept; a stale save shows both versions (409). Also the handling document's
// downloads and a section's history page, where a handling's "version before / after" links go.
import { z } from 'zod';
import { addReaction, editReaction, handleReaction, handlingDocumentFile, importReactions, reactionsView, removeReaction } from '../../app/wederhoor-reactions';
import { personNames } from '../../app/users';
import { HANDLINGS, REACTION_LIMITS } from '../../domain/wederhoor';
import { url } from '../../present';
import { sectionHistoryView } from '../../app/wederhoor-section-history';
import { KIND_MIME } from '../../files/sniff';
import { sendDownload } from '../download';
import { idParam, InspectionHc, runForm, withInspection } from '../handler';
import { FormState, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';
import { parseUpload, uploadError, UPLOAD_FIELD } from '../uploads';

const ROUND = '/onderzoeken/:inspectionId/wederhoor/:roundId';
const PAGE = `${ROUND}/reacties`;
const REACTION = `${PAGE}/:reactionId`;

interface PageExtras {
  fileError?: string;
  importProblems?: string[];
}

const DONE: Record<string, string> = {
  toegevoegd: 'De reactie is toegevoegd.',
  gewijzigd: 'De reactie is gewijzigd.',
  verwijderd: 'De reactie is verwijderd; de reacties erna zijn opnieuw genummerd.',
  verwerkt: 'De verwerking is opgeslagen.',
};

const roundOf = (hc: InspectionHc) => idParam(hc.req, 'roundId', 'Wederhoorronde niet gevonden');
const reactionOf = (hc: InspectionHc) => idParam(hc.req, 'reactionId', 'Reactie niet gevonden');

/** The reactions part as the round page and this page show it. */
export function reactionsPart(hc: InspectionHc, roundId: number, form: FormState = noForm, extras: PageExtras = {}) {
  const view = reactionsView(hc.ctx, hc.user, hc.inspection.id, roundId);
  const q = hc.req.query;
  const imported = typeof q.toegevoegd === 'string' && /^\d{1,6}$/.test(q.toegevoegd) ? Number(q.toegevoegd) : null;
  const done = typeof q.gedaan === 'string' && Object.hasOwn(DONE, q.gedaan) ? DONE[q.gedaan] : null;
  return {
    ...view,
    inspection: hc.inspection,
    form,
    uploadField: UPLOAD_FIELD,
    fileError: extras.fileError ?? '',
    importProblems: extras.importProblems ?? [],
    done: imported !== null ? `${imported === 1 ? 'Eén reactie' : `${imported} reacties`} uit het formulier toegevoegd.` : done,
    personName: personNames(hc.ctx),
  };
}

function renderPage(hc: InspectionHc, status = 200, form: FormState = noForm, extras: PageExtras = {}) {
  const part = reactionsPart(hc, roundOf(hc), form, extras);
  hc.res.status(status).render('wederhoor/reactions', {
    title: `Reacties op het concept · ${part.round.organisation} · ${hc.inspection.title}`,
    inspection: hc.inspection,
    canEdit: part.canEdit,
    reactionsPart: part,
  });
}

const paragraphField = z
  .string()
  .trim()
  .regex(/^\d{0,9}$/, 'Vul een paragraafnummer in (een heel getal), of laat het leeg voor een algemene reactie.')
  .transform((s) => (s === '' ? null : Number(s)));

const reactionFields = {
  paragraaf: paragraphField,
  passage: textField('De geciteerde passage', REACTION_LIMITS.passage),
  reactie: textField('De reactie', REACTION_LIMITS.reaction, true),
  voorstel: textField('De voorgestelde tekst', REACTION_LIMITS.proposed),
};

const addSchema = z.object(reactionFields).strict();
const editSchema = z.object({ ...reactionFields, version: versionField }).strict();
const removeSchema = z.object({ version: versionField }).strict();
const handleSchema = z.object({
  verwerking: z.enum(HANDLINGS, { error: 'Kies hoe de reactie is verwerkt.' }),
  motivering: textField('De motivering', REACTION_LIMITS.motivation),
  tekstAangepast: z.literal('1', { error: 'Ongeldige keuze.' }).optional(),
  sectie: z.string().regex(/^\d{0,12}$/, 'Kies een sectie uit de lijst.').optional().transform((s) => (s === undefined || s === '' ? null : Number(s))),
  version: versionField,
}).strict();

const input = (d: z.infer<typeof addSchema>) => ({ paragraph: d.paragraaf, passage: d.passage, reaction: d.reactie, proposed: d.voorstel });

async function upload(hc: InspectionHc): Promise<void> {
  const roundId = roundOf(hc);
  const file = hc.req.file;
  const parseProblem = uploadError(hc.req);
  if (parseProblem || !file || file.size === 0) {
    renderPage(hc, 400, noForm, { fileError: parseProblem ?? 'Kies het ingevulde reactieformulier (.xlsx).' });
    return;
  }
  const outcome = await importReactions(hc.ctx, hc.user, hc.inspection.id, roundId, file.originalname, file.buffer);
  if (!outcome.ok) {
    renderPage(hc, 400, noForm, { importProblems: outcome.problems });
    return;
  }
  hc.res.redirect(303, `${url.wederhoorRound(hc.inspection.id, roundId)}?toegevoegd=${outcome.added}#reacties`);
}

// Back to the round's page, which shows the reactions with the rest of the round.
const back = (hc: InspectionHc, done: string, anchor = 'reacties') => `${url.wederhoorRound(hc.inspection.id, roundOf(hc))}?gedaan=${done}#${anchor}`;

export const wederhoorReactionRoutes: RouteDef[] = [
  {
    method: 'get',
    path: PAGE,
    access: EVERY_ROLE,
    summary: 'reacties op een wederhoorronde en hun verwerking',
    handler: withInspection('read', (hc) => { renderPage(hc); }),
  },
  {
    method: 'post',
    path: PAGE,
    access: EDITORS,
    summary: 'een reactie op het concept toevoegen',
    handler: withInspection('edit', (hc) => runForm(hc, {
      key: 'add',
      schema: addSchema,
      act: ({ ctx, user, inspection }, d) => {
        const id = addReaction(ctx, user, inspection.id, roundOf(hc), input(d));
        return back(hc, 'toegevoegd', `reactie-${id}`);
      },
      render: (h, status, form) => { renderPage(h, status, form); },
    })),
  },
  {
    method: 'post',
    path: `${PAGE}/formulier`,
    access: EDITORS,
    before: [parseUpload],
    multipart: true,
    summary: 'het ingevulde reactieformulier uploaden (alles of niets)',
    handler: withInspection('edit', upload),
  },
  {
    method: 'post',
    path: REACTION,
    access: EDITORS,
    summary: 'een nog niet verwerkte reactie wijzigen',
    handler: withInspection('edit', (hc) => runForm(hc, {
      key: `edit-${reactionOf(hc)}`,
      schema: editSchema,
      act: ({ ctx, user, inspection }, d) => {
        editReaction(ctx, user, inspection.id, roundOf(hc), reactionOf(hc), d.version, input(d));
        return back(hc, 'gewijzigd', `reactie-${reactionOf(hc)}`);
      },
      render: (h, status, form) => { renderPage(h, status, form); },
    })),
  },
  {
    method: 'post',
    path: `${REACTION}/verwijderen`,
    access: EDITORS,
    summary: 'een nog niet verwerkte reactie verwijderen',
    handler: withInspection('edit', (hc) => runForm(hc, {
      key: `edit-${reactionOf(hc)}`,
      schema: removeSchema,
      act: ({ ctx, user, inspection }, d) => {
        removeReaction(ctx, user, inspection.id, roundOf(hc), reactionOf(hc), d.version);
        return back(hc, 'verwijderd');
      },
      render: (h, status, form) => { renderPage(h, status, form); },
    })),
  },
  {
    method: 'post',
    path: `${REACTION}/verwerking`,
    access: EDITORS,
    summary: 'de verwerking van een reactie vastleggen (overgenomen, gedeeltelijk, niet) met motivering',
    handler: withInspection('edit', (hc) => runForm(hc, {
      key: `handle-${reactionOf(hc)}`,
      schema: handleSchema,
      act: ({ ctx, user, inspection }, d) => {
        handleReaction(ctx, user, inspection.id, roundOf(hc), reactionOf(hc), {
          version: d.version, handling: d.verwerking, motivation: d.motivering, textChanged: d.tekstAangepast === '1', sectionId: d.sectie,
        });
        return back(hc, 'verwerkt', `reactie-${reactionOf(hc)}`);
      },
      render: (h, status, form) => { renderPage(h, status, form); },
    })),
  },
  ...(['pdf', 'xlsx'] as const).map((format): RouteDef => ({
    method: 'get',
    path: `/onderzoeken/:inspectionId/verwerking-reacties.${format}`,
    access: EVERY_ROLE,
    summary: `verwerking van de reacties op het conceptrapport downloaden (${format.toUpperCase()})`,
    handler: withInspection('read', async (hc) => {
      const { filename, bytes } = await handlingDocumentFile(hc.ctx, hc.user, hc.inspection.id, format);
      sendDownload(hc.res, bytes, KIND_MIME[format], filename);
    }),
  })),
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/rapport/secties/:sectionId/geschiedenis',
    access: EVERY_ROLE,
    summary: 'geschiedenis van één sectie van het rapport',
    handler: withInspection('read', (hc) => {
      const view = sectionHistoryView(hc.ctx, hc.user, hc.inspection, idParam(hc.req, 'sectionId', 'Sectie niet gevonden'), pageOf(hc));
      hc.res.render('integrity/history', { title: `Geschiedenis · ${view.heading}`, ...view });
    }),
  },
];

function pageOf(hc: InspectionHc): number {
  const raw = hc.req.query.pagina;
  return typeof raw === 'string' && /^\d{1,6}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
}
