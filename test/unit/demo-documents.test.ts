import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import YAML from 'yaml';
import { loadCatalogue } from '../../src/criteria';
import { allCriteria, checklistSchema, type Checklist } from '../../src/domain/checklist';
import { unitSetFileSchema } from '../../src/domain/units';
import { documentSchema, type InspectionDocument } from '../../src/domain/document';
import { rollUp } from '../../src/domain/rollup';
import { documentProblems } from '../../src/domain/validate-document';
import { demoDocuments } from '../../src/demo/files';

const ROOT = path.join(__dirname, '..', '..');
const readYaml = (rel: string): unknown => YAML.parse(readFileSync(path.join(ROOT, rel), 'utf8'));

const toetsingskader = checklistSchema.parse(readYaml('criteria/checklists/toetsingskader-2016.yaml'));
const ombudsman = checklistSchema.parse(readYaml('criteria/checklists/ombudsman-2021.yaml'));
const checklists = new Map<string, Checklist>([
  [toetsingskader.id, toetsingskader],
  [ombudsman.id, ombudsman],
]);
const unitsFile = unitSetFileSchema.parse(readYaml('criteria/units.yaml'));
const catalogue = loadCatalogue(path.join(ROOT, 'criteria'));
const docs: InspectionDocument[] = demoDocuments(catalogue);
const byRef = (ref: string) => docs.find((d) => d.inspection.ref === ref)!;

function nationalGroup(doc: InspectionDocument, checklist: Checklist, groupId: string): string {
  const cells = doc.verdicts.filter((v) => v.checklist === checklist.id);
  return rollUp(checklist, doc.inspection.units, cells, []).nationalGroup.get(groupId)!.final;
}

describe('demo documents', () => {
  it('when the demo data is read, then every document parses with the document schema', () => {
    for (const d of demoDocuments(catalogue)) {
      const result = documentSchema.safeParse(d);
      expect(result.success ? [] : result.error.issues).toEqual([]);
    }
  });

  it('gives each inspection a unique ref, in chain order with each predecessor before its successor', () => {
    const refs = docs.map((d) => d.inspection.ref);
    expect(refs).toEqual(['klachtbehandeling-2015', 'recht-van-klagen-2022', 'klachtbehandeling-2026-illustratief']);
    expect(new Set(refs).size).toBe(refs.length);
    docs.forEach((d, i) => {
      if (d.inspection.predecessorRef) expect(refs.slice(0, i)).toContain(d.inspection.predecessorRef);
    });
  });

  it('puts every verdict on a unit of its own inspection, and every unit in units.yaml', () => {
    const known = new Set(unitsFile.units.map((u) => u.code));
    for (const d of docs) {
      const units = new Set(d.inspection.units);
      for (const u of units) expect(known).toContain(u);
      for (const v of d.verdicts) expect(units).toContain(v.unit);
      for (const e of d.evidence) for (const u of e.units) expect(known).toContain(u);
    }
  });

  it('when checked against the catalogue in criteria/, then no document has a cross-reference problem', () => {
    for (const d of docs) expect(documentProblems(d, catalogue)).toEqual([]);
  });

  it('uses only checklists, criteria and verdict codes that the YAML checklists define', () => {
    for (const d of docs) {
      const used = new Set(d.inspection.checklists.map((c) => c.id));
      for (const c of d.inspection.checklists) expect(checklists.get(c.id)?.version).toBe(c.version);
      for (const v of d.verdicts) {
        expect(used).toContain(v.checklist);
        const cl = checklists.get(v.checklist)!;
        expect(allCriteria(cl).map((c) => c.id)).toContain(v.criterion);
        expect([...cl.scale.levels.map((l) => l.code), 'niet_beoordeeld']).toContain(v.verdict);
      }
      for (const item of [...d.findings, ...d.conclusions, ...d.recommendations]) expect(used).toContain(item.checklist);
    }
  });

  it('has exactly one verdict per unit and criterion of each checklist used', () => {
    for (const d of docs) {
      const keys = d.verdicts.map((v) => `${v.checklist}/${v.criterion}/${v.unit}`);
      expect(new Set(keys).size).toBe(keys.length);
      const expected = d.inspection.checklists.reduce((n, c) => n + allCriteria(checklists.get(c.id)!).length, 0) * d.inspection.units.length;
      expect(d.verdicts).toHaveLength(expected);
    }
  });

  it('links only to evidence that exists in the same document, with unique evidence refs', () => {
    for (const d of docs) {
      const refs = d.evidence.map((e) => e.ref);
      expect(new Set(refs).size).toBe(refs.length);
      for (const v of d.verdicts) for (const l of v.evidence) expect(refs).toContain(l.ref);
      for (const f of d.recommendationFollowups) for (const r of f.evidence) expect(refs).toContain(r);
    }
  });

  it('backs every assessed verdict with one to three linked sources, except three deliberate 2026 gaps', () => {
    const unbacked: string[] = [];
    for (const d of docs) {
      for (const v of d.verdicts) {
        if (v.verdict === 'niet_beoordeeld') continue;
        expect(v.motivation.length).toBeGreaterThan(20);
        expect(v.evidence.length).toBeLessThanOrEqual(3);
        if (v.evidence.length === 0) unbacked.push(`${d.inspection.ref}/${v.criterion}/${v.unit}`);
      }
    }
    expect(unbacked.sort()).toEqual(
      ['klachtbehandeling-2026-illustratief/a4/ON', 'klachtbehandeling-2026-illustratief/k14/AMS', 'klachtbehandeling-2026-illustratief/k9/RT'].sort(),
    );
  });

  it('when the 2022 verdicts are rolled up, then the national outcome is the report’s: opvolgen kept, leren and uniform in part', () => {
    const d = byRef('recht-van-klagen-2022');
    expect(nationalGroup(d, toetsingskader, 'opvolgen')).toBe('nagekomen');
    expect(nationalGroup(d, toetsingskader, 'leren')).toBe('ten_dele');
    expect(nationalGroup(d, toetsingskader, 'uniform')).toBe('ten_dele');
    // Kept only for the permanent staff: the qualification lives in every opvolgen motivation.
    const opvolgen = d.verdicts.filter((v) => ['k1', 'k2', 'k3', 'k4', 'k5'].includes(v.criterion));
    expect(opvolgen.every((v) => v.verdict === 'nagekomen' && v.motivation.includes('vaste medewerkers'))).toBe(true);
  });

  it('carries the report’s four recommendations, the 2016–2020 figures and a conclusion per toezegging for 2022', () => {
    const d = byRef('recht-van-klagen-2022');
    expect(d.recommendations.map((r) => [r.ref, r.group])).toEqual([
      ['A1', 'opvolgen'],
      ['A2', 'leren'],
      ['A3', 'leren'],
      ['A4', 'uniform'],
    ]);
    expect(d.statistics.map((s) => s.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(d.statistics[4]).toMatchObject({ afgerond: 13090, aannemen: 3198, eersteFase: 9702, tweedeFase: 190, unit: null });
    expect(d.conclusions.filter((c) => c.checklist === 'toetsingskader').map((c) => c.group)).toEqual(['opvolgen', 'leren', 'uniform']);
    expect(d.findings.filter((f) => f.checklist === 'toetsingskader')).toHaveLength(16);
  });

  it('leaves two 2022 interview reports in wederhoor and one in concept, each behind at least one verdict under review', () => {
    const d = byRef('recht-van-klagen-2022');
    const open = d.evidence.filter((e) => e.wederhoor && !['akkoord', 'gecorrigeerd'].includes(e.wederhoor.status));
    expect(open.map((e) => e.wederhoor!.status).sort()).toEqual(['concept', 'voorgelegd', 'voorgelegd']);
    for (const e of open) {
      const linked = d.verdicts.filter((v) => v.evidence.some((l) => l.ref === e.ref));
      expect(linked.length).toBeGreaterThan(0);
      expect(linked.every((v) => v.workflow === 'ter_review')).toBe(true);
    }
    expect(d.evidence.length).toBeGreaterThanOrEqual(25);
    const types = new Set(d.evidence.map((e) => e.type));
    expect([...types].sort()).toEqual(['bestuurlijke_reactie', 'document', 'gespreksverslag', 'groepsgesprek', 'observatie', 'openbare_bron', 'registratiedata']);
  });

  it('when the 2026 follow-up is read, then some cells are not assessed and recommendation A3 has no follow-up', () => {
    const d = byRef('klachtbehandeling-2026-illustratief');
    expect(d.verdicts.filter((v) => v.verdict === 'niet_beoordeeld').length).toBeGreaterThanOrEqual(2);
    expect(d.recommendationFollowups.map((f) => f.recommendationRef).sort()).toEqual(['A1', 'A2', 'A4']);
  });

  it('marks every demo inspection as illustrative, with a note, and includes the demo account in the team', () => {
    for (const d of docs) {
      expect(d.inspection.illustrative).toBe(true);
      expect(d.inspection.illustrativeNote.length).toBeGreaterThan(50);
      expect(d.inspection.team).toContain('inspecteur@demo.toetsing.local');
    }
  });
});

describe('checklist files', () => {
  it('the toetsingskader has 16 criteria under three toezeggingen, criterion 6 with five sub-points', () => {
    expect(toetsingskader.groups.map((g) => [g.id, g.criteria.length])).toEqual([
      ['opvolgen', 5],
      ['leren', 7],
      ['uniform', 4],
    ]);
    const criteria = allCriteria(toetsingskader);
    expect(criteria.map((c) => c.id)).toEqual(Array.from({ length: 16 }, (_, i) => `k${i + 1}`));
    expect(criteria.find((c) => c.id === 'k6')!.subpoints).toHaveLength(5);
  });

  it('the toetsingskader texts of criteria 1, 6 and 16 are the source’s words', () => {
    const text = (id: string) => allCriteria(toetsingskader).find((c) => c.id === id)!.text;
    expect(text('k1')).toBe('De politie communiceert via de klachtbehandelaars helder en duidelijk met de klager over de opvolging van de klacht.');
    expect(text('k6')).toBe(
      'Het leren van klachten wordt gewaarborgd door middel van een leerstructuur voor klachtencoördinatoren en klachtbehandelaars. Daarin wordt ingegaan op de doelstellingen van het klachtenbeleid in het algemeen en meer specifiek op onder andere:',
    );
    expect(allCriteria(toetsingskader).find((c) => c.id === 'k6')!.subpoints![4]).toBe(
      'Duidelijkheid over de verwachtingen van de klager en het communiceren van vervolgacties.',
    );
    expect(text('k16')).toBe('Het landelijke registratiesysteem voor klachten levert een aanzienlijke bijdrage aan de gewenste uniformiteit.');
  });

  it('the ombudsman checklist has seven points, and point 7 is the source’s words', () => {
    const points = allCriteria(ombudsman);
    expect(points.map((c) => c.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(points[6].text).toBe(
      'Leer van de klachten door zorg te dragen voor voldoende mensen, tijd en middelen zodat de kwaliteit en continuïteit van klachtbehandeling gewaarborgd zijn.',
    );
  });

  it('the units file names the ten regional units, the national unit, the two services and the korpsstaf', () => {
    expect(unitsFile.organisation).toBe('Nationale politie');
    expect(unitsFile.units.map((u) => u.kind).filter((k) => k === 'regionaal')).toHaveLength(10);
    expect(unitsFile.units).toHaveLength(14);
  });
});

describe('demo files', () => {
  // A copy of demo/ with one file edited, read with the real catalogue.
  function readEdited(file: string, from: string, to: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'toetsing-demo-'));
    try {
      cpSync(path.join(ROOT, 'demo'), dir, { recursive: true });
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text).toContain(from);
      writeFileSync(path.join(dir, file), text.replace(from, to));
      try {
        demoDocuments(catalogue, dir);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('the edited demo files were accepted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('when a table row has a mark too few, then the message names the file and the row', () => {
    const message = readEdited('2022-recht-van-klagen.yaml', 'k7: "~+~-~~++~~ ~++ ~"', 'k7: "~+~-~~++~~ ~++"');
    expect(message).toContain('2022-recht-van-klagen.yaml is ongeldig');
    expect(message).toContain('grid.tables[0].rows.k7: niet precies 14 tekens');
  });

  it('when a cell links a source the document lacks, then the import’s message names the file and the place of the link', () => {
    const message = readEdited('2026-vervolgonderzoek-illustratief.yaml', '        - ref: B25\n          excerpt: Lijnchefs bespraken', '        - ref: B99\n          excerpt: Lijnchefs bespraken');
    expect(message).toContain('2026-vervolgonderzoek-illustratief.yaml is ongeldig');
    expect(message).toContain("grid.cells.k7/MN.evidence[2] (grid.tables[0].rows.k7, eenheid MN): bron 'B99' bestaat niet in dit document");
  });

  it('when a written-out part breaks the import schema, then the message names the file and the path', () => {
    const message = readEdited('2015-klachtbehandeling.yaml', '  - ref: B01\n    type: document', '  - ref: B01\n    type: brief');
    expect(message).toContain('2015-klachtbehandeling.yaml is ongeldig');
    expect(message).toMatch(/bij evidence\[0\]\.type: /);
  });

  it('when a cell names a unit outside the tables, then the message names the cell', () => {
    const message = readEdited('2022-recht-van-klagen.yaml', '    k7/NH:\n', '    k7/XX:\n');
    expect(message).toContain('grid.cells.k7/XX: geen cel met dit criterium en deze eenheid');
  });
});
