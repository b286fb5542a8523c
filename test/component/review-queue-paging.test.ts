// The review queue a page at a time (issue 18, point 6): on the large synthetic data the queue was
// 6,000 rows on one 2.6 MB page. Over real HTTP on the demo data, whose 2015 inspection has 242
// items waiting: the first page shows QUEUE_PAGE_SIZE and links on, filters (checklist, unit,
// state) narrow it and carry into the page links and the approve form, and a bad page or filter
// gives a Dutch message (or the last page), never a 500.
import { QUEUE_PAGE_SIZE } from '../../src/app/review';
import { url } from '../../src/present';
import { loadSnapshot } from '../../src/store/inspections.store';
import { inspectionIdByRef } from '../helpers/context';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
let id2015: number;
beforeAll(async () => {
  w = await makeWorld();
  id2015 = inspectionIdByRef(w.ctx, 'klachtbehandeling-2015');
});
afterAll(() => w.ctx.cleanup());

/** The rows of the queue's table: each row's link to its cell or section. */
const rows = (html: string) => [...html.matchAll(/<th scope="row"><a href="([^"]+)">([^<]+)<\/a><\/th>/g)].map((m) => ({ href: m[1], title: m[2] }));
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&#34;/g, '"');
const nextLink = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1];

describe('the review queue, a page at a time', () => {
  test('when more items wait than fit a page, then the first page shows a page of them, the total, and a link to the next page', async () => {
    const res = await w.as.lezer.agent.get(url.review(id2015)).expect(200);
    const first = rows(res.text);
    expect(first).toHaveLength(QUEUE_PAGE_SIZE);
    expect(res.text).toContain('242 onderdelen wachten op review');
    expect(res.text).toContain(`1–${QUEUE_PAGE_SIZE} getoond, pagina 1 van 5`);
    const next = nextLink(res.text);
    expect(next && unescape(next)).toBe(url.review(id2015, { pagina: 2 }));
    const page2 = await w.as.lezer.agent.get(unescape(next!)).expect(200);
    const second = rows(page2.text);
    expect(second).toHaveLength(QUEUE_PAGE_SIZE);
    expect(second.some((r) => first.some((f) => f.href === r.href))).toBe(false);
    expect(page2.text).toContain('rel="prev"');
  });

  test('when the last page is shown, then it holds the rest and has no next link; every item is on exactly one page', async () => {
    const seen = new Set<string>();
    for (let p = 1; p <= 5; p++) {
      const res = await w.as.lezer.agent.get(url.review(id2015, { pagina: p })).expect(200);
      for (const r of rows(res.text)) seen.add(r.href);
      if (p === 5) {
        expect(rows(res.text)).toHaveLength(242 - 4 * QUEUE_PAGE_SIZE);
        expect(nextLink(res.text)).toBeUndefined();
      }
    }
    expect(seen.size).toBe(242);
  });

  test('when the queue is filtered by unit, checklist or state, then it narrows, the counts in the choices say how many, and the page links keep the filter', async () => {
    const s = loadSnapshot(w.ctx.db, id2015);
    const unit = s.units[0];
    const byUnit = await w.as.lezer.agent.get(url.review(id2015, { eenheid: unit })).expect(200);
    const unitRows = rows(byUnit.text);
    expect(unitRows.length).toBeGreaterThan(0);
    expect(unitRows.length).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
    expect(unitRows.every((r) => r.title.endsWith(` · ${unit}`))).toBe(true);
    // The unit's option counts what the unfiltered list would show for it.
    const all = await w.as.lezer.agent.get(url.review(id2015)).expect(200);
    const option = new RegExp(`<option value="${unit}">[^<]*\\((\\d+)\\)</option>`).exec(all.text);
    expect(Number(option?.[1])).toBe(unitRows.length);

    const checklist = s.checklists[0].id;
    const byChecklist = await w.as.lezer.agent.get(url.review(id2015, { groep: checklist })).expect(200);
    const checklistRows = rows(byChecklist.text);
    expect(checklistRows.length).toBeGreaterThan(0);
    expect(checklistRows.every((r) => r.href.includes(`/cellen/${checklist}/`))).toBe(true);
    const next = nextLink(byChecklist.text);
    if (next) expect(unescape(next)).toContain(`groep=${checklist}`);

    // Nothing in the 2015 inspection has a voided approval: that state lists nothing, with a way back.
    const voided = await w.as.lezer.agent.get(url.review(id2015, { staat: 'goedkeuring_vervallen' })).expect(200);
    expect(rows(voided.text)).toHaveLength(0);
    expect(voided.text).toContain('Niets dat aan het filter voldoet wacht op review.');
    const waiting = await w.as.lezer.agent.get(url.review(id2015, { staat: 'te_reviewen' })).expect(200);
    expect(waiting.text).toContain('242 onderdelen wachten op review');
  });

  test('when a page past the last is asked for, then the last page is shown with a message that says so', async () => {
    const res = await w.as.lezer.agent.get(url.review(id2015, { pagina: 99 })).expect(200);
    expect(res.text).toContain('Pagina 99 bestaat niet; u ziet de laatste pagina (5).');
    expect(rows(res.text)).toHaveLength(242 - 4 * QUEUE_PAGE_SIZE);
  });

  test('when the page number is not a number, then 400 with a Dutch message, the filters kept and page 1 shown', async () => {
    for (const bad of ['twee', '0', '-1', '1e3', '1234567']) {
      const res = await w.as.lezer.agent.get(`${url.review(id2015, { eenheid: loadSnapshot(w.ctx.db, id2015).units[0] })}&pagina=${encodeURIComponent(bad)}`).expect(400);
      expect(res.text).toContain('Het paginanummer moet een getal zijn');
      expect(rows(res.text).length).toBeGreaterThan(0);
    }
    const twice = await w.as.lezer.agent.get(`${url.review(id2015)}?pagina=1&pagina=2`).expect(400);
    expect(twice.text).toContain('Het paginanummer moet een getal zijn');
  });

  test('when a filter value is unknown, then 400 with a Dutch message and the whole queue, never a 500', async () => {
    for (const q of ['staat=verzonnen', 'groep=bestaat-niet', 'groep=%3Cscript%3E', 'eenheid=XX', 'onbekend=1']) {
      const res = await w.as.lezer.agent.get(`${url.review(id2015)}?${q}`).expect(400);
      expect(res.text).toContain('Het filter is niet toegepast');
      expect(res.text).not.toContain('<script>');
      expect(rows(res.text)).toHaveLength(QUEUE_PAGE_SIZE);
    }
  });

  test('when items are approved from a filtered page, then the form posts to an address with the filters and the redirect comes back to them', async () => {
    const id2022 = w.id2022;
    const page = await w.as.beheerder.agent.get(url.review(id2022, { eenheid: 'NN' })).expect(200);
    const action = /<form method="post" action="([^"]+)" class="review-queue-form">/.exec(page.text)?.[1];
    expect(action && unescape(action)).toBe(url.reviewApprove(id2022, { eenheid: 'NN' }));
    const value = /name="een" value="([^"]+)"/.exec(page.text)?.[1];
    expect(value).toBeDefined();
    const res = await postAs(w, 'beheerder', unescape(action!), { een: unescape(value!) }).expect(303);
    expect(res.headers.location).toBe(url.review(id2022, { eenheid: 'NN', goedgekeurd: 1 }));
    const after = await w.as.beheerder.agent.get(res.headers.location).expect(200);
    expect(after.text).toContain('Eén onderdeel is goedgekeurd.');
  });
});
