// Where the published report the demo follows (Recht van klagen, 2023) is on this machine: it is
// not part of the repository (the project keeps only its own words and the two checklists). Tests
// that read it are skipped with a loud "NOT CHECKED" where it cannot be found, never passed silently.
import fs from 'node:fs';
import path from 'node:path';

const NAME = '000_7f412044e073692f.txt';
const candidates = [
  process.env.TOETSING_SOURCE_REPORT,
  path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds', NAME),
  path.join('/work', 'shared', 'seeds', NAME),
].filter((p): p is string => typeof p === 'string' && p !== '');

export const SOURCE_REPORT: string | null = candidates.find((p) => fs.existsSync(p)) ?? null;

if (SOURCE_REPORT === null) {
  console.warn(`NOT CHECKED: the source report (${NAME}) is not on this machine; set TOETSING_SOURCE_REPORT to its path. Looked in: ${candidates.join(', ')}`);
}

/** `describe`, or `describe.skip` when the source report is missing. */
export const describeWithSource = SOURCE_REPORT ? describe : describe.skip;
