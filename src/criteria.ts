// Loads criteria/ (checklists, units, mappings) from disk and validates every file with zod. The
// checklists and mappings are the database's initial content (src/app/checklists.ts seeds them).
// A malformed file stops the start with a message naming the file, the place in it and what is
// wrong; nothing here guesses or repairs.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ZodType } from 'zod';
import {
  Catalogue,
  Checklist,
  ChecklistMapping,
  checklistSchema,
  mappingSchema,
  versionKey,
} from './domain/checklist';
import { UnitSetFile, unitSetFileSchema, unitSetKey } from './domain/units';
import { AppError } from './errors';

export const DEFAULT_CRITERIA_DIR = path.resolve(__dirname, '..', 'criteria');

/** A wrong file under criteria/: a configuration error of the installation. */
export class CatalogueError extends AppError {
  constructor(message: string) {
    super('config', message);
    this.name = 'CatalogueError';
  }
}

export function formatPath(p: readonly PropertyKey[]): string {
  if (p.length === 0) return '(bovenste niveau)';
  return p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
}

export function readYaml(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos ? `regel ${e.linePos[0].line}, kolom ${e.linePos[0].col}` : 'onbekende plek';
    throw new CatalogueError(`${file}: ongeldige YAML op ${where}: ${e.message.split('\n')[0]}`);
  }
  return doc.toJS();
}

function parseFile<T>(file: string, schema: ZodType<T>): T {
  const raw: unknown = file.endsWith('.json') ? JSON.parse(fs.readFileSync(file, 'utf8')) : readYaml(file);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map((i) => `  - bij ${formatPath(i.path)}: ${i.message}`);
    throw new CatalogueError(`${file} is ongeldig:\n${lines.join('\n')}`);
  }
  return result.data;
}

function dataFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The catalogue as the files in `dir` hold it, with the file each checklist and mapping came from. */
export interface CriteriaFiles {
  catalogue: Catalogue;
  /** versionKey(id, version) → file. */
  checklistFiles: Map<string, string>;
  /** Parallel to catalogue.mappings. */
  mappingFiles: string[];
  /** units.yaml, validated: the initial unit set (src/app/units.ts seedUnits), and its path. */
  unitSetFile: UnitSetFile;
  unitsFile: string;
}

export function loadCriteriaFiles(dir: string = DEFAULT_CRITERIA_DIR): CriteriaFiles {
  const checklists = new Map<string, Checklist>();
  const versions = new Map<string, Checklist>();
  const checklistFiles = new Map<string, string>();
  for (const file of dataFiles(path.join(dir, 'checklists'))) {
    const c = parseFile(file, checklistSchema);
    if (checklists.has(c.id)) throw new CatalogueError(`${file}: checklist-id '${c.id}' bestaat al in een ander bestand`);
    checklists.set(c.id, c);
    versions.set(versionKey(c.id, c.version), c);
    checklistFiles.set(versionKey(c.id, c.version), file);
  }
  if (checklists.size === 0) throw new CatalogueError(`${path.join(dir, 'checklists')}: geen checklists gevonden`);

  const unitsFile = path.join(dir, 'units.yaml');
  if (!fs.existsSync(unitsFile)) throw new CatalogueError(`${unitsFile}: bestand ontbreekt`);
  const units = parseFile(unitsFile, unitSetFileSchema);

  const mappings: ChecklistMapping[] = [];
  const mappingFiles: string[] = [];
  for (const file of dataFiles(path.join(dir, 'mappings'))) {
    const m = parseFile(file, mappingSchema);
    for (const side of ['from', 'to'] as const) {
      if (!checklists.has(m[side].checklist)) {
        throw new CatalogueError(`${file}: bij ${side}.checklist: checklist '${m[side].checklist}' bestaat niet`);
      }
      if (!versions.has(versionKey(m[side].checklist, m[side].version))) {
        throw new CatalogueError(`${file}: bij ${side}.version: checklist '${m[side].checklist}' heeft geen versie '${m[side].version}'`);
      }
    }
    mappings.push(m);
    mappingFiles.push(file);
  }
  // From the files alone the units are their organisation's version 1; the database numbers its own.
  const organisations = new Map([[units.code, { code: units.code, name: units.organisation, ...(units.addressee !== undefined ? { addressee: units.addressee } : {}), current: 1 }]]);
  const unitSets = new Map([[unitSetKey(units.code, 1), { organisation: units.code, organisationName: units.organisation, version: 1, units: units.units }]]);
  return { catalogue: { checklists, versions, organisations, unitSets, mappings }, checklistFiles, mappingFiles, unitSetFile: units, unitsFile };
}

/** The catalogue from the files alone (pure tests and tools); the app reads the database's. */
export function loadCatalogue(dir: string = DEFAULT_CRITERIA_DIR): Catalogue {
  return loadCriteriaFiles(dir).catalogue;
}
