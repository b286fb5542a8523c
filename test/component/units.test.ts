// Organisations and versioned unit sets in the database (issue 17): publishing (beheerder only, a
// no-op for the same content, a new version for changed content), the append-only tables, and the
// promise behind it: an inspection made with version 1 keeps showing version 1's names on its
// screens and in its reports after a unit is renamed in version 2. Also `toetsing units`.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { openContext } from '../../src/context';
import { refreshCatalogueIfChanged } from '../../src/app/checklists';
import { createNewInspection } from '../../src/app/inspections';
import { nationalReportModel } from '../../src/app/reports';
import { OPERATOR } from '../../src/app/operator';
import { listOrganisations, parseUnitSetText, previewUnitSet, publishUnitSet, unitSetVersions, unitSetYaml } from '../../src/app/units';
import type { Actor } from '../../src/domain/access';
import { unitSetFileSchema, unitsOf } from '../../src/domain/units';
import { getInspection, startFollowUp } from '../../src/store/inspections.store';
import { addresseeAt } from '../../src/store/units.store';
import { run } from '../helpers/cli';
import { changeLogCount, tempDir, USERS } from '../helpers/context';
import { makeWorld, World } from '../helpers/inspector';

const ROOT = path.join(__dirname, '..', '..');
const actor = (role: keyof typeof USERS): Actor => ({ id: 0, email: USERS[role].email, role: USERS[role].role });
const setCount = (w: World) => (w.ctx.db.prepare('SELECT COUNT(*) AS n FROM unit_sets').get() as { n: number }).n;

const RECLASSERING = unitSetFileSchema.parse({
  organisation: 'Reclassering (testorganisatie)',
  units: [
    { code: 'NOORD', name: 'Regio Noord', kind: 'regio' },
    { code: 'ZUID', name: 'Regio Zuid', kind: 'regio' },
  ],
});

/** The police's units as criteria/units.yaml has them, with NN renamed and KS left out. */
function policeV2() {
  const file = parseUnitSetText(fs.readFileSync(path.join(ROOT, 'criteria', 'units.yaml'), 'utf8'), 'units.yaml');
  return { ...file, units: file.units.filter((u) => u.code !== 'KS').map((u) => (u.code === 'NN' ? { ...u, name: 'Eenheid Noord (hernoemd)' } : u)) };
}

describe('unit sets in the database', () => {
  let w: World;
  beforeAll(async () => { w = await makeWorld(); });
  afterAll(() => w.ctx.cleanup());

  test('when the database is opened, then criteria/units.yaml is the police version 1 and every demo inspection uses it', () => {
    expect(listOrganisations(w.ctx)).toEqual([expect.objectContaining({ code: 'nationale-politie', name: 'Nationale politie', current: 1, versions: 1 })]);
    const i = getInspection(w.ctx.db, w.id2022);
    expect(i.unitSet).toEqual({ organisation: 'nationale-politie', version: 1 });
    expect(unitsOf(w.ctx.catalogue, i).find((u) => u.code === 'NN')?.name).toBe('Eenheid Noord-Nederland');
  });

  test('when a lezer or an inspecteur publishes units, then it is refused and nothing changes', () => {
    const before = setCount(w);
    for (const role of ['lezer', 'inspecteur'] as const) {
      expect(() => publishUnitSet(w.ctx, actor(role), RECLASSERING)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    }
    expect(setCount(w)).toBe(before);
  });

  test('when a beheerder publishes a new organisation, then it is version 1; the same file again changes nothing', () => {
    expect(previewUnitSet(w.ctx, RECLASSERING)).toMatchObject({ outcome: 'new-organisation', nextVersion: 1, organisation: { code: 'reclassering-testorganisatie', exists: false } });
    expect(publishUnitSet(w.ctx, actor('beheerder'), RECLASSERING)).toMatchObject({ organisation: 'reclassering-testorganisatie', version: 1, outcome: 'new' });
    expect(w.ctx.catalogue.organisations.get('reclassering-testorganisatie')).toEqual({ code: 'reclassering-testorganisatie', name: 'Reclassering (testorganisatie)', current: 1 });
    const sets = setCount(w);
    const log = changeLogCount(w.ctx);
    expect(publishUnitSet(w.ctx, actor('beheerder'), RECLASSERING)).toMatchObject({ organisation: 'reclassering-testorganisatie', version: 1, outcome: 'unchanged' });
    expect(previewUnitSet(w.ctx, RECLASSERING).outcome).toBe('unchanged');
    expect([setCount(w), changeLogCount(w.ctx)]).toEqual([sets, log]);
    // Downloaded and imported again it is the same version.
    const again = parseUnitSetText(unitSetYaml(w.ctx, 'reclassering-testorganisatie'), 'terug.yaml');
    expect(previewUnitSet(w.ctx, again).outcome).toBe('unchanged');
  });

  test('when a published unit set is updated or deleted in the database itself, then the database refuses', () => {
    expect(() => w.ctx.db.prepare("UPDATE unit_sets SET content = '[]'").run()).toThrow(/eenhedenversie is gepubliceerd en verandert niet/);
    expect(() => w.ctx.db.prepare('DELETE FROM unit_sets').run()).toThrow(/eenhedenversie is gepubliceerd en verandert niet/);
    expect(() => w.ctx.db.prepare("UPDATE organisations SET code = 'x'").run()).toThrow(/code van een organisatie verandert niet/);
    expect(() => w.ctx.db.prepare('UPDATE inspections SET unit_set_version = 1 WHERE id = ?').run(w.id2022)).toThrow(/eenmaal vastgelegd/);
  });

  describe('when a beheerder renames a police unit in version 2', () => {
    let newId: number;
    beforeAll(() => {
      const preview = previewUnitSet(w.ctx, policeV2());
      expect(preview).toMatchObject({ outcome: 'new-version', nextVersion: 2 });
      expect(preview.changes).toEqual([
        { kind: 'renamed', code: 'NN', before: 'Eenheid Noord-Nederland', after: 'Eenheid Noord (hernoemd)' },
        { kind: 'removed', code: 'KS', before: 'Korpsstaf' },
      ]);
      expect(publishUnitSet(w.ctx, actor('beheerder'), policeV2())).toMatchObject({ organisation: 'nationale-politie', version: 2, outcome: 'new' });
      newId = createNewInspection(w.ctx, actor('beheerder'), { title: 'Na de hernoeming', year: 2027, fieldworkStart: null, fieldworkEnd: null, checklists: ['toetsingskader'], units: ['NN', 'ON'], team: [] });
    });

    test('then an inspection on version 1 still shows the old name on its matrix page and in its national report', async () => {
      const res = await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/matrix`).expect(200);
      expect(res.text).toContain('Eenheid Noord-Nederland');
      expect(res.text).not.toContain('Eenheid Noord (hernoemd)');
      const report = JSON.stringify(nationalReportModel(w.ctx, OPERATOR, w.id2022));
      expect(report).toContain('Eenheid Noord-Nederland');
      expect(report).not.toContain('hernoemd');
      expect(getInspection(w.ctx.db, w.id2022).unitSet).toEqual({ organisation: 'nationale-politie', version: 1 });
    });

    test('then a new inspection gets version 2 and shows the new name', async () => {
      expect(getInspection(w.ctx.db, newId).unitSet).toEqual({ organisation: 'nationale-politie', version: 2 });
      const res = await w.as.beheerder.agent.get(`/onderzoeken/${newId}/matrix`).expect(200);
      expect(res.text).toContain('Eenheid Noord (hernoemd)');
    });

    test('then a follow-up of a version 1 inspection gets the current set, without the units that no longer exist', () => {
      const before = getInspection(w.ctx.db, w.id2022);
      expect(before.units).toContain('KS');
      const id = startFollowUp(w.ctx.db, w.ctx.catalogue, 'test', w.id2022, { title: 'Vervolg', year: 2028, fieldworkStart: null, fieldworkEnd: null });
      const follow = getInspection(w.ctx.db, id);
      expect(follow.unitSet).toEqual({ organisation: 'nationale-politie', version: 2 });
      expect(follow.units).toEqual(before.units.filter((u) => u !== 'KS'));
    });

    test('then opening the data folder again (a restart) keeps version 2 current: the unchanged criteria/units.yaml does not come back over it', () => {
      const again = openContext(w.ctx.dataDir);
      try {
        expect(listOrganisations(again).find((o) => o.code === 'nationale-politie')).toMatchObject({ current: 2, versions: 2 });
      } finally {
        again.db.close();
      }
    });

    test('then the follow-up form of a version 1 inspection names the unit it will not take over', async () => {
      const res = await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/vervolg`).expect(200);
      expect(res.text).toContain('Niet overgenomen, omdat de huidige lijst van eenheden ze niet meer heeft: Korpsstaf (KS).');
      expect(res.text).toContain('Vervolgonderzoek starten</button>');
    });

    test('when an inspection is created without units or checklists, then it is refused', () => {
      const base = { title: 'Leeg', year: 2027, fieldworkStart: null, fieldworkEnd: null, team: [] };
      expect(() => createNewInspection(w.ctx, actor('beheerder'), { ...base, checklists: ['toetsingskader'], units: [] })).toThrow(expect.objectContaining({ kind: 'invalid' }));
      expect(() => createNewInspection(w.ctx, actor('beheerder'), { ...base, checklists: [], units: ['NN'] })).toThrow(expect.objectContaining({ kind: 'invalid' }));
    });

    test('then the versions are listed with their use', () => {
      const versions = unitSetVersions(w.ctx, 'nationale-politie');
      expect(versions.map((v) => [v.version, v.units.length])).toEqual([[1, 14], [2, 13]]);
      expect(versions[0].inspections).toBeGreaterThanOrEqual(3);
      expect(versions[1].inspections).toBe(2);
      expect(() => unitSetVersions(w.ctx, 'bestaat-niet')).toThrow(expect.objectContaining({ kind: 'not_found' }));
    });
  });
});

describe('toetsing units', () => {
  let work: string;
  let dataDir: string;
  const cli = (...args: string[]) => run([...args, '--data', dataDir]);
  const file = (name: string, content: unknown) => {
    const p = path.join(work, name);
    fs.writeFileSync(p, typeof content === 'string' ? content : YAML.stringify(content));
    return p;
  };
  const sets = () => {
    const ctx = openContext(dataDir);
    try { return (ctx.db.prepare('SELECT COUNT(*) AS n FROM unit_sets').get() as { n: number }).n; } finally { ctx.db.close(); }
  };
  beforeAll(() => {
    work = tempDir('toetsing-eenheden-');
    dataDir = path.join(work, 'data');
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('when a file is imported with --dry-run, then the outcome is shown and nothing is written', async () => {
    const f = file('reclassering.yaml', { organisation: 'Reclassering', code: 'rn', units: [{ code: 'NOORD', name: 'Regio Noord', kind: 'regio' }] });
    const before = (await cli('units', 'list')).code === 0 ? sets() : -1;
    const r = await cli('units', 'import', f, '--dry-run');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('Proefdraai: nieuwe organisatie Reclassering (rn), versie 1 (1 eenheid) zou worden gepubliceerd; er is niets opgeslagen.');
    expect(sets()).toBe(before);
  });

  test('when a file is imported, then it is published as the operator; again it is unchanged; changed it is version 2', async () => {
    const f = file('reclassering.yaml', { organisation: 'Reclassering', code: 'rn', units: [{ code: 'NOORD', name: 'Regio Noord', kind: 'regio' }] });
    const r = await cli('units', 'import', f);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('Eenheden gepubliceerd: nieuwe organisatie Reclassering (rn), versie 1 (1 eenheid).');
    expect((await cli('units', 'import', f)).out).toContain('zijn al precies zo gepubliceerd als versie 1; er is niets veranderd.');
    const g = file('reclassering-2.yaml', { organisation: 'Reclassering', code: 'rn', units: [{ code: 'NOORD', name: 'Regio Noord', kind: 'regio' }, { code: 'ZUID', name: 'Regio Zuid', kind: 'regio' }] });
    const v2 = await cli('units', 'import', g);
    expect(v2.out).toContain('Reclassering (rn) versie 2 (2 eenheden)');
    expect(v2.out).toContain('ZUID: nieuw (Regio Zuid)');
    const ctx = openContext(dataDir);
    try {
      expect(ctx.db.prepare("SELECT DISTINCT published_by AS p FROM unit_sets s JOIN organisations o ON o.id = s.organisation_id WHERE o.code = 'rn'").all()).toEqual([{ p: 'cli' }]);
    } finally { ctx.db.close(); }
  });

  test('when a file only adds an addressee, then it is saved without a new version, --dry-run only says so, and a vastgesteld report keeps the addressee of its time', async () => {
    const g = file('reclassering-aan.yaml', { organisation: 'Reclassering', code: 'rn', addressee: 'de directeur', units: [{ code: 'NOORD', name: 'Regio Noord', kind: 'regio' }, { code: 'ZUID', name: 'Regio Zuid', kind: 'regio' }] });
    const dry = await cli('units', 'import', g, '--dry-run');
    expect(dry.out).toContain('Proefdraai: de eenheden van Reclassering (rn) blijven versie 2; alleen wie de aanbevelingen krijgt zou veranderen.');
    expect(dry.out).toContain('aanbevelingen aan: (niemand) → de directeur');
    const before = sets();
    const r = await cli('units', 'import', g);
    expect(r.out).toContain('Opgeslagen: wie de aanbevelingen van Reclassering (rn) krijgt; de eenheden blijven versie 2.');
    expect(sets()).toBe(before);
    const between = new Date().toISOString();
    await new Promise((res) => setTimeout(res, 5));
    await cli('units', 'import', file('reclassering-aan2.yaml', { ...YAML.parse(fs.readFileSync(g, 'utf8')) as object, addressee: 'de directeur-generaal' }));
    const ctx = openContext(dataDir);
    try {
      expect(ctx.catalogue.organisations.get('rn')?.addressee).toBe('de directeur-generaal');
      // As it was at a time: before the first one ever given it is that first one; between the two the first.
      expect(addresseeAt(ctx.db, 'rn', '2000-01-01T00:00:00.000Z')).toBe('de directeur');
      expect(addresseeAt(ctx.db, 'rn', between)).toBe('de directeur');
      expect(addresseeAt(ctx.db, 'rn', new Date().toISOString())).toBe('de directeur-generaal');
    } finally { ctx.db.close(); }
  });

  test('when the file is wrong, then the exit is non-zero, the message names line and field in Dutch, and nothing is written', async () => {
    const before = sets();
    const bad = file('fout.yaml', 'organisation: Reclassering\nunits:\n  - { code: noord, name: Regio Noord, kind: regio }\n');
    const r = await cli('units', 'import', bad);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('fout.yaml, regel 3, bij units[0].code: code: hoofdletters en cijfers, 2 tot 16 tekens');
    expect(r.err).toContain('fout.yaml is geen geldige lijst van eenheden (1 fout); er is niets gepubliceerd.');
    expect((await cli('units', 'import', path.join(work, 'bestaat-niet.yaml'))).code).not.toBe(0);
    expect((await cli('units', 'import', file('x.txt', 'iets'))).err).toContain('een lijst van eenheden is een .yaml- of .yml-bestand');
    expect(sets()).toBe(before);
  });

  test('when the units are listed as JSON, then every organisation comes with its versions', async () => {
    const r = await cli('units', 'list', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Array<{ code: string; current: number; versions: number; sets: Array<{ version: number; units: unknown[] }> }>;
    expect(list.map((o) => [o.code, o.current, o.versions])).toEqual([['nationale-politie', 1, 1], ['rn', 2, 2]]);
    expect(list[1].sets.map((s) => s.units.length)).toEqual([1, 2]);
    const text = await cli('units', 'list');
    expect(text.out).toContain('rn\tReclassering\tversie 2 (van 2)\tgeen onderzoeken');
  });

  test('when units are imported beside an open context, then its catalogue sees them on the next request', async () => {
    const ctx = openContext(dataDir);
    try {
      expect(ctx.catalogue.organisations.has('coa')).toBe(false);
      expect((await cli('units', 'import', file('coa.yaml', { organisation: 'COA', units: [{ code: 'AZC-A', name: 'Azc A', kind: 'locatie' }] }))).code).toBe(0);
      refreshCatalogueIfChanged(ctx);
      expect(ctx.catalogue.organisations.get('coa')).toEqual({ code: 'coa', name: 'COA', current: 1 });
    } finally { ctx.db.close(); }
  });
});
