// Issue 11, end to end in Chromium: the three ways an inspector lost typed text no longer lose it
// (linking a source after typing, the idle warning while typing, a session that expired between
// typing and saving), and leaving a changed page asks first.
import type { Page } from 'puppeteer';
import { getCell } from '../../src/store/verdicts.store';
import { inspectionIdByRef, USERS } from '../helpers/context';
import { loginAs, newPage, Running, startAll, submit } from './browser';

const cellUrl = (r: Running, criterion: string, unit: string) =>
  `${r.url}/onderzoeken/${inspectionIdByRef(r.ctx, 'recht-van-klagen-2022')}/cellen/toetsingskader/${criterion}/${unit}`;
const cellKey = (r: Running, criterion: string, unit: string) => ({ inspectionId: inspectionIdByRef(r.ctx, 'recht-van-klagen-2022'), checklist: 'toetsingskader', criterion, unit });
const motivation = (page: Page) => page.$eval('#motivation', (e) => (e as HTMLTextAreaElement).value);
const checkedVerdict = (page: Page) => page.$eval('input[name=verdict]:checked', (e) => e.value);
/** Empty the motivation (the demo cells have one) so the test types the whole text. */
const clearMotivation = (page: Page) => page.$eval('#motivation', (e) => { (e as HTMLTextAreaElement).value = ''; });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('with the normal idle time', () => {
  let r: Running;
  beforeAll(async () => { r = await startAll(); });
  afterAll(async () => { await r.stop(); });

  test('when a verdict and motivation are typed and then a source is linked, then both are still there (and saved)', async () => {
    const page = await newPage(r);
    await loginAs(r, page, USERS.inspecteur.email);
    await page.goto(cellUrl(r, 'k7', 'NN'));
    await page.click('input[name=verdict][value=ten_dele]');
    await clearMotivation(page);
    await page.type('#motivation', 'Getypt en daarna gekoppeld.');
    const source = await page.$eval('#link-evidence option:nth-child(2)', (o) => o.value);
    await page.select('#link-evidence', source);
    await page.type('#link-excerpt', 'p. 3');
    await submit(page, 'button[formaction$="/koppelingen"]');
    expect(await checkedVerdict(page)).toBe('ten_dele');
    expect(await motivation(page)).toBe('Getypt en daarna gekoppeld.');
    expect(await page.$eval('#bronnen', (e) => (e as HTMLElement).innerText)).toContain('p. 3');
    expect(getCell(r.ctx.db, cellKey(r, 'k7', 'NN'))).toMatchObject({ verdict: 'ten_dele', motivation: 'Getypt en daarna gekoppeld.' });
    await page.close();
  });

  test('when the page has unsaved changes, then following a link asks first and staying keeps the text', async () => {
    const page = await newPage(r);
    await loginAs(r, page, USERS.inspecteur.email);
    await page.goto(cellUrl(r, 'k7', 'AMS'));
    await clearMotivation(page);
    await page.type('#motivation', 'Nog niet opgeslagen');
    const asked: string[] = [];
    page.on('dialog', (d) => { asked.push(d.type()); void d.dismiss(); });
    await page.click('.cell-nav a[href*="/cellen/"]');
    await sleep(300);
    expect(asked).toEqual(['confirm']);
    expect(page.url()).toBe(cellUrl(r, 'k7', 'AMS'));
    expect(await motivation(page)).toBe('Nog niet opgeslagen');
    await page.close();
  });

  test('when the session expired between typing and saving, then the typed text is offered back after logging in and can be saved', async () => {
    const page = await newPage(r);
    await loginAs(r, page, USERS.inspecteur.email);
    await page.goto(cellUrl(r, 'k8', 'NN'));
    await page.click('input[name=verdict][value=nagekomen]');
    await clearMotivation(page);
    await page.type('#motivation', 'Een lange motivering die niet verloren mag gaan.');
    r.ctx.db.prepare('DELETE FROM sessions').run();
    await submit(page, '#cell-form button[type=submit]');
    expect(await page.evaluate(() => document.body.innerText)).toContain('niet (meer) ingelogd');
    expect(getCell(r.ctx.db, cellKey(r, 'k8', 'NN')).motivation).not.toContain('niet verloren');

    await loginAs(r, page, USERS.inspecteur.email);
    await page.goto(cellUrl(r, 'k8', 'NN'));
    const offer = await page.$eval('.draft-offer', (e) => (e as HTMLElement).innerText);
    expect(offer).toContain('Er is een niet-opgeslagen concept van motivering');
    await page.click('.draft-offer button');
    expect(await motivation(page)).toBe('Een lange motivering die niet verloren mag gaan.');
    await page.click('input[name=verdict][value=nagekomen]');
    await submit(page, '#cell-form button[type=submit]');
    expect(getCell(r.ctx.db, cellKey(r, 'k8', 'NN'))).toMatchObject({ verdict: 'nagekomen', motivation: 'Een lange motivering die niet verloren mag gaan.' });
    // Saved: the draft is gone.
    await page.reload();
    expect(await page.$('.draft-offer')).toBeNull();
    await page.close();
  });
});

describe('with a short idle time', () => {
  const IDLE = 4000;
  let r: Running;
  beforeAll(async () => { r = await startAll({ sessionIdleMs: IDLE }); });
  afterAll(async () => { await r.stop(); });

  test('when the user types, then the session is kept alive in the background and the warning never clears the text or leaves the page', async () => {
    const page = await newPage(r);
    await loginAs(r, page, USERS.inspecteur.email);
    const url = cellUrl(r, 'k9', 'NN');
    await page.goto(url);
    const keepAlives: number[] = [];
    page.on('response', (res) => { if (res.url().endsWith('/sessie/verlengen')) keepAlives.push(res.status()); });
    page.on('dialog', (d) => { void d.dismiss(); });
    await clearMotivation(page);
    await page.focus('#motivation');
    const text = 'Ik typ langer dan de sessie stil mag zijn.';
    for (const ch of text) { await page.keyboard.type(ch); await sleep(180); }
    // Typing for longer than the idle time: keep-alives went out, no warning, nothing lost.
    expect(keepAlives.length).toBeGreaterThan(0);
    expect(keepAlives.every((s) => s === 200)).toBe(true);
    expect(await page.$eval('#session-warning', (e) => (e as HTMLElement).hidden)).toBe(true);
    expect(await motivation(page)).toBe(text);

    // Idle: the warning comes, the focus stays in the text box, "Ingelogd blijven" works in the background.
    await page.waitForSelector('#session-warning:not([hidden])', { timeout: IDLE });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('motivation');
    const before = keepAlives.length;
    await page.click('#session-warning button');
    await sleep(300);
    expect(keepAlives.length).toBe(before + 1);
    expect(await page.$eval('#session-warning', (e) => (e as HTMLElement).hidden)).toBe(true);
    expect(page.url()).toBe(url);
    expect(await motivation(page)).toBe(text);

    // Idle past the time-out with unsaved input: the page stays and says so.
    await sleep(IDLE + 1500);
    expect(page.url()).toBe(url);
    expect(await motivation(page)).toBe(text);
    expect(await page.$eval('#session-warning', (e) => (e as HTMLElement).innerText)).toContain('Uw sessie is verlopen');
    await page.close();
  });
});
