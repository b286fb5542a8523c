// The report outline (src/app/outline.ts): the list of sections with their numbers, and a page per
// section to write it. Every change is a form of its own that re-renders its page with the
// message at that form; a section is saved against the version the user saw (a stale save shows
// both versions, 409), and a body with an unknown block, a footnote without text or an unknown
// source is refused (422) with the use case's messages at the text, the input kept.
import { z } from 'zod';
import { addSection, moveSection, outlinePage, removeSection, saveSection } from '../../app/outline';
import { personNames } from '../../app/users';
import { blockCalls, CHAPTER_KINDS, ownText, SectionLevel } from '../../domain/outline';
import { AppError, invalid, notFound } from '../../errors';
import { url } from '../../present';
import { Answer, idParam, InspectionHc, runForm, withInspection } from '../handler';
import { FormState, noForm, textField, versionField } from '../page-kit';
import { EDITORS, EVERY_ROLE, RouteDef } from '../route-table';

const BASE = '/onderzoeken/:inspectionId/rapport';
const SECTION = `${BASE}/secties/:sectionId`;

const FOOTNOTE_LINE = /^\[\^([^\]\s]+)\]:[ \t]*(.*)$/;
const PREVIEW_CHARS = 220;

/** A short plain preview of a section's own words (its blocks and footnote texts are listed apart). */
function preview(body: string): string {
  const text = ownText(body)
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/[#*_>`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS).replace(/\s+\S*$/, '')} …` : text;
}

/** What the page says about a body besides its words: the blocks it places and its footnote texts. */
function bodyParts(body: string) {
  return {
    preview: preview(body),
    blocks: blockCalls(body).map((c) => c.source),
    footnotes: body.split('\n').flatMap((line) => {
      const m = FOOTNOTE_LINE.exec(line);
      return m ? [{ label: m[1], text: m[2] }] : [];
    }),
  };
}

function page(hc: InspectionHc) {
  const p = outlinePage(hc.ctx, hc.user, hc.inspection.id);
  return { ...p, sections: p.sections.map((s) => ({ ...s, ...bodyParts(s.body) })) };
}

const OUTLINE_MESSAGES: Record<string, string> = {
  verplaatst: 'De sectie is verplaatst.',
  verwijderd: 'De sectie is verwijderd.',
};

function renderOutline(hc: InspectionHc, status: number, form: FormState) {
  const p = page(hc);
  const done = typeof hc.req.query.gedaan === 'string' ? OUTLINE_MESSAGES[hc.req.query.gedaan] : undefined;
  hc.res.status(status).render('outline/index', { title: `Rapportopzet · ${p.inspection.title}`, ...p, form, done: done ?? null });
}

export function renderSection(hc: InspectionHc, status: number, form: FormState) {
  const p = page(hc);
  const id = idParam(hc.req, 'sectionId', 'Sectie niet gevonden');
  const at = p.sections.findIndex((s) => s.id === id);
  if (at < 0) throw notFound('Sectie niet gevonden');
  hc.res.status(status).render('outline/section', {
    title: `${p.sections[at].heading} · Rapportopzet · ${p.inspection.title}`,
    ...p,
    section: p.sections[at],
    previous: at > 0 ? p.sections[at - 1] : null,
    next: at < p.sections.length - 1 ? p.sections[at + 1] : null,
    form,
    // The stored version of a refused stale save names its author by e-mail address.
    personName: personNames(hc.ctx),
    saved: hc.req.query.opgeslagen === '1' ? 'De sectie is opgeslagen.' : hc.req.query.opgeslagen === 'nieuw' ? 'De sectie is toegevoegd. Schrijf hier haar tekst.' : null,
  });
}

const levelField = z.enum(['1', '2', '3'], { error: 'Kies niveau 1, 2 of 3.' }).transform((l) => Number(l) as SectionLevel);
const kindField = z.enum(CHAPTER_KINDS, { error: 'Kies hoofdstuk, bijlage of ongenummerd.' });
const titleField = z.string().trim().min(1, 'Vul een titel in.').max(300, 'De titel mag hoogstens 300 tekens zijn.');

const saveSchema = z.object({
  title: titleField,
  level: levelField,
  // Levels 2 and 3 are always a paragraaf (the use case decides); the select is sent anyway.
  kind: kindField.optional().transform((k) => k ?? 'hoofdstuk'),
  marking: z.string().trim().max(500, 'De markering mag hoogstens 500 tekens zijn.').optional().transform((m) => m ?? ''),
  required: z.literal('1', { error: 'Ongeldige keuze.' }).optional().transform((r) => r === '1'),
  // Browsers send a textarea's lines ending in CR LF; footnote and block lines are read per line.
  body: textField('De tekst', 200_000).transform((b) => b.replace(/\r\n?/g, '\n')),
  version: versionField,
}).strict();

const addSchema = z.object({
  afterId: z.string().regex(/^\d{0,12}$/, 'Ongeldige plaats; laad de pagina opnieuw.').transform((s) => (s === '' ? null : Number(s))),
  title: titleField,
  level: levelField,
  kind: kindField.optional().transform((k) => k ?? 'hoofdstuk'),
}).strict();

/** The problems of a refused body, one a line, so the page lists them at the text. */
function oneALine<T>(act: () => T): T {
  try {
    return act();
  } catch (e) {
    if (e instanceof AppError && e.kind === 'invalid' && e.problems.length > 1) throw invalid(e.problems.join('\n'), e.field);
    throw e;
  }
}

/** A handler about one section of the route's inspection. */
function withSection(mode: 'read' | 'edit', fn: (hc: InspectionHc, sectionId: number) => Answer) {
  return withInspection(mode, (hc) => fn(hc, idParam(hc.req, 'sectionId', 'Sectie niet gevonden')));
}

export const outlineRoutes: RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: EVERY_ROLE,
    summary: 'rapportopzet: de secties van het rapport met nummers, markering en voorproefje',
    handler: withInspection('read', (hc) => { renderOutline(hc, 200, noForm); }),
  },
  {
    method: 'post',
    path: `${BASE}/secties`,
    access: EDITORS,
    summary: 'sectie aan de rapportopzet toevoegen (na een andere of aan het begin)',
    handler: withInspection('edit', (hc) =>
      runForm(hc, {
        key: (body) => `add:${typeof body.afterId === 'string' && body.afterId !== '' ? body.afterId : 'start'}`,
        schema: addSchema,
        act: ({ ctx, user, inspection }, d) => `${url.section(inspection.id, addSection(ctx, user, inspection.id, d))}?opgeslagen=nieuw`,
        render: renderOutline,
      })),
  },
  {
    method: 'get',
    path: SECTION,
    access: EVERY_ROLE,
    summary: 'één sectie van de rapportopzet: tekst, blokken en voetnoten (bewerken voor het team)',
    handler: withSection('read', (hc) => { renderSection(hc, 200, noForm); }),
  },
  {
    method: 'post',
    path: SECTION,
    access: EDITORS,
    summary: 'sectie van de rapportopzet opslaan (titel, niveau, soort, markering, verplicht, tekst)',
    handler: withSection('edit', (hc, sectionId) =>
      runForm(hc, {
        key: 'section',
        schema: saveSchema,
        act: ({ ctx, user, inspection }, d) => {
          oneALine(() => { saveSection(ctx, user, inspection.id, sectionId, d); });
          return `${url.section(inspection.id, sectionId)}?opgeslagen=1`;
        },
        render: renderSection,
      })),
  },
  {
    method: 'post',
    path: `${SECTION}/verplaatsen`,
    access: EDITORS,
    summary: 'sectie een plaats omhoog of omlaag in de rapportopzet',
    handler: withSection('edit', (hc, sectionId) =>
      runForm(hc, {
        key: `move:${sectionId}`,
        schema: z.object({ richting: z.enum(['omhoog', 'omlaag'], { error: 'Kies omhoog of omlaag.' }) }).strict(),
        act: ({ ctx, user, inspection }, d) => {
          moveSection(ctx, user, inspection.id, sectionId, d.richting === 'omhoog' ? 'up' : 'down');
          return `${url.outline(inspection.id)}?gedaan=verplaatst#sectie-${sectionId}`;
        },
        render: renderOutline,
      })),
  },
  {
    method: 'post',
    path: `${SECTION}/verwijderen`,
    access: EDITORS,
    summary: 'sectie uit de rapportopzet verwijderen (tegen de versie die de gebruiker zag)',
    handler: withSection('edit', (hc, sectionId) =>
      runForm(hc, {
        key: `remove:${sectionId}`,
        schema: z.object({ version: versionField }).strict(),
        act: ({ ctx, user, inspection }, d) => {
          removeSection(ctx, user, inspection.id, sectionId, d.version);
          return `${url.outline(inspection.id)}?gedaan=verwijderd`;
        },
        render: renderOutline,
      })),
  },
];
