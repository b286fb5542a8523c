// Reading the demo files in demo/: each is an inspection document written as YAML, with its
// verdicts as compact tables (see grid.ts). A file goes through the import's own schema and
// cross-checks; a problem is reported with the file and the place in it.
import fs from 'node:fs';
import path from 'node:path';
import { formatPath, readYaml } from '../criteria';
import type { Catalogue } from '../domain/checklist';
import { documentSchema, type InspectionDocument } from '../domain/document';
import { documentProblems } from '../domain/validate-document';
import { configError } from '../errors';
import { expandGrid, gridSchema, type CellOrigin } from './grid';

/** Beside criteria/, so it is found from src/ (tsx, ts-jest) and from dist/ alike. */
export const DEMO_DIR = path.resolve(__dirname, '..', '..', 'demo');

/** In file-name order; the names start with the year, so each predecessor is imported first. */
export function demoDocuments(catalogue: Catalogue, dir: string = DEMO_DIR): InspectionDocument[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) throw configError(`${dir}: geen demobestanden gevonden`);
  return files.map((f) => readDemoFile(path.join(dir, f), catalogue));
}

/** A document problem names a verdict by its index; a demo file's reader needs the table cell. */
function placeOf(where: string, origins: CellOrigin[]): string {
  const [, verdict, link, rest] = /^verdicts\[(\d+)\](?:\.evidence\[(\d+)\])?(.*)$/.exec(where) ?? [];
  const origin = verdict ? origins.at(Number(verdict)) : undefined;
  if (!origin) return where;
  return link ? `${origin.links[Number(link)]}${rest} (${origin.cell})` : `${origin.cell}${rest}`;
}

// Shipped files that do not change while the process runs; tests load the demo many times and
// parsing the YAML is the larger part of the cost.
const parsedYaml = new Map<string, unknown>();

function readDemoFile(file: string, catalogue: Catalogue): InspectionDocument {
  const invalidFile = (lines: string[]) => configError(`${file} is ongeldig:\n${lines.slice(0, 20).map((l) => `  - bij ${l}`).join('\n')}`);
  if (!parsedYaml.has(file)) parsedYaml.set(file, readYaml(file));
  const raw = parsedYaml.get(file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidFile(['(bovenste niveau): geen onderzoeksdocument']);
  const { grid, ...document } = raw as Record<string, unknown>;
  if ('verdicts' in document) throw invalidFile(['verdicts: de oordelen staan in grid.tables']);

  const g = gridSchema.safeParse(grid);
  const d = documentSchema.safeParse(document);
  if (!g.success || !d.success) {
    const issues = [...(g.error?.issues.map((i) => ({ ...i, path: ['grid', ...i.path] })) ?? []), ...(d.error?.issues ?? [])];
    throw invalidFile(issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  }
  const grown = expandGrid(g.data, d.data.inspection.units, d.data.evidence);
  if (grown.problems.length > 0) throw invalidFile(grown.problems);

  const full = documentSchema.safeParse({ ...document, verdicts: grown.verdicts });
  if (!full.success) throw invalidFile(full.error.issues.map((i) => `${placeOf(formatPath(i.path), grown.origins)}: ${i.message}`));
  const problems = documentProblems(full.data, catalogue).map((p) => {
    const at = p.indexOf(': ');
    return at < 0 ? p : `${placeOf(p.slice(0, at), grown.origins)}${p.slice(at)}`;
  });
  if (problems.length > 0) throw invalidFile(problems);
  return full.data;
}
