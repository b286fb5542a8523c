// The report outline screens over real HTTP and SQLite: the list with its numbers, adding,
// renaming, moving and removing sections, a stale save, a refused body, and who may change what.
// (Signed in as the inspector roles and the lezer only: what a beheerder may do here is what a team
// member may do, and the access matrix covers every role.)
import { blockCalls, numberOutline } from '../../src/domain/outline';
import { listSections, updateSection } from '../../src/store/outline.store';
import { buildApp } from '../../src/web/app';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { Agent, login } from '../helpers/http';

type Role = 'inspecteur' | 'buitenstaander' | 'lezer';
const ROLES: Role[] = ['inspecteur', 'buitenstaander', 'lezer'];
interface World { ctx: TestCtx; as: Record<Role, { agent: Agent; csrf: string }>; id2022: number }

let w: World;
let base: string;
beforeAll(async () => {
  const ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  const app = buildApp(ctx);
  const as = {} as World['as'];
  for (const r of ROLES) as[r] = await login(app, USERS[r].email);
  w = { ctx, as, id2022: inspectionIdByRef(ctx, 'recht-van-klagen-2022') };
  base = `/onderzoeken/${w.id2022}/rapport`;
});
afterAll(() => w.ctx.cleanup());

function postAs(_w: World, role: Role, path: string, form: Record<string, string | string[]>) {
  const { agent, csrf } = w.as[role];
  return agent.post(path).type('form').send({ _csrf: csrf, ...form });
}

const sections = () => listSections(w.ctx.db, w.id2022);
const sectionById = (id: number) => sections().find((s) => s.id === id);

/** The save form of a section as the page sends it, with changes. */
function saveForm(id: number, change: Record<string, string> = {}): Record<string, string> {
  const s = sectionById(id)!;
  return {
    title: s.title, level: String(s.level), kind: s.kind === 'paragraaf' ? 'hoofdstuk' : s.kind, marking: s.marking,
    ...(s.required ? { required: '1' } : {}), body: s.body, version: String(s.version), ...change,
  };
}

/** A section with own text to work on: the first level-2 paragraph of a numbered chapter. */
const paragraph = () => numberOutline(sections()).find((n) => /^\d+\.\d+$/.test(n.number))!;

describe('outline page', () => {
  test.each(ROLES)('when the %s opens it, then every section is listed with its computed number', async (role) => {
    const res = await w.as[role].agent.get(base).expect(200);
    expect(res.text).toContain('<h1>Rapportopzet</h1>');
    for (const n of numberOutline(sections())) {
      expect(res.text).toContain(`id="sectie-${n.section.id}"`);
      if (n.number) expect(res.text).toContain(`<span class="outline__number">${n.number}</span>`);
    }
    expect(res.text).toContain(`href="/onderzoeken/${w.id2022}/rapport.pdf"`);
    const withBlock = sections().find((x) => blockCalls(x.body).length > 0)!;
    expect(res.text).toContain(`<code>${blockCalls(withBlock.body)[0].source.replace(/"/g, '&#34;')}</code>`);
  });

  test('when an editor opens it, then each section has its edit link, move, add and remove forms; the help lists blocks and sources', async () => {
    const res = await w.as.inspecteur.agent.get(base).expect(200);
    const s = paragraph().section;
    expect(res.text).toContain(`href="${base}/secties/${s.id}"`);
    expect(res.text).toContain(`action="${base}/secties/${s.id}/verplaatsen"`);
    expect(res.text).toContain(`action="${base}/secties/${s.id}/verwijderen"`);
    expect(res.text).toContain(`action="${base}/secties"`);
    expect(res.text).toContain('{{klachtcijfers titel=');
    expect(res.text).toContain('[^1]: Politiewet 2012, art. 70 lid 2.');
    const ref = (w.ctx.db.prepare('SELECT ref FROM evidence WHERE inspection_id = ? ORDER BY id LIMIT 1').get(w.id2022) as { ref: string }).ref;
    expect(res.text).toContain(`<code>@${ref}</code>`);
  });

  test.each(['lezer', 'buitenstaander'] as const)('when the %s opens the outline or a section, then there are no forms', async (role) => {
    const res = await w.as[role].agent.get(base).expect(200);
    expect(res.text).not.toMatch(/<form method="post" action="[^"]*\/rapport/);
    const page = await w.as[role].agent.get(`${base}/secties/${paragraph().section.id}`).expect(200);
    expect(page.text).not.toContain('<textarea');
    expect(page.text).not.toMatch(/<form method="post" action="[^"]*\/rapport/);
  });

  test('when a section id is unknown or belongs to another inspection, then 404', async () => {
    await w.as.inspecteur.agent.get(`${base}/secties/999999`).expect(404);
    const other = listSections(w.ctx.db, inspectionIdByRef(w.ctx, 'klachtbehandeling-2026-illustratief'))[0];
    await w.as.inspecteur.agent.get(`${base}/secties/${other.id}`).expect(404);
    await w.as.inspecteur.agent.get(`${base}/secties/abc`).expect(404);
  });
});

describe('changing the outline', () => {
  test('when a section is added, renamed, moved up and removed, then the outline follows and the history has each change', async () => {
    const after = paragraph().section;
    const before = sections().map((s) => s.id);
    const added = await postAs(w, 'inspecteur', `${base}/secties`, { afterId: String(after.id), title: 'Nieuwe paragraaf', level: '2', kind: 'hoofdstuk' }).expect(303);
    const newId = Number(/\/secties\/(\d+)\?opgeslagen=nieuw$/.exec(added.headers.location)![1]);
    const ids = sections().map((s) => s.id);
    expect(ids).toEqual([...before.slice(0, before.indexOf(after.id) + 1), newId, ...before.slice(before.indexOf(after.id) + 1)]);
    expect(sectionById(newId)).toMatchObject({ title: 'Nieuwe paragraaf', level: 2, kind: 'paragraaf', body: '', version: 1 });
    const page = await w.as.inspecteur.agent.get(added.headers.location).expect(200);
    expect(page.text).toContain('De sectie is toegevoegd.');

    await postAs(w, 'inspecteur', `${base}/secties/${newId}`, saveForm(newId, { title: 'Hernoemde paragraaf', body: 'Eigen tekst.[^a]\r\n\r\n[^a]: Politiewet 2012, art. 70 lid 2.', marking: 'Illustratief' })).expect(303);
    expect(sectionById(newId)).toMatchObject({ title: 'Hernoemde paragraaf', marking: 'Illustratief', body: 'Eigen tekst.[^a]\n\n[^a]: Politiewet 2012, art. 70 lid 2.', version: 2 });
    const listed = await w.as.lezer.agent.get(base).expect(200);
    expect(listed.text).toContain('Hernoemde paragraaf');
    expect(listed.text).toContain('Eigen tekst.');

    await postAs(w, 'inspecteur', `${base}/secties/${newId}/verplaatsen`, { richting: 'omhoog' }).expect(303);
    const moved = sections().map((s) => s.id);
    expect(moved.indexOf(newId)).toBe(moved.indexOf(after.id) - 1);

    await postAs(w, 'inspecteur', `${base}/secties/${newId}/verwijderen`, { version: String(sectionById(newId)!.version) }).expect(303);
    expect(sections().map((s) => s.id)).toEqual(before);

    const log = w.ctx.db.prepare("SELECT entity, action FROM change_log WHERE inspection_id = ? AND (entity = 'section' AND entity_id = ? OR entity = 'outline_order') ORDER BY seq").all(w.id2022, String(newId)) as Array<{ entity: string; action: string }>;
    expect(log.map((l) => `${l.entity}:${l.action}`)).toEqual(['section:create', 'section:update', 'outline_order:update', 'section:delete']);
    const history = await w.as.lezer.agent.get(`/onderzoeken/${w.id2022}/geschiedenis`).expect(200);
    expect(history.text).toContain('Sectie van het rapport gewijzigd');
    expect(history.text).toContain('Volgorde van de rapportopzet gewijzigd');
  });

  test('when a save is based on an older version, then 409 with both versions, the input kept and nothing changed', async () => {
    const s = paragraph().section;
    const form = saveForm(s.id, { body: 'Mijn tekst van de paragraaf' });
    updateSection(w.ctx.db, 'collega@test', w.id2022, s.id, s.version, { ...s, body: 'Tekst van de collega' });
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `${base}/secties/${s.id}`, form).expect(409);
    expect(res.text).toContain('Opgeslagen versie (van een ander)');
    expect(res.text).toContain('Tekst van de collega');
    expect(res.text).toMatch(/<textarea id="body"[^>]*>Mijn tekst van de paragraaf<\/textarea>/);
    expect(res.text).toContain(`name="version" value="${s.version + 1}"`);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when a removal is based on an older version, then it is refused and the section stays', async () => {
    const s = paragraph().section;
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `${base}/secties/${s.id}/verwijderen`, { version: String(s.version - 1) }).expect(409);
    expect(res.text).toContain('Deze sectie is intussen gewijzigd');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when a body has an unknown block, a footnote without text and an unknown source, then 400 with each message at the text, input kept, nothing changed', async () => {
    const s = paragraph().section;
    const body = 'Tekst met een noot.[^x]\n\n{{onbekend}}\n\n{{figuur B999}}';
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'inspecteur', `${base}/secties/${s.id}`, saveForm(s.id, { body })).expect(400);
    expect(res.text).toContain('Onbekend blok &#34;onbekend&#34;');
    expect(res.text).toContain('Voetnoot [^x] heeft geen tekst');
    expect(res.text).toContain('bron &#34;B999&#34; staat niet in de bronnenlijst');
    expect(res.text).toMatch(/<div class="field__error" id="body-error">\s*<ul>/);
    expect(res.text).toContain('{{figuur B999}}</textarea>');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when a title is empty or a new section would skip a level, then 400 with the message at its field and nothing changed', async () => {
    const s = paragraph().section;
    const fp = dbFingerprint(w.ctx);
    const empty = await postAs(w, 'inspecteur', `${base}/secties/${s.id}`, saveForm(s.id, { title: '  ' })).expect(400);
    expect(empty.text).toContain('Vul een titel in.');
    const chapter = sections().find((x) => x.level === 1)!;
    const res = await postAs(w, 'inspecteur', `${base}/secties`, { afterId: String(chapter.id), title: 'Te diep', level: '3', kind: 'hoofdstuk' }).expect(400);
    expect(res.text).toContain('een niveau overslaan kan niet');
    expect(res.text).toContain('value="Te diep"');
    expect(res.text).toMatch(new RegExp(`<details class="edit outline__more" open>\\s*<summary>Sectie toevoegen na deze`));
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});

describe('who may change the outline', () => {
  const posts = () => {
    const s = paragraph().section;
    return [
      [`${base}/secties`, { afterId: String(s.id), title: 'x', level: '2', kind: 'hoofdstuk' }],
      [`${base}/secties/${s.id}`, saveForm(s.id, { body: 'x' })],
      [`${base}/secties/${s.id}/verplaatsen`, { richting: 'omlaag' }],
      [`${base}/secties/${s.id}/verwijderen`, { version: String(s.version) }],
    ] as const;
  };

  test.each([['lezer', 403], ['buitenstaander', 404]] as const)('when the %s posts any outline form, then %i and nothing changes', async (role, status) => {
    const fp = dbFingerprint(w.ctx);
    for (const [path, form] of posts()) await postAs(w, role, path, { ...form }).expect(status);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the CSRF token is missing, then 403 and nothing changes', async () => {
    const fp = dbFingerprint(w.ctx);
    for (const [path, form] of posts()) await w.as.inspecteur.agent.post(path).type('form').send({ ...form }).expect(403);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when the inspection is vastgesteld, then the outline has no forms and a post changes nothing', async () => {
    const id = inspectionIdByRef(w.ctx, 'klachtbehandeling-2015');
    const path = `/onderzoeken/${id}/rapport`;
    const res = await w.as.inspecteur.agent.get(path).expect(200);
    expect(res.text).toContain('vastgesteld');
    expect(res.text).not.toMatch(/<form method="post" action="[^"]*\/rapport/);
    const s = listSections(w.ctx.db, id).find((x) => x.level === 2)!;
    const page = await w.as.inspecteur.agent.get(`${path}/secties/${s.id}`).expect(200);
    expect(page.text).not.toContain('<textarea');
    const fp = dbFingerprint(w.ctx);
    const post = await postAs(w, 'inspecteur', `${path}/secties/${s.id}/verplaatsen`, { richting: 'omlaag' });
    expect([post.status >= 400, post.status < 500]).toEqual([true, true]);
    const save = await postAs(w, 'inspecteur', `${path}/secties/${s.id}`, { title: 'x', level: '2', kind: 'hoofdstuk', body: 'x', version: String(s.version) });
    expect([save.status >= 400, save.status < 500]).toEqual([true, true]);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});
