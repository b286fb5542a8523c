// What every layer above the store is handed: the open database, the loaded catalogue and the
// data directory. Built once at start (CLI command or server).
import type { Catalogue } from './domain/checklist';
import { loadCriteriaFiles } from './criteria';
import { openDatabase, DB } from './store/db';
import { ensureOutlines } from './app/outline';
import { seedCatalogue } from './app/checklists';
import { seedUnits } from './app/units';

export interface Ctx {
  db: DB;
  catalogue: Catalogue;
  dataDir: string;
}

export interface OpenOptions {
  /** Where start-up warnings go (a criteria/ file that differs from its published version). */
  warn?: (message: string) => void;
}

export function openContext(dataDir: string, criteriaDir?: string, options: OpenOptions = {}): Ctx {
  // The files are read (and checked) first: a malformed file stops the start before the database
  // is touched.
  const files = loadCriteriaFiles(criteriaDir);
  const db = openDatabase(dataDir);
  let catalogue: Catalogue;
  try {
    // criteria/ is the initial content; afterwards the checklists and units come from the database.
    // Units first: the catalogue seedCatalogue returns reads them.
    seedUnits(db, files);
    const seeded = seedCatalogue(db, files);
    catalogue = seeded.catalogue;
    const warn = options.warn ?? ((m: string) => process.stderr.write(`Waarschuwing: ${m}\n`));
    for (const w of seeded.warnings) warn(w);
  } catch (e) {
    db.close();
    throw e;
  }
  const ctx = { db, catalogue, dataDir };
  // Inspections from before report outlines get theirs now, from their texts (a no-op afterwards).
  ensureOutlines(ctx);
  return ctx;
}
