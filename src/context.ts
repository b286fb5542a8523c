// What every layer above the store is handed: the open database, the loaded catalogue and the
// data directory. Built once at start (CLI command or server).
import type { Catalogue } from './domain/checklist';
import { loadCatalogue } from './criteria';
import { openDatabase, DB } from './store/db';
import { ensureOutlines } from './app/outline';

export interface Ctx {
  db: DB;
  catalogue: Catalogue;
  dataDir: string;
}

export function openContext(dataDir: string, criteriaDir?: string): Ctx {
  const catalogue = loadCatalogue(criteriaDir);
  const db = openDatabase(dataDir);
  const ctx = { db, catalogue, dataDir };
  // Inspections from before report outlines get theirs now, from their texts (a no-op afterwards).
  ensureOutlines(ctx);
  return ctx;
}
