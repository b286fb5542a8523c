// Stored denial of service through markdown (issue 15): 223 motivations of 25,000 × `![` made one
// comparison page take 26 s while the whole server answered nothing. A text of a shape that is
// too costly is refused at save (form and import) with a Dutch message; one stored before that
// check renders as plain text; rendered HTML is cached; a screen's markdown has a budget.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { documentSchema } from '../../src/domain/document';
import { clearMarkdownCache, markdownCacheStats, markdownProblem, MAX_BRACKETS, plainTextHtml, renderGuarded, renderMarkdown, renderMarkdownForPrint, setScreenMarkdownBudget } from '../../src/markdown';
import { exportDocument } from '../../src/store/documents';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { textField } from '../../src/web/page-kit';
import { inspectionIdByRef } from '../helpers/context';
import { closeFixture, Fixture, securityFixture, sessionFor } from './support';

const BOMB = '!['.repeat(25_000);
const PROSE = 'De eenheid handelt klachten **tijdig** af; zie [het jaarverslag](https://example.org/jaarverslag).\n\n';

describe('markdownProblem and the render guard', () => {
  test('when a text holds 25,000 × ![, then markdownProblem names the problem in Dutch', () => {
    expect(markdownProblem(BOMB)).toBe('De tekst bevat te veel haakjes of beeldverwijzingen (25.000 keer [ of ![, hoogstens 2.000); verdeel of vereenvoudig de tekst.');
  });

  test('when a text is long prose with links, or holds exactly the most brackets allowed, then there is no problem', () => {
    expect(markdownProblem(PROSE.repeat(1500))).toBeNull();
    expect(markdownProblem('['.repeat(MAX_BRACKETS))).toBeNull();
    expect(markdownProblem('['.repeat(MAX_BRACKETS + 1))).not.toBeNull();
  });

  test.each([
    ['25,000 × ![', BOMB],
    ['50,000 × [', '['.repeat(50_000)],
    ['16,000 × [![', '[!['.repeat(16_000)],
    ['brackets on 20,000 lines', '![\n'.repeat(20_000)],
  ])('when a stored text holds %s, then screens and print show it as escaped plain text, not as markdown', (_what, text) => {
    for (const html of [renderMarkdown(text), renderMarkdownForPrint(text)]) {
      expect(html.startsWith('<p>')).toBe(true);
      expect(html).not.toMatch(/<img|<a /);
      expect(html).toBe(plainTextHtml(text));
    }
  });

  test('when plain text is shown, then it is escaped, with its paragraphs and line breaks', () => {
    expect(plainTextHtml('a <b> & "c"\nregel 2\r\n\r\n\n![x](y)')).toBe('<p>a &lt;b&gt; &amp; &quot;c&quot;<br>\nregel 2</p>\n<p>![x](y)</p>');
  });

  test('when the same text is rendered twice, then the second comes from the cache', () => {
    clearMarkdownCache();
    let calls = 0;
    const render = (t: string) => { calls++; return `<p>${t}</p>`; };
    expect(renderGuarded('test', 'een tekst', render)).toBe('<p>een tekst</p>');
    expect(renderGuarded('test', 'een tekst', render)).toBe('<p>een tekst</p>');
    expect(renderGuarded('ander', 'een tekst', render)).toBe('<p>een tekst</p>');
    expect(calls).toBe(2);
    expect(markdownCacheStats().entries).toBe(2);
  });

  test('when a screen has used up its markdown budget, then further new texts show as plain text until the current work ends, and are rendered after', async () => {
    clearMarkdownCache();
    const before = setScreenMarkdownBudget(0);
    try {
      renderMarkdown('*eerste*'); // spends the (zero) budget
      expect(renderMarkdown('**vet**')).toBe('<p>**vet**</p>');
      await new Promise((resolve) => setImmediate(resolve));
      expect(renderMarkdown('**vet**')).toBe('<p><strong>vet</strong></p>\n');
      // Print has no budget: a report must not depend on timing.
      expect(renderMarkdownForPrint('**vet**')).toBe('<p><strong>vet</strong></p>\n');
    } finally {
      setScreenMarkdownBudget(before);
    }
  });

  test('when a form text field gets the bomb, then it is refused with the Dutch message', () => {
    const r = textField('De motivering', 50_000).safeParse(BOMB);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(markdownProblem(BOMB));
  });
});

describe('the bomb through the app', () => {
  let fx: Fixture;
  let earlier: number;
  let later: number;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    fx = await securityFixture();
    // The bombs go into the 2026 follow-up; the 2022 inspection (fx.ids.inspection) stays clean for the form.
    earlier = inspectionIdByRef(fx.ctx, 'recht-van-klagen-2022');
    later = inspectionIdByRef(fx.ctx, 'klachtbehandeling-2026-illustratief');
    // Old data: written through the store, past the form's check, as before the check existed.
    const rows = fx.ctx.db.prepare('SELECT checklist_id, criterion_id, unit_code FROM verdicts WHERE inspection_id = ? ORDER BY id LIMIT 223').all(later) as Array<{ checklist_id: string; criterion_id: string; unit_code: string }>;
    expect(rows).toHaveLength(223);
    // Each one different, so that the cache does not render them once for all.
    for (const [i, r] of rows.entries()) {
      const key = { inspectionId: later, checklist: r.checklist_id, criterion: r.criterion_id, unit: r.unit_code };
      const cell = getCell(fx.ctx.db, key);
      saveVerdict(fx.ctx.db, 'bom@test', key, cell.version, { verdict: cell.verdict, motivation: `${String(i).padStart(3, '0')}${BOMB.slice(3)}`, workflow: cell.workflow });
    }
    server = http.createServer(fx.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await closeFixture(fx);
  });

  /**
   * Another user's GET /login, one after the other for as long as `work` runs; their times in ms.
   * The slowest is what someone would have waited while the server was busy with `work`.
   */
  async function loginsWhile(work: Promise<unknown>): Promise<number[]> {
    const finished = work.then(() => true, () => true);
    const times: number[] = [];
    do {
      const start = Date.now();
      await request(base).get('/login').expect(200);
      times.push(Date.now() - start);
    } while (!(await Promise.race([finished, new Promise<boolean>((resolve) => setTimeout(() => { resolve(false); }, 25))])));
    return times;
  }

  test('when 223 stored bomb motivations are compared with motivations shown, then the page answers (no 500) and a parallel GET /login answers within 2 s', async () => {
    const s = sessionFor(fx, 'lezer');
    // Once without motivations: the page's modules (charts, comparison) load on first use, which
    // is not what is measured here. Then with a cold markdown cache.
    await request(base).get(`/vergelijken?eerder=${earlier}&later=${later}`).set('Cookie', s.cookie).expect(200);
    clearMarkdownCache();
    const compare = request(base).get(`/vergelijken?eerder=${earlier}&later=${later}&motivaties=1`).set('Cookie', s.cookie).then((r) => r);
    const loginMs = await loginsWhile(compare);
    const page = await compare;
    expect(page.status).toBe(200);
    expect(page.text).toContain('![![![![');
    expect(page.text).not.toMatch(/<img(?![^>]*src="data:image\/)/);
    expect(Math.max(...loginMs)).toBeLessThan(2000);
  }, 120_000);

  test('when hundreds of texts each just within the limits but costly are compared, then the screen budget keeps a parallel GET /login within 2 s', async () => {
    // The most brackets allowed, in every other cell of both inspections: each renders as
    // markdown on its own, and together they would keep the event loop busy for seconds; once
    // the page has used its budget the rest show as plain text.
    const costly = (i: number) => `${i} ${'[:'.repeat(MAX_BRACKETS)}`;
    expect(markdownProblem(costly(0))).toBeNull();
    let n = 0;
    for (const inspectionId of [earlier, later]) {
      const rows = fx.ctx.db.prepare("SELECT checklist_id, criterion_id, unit_code FROM verdicts WHERE inspection_id = ? AND motivation NOT LIKE '%![![![%' ORDER BY id").all(inspectionId) as Array<{ checklist_id: string; criterion_id: string; unit_code: string }>;
      for (const r of rows) {
        const key = { inspectionId, checklist: r.checklist_id, criterion: r.criterion_id, unit: r.unit_code };
        const cell = getCell(fx.ctx.db, key);
        saveVerdict(fx.ctx.db, 'kostbaar@test', key, cell.version, { verdict: cell.verdict, motivation: costly(n++), workflow: cell.workflow });
      }
    }
    expect(n).toBeGreaterThan(400);
    const s = sessionFor(fx, 'lezer');
    await request(base).get(`/vergelijken?eerder=${earlier}&later=${later}`).set('Cookie', s.cookie).expect(200);
    clearMarkdownCache();
    const compare = request(base).get(`/vergelijken?eerder=${earlier}&later=${later}&motivaties=1`).set('Cookie', s.cookie).then((r) => r);
    const loginMs = await loginsWhile(compare);
    const page = await compare;
    expect(page.status).toBe(200);
    expect(page.text).toContain('[:[:[:');
    expect(Math.max(...loginMs)).toBeLessThan(2000);
  }, 180_000);

  test('when the bomb is typed into the verdict form, then 400 with the Dutch message at the motivation, the input kept and nothing saved', async () => {
    const s = sessionFor(fx, 'inspecteur');
    const url = `/onderzoeken/${fx.ids.inspection}/cellen/toetsingskader/k1/${fx.ids.unit}`;
    const key = { inspectionId: fx.ids.inspection, checklist: 'toetsingskader', criterion: 'k1', unit: fx.ids.unit };
    const cell = getCell(fx.ctx.db, key);
    // Within the form's 50,000 characters, so the shape is what is refused.
    const typed = `Mijn motivering.\n\n${'!['.repeat(20_000)}`;
    const res = await request(fx.app).post(url).set('Cookie', s.cookie).type('form')
      .send({ _csrf: s.csrf, verdict: cell.verdict, motivation: typed, workflow: cell.workflow, version: String(cell.version) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('De tekst bevat te veel haakjes of beeldverwijzingen (20.000 keer [ of ![, hoogstens 2.000); verdeel of vereenvoudig de tekst.');
    expect(res.text).toContain('Mijn motivering.');
    expect(res.text).toContain('![![![![![![![![![![');
    expect(getCell(fx.ctx.db, key)).toEqual(cell);
  });

  test('when an exported document carries the bomb in a motivation, then the import schema refuses it with the Dutch message', () => {
    const doc = JSON.parse(JSON.stringify(exportDocument(fx.ctx.db, fx.ctx.catalogue, later))) as { verdicts: Array<{ motivation: string }> };
    expect(documentSchema.safeParse(doc).success).toBe(false); // the stored bombs
    const clean = JSON.parse(JSON.stringify(exportDocument(fx.ctx.db, fx.ctx.catalogue, fx.ids.inspection))) as { verdicts: Array<{ motivation: string }> };
    expect(documentSchema.safeParse(clean).success).toBe(true);
    clean.verdicts[0].motivation = BOMB;
    const parsed = documentSchema.safeParse(clean);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(markdownProblem(BOMB));
  });
});
