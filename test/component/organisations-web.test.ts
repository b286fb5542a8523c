// The beheerder's Organisaties screens over real HTTP and SQLite: a units file of another
// organisation uploaded, previewed and published; the police units renamed in the editor, previewed
// as renamed and published as version 2 while an existing inspection keeps version 1; a bad file and
// a bad table refused with Dutch messages naming line or row, the input kept and nothing published;
// lezer and inspecteur can read and download but not publish.
import YAML from 'yaml';
import { must } from '../../src/errors';
import { nationalReportModel } from '../../src/app/reports';
import { OPERATOR } from '../../src/app/operator';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, RoleName, World } from '../helpers/inspector';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(() => { w.ctx.cleanup(); });

const POLICE = 'nationale-politie';
const DJI = `# Een tweede organisatie, van een ander veld.
organisation: Dienst Justitiële Inrichtingen
units:
  - { code: PIV, name: PI Vught, kind: vestiging }
  - { code: PIZ, name: PI Zwolle, kind: vestiging }
  - { code: JCU, name: Justitieel Centrum Utrecht, kind: vestiging }
`;

const tokenIn = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';
const decode = (html: string) => html.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function upload(text: string, filename: string, role: RoleName = 'beheerder') {
  const { agent, csrf } = w.as[role];
  return agent.post('/organisaties/voorbeeld').field('_csrf', csrf).attach('bestand', Buffer.from(text, 'utf8'), { filename, contentType: 'application/yaml' });
}

const versions = (code: string) => w.ctx.db.prepare('SELECT u.version FROM unit_sets u JOIN organisations o ON o.id = u.organisation_id WHERE o.code = ? ORDER BY u.version').pluck().all(code);

describe('Organisaties', () => {
  it('when a beheerder uploads a units file of a new organisation, then the preview shows it without writing, and publishing makes version 1', async () => {
    const before = dbFingerprint(w.ctx);
    const res = await upload(DJI, 'dji.yaml').expect(200);
    expect(dbFingerprint(w.ctx)).toBe(before);
    const html = decode(res.text);
    expect(html).toContain('Voorbeeld: eenheden van Dienst Justitiële Inrichtingen');
    expect(html).toContain('Nieuwe organisatie.');
    expect(html).toContain('Justitieel Centrum Utrecht');
    const done = await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(res.text) }).expect(303);
    expect(done.headers.location).toBe('/organisaties/dienst-justitiele-inrichtingen?gepubliceerd=1');
    expect(versions('dienst-justitiele-inrichtingen')).toEqual([1]);
    expect(w.ctx.catalogue.organisations.has('dienst-justitiele-inrichtingen')).toBe(true);
    const page = decode((await w.as.lezer.agent.get(must(done.headers.location, 'location')).expect(200)).text);
    expect(page).toContain('Versie 1</strong> van de eenheden is gepubliceerd');
    expect(page).toContain('PI Zwolle');
    const list = decode((await w.as.inspecteur.agent.get('/organisaties').expect(200)).text);
    expect(list).toContain('Dienst Justitiële Inrichtingen');
    expect(list).toContain('Nationale politie');
    expect(list).not.toContain('Eenheden uploaden');
  });

  it('when the same file is uploaded again, then the preview says nothing would change and offers no publish button', async () => {
    const res = await upload(DJI, 'dji.yaml').expect(200);
    expect(decode(res.text)).toContain('Al gepubliceerd, precies zo.');
    expect(res.text).not.toContain('>Publiceren</button>');
  });

  it('when a beheerder renames a unit in the editor, then the preview marks it renamed and publishing makes version 2; an existing inspection keeps version 1', async () => {
    const inspection = w.id2022;
    const setBefore = w.ctx.db.prepare('SELECT unit_set_version FROM inspections WHERE id = ?').pluck().get(inspection);
    const editor = decode((await w.as.beheerder.agent.get(`/organisaties/nieuw?organisatie=${POLICE}`).expect(200)).text);
    expect(editor).toContain('value="Eenheid Noord-Nederland"');
    // The form as the browser sends it: every row, with row 1 renamed and one empty row.
    const form: Record<string, string> = { sleutel: POLICE, organisatie: 'Nationale politie' };
    const rows = [...editor.matchAll(/name="(code|name|kind)_(\d+)" value="([^"]*)"/g)];
    for (const [, f, n, v] of rows) form[`${f}_${n}`] = v;
    form.name_1 = 'Eenheid Noord-Nederland (Groningen, Friesland, Drenthe)';
    const before = dbFingerprint(w.ctx);
    const preview = await postAs(w, 'beheerder', '/organisaties/nieuw', form).expect(200);
    expect(dbFingerprint(w.ctx)).toBe(before);
    const html = decode(preview.text);
    expect(html).toContain('Nieuwe versie 2.');
    expect(html).toContain('0 nieuw · 1 andere naam · 0 vervalt · 0 andere soort');
    expect(html).toContain('<del>Eenheid Noord-Nederland</del> → <ins>Eenheid Noord-Nederland (Groningen, Friesland, Drenthe)</ins>');
    await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(preview.text) }).expect(303);
    expect(versions(POLICE)).toEqual([1, 2]);
    expect(w.ctx.db.prepare('SELECT unit_set_version FROM inspections WHERE id = ?').pluck().get(inspection)).toBe(setBefore);
    const yaml1 = (await w.as.lezer.agent.get(`/organisaties/${POLICE}/versies/1/eenheden.yaml`).expect(200)).text;
    const yaml2 = (await w.as.lezer.agent.get(`/organisaties/${POLICE}/versies/2/eenheden.yaml`).expect(200)).text;
    expect((YAML.parse(yaml1) as { units: Array<{ name: string }> }).units[0].name).toBe('Eenheid Noord-Nederland');
    expect((YAML.parse(yaml2) as { units: Array<{ name: string }> }).units[0].name).toBe('Eenheid Noord-Nederland (Groningen, Friesland, Drenthe)');
  });

  it('when another beheerder publishes between a preview and its publish, then the publish is refused with 409 naming the new version, and nothing is written', async () => {
    const mine = await upload(DJI.replace('PI Vught', 'PI Vught (mijn versie)'), 'mijn.yaml').expect(200);
    expect(decode(mine.text)).toContain('Nieuwe versie 2.');
    // Meanwhile someone else publishes version 2 with another change.
    const theirs = await upload(DJI.replace('Justitieel Centrum Utrecht', 'JC Utrecht'), 'hun.yaml').expect(200);
    await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(theirs.text) }).expect(303);
    const before = dbFingerprint(w.ctx);
    const refused = await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(mine.text) }).expect(409);
    expect(decode(refused.text)).toContain('Intussen is versie 2 van Dienst Justitiële Inrichtingen gepubliceerd');
    expect(decode(refused.text)).toContain('terwijl u uitging van versie 1');
    expect(dbFingerprint(w.ctx)).toBe(before);
    expect(versions('dienst-justitiele-inrichtingen')).toEqual([1, 2]);
    // The change log names where each version came from.
    const sources = w.ctx.db.prepare("SELECT json_extract(new_value, '$.sourceName') FROM change_log WHERE entity = 'unit_set' ORDER BY seq").pluck().all();
    expect(sources).toEqual(['criteria/units.yaml', 'dji.yaml', 'gemaakt in de eenheden-editor', 'hun.yaml']);
  });

  it('when the editor was filled from a version that is no longer the latest, then the preview is refused with 409 and the typed table is kept', async () => {
    const editor = decode((await w.as.beheerder.agent.get('/organisaties/nieuw?organisatie=dienst-justitiele-inrichtingen').expect(200)).text);
    expect(editor).toContain('name="basis" value="2"');
    const typed = { sleutel: 'dienst-justitiele-inrichtingen', organisatie: 'Dienst Justitiële Inrichtingen', basis: '1', code_1: 'PIV', name_1: 'PI Vught (getypt)', kind_1: 'vestiging' };
    const before = dbFingerprint(w.ctx);
    const res = await postAs(w, 'beheerder', '/organisaties/nieuw', typed).expect(409);
    const html = decode(res.text);
    expect(html).toContain('Intussen is versie 2 van Dienst Justitiële Inrichtingen gepubliceerd; uw tabel ging uit van versie 1.');
    expect(html).toContain('value="PI Vught (getypt)"');
    expect(html).toContain('name="basis" value="1"');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  it('when a file only renames the organisation, then the preview says so (it is not "nothing changes")', async () => {
    const res = await upload(`organisation: DJI (nieuwe naam)\ncode: dienst-justitiele-inrichtingen\n${DJI.split('\n').slice(2).join('\n').replace('Justitieel Centrum Utrecht', 'JC Utrecht')}`, 'naam.yaml').expect(200);
    const html = decode(res.text);
    expect(html).toContain('Nieuwe versie 3.');
    expect(html).toContain('De organisatie heet vanaf deze versie <ins>DJI (nieuwe naam)</ins> in plaats van <del>Dienst Justitiële Inrichtingen</del>');
    expect(html).toContain('0 nieuw · 0 andere naam · 0 vervalt · 0 andere soort');
  });

  it('when a file only gives the organisation an addressee, then the preview says so without a new version, and publishing sets it for its reports', async () => {
    const before = versions('dienst-justitiele-inrichtingen');
    const latest = String(before.at(-1));
    const current = (await w.as.beheerder.agent.get(`/organisaties/dienst-justitiele-inrichtingen/versies/${latest}/eenheden.yaml`).expect(200)).text;
    const withAddressee = current.replace(/^code: (.*)$/m, 'code: $1\naddressee: de hoofddirecteur');
    const res = await upload(withAddressee, 'aan.yaml').expect(200);
    const html = decode(res.text);
    expect(html).toContain('De eenheden zijn al precies zo gepubliceerd');
    expect(html).toContain('Aanbevelingen gaan voortaan aan: de hoofddirecteur.');
    await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(res.text) }).expect(303);
    expect(versions('dienst-justitiele-inrichtingen')).toEqual(before);
    expect(w.ctx.catalogue.organisations.get('dienst-justitiele-inrichtingen')?.addressee).toBe('de hoofddirecteur');
    const yaml = (await w.as.lezer.agent.get(`/organisaties/dienst-justitiele-inrichtingen/versies/${latest}/eenheden.yaml`).expect(200)).text;
    expect((YAML.parse(yaml) as { addressee?: string }).addressee).toBe('de hoofddirecteur');
    // The police's addressee came from criteria/units.yaml, so its reports read as before.
    expect(nationalReportModel(w.ctx, OPERATOR, w.id2022).addressee).toBe('de korpschef');
  });

  it('when the editor changes whom recommendations go to, then the preview says so and publishing sets it; an emptied field keeps it', async () => {
    const editor = decode((await w.as.beheerder.agent.get('/organisaties/nieuw?organisatie=dienst-justitiele-inrichtingen').expect(200)).text);
    expect(editor).toContain('name="aanbevelingen_aan" type="text" value="de hoofddirecteur"');
    const form: Record<string, string> = { sleutel: 'dienst-justitiele-inrichtingen', organisatie: must(/name="organisatie" type="text" value="([^"]*)"/.exec(editor), 'naam')[1], basis: must(/name="basis" value="(\d+)"/.exec(editor), 'basis')[1] };
    for (const [, f, n, v] of editor.matchAll(/name="(code|name|kind)_(\d+)" value="([^"]*)"/g)) form[`${f}_${n}`] = v;
    const kept = decode((await postAs(w, 'beheerder', '/organisaties/nieuw', { ...form, aanbevelingen_aan: '' }).expect(200)).text);
    expect(kept).toContain('Al gepubliceerd, precies zo.');
    const preview = await postAs(w, 'beheerder', '/organisaties/nieuw', { ...form, aanbevelingen_aan: 'de directeur-generaal' }).expect(200);
    expect(decode(preview.text)).toContain('Aanbevelingen gaan voortaan aan: de directeur-generaal (was: de hoofddirecteur).');
    await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(preview.text) }).expect(303);
    expect(w.ctx.catalogue.organisations.get('dienst-justitiele-inrichtingen')?.addressee).toBe('de directeur-generaal');
  });

  it('when two beheerders change the addressee from the same preview, then the second publish is refused with 409', async () => {
    const current = (await w.as.beheerder.agent.get('/organisaties/dienst-justitiele-inrichtingen/versies/1/eenheden.yaml').expect(200)).text;
    const latest = String(versions('dienst-justitiele-inrichtingen').at(-1));
    const yaml = (await w.as.beheerder.agent.get(`/organisaties/dienst-justitiele-inrichtingen/versies/${latest}/eenheden.yaml`).expect(200)).text;
    expect(current).toContain('addressee:');
    const to = (who: string) => yaml.replace(/^addressee: .*$/m, `addressee: ${who}`);
    const a = await upload(to('de minister'), 'a.yaml').expect(200);
    const b = await upload(to('de staatssecretaris'), 'b.yaml').expect(200);
    await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(b.text) }).expect(303);
    const before = dbFingerprint(w.ctx);
    const refused = await postAs(w, 'beheerder', '/organisaties/publiceren', { token: tokenIn(a.text) }).expect(409);
    expect(decode(refused.text)).toContain('Intussen gaan de aanbevelingen van Dienst Justitiële Inrichtingen aan de staatssecretaris');
    expect(dbFingerprint(w.ctx)).toBe(before);
    const page = decode((await w.as.lezer.agent.get('/organisaties/dienst-justitiele-inrichtingen').expect(200)).text);
    expect(page).toContain('Aanbevelingen aan: de staatssecretaris');
  });

  it('when a file is not valid YAML or not a valid units list, then a Dutch message names the line and nothing is published', async () => {
    const before = dbFingerprint(w.ctx);
    const broken = await upload('organisation: X\nunits:\n  - { code: AB, name: A\n', 'kapot.yaml').expect(400);
    expect(decode(broken.text)).toMatch(/kapot\.yaml: ongeldige YAML op regel \d+/);
    const bad = await upload('organisation: X\nunits:\n  - { code: ab, name: A, kind: regio }\n', 'fout.yaml').expect(400);
    expect(decode(bad.text)).toContain('fout.yaml, regel 3, bij');
    expect(decode(bad.text)).toContain('Er is niets gepubliceerd.');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  it('when the editor table has a bad row, then the editor comes back with the row named and everything typed kept', async () => {
    const before = dbFingerprint(w.ctx);
    const res = await postAs(w, 'beheerder', '/organisaties/nieuw', {
      sleutel: '', organisatie: 'Reclassering Nederland', code_1: 'NOORD', name_1: 'Regio Noord', kind_1: 'regio', code_2: 'zuid', name_2: 'Regio Zuid', kind_2: 'regio',
    }).expect(400);
    const html = decode(res.text);
    expect(html).toContain('Rij 2, kolom code');
    expect(html).toContain('value="Reclassering Nederland"');
    expect(html).toContain('value="zuid"');
    expect(html).toContain('value="Regio Noord"');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  it.each(['lezer', 'inspecteur'] as const)('when a %s posts an upload, an editor table or a publish, then 403 and nothing changes', async (role) => {
    const good = await upload(DJI.replace('PI Zwolle', 'PI Zwolle-Zuid'), 'dji.yaml').expect(200);
    const token = tokenIn(good.text);
    expect(token).not.toBe('');
    const before = dbFingerprint(w.ctx);
    await upload(DJI, 'dji.yaml', role).expect(403);
    await postAs(w, role, '/organisaties/nieuw', { sleutel: '', organisatie: 'X', code_1: 'AB', name_1: 'A', kind_1: 'regio' }).expect(403);
    await postAs(w, role, '/organisaties/publiceren', { token }).expect(403);
    await w.as[role].agent.get('/organisaties/nieuw').expect(403);
    expect(dbFingerprint(w.ctx)).toBe(before);
    // Reading and downloading stay open to them.
    await w.as[role].agent.get(`/organisaties/${POLICE}`).expect(200);
    await w.as[role].agent.get(`/organisaties/${POLICE}/versies/1/eenheden.yaml`).expect(200);
  });
});
