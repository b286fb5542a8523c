// The report outline through the application layer and into the report model: sections added,
// renamed, moved and removed against the version the user saw, footnotes numbered through the
// report, and the blockers of an outline that is not written yet.
import { addSection, moveSection, outlinePage, removeSection, saveSection } from '../../src/app/outline';
import { nationalReportModel } from '../../src/app/reports';
import { findBlockers } from '../../src/domain/blockers';
import { StaleVersionError } from '../../src/errors';
import { createEvidence } from '../../src/store/evidence.store';
import { createInspection, loadSnapshot } from '../../src/store/inspections.store';
import { listSections } from '../../src/store/outline.store';
import { addUsers, makeCtx, TestCtx, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { actorOf, thrown } from '../helpers/use-cases';

let ctx: TestCtx;
let id: number;

beforeEach(async () => {
  ctx = makeCtx();
  await addUsers(ctx);
  id = createInspection(ctx.db, ctx.catalogue, 'test', {
    title: 'Proef', year: 2025, fieldworkStart: null, fieldworkEnd: null,
    checklists: [{ id: 'toetsingskader', version: '2016' }], units: ['NN', 'ON'], team: [USERS.inspecteur.email], predecessorId: null,
  });
  const doc = { type: 'document' as const, dateFrom: '2022-03-30', dateTo: '2022-03-30', party: 'VIK Korpsstaf', units: [], description: '', wederhoor: null };
  createEvidence(ctx.db, 'test', id, { ...doc, title: 'Analyse jaarverslagen 2020 klachtencommissies eenheden' }, null, 'B15');
  createEvidence(ctx.db, 'test', id, { ...doc, title: 'Uitvoeringsregeling klachtbehandeling politie 2018', party: 'Korpschef' }, null, 'B02');
});
afterEach(() => ctx.cleanup());

const sections = () => listSections(ctx.db, id);
const byTitle = (title: string) => sections().find((s) => s.title === title)!;
const save = (title: string, change: Partial<Parameters<typeof saveSection>[4]>) => {
  const s = byTitle(title);
  saveSection(ctx, actorOf(ctx, 'inspecteur'), id, s.id, { version: s.version, level: s.level, kind: s.kind, title: s.title, body: s.body, marking: s.marking, required: s.required, ...change });
};

describe('editing the outline', () => {
  test('when a section is added after another, renamed and moved, then the outline and its numbers follow and every change is logged', () => {
    const me = actorOf(ctx, 'inspecteur');
    const inleiding = byTitle('Inleiding');
    const newId = addSection(ctx, me, id, { afterId: inleiding.id, level: 2, kind: 'paragraaf', title: 'Klagen is een recht' });
    save('Klagen is een recht', { title: 'Klagen is een grondrecht', body: 'Een klacht is vormvrij.' });
    moveSection(ctx, me, id, newId, 'down');
    const page = outlinePage(ctx, me, id);
    const inl = page.sections.findIndex((s) => s.title === 'Inleiding');
    expect(page.sections.slice(inl, inl + 3).map((s) => s.heading)).toEqual(['1 Inleiding', '1.1 Aanleiding en context', '1.2 Klagen is een grondrecht']);
    const log = ctx.db.prepare("SELECT entity, action FROM change_log WHERE inspection_id = ? AND entity IN ('section', 'outline_order') ORDER BY seq").all(id);
    expect(log).toEqual([{ entity: 'section', action: 'create' }, { entity: 'section', action: 'update' }, { entity: 'outline_order', action: 'update' }]);
  });

  test('when a save or a removal brings an old version, then it is refused with the stored section and nothing changes', () => {
    const me = actorOf(ctx, 'inspecteur');
    const v = byTitle('Voorwoord');
    save('Voorwoord', { body: 'De eerste versie.' });
    const before = dbFingerprint(ctx);
    const stale = () => saveSection(ctx, me, id, v.id, { version: v.version, level: 1, kind: 'ongenummerd', title: 'Voorwoord', body: 'Mijn versie.', marking: '', required: true });
    expect(stale).toThrow(StaleVersionError);
    try { stale(); } catch (e) { expect((e as StaleVersionError).current).toMatchObject({ body: 'De eerste versie.' }); }
    expect(() => removeSection(ctx, me, id, v.id, v.version)).toThrow(StaleVersionError);
    expect(dbFingerprint(ctx)).toEqual(before);
    removeSection(ctx, me, id, v.id, v.version + 1);
    expect(sections().some((s) => s.title === 'Voorwoord')).toBe(false);
  });

  test('when a body has an unknown block or a footnote without text, or a section would skip a level, then nothing is saved and the message names it', () => {
    const before = dbFingerprint(ctx);
    const e = thrown(() => save('Voorwoord', { body: 'Zin.[^x]\n\n{{tabelletje}}' }));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/Onbekend blok "tabelletje".*Voetnoot \[\^x\] heeft geen tekst/);
    expect(thrown(() => save('Aanleiding en context', { level: 3 })).message).toBeDefined();
    expect(thrown(() => addSection(ctx, actorOf(ctx, 'inspecteur'), id, { afterId: null, level: 2, kind: 'paragraaf', title: 'Vooraan' })).message).toMatch(/eerste sectie/);
    expect(dbFingerprint(ctx)).toEqual(before);
  });

  test('when a lezer or an inspector outside the team edits, then it is refused and nothing changes', () => {
    const before = dbFingerprint(ctx);
    // Not on the team: the inspection does not exist for editing, whatever the role.
    expect(thrown(() => addSection(ctx, actorOf(ctx, 'lezer'), id, { afterId: null, level: 1, kind: 'hoofdstuk', title: 'X' })).kind).toBe('not_found');
    expect(thrown(() => addSection(ctx, actorOf(ctx, 'buitenstaander'), id, { afterId: null, level: 1, kind: 'hoofdstuk', title: 'X' })).kind).toBe('not_found');
    expect(dbFingerprint(ctx)).toEqual(before);
  });
});

describe('footnotes in the report', () => {
  test('when texts in several chapters cite sources and the law, then notes are numbered through the report, printed once per chapter, and a source cited twice has one line in the source list', () => {
    save('Aanleiding en context', { body: 'Een klacht is elke uiting van ongenoegen.[^def] De korpsstaf telde.[^b] Wettelijk geregeld.[^w]\n\n[^def]: @B02, art. 1\n[^b]: @B15\n[^w]: Politiewet 2012, art. 70 lid 2.' });
    const chapter2 = sections().find((s) => s.title === 'Bevindingen per criterium')!;
    save(chapter2.title, { body: `Zie de tabel.[^t]\n\n{{klachtcijfers titel="Afgeronde klachten" bron="@B15, blz. 4"}}\n\n[^t]: @B15, blz. 3\n\n{{criteria opvolgen}}` });
    save('Voorwoord', { body: 'De analyse liet een daling zien.[^a]\n\n[^a]: @B15, blz. 2' });
    const m = nationalReportModel(ctx, actorOf(ctx, 'inspecteur'), id);
    const chapters = m.sections.filter((s) => s.level === 1);
    const notesOf = (title: string) => chapters.find((c) => c.heading.endsWith(title))!.notes.map((n) => [n.number, n.html ?? `${n.ref} ${n.pinpoint}`.trim()]);
    expect(notesOf('Voorwoord')).toEqual([[1, 'B15 blz. 2']]);
    expect(notesOf('Inleiding')).toEqual([[2, 'B02 art. 1'], [3, 'B15'], [4, 'Politiewet 2012, art. 70 lid 2.']]);
    expect(notesOf('Het opvolgen van klachten')).toEqual([[5, 'B15 blz. 3'], [6, 'B15 blz. 4']]);
    const html = m.sections.find((s) => s.heading === '1.1 Aanleiding en context')!.parts.map((p) => (p.kind === 'html' ? p.html : '')).join('');
    expect(html).toMatch(/ongenoegen\.<sup class="fn"><a href="#noot-2" aria-label="noot 2">2<\/a><\/sup>/);
    expect(m.sources.map((s) => [s.ref, s.notes])).toEqual([['B15', [1, 3, 5, 6]], ['B02', [2]]]);
    const table = m.sections.flatMap((s) => s.parts).find((p) => p.kind === 'block' && p.block.type === 'klachtcijfers');
    expect(table?.kind === 'block' && table.block.type === 'klachtcijfers' && table.block.source).toMatchObject({ text: 'Analyse jaarverslagen 2020 klachtencommissies eenheden (30 maart 2022)', note: { number: 6 } });
  });
});

describe('what an unwritten outline blocks', () => {
  test('when required sections, deelconclusies and findings the outline places are empty, then each is a blocker, and writing it removes it', () => {
    const kinds = () => findBlockers(loadSnapshot(ctx.db, id), ctx.catalogue.checklists).filter((b) => ['tekst_ontbreekt', 'deelconclusie_ontbreekt', 'bevinding_ontbreekt'].includes(b.kind));
    const first = kinds();
    expect(first.filter((b) => b.kind === 'tekst_ontbreekt').map((b) => b.message)).toContain('Rapport, sectie "Voorwoord": nog geen tekst');
    expect(first.filter((b) => b.kind === 'deelconclusie_ontbreekt')).toHaveLength(3);
    expect(first.filter((b) => b.kind === 'bevinding_ontbreekt')).toHaveLength(16);
    save('Voorwoord', { body: 'Een woord vooraf.' });
    expect(kinds().some((b) => b.message.includes('"Voorwoord"'))).toBe(false);
    expect(kinds()).toHaveLength(first.length - 1);
  });
});
