// Reactions to a wederhoor round over real HTTP and SQLite: the returned form filled in by another
// spreadsheet library (openpyxl) than the one that wrote it (exceljs), all or nothing with every
// problem named; a reaction typed in the app; the handling with its motivation and the section's
// versions; the blocker; a lezer refused; a stale handling kept; export → import → export unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'superagent';
import { reactionFormBytes } from '../../src/app/wederhoor';
import { findBlockers } from '../../src/domain/blockers';
import { exportDocument, importDocument } from '../../src/store/documents';
import { loadSnapshot, getInspection } from '../../src/store/inspections.store';
import { listSections, updateSection } from '../../src/store/outline.store';
import { insertRound, getRound, listRounds } from '../../src/store/wederhoor.store';
import { listReactions } from '../../src/store/wederhoor-reactions.store';
import { changeLogCount, tempDir } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

const PYTHON = '/usr/bin/python3';
const FILL = path.join(__dirname, '../fixtures/fill-reaction-form.py');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PARAGRAPHS = 40;

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => { cb(null, Buffer.concat(chunks)); });
};

let w: World;
let dir: string;
let roundId: number;
let otherRoundId: number;

/** The test round's place among the inspection's rounds (the demo has one of its own). */
const place = () => listRounds(w.ctx.db, w.id2022).findIndex((r) => r.id === roundId) + 1;
const page = (r = roundId) => `/onderzoeken/${w.id2022}/wederhoor/${r}/reacties`;

function newRound(sentOn: string): number {
  const sections = listSections(w.ctx.db, w.id2022).filter((s) => s.level === 2);
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => {
    const s = sections[i % sections.length];
    return { number: i + 1, sectionId: s.id, sectionVersion: s.version, heading: s.title, excerpt: `Paragraaf ${i + 1} van ${s.title}.` };
  });
  return insertRound(w.ctx.db, 'inspecteur@demo.toetsing.local', w.id2022,
    { organisation: 'Nationale Politie (illustratief)', contact: 'afdeling klachten', sentOn, deadline: '2031-02-01', note: '' }, null, paragraphs,
    { pdfSha256: 'a'.repeat(64), docxSha256: 'b'.repeat(64) });
}

type FormRow = Partial<Record<'row' | 'Paragraaf' | 'Geciteerde passage' | 'Reactie' | 'Voorgestelde tekst', string | number>>;

async function filledForm(rows: FormRow[], round = roundId): Promise<Buffer> {
  const inspection = getInspection(w.ctx.db, w.id2022);
  const blank = path.join(dir, `form-${round}-${Math.random().toString(36).slice(2)}.xlsx`);
  fs.writeFileSync(blank, await reactionFormBytes(inspection, getRound(w.ctx.db, w.id2022, round)));
  const out = blank.replace(/\.xlsx$/, '-ingevuld.xlsx');
  execFileSync(PYTHON, [FILL, blank, out, JSON.stringify(rows)]);
  return fs.readFileSync(out);
}

function upload(bytes: Buffer, role: 'inspecteur' | 'lezer' = 'inspecteur', round = roundId) {
  const { agent, csrf } = w.as[role];
  return agent.post(`${page(round)}/formulier`).field('_csrf', csrf).attach('bestand', bytes, { filename: 'reacties.xlsx', contentType: XLSX });
}

const blockersOf = () => {
  const s = loadSnapshot(w.ctx.db, w.id2022);
  return findBlockers(s, w.ctx.catalogue.checklists).filter((b) => b.kind === 'reactie_onverwerkt');
};

beforeAll(async () => {
  w = await makeWorld();
  dir = tempDir('toetsing-reactions-');
  roundId = newRound('2031-01-05');
  otherRoundId = newRound('2031-01-06');
});

afterAll(() => {
  w.ctx.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the returned reaction form', () => {
  test('when one row is bad, then nothing is stored and every problem is named by sheet, row and column; fixed, every row is stored', async () => {
    const rows: FormRow[] = [
      { Paragraaf: 3, 'Geciteerde passage': 'De termijn is zes weken.', Reactie: 'De termijn is sinds 2022 vier weken.', 'Voorgestelde tekst': 'De termijn is vier weken.' },
      { Paragraaf: 412, Reactie: 'Deze paragraaf bestaat niet.' },
      { Paragraaf: 'twaalf', Reactie: 'Geen getal.' },
      { Paragraaf: 5, 'Geciteerde passage': 'Alleen een passage, geen reactie.' },
      { Reactie: '=HYPERLINK("http://example.invalid","klik")' },
    ];
    const before = dbFingerprint(w.ctx);
    const log = changeLogCount(w.ctx);
    const refused = await upload(await filledForm(rows));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Er is niets overgenomen.');
    expect(refused.text).toContain(`Reacties, rij 3, kolom Paragraaf: paragraaf 412 bestaat niet in deze versie (1–${PARAGRAPHS})`);
    expect(refused.text).toContain('Reacties, rij 4, kolom Paragraaf: geen paragraafnummer');
    expect(refused.text).toContain('Reacties, rij 5, kolom Reactie: de reactie zelf ontbreekt');
    expect(refused.text).not.toContain('rij 2,');
    expect(listReactions(w.ctx.db, roundId)).toHaveLength(0);
    expect(changeLogCount(w.ctx)).toBe(log);
    expect(dbFingerprint(w.ctx)).toBe(before);

    const fixed = [rows[0], { ...rows[1], Paragraaf: 12 }, { ...rows[2], Paragraaf: 13 }, { ...rows[3], Reactie: 'Graag verduidelijken.' }, rows[4],
      // An empty row in between is skipped.
      { row: 9, Paragraaf: 20, Reactie: 'Na een lege rij.' }];
    const res = await upload(await filledForm(fixed));
    expect(res.status).toBe(303);
    const stored = listReactions(w.ctx.db, roundId);
    expect(stored.map((r) => [r.position, r.paragraph, r.source])).toEqual([
      [1, 3, 'formulier'], [2, 12, 'formulier'], [3, 13, 'formulier'], [4, 5, 'formulier'], [5, null, 'formulier'], [6, 20, 'formulier'],
    ]);
    expect(stored[0]).toMatchObject({ passage: 'De termijn is zes weken.', reaction: 'De termijn is sinds 2022 vier weken.', proposed: 'De termijn is vier weken.', handling: null });
    // The formula is kept as its own text, never evaluated.
    expect(stored[4].reaction).toBe('=HYPERLINK("http://example.invalid","klik")');
    const shown = await w.as.inspecteur.agent.get(page()).expect(200);
    expect(shown.text).toContain('De termijn is sinds 2022 vier weken.');
  });

  test('when the form belongs to another round, then it is refused and nothing is stored', async () => {
    const before = dbFingerprint(w.ctx);
    const res = await upload(await filledForm([{ Paragraaf: 1, Reactie: 'Uit de andere ronde.' }], otherRoundId));
    expect(res.status).toBe(400);
    expect(res.text).toContain('hoort bij een andere wederhoorronde');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  test('when the file is not a spreadsheet, then it is refused with a Dutch message', async () => {
    const { agent, csrf } = w.as.inspecteur;
    const res = await agent.post(`${page()}/formulier`).field('_csrf', csrf).attach('bestand', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'reacties.xlsx', contentType: XLSX });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Excel|bestand/);
  });
});

describe('a reaction typed in the app and its handling', () => {
  test('when the paragraph does not exist, then the form says so at the field and keeps the text', async () => {
    const res = await postAs(w, 'inspecteur', page(), { paragraaf: '999', passage: '', reactie: 'Mijn reactie blijft staan.', voorstel: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`Paragraaf 999 bestaat niet in deze versie (1–${PARAGRAPHS}).`);
    expect(res.text).toContain('Mijn reactie blijft staan.');
  });

  test('when a reaction is unhandled, then it blocks vaststelling; handled with a motivation, the blocker is gone', async () => {
    const add = await postAs(w, 'inspecteur', page(), { paragraaf: '7', passage: 'Het aantal klachten steeg.', reactie: 'Het aantal daalde in 2021.', voorstel: '' });
    expect(add.status).toBe(303);
    const r = listReactions(w.ctx.db, roundId).at(-1)!;
    expect(r).toMatchObject({ paragraph: 7, source: 'app', handling: null });
    expect(blockersOf().map((b) => b.key)).toContain(`reactie_onverwerkt:${place()}:${r.position}`);

    // A handling without a motivation still blocks.
    const noWhy = await postAs(w, 'inspecteur', `${page()}/${r.id}/verwerking`, { verwerking: 'niet_overgenomen', motivering: '', version: String(r.version) });
    expect(noWhy.status).toBe(303);
    expect(blockersOf().find((b) => b.key === `reactie_onverwerkt:${place()}:${r.position}`)?.message).toContain('zonder motivering');

    const again = listReactions(w.ctx.db, roundId).find((x) => x.id === r.id)!;
    const ok = await postAs(w, 'inspecteur', `${page()}/${r.id}/verwerking`, { verwerking: 'niet_overgenomen', motivering: 'De cijfers in B12 laten een stijging zien.', version: String(again.version) });
    expect(ok.status).toBe(303);
    expect(blockersOf().map((b) => b.key)).not.toContain(`reactie_onverwerkt:${place()}:${r.position}`);
    const handled = listReactions(w.ctx.db, roundId).find((x) => x.id === r.id)!;
    expect(handled).toMatchObject({ handling: 'niet_overgenomen', motivation: 'De cijfers in B12 laten een stijging zien.', handledBy: 'inspecteur@demo.toetsing.local' });
  });

  test('when the text changed because of a reaction, then the section version at the round and now are recorded and linked', async () => {
    const r = listReactions(w.ctx.db, roundId)[0];
    const round = getRound(w.ctx.db, w.id2022, roundId);
    const paragraph = round.paragraphs.find((p) => p.number === r.paragraph)!;
    const unchanged = await postAs(w, 'inspecteur', `${page()}/${r.id}/verwerking`, { verwerking: 'overgenomen', motivering: 'Termijn aangepast.', tekstAangepast: '1', sectie: '', version: String(r.version) });
    expect(unchanged.status).toBe(400);
    expect(unchanged.text).toContain('niet gewijzigd');
    expect(unchanged.text).toContain('Termijn aangepast.');

    const section = listSections(w.ctx.db, w.id2022).find((s) => s.id === paragraph.sectionId)!;
    updateSection(w.ctx.db, 'inspecteur@demo.toetsing.local', w.id2022, section.id, section.version, { ...section, body: `${section.body}\n\nDe termijn is vier weken.` });
    const res = await postAs(w, 'inspecteur', `${page()}/${r.id}/verwerking`, { verwerking: 'overgenomen', motivering: 'Termijn aangepast.', tekstAangepast: '1', sectie: '', version: String(r.version) });
    expect(res.status).toBe(303);
    const handled = listReactions(w.ctx.db, roundId)[0];
    expect(handled).toMatchObject({ sectionId: section.id, sectionVersionBefore: paragraph.sectionVersion, sectionVersionAfter: section.version + 1 });
    const shown = await w.as.lezer.agent.get(page()).expect(200);
    expect(shown.text).toContain(`/rapport/secties/${section.id}/geschiedenis`);
    const history = await w.as.lezer.agent.get(`/onderzoeken/${w.id2022}/rapport/secties/${section.id}/geschiedenis`).expect(200);
    expect(history.text).toContain('Sectie van het rapport gewijzigd');
  });

  test('when the handling is saved against an older version, then it is refused with both versions (409) and the input kept', async () => {
    const r = listReactions(w.ctx.db, roundId)[1];
    const first = await postAs(w, 'inspecteur', `${page()}/${r.id}/verwerking`, { verwerking: 'gedeeltelijk_overgenomen', motivering: 'Eerste.', version: String(r.version) });
    expect(first.status).toBe(303);
    const before = dbFingerprint(w.ctx);
    const stale = await postAs(w, 'beheerder', `${page()}/${r.id}/verwerking`, { verwerking: 'overgenomen', motivering: 'Mijn tweede motivering.', version: String(r.version) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Mijn tweede motivering.');
    expect(stale.text).toContain('Eerste.');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  test('when a reaction is handled, then it can no longer be edited or removed', async () => {
    const r = listReactions(w.ctx.db, roundId)[0];
    const res = await postAs(w, 'inspecteur', `${page()}/${r.id}/verwijderen`, { version: String(r.version) });
    expect(res.status).toBe(409);
    expect(listReactions(w.ctx.db, roundId)[0].id).toBe(r.id);
  });

  test('when an unhandled reaction is removed, then the later ones move up a number', async () => {
    const list = listReactions(w.ctx.db, roundId);
    const target = list.find((x) => x.handling === null)!;
    const res = await postAs(w, 'inspecteur', `${page()}/${target.id}/verwijderen`, { version: String(target.version) });
    expect(res.status).toBe(303);
    expect(listReactions(w.ctx.db, roundId).map((x) => x.position)).toEqual(list.slice(1).map((_, i) => i + 1));
  });
});

describe('who may change reactions', () => {
  test('when a lezer adds, uploads, handles or removes, then it is refused (403) and nothing changes', async () => {
    const r = listReactions(w.ctx.db, roundId).find((x) => x.handling === null)!;
    const before = dbFingerprint(w.ctx);
    expect((await postAs(w, 'lezer', page(), { paragraaf: '1', passage: '', reactie: 'Van een lezer.', voorstel: '' })).status).toBe(403);
    expect((await postAs(w, 'lezer', `${page()}/${r.id}/verwerking`, { verwerking: 'overgenomen', motivering: 'x', version: String(r.version) })).status).toBe(403);
    expect((await postAs(w, 'lezer', `${page()}/${r.id}/verwijderen`, { version: String(r.version) })).status).toBe(403);
    expect((await upload(await filledForm([{ Paragraaf: 1, Reactie: 'x' }]), 'lezer')).status).toBe(403);
    expect(dbFingerprint(w.ctx)).toBe(before);
    // Reading is open to every role; the page offers the lezer no forms.
    const shown = await w.as.lezer.agent.get(page()).expect(200);
    expect(shown.text).not.toContain('Verwerking opslaan');
  });

  test('when an inspector off the team handles a reaction, then the inspection is not found for them', async () => {
    const r = listReactions(w.ctx.db, roundId).find((x) => x.handling === null)!;
    const res = await postAs(w, 'buitenstaander', `${page()}/${r.id}/verwerking`, { verwerking: 'overgenomen', motivering: 'x', version: String(r.version) });
    expect(res.status).toBe(404);
  });
});

describe('the inspection document', () => {
  test('when an inspection with reactions is exported and imported, then exporting it again gives the same reactions', () => {
    const doc = exportDocument(w.ctx.db, w.ctx.catalogue, w.id2022);
    expect(doc.wederhoorReactions?.length).toBeGreaterThan(0);
    const copy = { ...doc, inspection: { ...doc.inspection, ref: `${doc.inspection.ref}-kopie` } };
    const id = importDocument(w.ctx.db, w.ctx.catalogue, 'test', copy);
    const again = exportDocument(w.ctx.db, w.ctx.catalogue, id);
    expect(again.wederhoorReactions).toEqual(doc.wederhoorReactions);
    const { inspection: _a, ...restA } = again;
    const { inspection: _b, ...restB } = copy;
    expect(JSON.stringify(restA)).toBe(JSON.stringify(restB));
  });

  test('when a document names a round it does not have, then the import is refused as a whole', () => {
    const doc = exportDocument(w.ctx.db, w.ctx.catalogue, w.id2022);
    const bad = { ...doc, inspection: { ...doc.inspection, ref: `${doc.inspection.ref}-fout` }, wederhoorReactions: [{ round: 99, reactions: doc.wederhoorReactions![0].reactions }] };
    const before = dbFingerprint(w.ctx);
    expect(() => importDocument(w.ctx.db, w.ctx.catalogue, 'test', bad)).toThrow(/geen wederhoorronde 99/);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });
});

describe('the handling document on the web', () => {
  test('when a lezer downloads the spreadsheet and the PDF route exists, then the file comes with a readable name', async () => {
    const res = await w.as.lezer.agent.get(`/onderzoeken/${w.id2022}/verwerking-reacties.xlsx`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(decodeURIComponent(res.headers['content-disposition'])).toContain('Recht van klagen 2022 - verwerking van de reacties op het conceptrapport (concept).xlsx');
    expect((res.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
