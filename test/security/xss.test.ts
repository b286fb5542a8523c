// An XSS payload corpus in every text field reachable: titles and texts of the inspection, a
// section of the report outline (title, marking, body), motivations, findings, conclusions, recommendations, follow-ups, overrides, evidence title,
// party, description and excerpt. Every page of the app must show them as text (escaped, or
// sanitised markdown), and the PDF must carry them as text.
import { Parser } from 'htmlparser2';
import request from 'supertest';
import { allRoutes } from '../../src/web/routes';
import { createEvidence } from '../../src/store/evidence.store';
import { getInspection, updateInspection } from '../../src/store/inspections.store';
import { addRecommendation, saveConclusion, saveFinding, saveFollowup, saveOverride } from '../../src/store/national.store';
import { listSections, updateSection } from '../../src/store/outline.store';
import { getCell, linkEvidence, saveVerdict } from '../../src/store/verdicts.store';
import { pdfText } from '../helpers/pdf';
import { binary, closeFixture, fillPath, Fixture, securityFixture, sessionFor } from './support';

const PAYLOADS = [
  '<script>alert("x1")</script>',
  '<img src=x onerror=alert("x2")>',
  '"><svg onload=alert("x3")>',
  "'><iframe src=javascript:alert('x4')></iframe>",
  '<a href="javascript:alert(\'x5\')">klik</a>',
  '[klik](javascript:alert("x6"))',
  '</textarea></title><script>alert("x7")</script>',
  '<style>@import "http://127.0.0.1:9/x.css";</style>',
  '<iframe src=file:///etc/passwd></iframe>',
  '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">',
  '<%= process.exit() %>',
  '<div style="background:url(http://127.0.0.1:9/x)">x</div>',
];
const CORPUS = PAYLOADS.join('\n\n');
const TITLE = 'Onderzoek <script>alert("t")</script> & <b>vet</b>';

let fx: Fixture;
let xssEvidence: number;

beforeAll(async () => {
  fx = await securityFixture();
  const db = fx.ctx.db;
  const id = fx.ids.inspection;
  const actor = 'xss@test';
  const i = getInspection(db, id);
  updateInspection(db, actor, id, i.version, {
    title: TITLE,
    texts: { voorwoord: CORPUS, aanleiding: CORPUS, onderzoeksvraag: CORPUS, methode: CORPUS, conclusie: CORPUS },
  });
  // The outline is what the report prints now; its section texts are where the report's words are typed.
  const section = listSections(db, id).find((s) => s.id === fx.ids.section)!;
  updateSection(db, actor, id, section.id, section.version, { ...section, title: PAYLOADS[0], marking: PAYLOADS[1], body: CORPUS });
  xssEvidence = createEvidence(db, actor, id, {
    type: 'document', title: PAYLOADS[1], dateFrom: null, dateTo: null, party: PAYLOADS[2], units: [fx.ids.unit], description: CORPUS, wederhoor: null,
  }, null);
  const key = { inspectionId: id, checklist: 'toetsingskader', criterion: 'k1', unit: fx.ids.unit };
  const cell = getCell(db, key);
  saveVerdict(db, actor, key, cell.version, { verdict: cell.verdict, motivation: CORPUS, workflow: cell.workflow });
  linkEvidence(db, actor, id, cell.id, xssEvidence, CORPUS);
  const version = (table: string, where: string) => (db.prepare(`SELECT version FROM ${table} WHERE inspection_id = ? AND ${where}`).get(id) as { version: number } | undefined)?.version ?? 0;
  saveFinding(db, actor, id, 'toetsingskader', 'k1', version('findings', "checklist_id = 'toetsingskader' AND criterion_id = 'k1'"), CORPUS);
  const group = fx.ctx.catalogue.checklists.get('toetsingskader')!.groups[0].id;
  saveConclusion(db, actor, id, 'toetsingskader', group, version('conclusions', `checklist_id = 'toetsingskader' AND group_id = '${group}'`), CORPUS);
  const level = fx.ctx.catalogue.checklists.get('toetsingskader')!.scale.levels[0].code;
  saveOverride(db, actor, id, { scope: fx.ids.unit, checklist: 'toetsingskader', group }, version('overrides', `checklist_id = 'toetsingskader' AND group_id = '${group}' AND scope = '${fx.ids.unit}'`), { verdict: level, motivation: CORPUS });
  addRecommendation(db, actor, id, { checklist: 'toetsingskader', group, text: CORPUS });
  const predRec = db.prepare('SELECT r.ref FROM recommendations r JOIN inspections i ON i.predecessor_id = r.inspection_id WHERE i.id = ? LIMIT 1').get(id) as { ref: string } | undefined;
  if (predRec) saveFollowup(db, actor, id, predRec.ref, version('recommendation_followups', `recommendation_ref = '${predRec.ref}'`), { status: 'deels_opgevolgd', motivation: CORPUS, evidence: [] });
});
afterAll(() => closeFixture(fx));

/** What must never appear in a page built from the corpus, found by parsing it as a browser would. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      const desc = `<${name} ${JSON.stringify(attribs).slice(0, 120)}>`;
      if (name === 'script' && attribs.src !== '/static/app.js') found.push(`script element ${desc}`);
      if (['iframe', 'svg', 'object', 'embed', 'style', 'base'].includes(name)) found.push(`${name} element ${desc}`);
      if (name === 'meta' && 'http-equiv' in attribs) found.push(`meta http-equiv ${desc}`);
      for (const [k, v] of Object.entries(attribs)) {
        if (/^on/i.test(k)) found.push(`event handler ${k} on ${desc}`);
        if (k === 'style') found.push(`style attribute on ${desc}`);
        // Server-made charts are <img src="data:image/svg+xml…">: images cannot run script.
        const chart = name === 'img' && k === 'src' && v.startsWith('data:image/');
        if (!chart && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(k) && /^\s*(javascript|data|vbscript):/i.test(v)) found.push(`${k}=${v.slice(0, 40)} on ${desc}`);
      }
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  if (html.includes('<%')) found.push('an unescaped EJS tag');
  return found;
}

const pages = allRoutes.filter((r) => r.method === 'get' && r.access !== 'public' && !r.path.endsWith('.pdf') && !r.path.endsWith('/bestand') && !/\.(csv|xlsx)$/.test(r.path));

test.each(pages.map((r) => [r.path, r] as const))('GET %s shows the payloads as text only', async (_p, route) => {
  const s = sessionFor(fx, 'beheerder');
  const url = fillPath(route.path, { ...fx.ids, evidence: xssEvidence });
  const res = await request(fx.app).get(url).set('Cookie', s.cookie);
  expect(res.status).toBeLessThan(500);
  // superagent types every header as a string, but a response may have no content type.
  if (!(res.headers['content-type'] as string | undefined)?.startsWith('text/html')) return;
  expect([url, dangers(res.text)]).toEqual([url, []]);
});

test('the payloads reach the pages (as escaped text), so the checks above are not vacuous', async () => {
  const s = sessionFor(fx, 'beheerder');
  const home = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}`).set('Cookie', s.cookie).expect(200);
  expect(home.text).toContain('Onderzoek &lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;');
  const ev = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}/bronnen/${xssEvidence}`).set('Cookie', s.cookie).expect(200);
  expect(ev.text).toContain('&lt;img src=x onerror=alert(&#34;x2&#34;)&gt;');
  const section = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}/rapport/secties/${fx.ids.section}`).set('Cookie', s.cookie).expect(200);
  expect(section.text).toContain('&lt;/textarea&gt;&lt;/title&gt;&lt;script&gt;');
  const outline = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}/rapport`).set('Cookie', s.cookie).expect(200);
  expect(outline.text).toContain('&lt;script&gt;alert(&#34;x1&#34;)&lt;/script&gt;');
});

test('the national report PDF carries the payloads as text, and nothing was fetched from file: or the network', async () => {
  const s = sessionFor(fx, 'beheerder');
  const res = await request(fx.app).get(`/onderzoeken/${fx.ids.inspection}/rapport.pdf`).set('Cookie', s.cookie).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  const text = pdfText(res.body as Buffer, 'reading');
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain('Onderzoek<script>alert("t")</script>&<b>vet</b>'.replace(/\s+/g, ''));
  expect(text).not.toMatch(/root:x:0:0/);
}, 120_000);
