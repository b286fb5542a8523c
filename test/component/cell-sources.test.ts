// Issue 18, point 2: the cell page of an inspection with many sources lists only the nearest ones
// (about the cell's unit, or about no unit); every other source is found on the cell's sources
// page, which works without JavaScript: search, choose, link, and back to the cell.
import { INLINE_SOURCES, SOURCES_PER_PAGE } from '../../src/app/cells';
import { createEvidence } from '../../src/store/evidence.store';
import { getInspection, loadSnapshot } from '../../src/store/inspections.store';
import { getCell } from '../../src/store/verdicts.store';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
let otherUnit: string;
const cellPath = (criterion: string, unit: string) => `/onderzoeken/${w.id2022}/cellen/toetsingskader/${criterion}/${unit}`;
const key = (criterion: string, unit: string) => ({ inspectionId: w.id2022, checklist: 'toetsingskader', criterion, unit });
const optionIds = (html: string) => [...html.matchAll(/<option value="(\d+)"[^>]*>/g)].map((m) => Number(m[1]));

beforeAll(async () => {
  w = await makeWorld();
  const units = getInspection(w.ctx.db, w.id2022).units;
  otherUnit = units.find((u) => u !== 'NN') ?? '';
  // Enough sources about another unit that the cell page can no longer list them all.
  for (let i = 1; i <= INLINE_SOURCES + 20; i++) {
    createEvidence(w.ctx.db, 'test@toetsing.local', w.id2022, {
      type: 'document', title: `Testregistratie ${i} ${i === 7 ? 'zeldzaamwoord' : ''}`.trim(), dateFrom: null, dateTo: null, party: '', units: [otherUnit], description: '', wederhoor: null,
    }, null);
  }
});
afterAll(() => w.ctx.cleanup());

describe('the cell page of an inspection with many sources', () => {
  test('when it is opened, then it lists only sources about its unit or about no unit and links to the sources page', async () => {
    const res = await w.as.inspecteur.agent.get(cellPath('k2', 'NN')).expect(200);
    const evidence = new Map(loadSnapshot(w.ctx.db, w.id2022).evidence.map((e) => [e.id, e]));
    const listed = optionIds(res.text).filter((id) => evidence.has(id));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThanOrEqual(INLINE_SOURCES);
    for (const id of listed) {
      const units = evidence.get(id)?.units ?? [];
      expect(units.length === 0 || units.includes('NN')).toBe(true);
    }
    expect(res.text).toContain(`href="${cellPath('k2', 'NN')}/bronnen"`);
  });
});

describe('the sources page of a cell', () => {
  test('when searched, then it shows the matching unlinked sources, those about other units marked', async () => {
    const res = await w.as.inspecteur.agent.get(`${cellPath('k2', 'NN')}/bronnen?zoek=ZELDZAAMWOORD`).expect(200);
    expect(res.text).toContain('1 bron gevonden');
    expect(res.text).toContain('Testregistratie 7 zeldzaamwoord');
    expect(res.text).toContain(`over andere eenheden: ${otherUnit}`);
    expect(res.text).toContain('value="ZELDZAAMWOORD"');
  });

  test('when there are more sources than fit on a page, then the page links to the next page and shows the rest there', async () => {
    const first = await w.as.inspecteur.agent.get(`${cellPath('k2', 'NN')}/bronnen?zoek=Testregistratie`).expect(200);
    expect([...first.text.matchAll(/name="evidenceId" value="\d+"/g)]).toHaveLength(SOURCES_PER_PAGE);
    expect(first.text).toContain('bronnen?zoek=Testregistratie&amp;pagina=2');
    const third = await w.as.inspecteur.agent.get(`${cellPath('k2', 'NN')}/bronnen?zoek=Testregistratie&pagina=3`).expect(200);
    expect([...third.text.matchAll(/name="evidenceId" value="\d+"/g)]).toHaveLength(INLINE_SOURCES + 20 - 2 * SOURCES_PER_PAGE);
  });

  test('when a source is chosen and linked, then it is linked with its excerpt and the answer returns to the cell', async () => {
    const source = loadSnapshot(w.ctx.db, w.id2022).evidence.find((e) => e.title === 'Testregistratie 7 zeldzaamwoord');
    if (!source) throw new Error('test source missing');
    const before = getCell(w.ctx.db, key('k2', 'NN'));
    const res = await postAs(w, 'inspecteur', `${cellPath('k2', 'NN')}/bronnen`, { evidenceId: String(source.id), excerpt: 'blz. 4', zoek: 'zeldzaamwoord', pagina: '1' }).expect(303);
    expect(res.headers.location).toBe(`${cellPath('k2', 'NN')}?opgeslagen=koppeling#bronnen`);
    const after = getCell(w.ctx.db, key('k2', 'NN'));
    expect(after.links).toContainEqual({ evidenceId: source.id, excerpt: 'blz. 4' });
    // The verdict itself is left as it was (a link may still raise its version: see verdicts.store linkEvidence).
    expect({ verdict: after.verdict, motivation: after.motivation, workflow: after.workflow }).toEqual({ verdict: before.verdict, motivation: before.motivation, workflow: before.workflow });
    const cell = await w.as.inspecteur.agent.get(res.headers.location).expect(200);
    expect(cell.text).toContain('De bron is gekoppeld.');
    expect(cell.text).toContain('blz. 4');
    // Linked now, so no longer offered.
    const again = await w.as.inspecteur.agent.get(`${cellPath('k2', 'NN')}/bronnen?zoek=zeldzaamwoord`).expect(200);
    expect(again.text).not.toContain('Testregistratie 7 zeldzaamwoord');
  });

  test('when no source is chosen, then nothing changes and the page shows the message with the search and excerpt kept', async () => {
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `${cellPath('k3', 'NN')}/bronnen`, { excerpt: 'mijn citaat', zoek: 'Testregistratie', pagina: '2' }).expect(400);
    expect(res.text).toContain('Kies een bron.');
    expect(res.text).toContain('mijn citaat');
    expect(res.text).toContain('value="Testregistratie"');
    expect(res.text).toContain('Pagina 2 van');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the address has a bad page number or unknown parameter, then 400 with a message, not an error', async () => {
    const bad = await w.as.inspecteur.agent.get(`${cellPath('k2', 'NN')}/bronnen?pagina=abc`).expect(400);
    expect(bad.text).toContain('Pagina: Het paginanummer moet een getal zijn.');
    await w.as.inspecteur.agent.get(`${cellPath('k2', 'NN')}/bronnen?x=1`).expect(400);
    // Past the last page: the last page.
    const far = await w.as.inspecteur.agent.get(`${cellPath('k2', 'NN')}/bronnen?pagina=999`).expect(200);
    expect(far.text).toMatch(/Pagina (\d+) van \1/);
  });

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when a %s opens it or links from it, then %i and nothing changes', async (role, status) => {
    await w.as[role].agent.get(`${cellPath('k2', 'NN')}/bronnen`).expect(status);
    const fp = dbFingerprint(w.ctx);
    const source = loadSnapshot(w.ctx.db, w.id2022).evidence.find((e) => e.title === 'Testregistratie 8');
    await postAs(w, role, `${cellPath('k2', 'NN')}/bronnen`, { evidenceId: String(source?.id), excerpt: '' }).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});
