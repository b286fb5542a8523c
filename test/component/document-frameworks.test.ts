// The exported inspection names its unit set and may carry what it was assessed against
// (issue 17, point 6): real SQLite data folders, the app's use cases and the command line. A
// framework from another field with its own organisation is assessed in one database and moved
// to a fresh one; what the fresh one lacks is published with the import, in one transaction, and
// what it has must be exactly the same.
import fs from 'node:fs';
import path from 'node:path';
import { openContext, Ctx } from '../../src/context';
import { findVersion, listVersions, publishChecklist } from '../../src/app/checklists';
import { publishUnitSet } from '../../src/app/units';
import { createNewInspection } from '../../src/app/inspections';
import { resolveCell, saveCell } from '../../src/app/cells';
import { exportInspection, importInspection } from '../../src/app/documents';
import { OPERATOR } from '../../src/app/operator';
import type { Actor } from '../../src/domain/access';
import type { InspectionDocument } from '../../src/domain/document';
import { getCell } from '../../src/store/verdicts.store';
import { loadSnapshot } from '../../src/store/inspections.store';
import { run } from '../helpers/cli';
import { tempDir } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { PROBATION, PROBATION_2026, PROBATION_UNITS } from '../helpers/probation-framework';

jest.setTimeout(120_000);

const INSPECTEUR: Actor = { id: 0, email: 'inspecteur@test.toetsing.local', role: 'inspecteur' };

let work: string;
let source: Ctx;
let sourceDir: string;
let inspectionId: number;
const contexts: Ctx[] = [];

/** A fresh data folder with only the initial content of criteria/ (the police and its checklists). */
function freshCtx(): Ctx {
  const dir = fs.mkdtempSync(path.join(work, 'db-'));
  const ctx = openContext(dir);
  contexts.push(ctx);
  return ctx;
}

/** The import's message with its listed problems, or '' when it went through. */
function refusal(f: () => unknown): string {
  try { f(); return ''; } catch (e) { return `${(e as Error).message}\n${((e as { problems?: string[] }).problems ?? []).join('\n')}`; }
}

const count = (ctx: Ctx, table: string) => (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const renamed = (doc: InspectionDocument, ref: string): InspectionDocument => ({ ...doc, inspection: { ...doc.inspection, ref } });

beforeAll(() => {
  work = tempDir('toetsing-kaders-mee-');
  sourceDir = path.join(work, 'bron');
  source = openContext(sourceDir);
  publishChecklist(source, OPERATOR, PROBATION, 'reclassering.yaml');
  publishUnitSet(source, OPERATOR, PROBATION_UNITS);
  inspectionId = createNewInspection(source, OPERATOR, {
    title: 'Toezicht door de reclassering 2025', year: 2025, fieldworkStart: null, fieldworkEnd: null,
    organisation: PROBATION_UNITS.code, checklists: [PROBATION.id], units: ['RN-NOORD', 'RN-ZUID'], team: [],
  });
  for (const [criterion, verdict] of [['t1', 'voldoet'], ['t2', 'voldoet_deels'], ['t3', 'voldoet_niet']]) {
    const cell = resolveCell(source, OPERATOR, { inspectionId, checklistId: PROBATION.id, criterionId: criterion, unit: 'RN-NOORD' }, 'edit');
    saveCell(source, OPERATOR, cell, { verdict, motivation: `${criterion}: ${verdict}`, workflow: 'gereed', version: getCell(source.db, cell.key).version });
  }
});
afterAll(() => {
  for (const c of [source, ...contexts]) { try { c.db.close(); } catch { /* closed */ } }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the document names its unit set', () => {
  test('when an inspection is exported, then it names its organisation and unit-set version and carries nothing else', () => {
    const doc = exportInspection(source, OPERATOR, inspectionId);
    expect(doc.inspection.unitSet).toEqual({ organisation: 'reclassering-test', version: 1 });
    expect(doc.inspection.checklists).toEqual([{ id: PROBATION.id, version: '2025' }]);
    expect(doc.frameworks).toBeUndefined();
  });

  test('when it is imported where its checklist and unit set are missing, then it is refused naming both, and nothing is written', () => {
    const target = freshCtx();
    const before = dbFingerprint(target);
    const message = refusal(() => importInspection(target, OPERATOR, exportInspection(source, OPERATOR, inspectionId)));
    expect(message).toContain("checklist 'reclassering-toezicht' versie 2025 is hier niet gepubliceerd");
    expect(message).toContain("organisatie 'reclassering-test' is hier niet gepubliceerd");
    expect(message).toContain('--with-checklists');
    expect(dbFingerprint(target)).toBe(before);
  });

  test('when the organisation exists here but not that version, then the version is named', () => {
    const target = freshCtx();
    publishChecklist(target, OPERATOR, PROBATION, 'reclassering.yaml');
    publishUnitSet(target, OPERATOR, PROBATION_UNITS);
    const doc = exportInspection(source, OPERATOR, inspectionId);
    const message = refusal(() => importInspection(target, OPERATOR, { ...doc, inspection: { ...doc.inspection, unitSet: { organisation: 'reclassering-test', version: 4 } } }));
    expect(message).toContain("de eenheden van organisatie 'reclassering-test' versie 4 zijn hier niet gepubliceerd");
    expect(count(target, 'inspections')).toBe(0);
  });

  test('when a document from an earlier release names no unit set, then it lands on the default organisation’s current set, or is refused naming the codes it lacks', () => {
    const target = freshCtx();
    const police = exportInspection(target, OPERATOR, importInspection(target, OPERATOR, policeDocument('politie-nieuw')));
    const { unitSet: _named, ...old } = police.inspection;
    const id = importInspection(target, OPERATOR, { ...police, inspection: { ...old, ref: 'politie-oud' } });
    expect(loadSnapshot(target.db, id).unitSet).toEqual(police.inspection.unitSet);
    const message = refusal(() => importInspection(target, OPERATOR, { ...police, inspection: { ...old, ref: 'politie-oud-2', units: ['NN', 'RN-NOORD'] } }));
    expect(message).toContain("de eenheden 'RN-NOORD' staan niet in de huidige eenheden van");
    expect(count(target, 'inspections')).toBe(2);
  });
});

describe('the document carries its checklists and unit set', () => {
  let carried: InspectionDocument;
  let file: string;

  test('when exported with --with-checklists, then the document holds the full checklist and unit set it was assessed against', async () => {
    file = path.join(work, 'met-kaders.json');
    const r = await run(['export', inspectionRef(), '--with-checklists', '--out', file, '--data', sourceDir]);
    expect([r.code, r.err]).toEqual([0, '']);
    carried = JSON.parse(fs.readFileSync(file, 'utf8')) as InspectionDocument;
    expect(carried.frameworks?.checklists).toEqual([PROBATION]);
    expect(carried.frameworks?.unitSet).toEqual({ organisation: 'reclassering-test', organisationName: PROBATION_UNITS.organisation, version: 1, units: PROBATION_UNITS.units });
  });

  test('when imported into a fresh database, then what it lacks is published and export → import → export is unchanged', async () => {
    const target = freshCtx();
    const id = importInspection(target, OPERATOR, carried);
    expect(target.catalogue.versions.has('reclassering-toezicht@2025')).toBe(true);
    expect(target.catalogue.unitSets.get('reclassering-test@1')?.units).toEqual(PROBATION_UNITS.units);
    // Published through the app's use cases: listed and logged as any publication.
    expect(target.db.prepare("SELECT source_name FROM checklist_versions WHERE checklist_id = 'reclassering-toezicht'").pluck().all()).toEqual([`document/${inspectionRef()}`]);
    expect(JSON.stringify(exportInspection(target, OPERATOR, id, { withFrameworks: true }))).toBe(JSON.stringify(carried));
    // The same through the command line, file to file.
    const dir = fs.mkdtempSync(path.join(work, 'cli-'));
    expect((await run(['import', file, '--data', dir])).code).toBe(0);
    const again = path.join(work, 'opnieuw.json');
    expect((await run(['export', inspectionRef(), '--with-checklists', '--out', again, '--data', dir])).code).toBe(0);
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(file, 'utf8'));
  });

  test('when the database already has a newer version, then the older carried one is published for this inspection and the newer one stays current', () => {
    const target = freshCtx();
    publishChecklist(target, OPERATOR, PROBATION_2026, 'reclassering-2026.yaml');
    importInspection(target, OPERATOR, carried);
    expect(target.catalogue.versions.has('reclassering-toezicht@2025')).toBe(true);
    expect(target.catalogue.checklists.get(PROBATION.id)?.version).toBe('2026');
    const listed = listVersions(target, OPERATOR).filter((v) => v.checklist.id === PROBATION.id).map((v) => [v.checklist.version, v.current]);
    expect(listed).toEqual([['2026', true], ['2025', false]]);
    expect(findVersion(target, PROBATION.id).checklist.version).toBe('2026');
  });

  test('when a beheerder uploads a file whose name starts with "document", then that version is current as any upload is', () => {
    const target = freshCtx();
    publishChecklist(target, OPERATOR, PROBATION, 'reclassering.yaml');
    publishChecklist(target, OPERATOR, PROBATION_2026, 'document kader.yaml');
    expect(target.catalogue.checklists.get(PROBATION.id)?.version).toBe('2026');
  });

  test('when a carried version is all the database has of that checklist, then it is the current one', () => {
    const target = freshCtx();
    importInspection(target, OPERATOR, carried);
    expect(target.catalogue.checklists.get(PROBATION.id)?.version).toBe('2025');
    expect(listVersions(target, OPERATOR).find((v) => v.checklist.id === PROBATION.id)?.current).toBe(true);
  });

  test('when the database has the carried versions with the same content, then the import goes through and publishes nothing', () => {
    const target = freshCtx();
    publishChecklist(target, OPERATOR, PROBATION, 'reclassering.yaml');
    publishUnitSet(target, OPERATOR, PROBATION_UNITS);
    const versions = count(target, 'checklist_versions');
    const sets = count(target, 'unit_sets');
    importInspection(target, OPERATOR, carried);
    expect([count(target, 'checklist_versions'), count(target, 'unit_sets'), count(target, 'inspections')]).toEqual([versions, sets, 1]);
  });

  test('when the database has the carried checklist version with other content, then it is refused naming checklist and version, and nothing is written', () => {
    const target = freshCtx();
    publishChecklist(target, OPERATOR, { ...PROBATION, title: 'Een ander kader onder dezelfde versie' }, 'ander.yaml');
    const before = dbFingerprint(target);
    const message = refusal(() => importInspection(target, OPERATOR, carried));
    expect(message).toContain("frameworks.checklists[0]: kader 'reclassering-toezicht' versie 2025 is hier al gepubliceerd met een andere inhoud");
    expect(message).toContain('er is niets geïmporteerd');
    expect(dbFingerprint(target)).toBe(before);
    expect(target.catalogue.unitSets.has('reclassering-test@1')).toBe(false);
  });

  test('when the database has the carried unit-set version with other content, then it is refused naming organisation and version', () => {
    const target = freshCtx();
    publishUnitSet(target, OPERATOR, { ...PROBATION_UNITS, units: PROBATION_UNITS.units.map((u) => ({ ...u, name: `${u.name} (oud)` })) });
    const before = dbFingerprint(target);
    const message = refusal(() => importInspection(target, OPERATOR, carried));
    expect(message).toContain("frameworks.unitSet: de eenheden van organisatie 'reclassering-test' versie 1 zijn hier al gepubliceerd met een andere inhoud");
    expect(dbFingerprint(target)).toBe(before);
  });

  test('when the carried unit set would get another number here, then it is refused saying which number is next', () => {
    const target = freshCtx();
    const message = refusal(() => importInspection(target, OPERATOR, { ...carried, inspection: { ...carried.inspection, unitSet: { organisation: 'reclassering-test', version: 3 } }, frameworks: { ...carried.frameworks!, unitSet: { ...carried.frameworks!.unitSet!, version: 3 } } }));
    expect(message).toContain("organisatie 'reclassering-test' versie 3 ontbreekt hier");
    expect(message).toContain('de volgende versie hier is 1');
    expect(count(target, 'unit_sets')).toBe(1);
  });

  test('when the import fails after publishing (same key already here), then nothing is published and the catalogue forgets it', () => {
    const target = freshCtx();
    importInspection(target, OPERATOR, policeDocument(carried.inspection.ref));
    const before = dbFingerprint(target);
    const message = refusal(() => importInspection(target, OPERATOR, carried));
    expect(message).toContain(`Er bestaat al een onderzoek met sleutel '${carried.inspection.ref}'`);
    expect(dbFingerprint(target)).toBe(before);
    expect(target.catalogue.versions.has('reclassering-toezicht@2025')).toBe(false);
    expect(target.catalogue.unitSets.has('reclassering-test@1')).toBe(false);
    expect(target.catalogue.organisations.has('reclassering-test')).toBe(false);
  });

  test('when a carried checklist is not one the inspection uses, or the unit set is not the one it names, then it is refused', () => {
    const target = freshCtx();
    const before = dbFingerprint(target);
    const message = refusal(() => importInspection(target, OPERATOR, {
      ...carried,
      frameworks: { checklists: [PROBATION, { ...PROBATION, version: '2030' }], unitSet: { ...carried.frameworks!.unitSet!, organisation: 'iemand-anders' } },
    }));
    expect(message).toContain("frameworks.checklists[1]: kader 'reclassering-toezicht' versie 2030 hoort niet bij dit onderzoek");
    expect(message).toContain("frameworks.unitSet: de eenheden van organisatie 'iemand-anders' versie 1 zijn niet de eenheden die inspection.unitSet noemt");
    expect(dbFingerprint(target)).toBe(before);
    expect(target.catalogue.versions.has('reclassering-toezicht@2030')).toBe(false);
  });

  test('when an inspecteur imports a document that would publish, then it is refused (publishing is a beheerder’s) and nothing is written; with everything here, the inspecteur may', () => {
    const target = freshCtx();
    const before = dbFingerprint(target);
    expect(refusal(() => importInspection(target, INSPECTEUR, carried))).toContain('Alleen een beheerder publiceert kaders en koppelingen.');
    expect(dbFingerprint(target)).toBe(before);
    expect(target.catalogue.versions.has('reclassering-toezicht@2025')).toBe(false);
    publishChecklist(target, OPERATOR, PROBATION, 'reclassering.yaml');
    publishUnitSet(target, OPERATOR, PROBATION_UNITS);
    expect(refusal(() => importInspection(target, INSPECTEUR, renamed(carried, 'door-inspecteur')))).toBe('');
  });
});

function inspectionRef(): string {
  return loadSnapshot(source.db, inspectionId).ref;
}

/** A small police inspection document in today's format, for the default organisation. */
function policeDocument(ref: string): InspectionDocument {
  return {
    format: 'toetsing-onderzoek', formatVersion: 1,
    inspection: {
      ref, title: 'Politie', year: 2024, fieldworkStart: null, fieldworkEnd: null, status: 'concept', finalisedAt: null, predecessorRef: null,
      illustrative: false, illustrativeNote: '', checklists: [{ id: 'ombudsman', version: '2021' }], units: ['NN', 'AMS'], team: [],
      texts: { voorwoord: '', aanleiding: '', onderzoeksvraag: '', methode: '', conclusie: '' },
    },
    verdicts: [], overrides: [], findings: [], conclusions: [], recommendations: [], recommendationFollowups: [], evidence: [], statistics: [],
  };
}
