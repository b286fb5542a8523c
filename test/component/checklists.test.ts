// Checklists as published data (issue 17): a framework from another field, written by this test,
// goes through the command line into the database, is used by an inspection through the app's use
// cases, assessed, rolled up, reported, revised as a new version of the same id and compared with
// the earlier one through a mapping: all without a code change. Published versions are immutable
// in the app and in the database.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { openContext, Ctx } from '../../src/context';
import { publishChecklist, listVersions, refreshCatalogueIfChanged } from '../../src/app/checklists';
import { createNewInspection, startFollowUpOf } from '../../src/app/inspections';
import { resolveCell, saveCell } from '../../src/app/cells';
import { loadComparison } from '../../src/app/compare';
import { nationalReportModel } from '../../src/app/reports';
import { exportInspection, importInspection } from '../../src/app/documents';
import { OPERATOR } from '../../src/app/operator';
import { checklistSchema } from '../../src/domain/checklist';
import { inspectionStatus } from '../../src/domain/status';
import { loadSnapshot } from '../../src/store/inspections.store';
import { getCell } from '../../src/store/verdicts.store';
import type { Actor } from '../../src/domain/access';
import { checklistToXlsx, readChecklistXlsx } from '../../src/files/checklist-xlsx';
import { run } from '../helpers/cli';
import { tempDir } from '../helpers/context';

const ADMIN: Actor = { id: 0, email: 'beheerder@test.toetsing.local', role: 'beheerder' };
const READER: Actor = { id: 0, email: 'lezer@test.toetsing.local', role: 'lezer' };

// Another organisation, another scale wording, one group, a criterion with sub-points.
const KADER_2025 = {
  id: 'reclassering-toezicht',
  version: '2025',
  title: 'Toetsingskader toezicht op justitiabelen door de reclassering',
  shortTitle: 'Kader reclasseringstoezicht',
  source: 'Testkader, door de testsuite geschreven (geen echte bron)',
  scale: {
    id: 'voldoet',
    levels: [
      { code: 'voldoet', label: 'Voldoet', rank: 'positive' },
      { code: 'voldoet_deels', label: 'Voldoet deels', rank: 'partial' },
      { code: 'voldoet_niet', label: 'Voldoet niet', rank: 'negative' },
    ],
  },
  groups: [
    {
      id: 'n1',
      number: 1,
      title: 'Het toezicht wordt tijdig en volledig uitgevoerd',
      kind: 'norm',
      criteria: [
        { id: 'c1', number: '1.1', text: 'Het eerste contact met de justitiabele vindt binnen tien werkdagen plaats.' },
        {
          id: 'c2',
          number: '1.2',
          text: 'Het toezichtplan bevat ten minste:',
          subpoints: ['de bijzondere voorwaarden', 'de meldfrequentie', 'de risico-inschatting'],
        },
        { id: 'c3', number: '1.3', text: 'Overtredingen worden binnen vijf werkdagen aan het OM gemeld.' },
      ],
    },
  ],
};

// The revision: c1 renumbered, c2 split, c3 dropped, c4 new.
const KADER_2026 = {
  ...KADER_2025,
  version: '2026',
  groups: [
    {
      ...KADER_2025.groups[0],
      criteria: [
        { id: 'c1', number: '1', text: 'Het eerste contact met de justitiabele vindt binnen tien werkdagen plaats.' },
        { id: 'c2a', number: '2a', text: 'Het toezichtplan bevat de bijzondere voorwaarden.' },
        { id: 'c2b', number: '2b', text: 'Het toezichtplan bevat de risico-inschatting.' },
        { id: 'c4', number: '3', text: 'De justitiabele wordt gewezen op de klachtregeling.' },
      ],
    },
  ],
};

const MAPPING = {
  from: { checklist: 'reclassering-toezicht', version: '2025' },
  to: { checklist: 'reclassering-toezicht', version: '2026' },
  map: [
    { from: ['c1'], to: ['c1'] },
    { from: ['c2'], to: ['c2a', 'c2b'] },
  ],
  dropped: ['c3'],
  added: ['c4'],
};

let work: string;
let criteriaDir: string;
let dataDir: string;
const file = (name: string, content: unknown) => {
  const p = path.join(work, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : YAML.stringify(content));
  return p;
};
const cli = (...args: string[]) => run([...args, '--data', dataDir, '--criteria', criteriaDir]);

beforeAll(() => {
  work = tempDir('toetsing-kaders-');
  dataDir = path.join(work, 'data');
  // Units stay in criteria/units.yaml this round: another organisation's units, and the one
  // checklist file the folder must hold.
  criteriaDir = path.join(work, 'criteria');
  fs.mkdirSync(path.join(criteriaDir, 'checklists'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'criteria', 'checklists', 'third-checklist.yaml'), path.join(criteriaDir, 'checklists', 'third-checklist.yaml'));
  fs.writeFileSync(path.join(criteriaDir, 'units.yaml'), YAML.stringify({
    organisation: 'Reclassering (testorganisatie)',
    units: [
      { code: 'NOORD', name: 'Regio Noord', kind: 'regionaal' },
      { code: 'ZUID', name: 'Regio Zuid', kind: 'regionaal' },
    ],
  }));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function withCtx<T>(f: (ctx: Ctx) => T): T {
  const ctx = openContext(dataDir, criteriaDir);
  try { return f(ctx); } finally { ctx.db.close(); }
}

function judge(ctx: Ctx, inspectionId: number, checklistId: string, criterionId: string, unit: string, verdict: string) {
  const cell = resolveCell(ctx, ADMIN, { inspectionId, checklistId, criterionId, unit }, 'edit');
  saveCell(ctx, ADMIN, cell, { verdict, motivation: `${criterionId} ${unit}: ${verdict}`, workflow: 'gereed', version: getCell(ctx.db, cell.key).version });
}

describe('a framework from another field, published by the command line', () => {
  let first: number;
  let second: number;

  it('when a YAML file is imported with --dry-run, then it is checked and nothing is published', async () => {
    const r = await cli('checklist', 'import', file('kader-2025.yaml', KADER_2025), '--dry-run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Proefdraai');
    expect(withCtx((ctx) => ctx.catalogue.checklists.has('reclassering-toezicht'))).toBe(false);
  });

  it('when it is imported, then it is listed with who published it, and importing it again changes nothing', async () => {
    const r = await cli('checklist', 'import', path.join(work, 'kader-2025.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Kader reclassering-toezicht versie 2025 gepubliceerd');
    expect(r.out).toContain('Voldoet / Voldoet deels / Voldoet niet');
    const again = await cli('checklist', 'import', path.join(work, 'kader-2025.yaml'));
    expect([again.code, again.out]).toEqual([0, expect.stringContaining('al precies zo gepubliceerd') as string]);
    const list = await cli('checklist', 'list', '--json');
    const rows = JSON.parse(list.out) as Array<{ id: string; version: string; publishedBy: string; usedBy: number; current: boolean }>;
    expect(rows.find((x) => x.id === 'reclassering-toezicht')).toMatchObject({ version: '2025', publishedBy: 'cli', usedBy: 0, current: true });
  });

  it('when a bad file is imported, then the message names file, line and field, the exit is non-zero and nothing is published', async () => {
    const bad = YAML.stringify({ ...KADER_2025, version: '2025-fout', groups: [{ ...KADER_2025.groups[0], criteria: [{ id: 'c1', number: '1' }] }] });
    const r = await cli('checklist', 'import', file('fout.yaml', bad));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/fout\.yaml, regel \d+, bij groups\[0\]\.criteria\[0\]\.text/);
    const broken = await cli('checklist', 'import', file('kapot.yaml', 'id: x\n  version: : 1\n'));
    expect(broken.code).not.toBe(0);
    expect(broken.err).toMatch(/kapot\.yaml: ongeldige YAML op regel \d+, kolom \d+/);
    expect(withCtx((ctx) => [...ctx.catalogue.versions.keys()].filter((k) => k.includes('fout') || k.startsWith('x@')))).toEqual([]);
  });

  it('when an inspection is made with it through the app, assessed and rolled up, then its scale and words are used', () => {
    withCtx((ctx) => {
      first = createNewInspection(ctx, ADMIN, { title: 'Toezicht 2025', year: 2025, fieldworkStart: null, fieldworkEnd: null, checklists: ['reclassering-toezicht'], units: ['NOORD', 'ZUID'], team: [] });
      for (const unit of ['NOORD', 'ZUID']) {
        judge(ctx, first, 'reclassering-toezicht', 'c1', unit, 'voldoet');
        judge(ctx, first, 'reclassering-toezicht', 'c2', unit, 'voldoet_niet');
        judge(ctx, first, 'reclassering-toezicht', 'c3', unit, 'voldoet_deels');
      }
      const status = inspectionStatus(loadSnapshot(ctx.db, first), ctx.catalogue);
      expect(status.progress).toBe(1);
      const rollup = status.rollups[0];
      expect(rollup.checklist.version).toBe('2025');
      expect(rollup.rollup.nationalGroup.get('n1')?.final).toBe('voldoet_deels');

      const model = JSON.stringify(nationalReportModel(ctx, ADMIN, first));
      expect(model).toContain('Het toezichtplan bevat ten minste:');
      expect(model).toContain('de risico-inschatting');
      expect(model).toContain('Voldoet deels');
      expect(model).not.toContain('Nagekomen');
    });
  });

  it('when the version is used, then the same version with other content is refused, by the app and by the command line', async () => {
    withCtx((ctx) => {
      expect(listVersions(ctx, ADMIN).find((v) => v.checklist.id === 'reclassering-toezicht')?.usedBy).toBe(1);
      const changed = { ...KADER_2025, title: 'Een andere titel' };
      expect(() => publishChecklist(ctx, ADMIN, changed, 'x.yaml')).toThrow('Kader \'reclassering-toezicht\' versie 2025 is al gepubliceerd; geef het gewijzigde kader een nieuwe versie.');
      expect(() => publishChecklist(ctx, READER, { ...KADER_2025, version: '2099' }, 'x.yaml')).toThrow(/Alleen een beheerder/);
    });
    const r = await cli('checklist', 'import', file('gewijzigd.yaml', { ...KADER_2025, title: 'Een andere titel' }));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('geef het gewijzigde kader een nieuwe versie');
  });

  it('when a raw UPDATE or DELETE reaches a published version, then the database refuses it', () => {
    withCtx((ctx) => {
      expect(() => ctx.db.prepare("UPDATE checklist_versions SET content = '{}' WHERE checklist_id = 'reclassering-toezicht'").run()).toThrow(/gepubliceerd en verandert niet/);
      expect(() => ctx.db.prepare("DELETE FROM checklist_versions WHERE checklist_id = 'reclassering-toezicht'").run()).toThrow(/gepubliceerd en verandert niet/);
    });
  });

  it('when the revised version and an incomplete mapping are imported, then the mapping is refused naming the criteria not accounted for', async () => {
    const pub = await cli('checklist', 'import', file('kader-2026.yaml', KADER_2026));
    expect([pub.code, pub.err]).toEqual([0, '']);
    const incomplete = await cli('mapping', 'import', file('koppeling-onvolledig.yaml', { ...MAPPING, dropped: [], added: [] }));
    expect(incomplete.code).not.toBe(0);
    expect(incomplete.err).toContain('criteria van reclassering-toezicht versie 2025 die niet gekoppeld en niet vervallen zijn: c3');
    expect(incomplete.err).toContain('criteria van reclassering-toezicht versie 2026 die niet gekoppeld en niet nieuw zijn: c4');
    const ok = await cli('mapping', 'import', file('koppeling.yaml', MAPPING));
    expect([ok.code, ok.out]).toEqual([0, expect.stringContaining('Koppeling reclassering-toezicht 2025 → reclassering-toezicht 2026 gepubliceerd') as string]);
  });

  it('when a follow-up is made, then it uses the new version, the first keeps the old, and the comparison runs through the mapping', () => {
    withCtx((ctx) => {
      second = startFollowUpOf(ctx, ADMIN, first, { title: 'Toezicht 2026', year: 2026, fieldworkStart: null, fieldworkEnd: null });
      expect(loadSnapshot(ctx.db, second).checklists).toEqual([{ id: 'reclassering-toezicht', version: '2026' }]);
      for (const unit of ['NOORD', 'ZUID']) {
        judge(ctx, second, 'reclassering-toezicht', 'c1', unit, 'voldoet');
        judge(ctx, second, 'reclassering-toezicht', 'c2a', unit, 'voldoet');
        judge(ctx, second, 'reclassering-toezicht', 'c2b', unit, 'voldoet_niet');
        judge(ctx, second, 'reclassering-toezicht', 'c4', unit, 'voldoet');
      }
      // The first inspection is still read with its own version: c3 and its old numbering.
      const old = inspectionStatus(loadSnapshot(ctx.db, first), ctx.catalogue).rollups[0].checklist;
      expect([old.version, old.groups[0].criteria.map((c) => c.number)]).toEqual(['2025', ['1.1', '1.2', '1.3']]);
      expect(JSON.stringify(nationalReportModel(ctx, ADMIN, first))).toContain('Overtredingen worden binnen vijf werkdagen aan het OM gemeld.');

      const cmp = loadComparison(ctx, ADMIN, { earlier: first, later: second });
      const rows = cmp.checklists[0].rows;
      const row = (later: string | null, earlier: string) => rows.find((r) => (r.laterCriterion?.id ?? null) === later && r.earlierCriteria.some((c) => c.id === earlier));
      expect(row('c1', 'c1')?.relation).toBe('renumbered');
      expect(row('c2a', 'c2')?.relation).toBe('split');
      expect(row('c2a', 'c2')?.cells.map((c) => c.direction)).toEqual(['verbeterd', 'verbeterd']);
      expect(row('c2b', 'c2')?.cells.map((c) => c.direction)).toEqual(['gelijk', 'gelijk']);
      expect(row(null, 'c3')?.relation).toBe('dropped');
      expect(rows.find((r) => r.laterCriterion?.id === 'c4')?.relation).toBe('added');
    });
  });

  it('when the version is exported, then the YAML is the published checklist and importing it again changes nothing', async () => {
    const out = path.join(work, 'export-2025.yaml');
    const r = await cli('checklist', 'export', 'reclassering-toezicht', '--version', '2025', '--out', out);
    expect(r.code).toBe(0);
    expect(YAML.parse(fs.readFileSync(out, 'utf8'))).toEqual(KADER_2025);
    const again = await cli('checklist', 'import', out);
    expect(again.out).toContain('al precies zo gepubliceerd');
    const missing = await cli('checklist', 'export', 'reclassering-toezicht', '--version', '1999', '--out', path.join(work, 'x.yaml'));
    expect([missing.code !== 0, missing.err]).toEqual([true, expect.stringContaining('heeft geen gepubliceerde versie 1999') as string]);
  });

  it('when an inspection document is imported where its version is not published, then it is refused naming checklist and version', () => {
    const doc = withCtx((ctx) => exportInspection(ctx, OPERATOR, first));
    const elsewhere = path.join(work, 'elders');
    const ctx = openContext(elsewhere, criteriaDir);
    try {
      // Only the revision is published there.
      publishChecklist(ctx, ADMIN, KADER_2026, 'kader-2026.yaml');
      let message = '';
      try { importInspection(ctx, OPERATOR, doc); } catch (e) { message = `${(e as Error).message} ${((e as { problems?: string[] }).problems ?? []).join(' ')}`; }
      expect(message).toContain("checklist 'reclassering-toezicht' versie 2025 is hier niet gepubliceerd");
      expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM inspections').get()).toEqual({ n: 0 });
      publishChecklist(ctx, ADMIN, KADER_2025, 'kader-2025.yaml');
      importInspection(ctx, OPERATOR, doc);
      expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM inspections').get()).toEqual({ n: 1 });
    } finally {
      ctx.db.close();
    }
  });

  it('when a version comes as the XLSX template, then the command line publishes it, and a published version exports as XLSX that reads back the same', async () => {
    const kader2027 = { ...KADER_2026, version: '2027', title: 'Toetsingskader reclasseringstoezicht, herziening 2027' };
    const xlsx = path.join(work, 'kader-2027.xlsx');
    fs.writeFileSync(xlsx, await checklistToXlsx(checklistSchema.parse(kader2027)));
    const dry = await cli('checklist', 'import', xlsx, '--dry-run');
    expect([dry.code, dry.out]).toEqual([0, expect.stringContaining('Proefdraai: kader reclassering-toezicht versie 2027') as string]);
    const r = await cli('checklist', 'import', xlsx);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(withCtx((ctx) => ctx.catalogue.checklists.get('reclassering-toezicht')?.version)).toBe('2027');

    const out = path.join(work, 'export-2025.xlsx');
    expect((await cli('checklist', 'export', 'reclassering-toezicht', '--version', '2025', '--out', out)).code).toBe(0);
    const read = await readChecklistXlsx(fs.readFileSync(out));
    expect(read).toEqual({ ok: true, checklist: KADER_2025 });

    const broken = path.join(work, 'geen-kader.xlsx');
    fs.writeFileSync(broken, 'dit is geen werkmap');
    const bad = await cli('checklist', 'import', broken);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('geen-kader.xlsx');
  });

  it('when another process publishes beside a running one, then the running one sees it at its next refresh', () => {
    const server = openContext(dataDir, criteriaDir);
    const cliSide = openContext(dataDir, criteriaDir);
    try {
      publishChecklist(cliSide, ADMIN, { ...KADER_2026, version: '2028' }, 'kader-2028.yaml');
      expect(server.catalogue.versions.has('reclassering-toezicht@2028')).toBe(false);
      refreshCatalogueIfChanged(server);
      expect(server.catalogue.versions.has('reclassering-toezicht@2028')).toBe(true);
      expect(server.catalogue.checklists.get('reclassering-toezicht')?.version).toBe('2028');
    } finally {
      server.db.close();
      cliSide.db.close();
    }
  });
});
