// The report outline: the ordered sections an inspection's written report is made of. Pure rules:
// what a section is, how sections are numbered, which block lines a body may hold and what they
// need, the outline a new inspection starts with, and what an unfinished outline blocks.
import type { Catalogue, Checklist } from './checklist';
import { checklistVersion } from './checklist';
import type { InspectionTexts } from './document';
import type { InspectionSnapshot } from './inspection';

export type SectionLevel = 1 | 2 | 3;
export const CHAPTER_KINDS = ['ongenummerd', 'hoofdstuk', 'bijlage'] as const;
export type ChapterKind = (typeof CHAPTER_KINDS)[number];
export const SECTION_KINDS = [...CHAPTER_KINDS, 'paragraaf'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const CHAPTER_KIND_LABELS: Record<SectionKind, string> = {
  ongenummerd: 'Ongenummerd (voorwoord, samenvatting)',
  hoofdstuk: 'Hoofdstuk',
  bijlage: 'Bijlage',
  paragraaf: 'Paragraaf',
};

/** A section as written: what an export holds and an import or the demo brings. */
export interface SectionInput {
  level: SectionLevel;
  kind: SectionKind;
  title: string;
  body: string;
  required: boolean;
  marking: string;
}

export interface SectionRecord extends SectionInput {
  id: number;
  position: number;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface NumberedSection<S extends SectionInput = SectionInput> {
  section: S;
  /** "2", "2.1", "Bijlage 3" or "" */
  number: string;
  /** The heading as printed: number and title. */
  heading: string;
  /** The level-1 section this one belongs to (itself for a level-1 section). */
  chapterIndex: number;
}

/** Level 1 is a chapter of some kind; below it every section is a paragraaf. */
export function kindFor(level: SectionLevel, kind: SectionKind): SectionKind {
  if (level > 1) return 'paragraaf';
  return kind === 'paragraaf' ? 'hoofdstuk' : kind;
}

/**
 * Numbers as the inspectorate prints them: chapters 1, 2, …; their level-2 sections 2.1, 2.2;
 * appendices "Bijlage 1", …; the voorwoord, the samenvatting and every level-3 section unnumbered.
 */
export function numberOutline<S extends SectionInput>(sections: S[]): Array<NumberedSection<S>> {
  let chapter = 0;
  let appendix = 0;
  let paragraph = 0;
  let chapterKind: SectionKind = 'ongenummerd';
  let chapterIndex = -1;
  return sections.map((section, i) => {
    let number = '';
    if (section.level === 1) {
      chapterIndex = i;
      chapterKind = section.kind;
      paragraph = 0;
      if (section.kind === 'hoofdstuk') number = String(++chapter);
      else if (section.kind === 'bijlage') number = `Bijlage ${++appendix}`;
    } else if (section.level === 2 && chapterKind === 'hoofdstuk') {
      number = `${chapter}.${++paragraph}`;
    }
    return { section, number, heading: number ? `${number} ${section.title}` : section.title, chapterIndex: Math.max(0, chapterIndex) };
  });
}

/** Problems with the order of levels: the first section is a chapter, and no level is skipped. */
export function outlineShapeProblem(sections: Array<Pick<SectionInput, 'level' | 'title'>>): string | null {
  if (sections.length === 0) return null;
  if (sections[0].level !== 1) return `De eerste sectie ("${sections[0].title}") moet een hoofdstuk, bijlage of ongenummerde sectie zijn (niveau 1).`;
  for (let i = 1; i < sections.length; i++) {
    if (sections[i].level > sections[i - 1].level + 1) {
      return `Sectie "${sections[i].title}" staat op niveau ${sections[i].level} direct na een sectie van niveau ${sections[i - 1].level}; een niveau overslaan kan niet.`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Block lines: `{{naam arg key="value"}}` on a line of its own places a generated block.

export const BLOCK_NAMES = [
  'uitkomsten', 'criteria', 'deelconclusie', 'oordelen', 'matrix', 'klachtcijfers', 'grafiek', 'figuur',
  'conclusies', 'aanbevelingen', 'opvolging', 'kader', 'bronnen', 'methode', 'leeswijzer',
  'bestuurlijke_reactie',
] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

export interface BlockCall {
  name: BlockName;
  /** Positional arguments, in order. */
  args: string[];
  /** key="value" arguments. */
  options: Partial<Record<string, string>>;
  /** The line as written, for messages. */
  source: string;
}

/** What the help next to the editor lists: every block with what it places. */
export const BLOCK_HELP: Array<{ example: string; what: string }> = [
  { example: '{{uitkomsten}}', what: 'per toezegging het landelijke oordeel, de kern van de deelconclusie en de aanbevelingen (samenvatting)' },
  { example: '{{criteria opvolgen}}', what: 'per criterium van de toezegging: landelijk oordeel met aantallen, bevindingen, oordelen per eenheid met noten' },
  { example: '{{deelconclusie opvolgen}}', what: 'het oordeel en de deelconclusie van de toezegging, met haar aanbevelingen' },
  { example: '{{oordelen opvolgen}}', what: 'tabel van de eenheden met hun oordelen op de criteria van de toezegging' },
  { example: '{{oordelen criterium=k7}}', what: 'de oordelen per eenheid op één criterium' },
  { example: '{{matrix}}', what: 'de oordelentabel van een toetsingskader (of {{matrix ombudsman}})' },
  { example: '{{klachtcijfers titel="…" bron="@B08"}}', what: 'de tabel met klachtcijfers, met bijschrift en bronregel' },
  { example: '{{grafiek klachtcijfers}}', what: 'grafiek van de klachtcijfers (of {{grafiek oordelen}})' },
  { example: '{{figuur B45 titel="…"}}', what: 'een afbeelding uit de bronnenlijst (PNG of JPEG)' },
  { example: '{{conclusies}}', what: 'de conclusie per toezegging, met het oordeel' },
  { example: '{{aanbevelingen}}', what: 'alle aanbevelingen, per toezegging' },
  { example: '{{opvolging}}', what: 'wat er werd gedaan met de aanbevelingen van het vorige onderzoek' },
  { example: '{{kader}}', what: 'het toetsingskader als bijlage (of {{kader ombudsman}})' },
  { example: '{{bronnen}}', what: 'de lijst van bronnen' },
  { example: '{{methode}}', what: 'de feiten van het dossier: bronnen per soort, gesprekken en wederhoor' },
  { example: '{{leeswijzer}}', what: 'een leeswijzer uit de hoofdstukken van deze opzet' },
  { example: '{{bestuurlijke_reactie}}', what: 'de bestuurlijke reactie (bron van die soort): de brief, met het bijgevoegde bestand en zijn SHA-256' },
];

// An underscore for the one block named with two words (bestuurlijke_reactie).
const BLOCK_LINE = /^\{\{\s*([a-z_-]+)((?:\s+[^}]*)?)\}\}$/;
const ARG = /([a-z]+)="([^"]*)"|([a-z]+)=(\S+)|"([^"]*)"|(\S+)/g;

/** A line that is a block call, parsed; null for any other line. */
export function parseBlockLine(line: string): BlockCall | { unknown: string; source: string } | null {
  const m = BLOCK_LINE.exec(line.trim());
  if (!m) return null;
  const name = m[1];
  if (!(BLOCK_NAMES as readonly string[]).includes(name)) return { unknown: name, source: line.trim() };
  const args: string[] = [];
  const options: Partial<Record<string, string>> = {};
  for (const a of m[2].matchAll(ARG)) {
    if (a[1]) options[a[1]] = a[2];
    else if (a[3]) options[a[3]] = a[4];
    else args.push(a.at(5) ?? a.at(6) ?? '');
  }
  return { name: name as BlockName, args, options, source: line.trim() };
}

/** Every block call in a body, in order (lines inside fenced code are text, not blocks). */
export function blockCalls(body: string): Array<BlockCall | { unknown: string; source: string }> {
  const out: Array<BlockCall | { unknown: string; source: string }> = [];
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const call = parseBlockLine(line);
    if (call) out.push(call);
  }
  return out;
}

/** What a body's blocks and footnotes may refer to. */
export interface OutlineScope {
  checklists: Checklist[];
  evidenceRefs: Set<string>;
}

/** A group named by its id (or `checklist/group`) in the inspection's checklists, with its checklist. */
export function findGroup(scope: Pick<OutlineScope, 'checklists'>, id: string): { checklist: Checklist; group: Checklist['groups'][number] } | null {
  const [clId, gId] = id.includes('/') ? id.split('/', 2) : [null, id];
  for (const checklist of scope.checklists) {
    if (clId && checklist.id !== clId) continue;
    const group = checklist.groups.find((g) => g.id === gId);
    if (group) return { checklist, group };
  }
  return null;
}

export function findCriterion(scope: Pick<OutlineScope, 'checklists'>, id: string) {
  for (const checklist of scope.checklists) {
    for (const group of checklist.groups) {
      const criterion = group.criteria.find((c) => c.id === id || `${checklist.id}/${c.id}` === id);
      if (criterion) return { checklist, group, criterion };
    }
  }
  return null;
}

const GROUP_BLOCKS = new Set<BlockName>(['criteria', 'deelconclusie']);
const SOURCE_OPTION = /^@([A-Za-z0-9][A-Za-z0-9._-]*)/;

function groupList(scope: OutlineScope): string {
  return scope.checklists.flatMap((c) => c.groups.map((g) => g.id)).join(', ');
}

/** Why a block call cannot be placed, in Dutch; null when it can. */
export function blockProblem(call: BlockCall | { unknown: string; source: string }, scope: OutlineScope): string | null {
  if ('unknown' in call) return `Onbekend blok "${call.unknown}" in ${call.source}. Mogelijk: ${BLOCK_NAMES.join(', ')}.`;
  const { name, args, options } = call;
  if (GROUP_BLOCKS.has(name) || (name === 'oordelen' && !options.criterium)) {
    if (!args[0]) return `Blok ${call.source} noemt geen toezegging of groep (bijvoorbeeld {{${name} ${scope.checklists[0]?.groups[0]?.id ?? 'groep'}}}).`;
    if (!findGroup(scope, args[0])) return `Blok ${call.source}: "${args[0]}" is geen toezegging of groep van dit onderzoek (wel: ${groupList(scope)}).`;
  }
  if (name === 'oordelen' && options.criterium && !findCriterion(scope, options.criterium)) {
    return `Blok ${call.source}: criterium "${options.criterium}" bestaat niet in de toetsingskaders van dit onderzoek.`;
  }
  if ((name === 'matrix' || name === 'kader') && args[0] && !scope.checklists.some((c) => c.id === args[0])) {
    return `Blok ${call.source}: "${args[0]}" is geen toetsingskader van dit onderzoek (wel: ${scope.checklists.map((c) => c.id).join(', ')}).`;
  }
  if (name === 'grafiek' && args[0] && args[0] !== 'klachtcijfers' && args[0] !== 'oordelen') {
    return `Blok ${call.source}: een grafiek is van "klachtcijfers" of "oordelen".`;
  }
  if (name === 'figuur') {
    if (!args[0]) return `Blok ${call.source} noemt geen bron (het kenmerk van een afbeelding in de bronnenlijst).`;
    if (!scope.evidenceRefs.has(args[0])) return `Blok ${call.source}: bron "${args[0]}" staat niet in de bronnenlijst van dit onderzoek.`;
  }
  const bron = options.bron ? SOURCE_OPTION.exec(options.bron) : null;
  if (bron && !scope.evidenceRefs.has(bron[1])) return `Blok ${call.source}: bron "${bron[1]}" staat niet in de bronnenlijst van dit onderzoek.`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Footnotes: `[^label]` with `[^label]: text` (or `@REF, pinpoint`), and inline `^[text]`.

const FOOTNOTE_DEF = /^\[\^([^\]\s]+)\]:[ \t]*(.*)$/;
const FOOTNOTE_REF = /\[\^([^\]\s]+)\](?!:)/g;

/** A footnote text that cites the file: its evidence ref and the pinpoint after the first comma. */
export function citedSource(text: string): { ref: string; pinpoint: string } | null {
  const m = /^@([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:,\s*([\s\S]*))?$/.exec(text.trim());
  return m ? { ref: m[1], pinpoint: (m.at(2) ?? '').trim() } : null;
}

/** Problems with a body's footnotes: a reference without a text, a text that cites an unknown source. */
export function footnoteProblems(body: string, scope: OutlineScope): string[] {
  const defined = new Map<string, string>();
  const lines = body.split(/\r?\n/);
  for (const line of lines) {
    const m = FOOTNOTE_DEF.exec(line);
    if (m) defined.set(m[1], m[2]);
  }
  const out: string[] = [];
  for (const line of lines) {
    if (FOOTNOTE_DEF.test(line)) continue;
    for (const m of line.matchAll(FOOTNOTE_REF)) {
      if (!defined.has(m[1])) out.push(`Voetnoot [^${m[1]}] heeft geen tekst: voeg een regel "[^${m[1]}]: …" toe.`);
    }
  }
  for (const [label, text] of defined) {
    const cited = citedSource(text);
    if (cited && !scope.evidenceRefs.has(cited.ref)) out.push(`Voetnoot [^${label}] verwijst naar bron "${cited.ref}", die niet in de bronnenlijst van dit onderzoek staat.`);
  }
  return [...new Set(out)];
}

/** Everything wrong with a body, in Dutch; empty when it can be saved. */
export function bodyProblems(body: string, scope: OutlineScope): string[] {
  const out: string[] = [];
  for (const call of blockCalls(body)) {
    const p = blockProblem(call, scope);
    if (p) out.push(p);
  }
  return [...out, ...footnoteProblems(body, scope)];
}

// ---------------------------------------------------------------------------------------------
// The outline a new inspection starts with.

function section(level: SectionLevel, kind: SectionKind, title: string, body = '', required = true): SectionInput {
  return { level, kind: kindFor(level, kind), title, body, required, marking: '' };
}

/**
 * The default outline, in the inspectorate's structure: voorwoord, samenvatting, inleiding, a
 * chapter per group of the main checklist (its criteria and deelconclusie), the follow-up of the
 * previous recommendations when there were any, conclusions and recommendations, appendices.
 * Texts written before outlines existed go where they belong.
 */
export function defaultOutline(
  checklists: Checklist[],
  texts: Partial<InspectionTexts>,
  hasPredecessorRecommendations: boolean,
  // Only a new inspection gets the bijlage for the bestuurlijke reactie: the outline read for one
  // finalised before outlines existed must stay what was published.
  options: { bestuurlijkeReactie?: boolean } = {},
): SectionInput[] {
  const main = checklists.at(0);
  const others = checklists.slice(1);
  const out: SectionInput[] = [
    section(1, 'ongenummerd', 'Voorwoord', texts.voorwoord ?? ''),
    section(1, 'ongenummerd', 'Samenvatting', '', false),
    section(2, 'paragraaf', 'Aanleiding', texts.aanleiding ?? ''),
    section(2, 'paragraaf', 'Onderzoeksvraag', texts.onderzoeksvraag ?? ''),
    section(2, 'paragraaf', 'Onderzoeksmethode', texts.methode ?? ''),
    section(2, 'paragraaf', 'Uitkomsten van het onderzoek', '{{uitkomsten}}'),
    // The introduction tells more than the summary; it starts empty rather than repeating it.
    section(1, 'hoofdstuk', 'Inleiding', '', false),
    section(2, 'paragraaf', 'Aanleiding en context'),
    section(2, 'paragraaf', 'Afbakening en methode', '{{methode}}'),
    section(2, 'paragraaf', 'Leeswijzer', '{{leeswijzer}}'),
  ];
  if (main) {
    for (const g of main.groups) {
      out.push(
        section(1, 'hoofdstuk', g.title, '', false),
        section(2, 'paragraaf', 'Bevindingen per criterium', `{{criteria ${g.id}}}`),
        section(2, 'paragraaf', 'Deelconclusie', `{{deelconclusie ${g.id}}}`),
      );
    }
  }
  if (hasPredecessorRecommendations) out.push(section(1, 'hoofdstuk', 'Opvolging eerdere aanbevelingen', '{{opvolging}}'));
  out.push(
    section(1, 'hoofdstuk', 'Conclusies en aanbevelingen', '', false),
    section(2, 'paragraaf', 'Conclusies', [texts.conclusie ?? '', '{{conclusies}}'].filter(Boolean).join('\n\n')),
    section(2, 'paragraaf', 'Aanbevelingen', '{{aanbevelingen}}'),
  );
  if (options.bestuurlijkeReactie) {
    out.push(
      section(1, 'bijlage', 'Bestuurlijke reactie', '{{bestuurlijke_reactie}}', false),
      section(2, 'paragraaf', 'Nawoord', '', false),
    );
  }
  if (main) out.push(section(1, 'bijlage', main.shortTitle, '{{kader}}'));
  for (const o of others) out.push(section(1, 'bijlage', o.shortTitle, `{{kader ${o.id}}}\n\n{{criteria ${o.id}/${o.groups[0]?.id ?? ''}}}`));
  out.push(
    section(1, 'bijlage', 'Oordelen per eenheid en criterium', checklists.map((c, i) => (i === 0 ? '{{matrix}}' : `{{matrix ${c.id}}}`)).join('\n\n')),
    section(1, 'bijlage', 'Klachtcijfers', '{{klachtcijfers titel="Afgeronde klachten naar status en fase (landelijk)"}}\n\n{{grafiek klachtcijfers}}', false),
    section(1, 'bijlage', 'Lijst van bronnen', '{{bronnen}}'),
  );
  return out;
}

/** The checklists of an inspection in its order, as far as the catalogue knows them. */
export function inspectionChecklists(catalogue: Catalogue, refs: ReadonlyArray<{ id: string; version: string }>): Checklist[] {
  return refs.map((r) => checklistVersion(catalogue, r)).filter((c): c is Checklist => c !== undefined);
}

/**
 * The outline an inspection's report follows: the stored one, or for an inspection that has none
 * (finalised before outlines existed) the default made from its texts, with ids below zero.
 */
export function outlineOf(s: Pick<InspectionSnapshot, 'outline' | 'texts' | 'predecessorRecommendations'>, checklists: Checklist[]): SectionRecord[] {
  if (s.outline.length > 0) return s.outline;
  return defaultOutline(checklists, s.texts, s.predecessorRecommendations.length > 0).map((x, i) => ({
    ...x, id: -(i + 1), position: i + 1, version: 0, updatedBy: null, updatedAt: null,
  }));
}

/** The body without its block lines and footnote texts: what a reader sees as the section's own words. */
export function ownText(body: string): string {
  return body
    .split(/\r?\n/)
    .filter((line) => parseBlockLine(line) === null && !FOOTNOTE_DEF.test(line))
    .join('\n')
    .trim();
}

/** Blocks that print a group's deelconclusie (or its core), and so need it written. */
const NEEDS_CONCLUSION = new Set<BlockName>(['deelconclusie', 'uitkomsten', 'conclusies']);

export interface OutlineNeeds {
  /** Required sections with neither own text nor a block. */
  emptySections: Array<{ section: SectionRecord; heading: string }>;
  /** Groups (checklist/group) whose deelconclusie a block prints. */
  conclusions: Array<{ checklist: string; group: string }>;
  /** Criteria whose findings a {{criteria}} block prints. */
  findings: Array<{ checklist: string; group: string; criterion: string }>;
}

/** What the outline needs written before the report is complete. */
export function outlineNeeds(sections: SectionRecord[], checklists: Checklist[]): OutlineNeeds {
  const numbered = numberOutline(sections);
  const scope = { checklists };
  const emptySections = numbered
    .filter((n) => n.section.required && n.section.body.trim() === '')
    .map((n) => ({ section: n.section, heading: n.heading }));
  const conclusions = new Map<string, { checklist: string; group: string }>();
  const findings = new Map<string, { checklist: string; group: string; criterion: string }>();
  for (const s of sections) {
    for (const call of blockCalls(s.body)) {
      if ('unknown' in call) continue;
      if (NEEDS_CONCLUSION.has(call.name)) {
        const groups = call.name === 'deelconclusie'
          ? [findGroup(scope, call.args[0] ?? '')].filter((g) => g !== null)
          : (checklists[0]?.groups ?? []).map((group) => ({ checklist: checklists[0], group }));
        for (const g of groups) conclusions.set(`${g.checklist.id}/${g.group.id}`, { checklist: g.checklist.id, group: g.group.id });
      }
      if (call.name === 'criteria') {
        const g = findGroup(scope, call.args[0] ?? '');
        if (g) for (const c of g.group.criteria) findings.set(`${g.checklist.id}/${c.id}`, { checklist: g.checklist.id, group: g.group.id, criterion: c.id });
      }
    }
  }
  return { emptySections, conclusions: [...conclusions.values()], findings: [...findings.values()] };
}
