// Review notes (src/app/review-notes.ts): the notes page of an inspection with its filters, one
// note's thread with the reply form and resolve/reopen, and the add form that the cell, section,
// evidence and notes pages share. A refused add shows the form again on a page of its own with
// the target named, the typed text kept and the message at its field (400/422); a stale resolve
// or reopen shows the thread with the message (409).
import { z } from 'zod';
import {
  addNote,
  listNotes,
  newNotePage,
  NO_NOTE_FILTERS,
  NoteFilters,
  notePage,
  reopenNote,
  replyToNote,
  resolveNote,
  targetHref,
} from '../../app/review-notes';
import { NOTE_STATUS, NOTE_TARGET_KINDS, NOTE_TARGET_LABELS } from '../../domain/review-notes';
import { url } from '../../present';
import { parseForm } from '../forms';
import { idParam, InspectionHc, runForm, withInspection } from '../handler';
import { FormState, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const BASE = '/onderzoeken/:inspectionId/notities';
const NOTE = `${BASE}/:noteId`;

const crlf = (s: string) => s.replace(/\r\n?/g, '\n');

// `status` absent: the open notes; `alle`: every note.
const filterSchema = z
  .object({
    status: z.enum([...NOTE_STATUS, 'alle'], { error: 'Kies open, opgelost of alle.' }).optional(),
    aan: z.enum(['', 'mij'], { error: 'Kies "aan mij" of niets.' }).optional(),
    doel: z.enum(['', ...NOTE_TARGET_KINDS], { error: 'Kies een soort onderwerp uit de lijst.' }).optional(),
  })
  .strict()
  .transform((f): NoteFilters => ({
    status: f.status === undefined ? 'open' : f.status === 'alle' ? '' : f.status,
    aan: f.aan ?? '',
    doel: f.doel ?? '',
  }));

const addSchema = z
  .object({
    doel: z.enum(NOTE_TARGET_KINDS, { error: 'Ongeldig onderwerp; laad de pagina opnieuw.' }),
    sleutel: z.string().max(300, 'Ongeldig onderwerp; laad de pagina opnieuw.'),
    aan: z.string().trim().max(254, 'Kies een teamlid uit de lijst.').optional().transform((s) => s ?? ''),
    tekst: textField('De notitie', 50_000, true).transform(crlf),
  })
  .strict();

const replySchema = z.object({ tekst: textField('De reactie', 50_000, true).transform(crlf) }).strict();
const statusSchema = z.object({ version: versionField }).strict();

const MESSAGES: Record<string, string> = {
  reactie: 'Uw reactie is toegevoegd.',
  opgelost: 'De notitie is opgelost.',
  heropend: 'De notitie staat weer open.',
  toegevoegd: 'De notitie is toegevoegd.',
};

function doneMessage(hc: InspectionHc): string | null {
  const q = hc.req.query.gedaan;
  return typeof q === 'string' && Object.hasOwn(MESSAGES, q) ? MESSAGES[q] : null;
}

function renderList(hc: InspectionHc, status: number, form: FormState) {
  const parsed = parseForm(filterSchema, hc.req.query);
  const filters = parsed.ok ? parsed.data : NO_NOTE_FILTERS;
  const page = listNotes(hc.ctx, hc.user, hc.inspection.id, filters);
  hc.res.status(status).render('review-notes/index', {
    title: `Reviewnotities · ${hc.inspection.title}`,
    ...page,
    filters,
    errors: parsed.ok ? {} : parsed.errors,
    targetLabels: NOTE_TARGET_LABELS,
    form,
    done: doneMessage(hc),
  });
}

function renderThread(hc: InspectionHc, status: number, form: FormState) {
  const page = notePage(hc.ctx, hc.user, hc.inspection.id, idParam(hc.req, 'noteId', 'Notitie niet gevonden'));
  hc.res.status(status).render('review-notes/thread', { title: `Notitie bij ${page.note.where} · ${hc.inspection.title}`, ...page, form, done: doneMessage(hc) });
}

/** A refused add: the form again, with the target named and the typed text kept. */
function renderNew(hc: InspectionHc, status: number, form: FormState) {
  const kind = NOTE_TARGET_KINDS.find((k) => k === form.values.doel) ?? 'inspection';
  const key = typeof form.values.sleutel === 'string' ? form.values.sleutel : '';
  const page = newNotePage(hc.ctx, hc.user, hc.inspection.id, { kind, key });
  hc.res.status(status).render('review-notes/new', { title: `Notitie toevoegen · ${hc.inspection.title}`, ...page, canEdit: true, form });
}

/**
 * A POST about one note of the route's inspection (reply, resolve, reopen): refused input shows
 * the thread again; done, it goes back to the thread with `done` (the message and anchor) after it.
 */
function notePost<T>(
  action: string,
  summary: string,
  form: { key: string; schema: z.ZodType<T>; done: string },
  act: (hc: InspectionHc, noteId: number, data: T) => void,
): RouteDef {
  return {
    method: 'post',
    path: `${NOTE}/${action}`,
    access: EDITORS,
    summary,
    handler: withInspection('edit', (hc) => {
      const noteId = idParam(hc.req, 'noteId', 'Notitie niet gevonden');
      return runForm(hc, {
        key: form.key,
        schema: form.schema,
        act: (h, d) => {
          act(h, noteId, d);
          return `${url.note(h.inspection.id, noteId)}${form.done}`;
        },
        render: renderThread,
      });
    }),
  };
}

export const reviewNoteRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'reviewnotities van een onderzoek (filter open/opgelost/aan mij/onderwerp), met een notitie over het hele onderzoek',
    handler: withInspection('read', (hc) => { renderList(hc, 200, noForm); }),
  },
  {
    method: 'post',
    path: BASE,
    access: EDITORS,
    summary: 'reviewnotitie toevoegen bij een cel, sectie, bron of het hele onderzoek, gericht aan een teamlid of het team',
    handler: withInspection('edit', (hc) =>
      runForm(hc, {
        key: 'note',
        schema: addSchema,
        act: ({ ctx, user, inspection }, d) => {
          const target = { kind: d.doel, key: d.sleutel };
          addNote(ctx, user, inspection.id, { targetKind: target.kind, targetKey: target.key, addressedTo: d.aan === '' ? null : d.aan, body: d.tekst });
          return target.kind === 'inspection' ? `${url.notes(inspection.id)}?gedaan=toegevoegd` : `${targetHref(inspection.id, target)}#notities`;
        },
        render: renderNew,
      })),
  },
  {
    method: 'get',
    path: NOTE,
    access: EVERY_ROLE,
    summary: 'één reviewnotitie met haar reacties (reageren, oplossen, heropenen voor het team)',
    handler: withInspection('read', (hc) => { renderThread(hc, 200, noForm); }),
  },
  notePost('reacties', 'reageren op een reviewnotitie', { key: 'reply', schema: replySchema, done: '?gedaan=reactie#reacties' }, ({ ctx, user, inspection }, noteId, d) => {
    replyToNote(ctx, user, inspection.id, noteId, d.tekst);
  }),
  notePost('oplossen', 'reviewnotitie oplossen (wie en wanneer worden vastgelegd)', { key: 'status', schema: statusSchema, done: '?gedaan=opgelost' }, ({ ctx, user, inspection }, noteId, d) => {
    resolveNote(ctx, user, inspection.id, noteId, d.version);
  }),
  notePost('heropenen', 'opgeloste reviewnotitie heropenen', { key: 'status', schema: statusSchema, done: '?gedaan=heropend' }, ({ ctx, user, inspection }, noteId, d) => {
    reopenNote(ctx, user, inspection.id, noteId, d.version);
  }),
];
