// Migrations 12 and 13 and the first start after them: a database written by the previous release (schema
// version 7, test/fixtures/db-v7, made by that release's own `toetsing demo`) opens, gets the
// checklist versions its inspections use and its unit set (version 1) from criteria/, and reads its inspections, national
// reports and comparison exactly as it read with the checklists from the files.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openContext, Ctx } from '../../src/context';
import { loadCatalogue } from '../../src/criteria';
import { nationalReportModel } from '../../src/app/reports';
import { loadComparison } from '../../src/app/compare';
import { OPERATOR } from '../../src/app/operator';
import { inspectionStatus } from '../../src/domain/status';
import { applyMigration, configure, databasePath, schemaVersion } from '../../src/store/db';
import { listInspections, loadSnapshot } from '../../src/store/inspections.store';
import { listOrganisations } from '../../src/app/units';
import { defaultUnits, unitsOf } from '../../src/domain/units';
import { migrations } from '../../src/store/migrations';
import { tempDir } from '../helpers/context';

const CRITERIA = path.join(__dirname, '..', '..', 'criteria');
const V7 = path.join(__dirname, '..', 'fixtures', 'db-v7', 'toetsing.sqlite');

/** A data folder holding a copy of the previous release's database. */
function copyOfV7(): string {
  const dir = tempDir('toetsing-v7-');
  fs.mkdirSync(path.join(dir, 'files'));
  fs.copyFileSync(V7, databasePath(dir));
  return dir;
}

/**
 * Bring a database up to this release's schema as the runner does (010 edits the schema), but seed
 * nothing: no checklist versions (12) and no unit sets (13); its inspections are tied to no unit set
 * yet. Read with the catalogue from the files, that is how the previous release read it.
 */
function migrateWithoutSeeding(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations.filter((x) => x.version > current)) applyMigration(db, m);
}

/** What the inspections show: status figures, national report models and the comparison, by ref. */
function readings(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  const rows = ctx.db.prepare('SELECT id, ref, year FROM inspections ORDER BY ref').all() as Array<{ id: number; ref: string; year: number }>;
  for (const r of rows) {
    const st = inspectionStatus(loadSnapshot(ctx.db, r.id), ctx.catalogue);
    out[`${r.ref}/status`] = JSON.stringify({ progress: st.progress, total: st.total, rollups: st.rollups.map((x) => [x.checklist.id, x.checklist.version, [...x.rollup.nationalGroup].map(([g, v]) => [g, v.final])]), blockers: st.blockers.length });
    out[`${r.ref}/rapport`] = JSON.stringify(nationalReportModel(ctx, OPERATOR, r.id));
  }
  const byYear = (y: number) => rows.find((r) => r.year === y)?.id;
  const earlier = byYear(2022);
  const later = byYear(2026);
  if (earlier !== undefined && later !== undefined) {
    // The heads name their unit set (asserted separately); everything else reads as before.
    out.vergelijking = JSON.stringify(loadComparison(ctx, OPERATOR, { earlier, later }), (k, v: unknown) => (k === 'unitSet' ? undefined : v));
  }
  return out;
}

test('when a database written at migration 7 is opened, then it is upgraded, takes over the versions its inspections use, and reads as before', () => {
  const dir = copyOfV7();
  try {
    // Before: the old way of reading, the checklists straight from the files.
    const old = new Database(databasePath(dir));
    configure(old);
    expect(old.pragma('user_version', { simple: true })).toBe(7);
    const inspectionsBefore = old.prepare('SELECT id, ref, status FROM inspections ORDER BY id').all();
    migrateWithoutSeeding(old);
    expect(old.prepare('SELECT COUNT(*) AS n FROM unit_sets').get()).toEqual({ n: 0 });
    const before = readings({ db: old, catalogue: loadCatalogue(CRITERIA), dataDir: dir });
    old.close();

    const warnings: string[] = [];
    const upgraded = openContext(dir, CRITERIA, { warn: (m) => warnings.push(m) });
    try {
      expect(warnings).toEqual([]);
      expect(schemaVersion(upgraded.db)).toBeGreaterThanOrEqual(12);
      expect(upgraded.db.prepare('SELECT id, ref, status FROM inspections ORDER BY id').all()).toEqual(inspectionsBefore);
      const used = upgraded.db.prepare("SELECT DISTINCT checklist_id || '@' || checklist_version AS k FROM inspection_checklists ORDER BY 1").all() as Array<{ k: string }>;
      expect(used.length).toBeGreaterThan(0);
      for (const { k } of used) expect(upgraded.catalogue.versions.has(k)).toBe(true);
      expect(upgraded.db.prepare('SELECT DISTINCT published_by AS p FROM checklist_versions').all()).toEqual([{ p: 'systeem' }]);
      // Migration 13 and the seeding: criteria/units.yaml is the police's version 1, and every
      // inspection (finalised ones too) is tied to it, so it shows the names it showed before.
      expect(listOrganisations(upgraded)).toEqual([{ code: 'nationale-politie', name: 'Nationale politie', current: 1, versions: 1, inspections: inspectionsBefore.length }]);
      const file = loadCatalogue(CRITERIA);
      for (const i of listInspections(upgraded.db)) {
        expect([i.ref, i.unitSet]).toEqual([i.ref, { organisation: 'nationale-politie', version: 1 }]);
        expect(unitsOf(upgraded.catalogue, i).map((u) => u.name)).toEqual(i.units.map((c) => defaultUnits(file).find((u) => u.code === c)?.name ?? c));
      }

      const after = readings(upgraded);
      expect(Object.keys(after)).toContain('vergelijking');
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const k of Object.keys(before)) expect([k, after[k]]).toEqual([k, before[k]]);
    } finally {
      upgraded.db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('when a file in criteria/ later differs from its published version, then the start warns, and the published version stays', () => {
  const dir = tempDir('toetsing-criteria-');
  const data = tempDir('toetsing-data-');
  try {
    fs.cpSync(CRITERIA, dir, { recursive: true });
    openContext(data, dir).db.close();
    const file = path.join(dir, 'checklists', 'ombudsman-2021.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Een stilletjes gewijzigde titel"'));
    const warnings: string[] = [];
    const ctx = openContext(data, dir, { warn: (m) => warnings.push(m) });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("ombudsman-2021.yaml: kader 'ombudsman' versie 2021 is al gepubliceerd met een andere inhoud");
      expect(ctx.catalogue.checklists.get('ombudsman')?.title).not.toBe('Een stilletjes gewijzigde titel');
    } finally {
      ctx.db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
});

test('when an older database is opened with a criteria folder whose units file names no addressee, then the police still address the korpschef; a fresh database with that folder addresses nobody', () => {
  const criteria = tempDir('toetsing-criteria-');
  const fresh = tempDir('toetsing-data-');
  const dir = copyOfV7();
  try {
    fs.cpSync(CRITERIA, criteria, { recursive: true });
    const units = path.join(criteria, 'units.yaml');
    fs.writeFileSync(units, fs.readFileSync(units, 'utf8').replace(/^addressee: .*\n/m, ''));
    const upgraded = openContext(dir, criteria);
    try {
      expect(upgraded.catalogue.organisations.get('nationale-politie')?.addressee).toBe('de korpschef');
      const id = (upgraded.db.prepare("SELECT id FROM inspections WHERE year = 2022").pluck().get() as number);
      expect(nationalReportModel(upgraded, OPERATOR, id).addressee).toBe('de korpschef');
    } finally {
      upgraded.db.close();
    }
    const other = openContext(fresh, criteria);
    try {
      expect(other.catalogue.organisations.get('nationale-politie')?.addressee).toBeUndefined();
    } finally {
      other.db.close();
    }
  } finally {
    for (const d of [criteria, fresh, dir]) fs.rmSync(d, { recursive: true, force: true });
  }
});
