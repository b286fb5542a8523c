// The child of the crash test: writes evidence in a loop and acknowledges each one (its id on
// stdout) only after its transaction committed. The parent kills it with SIGKILL at random.
import fs from 'node:fs';
import { openDatabase } from '../../src/store/db';
import { createEvidence } from '../../src/store/evidence.store';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';

const [dataDir, inspection, unit] = process.argv.slice(2);
const inspectionId = Number(inspection);
const db = openDatabase(dataDir);
const key = { inspectionId, checklist: 'toetsingskader', criterion: 'k1', unit };
fs.writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const id = createEvidence(db, 'crash-test', inspectionId, {
    type: 'document', title: `crash ${process.pid}/${i}`, dateFrom: null, dateTo: null, party: '', units: [unit], description: 'x'.repeat(i % 2000), wederhoor: null,
  }, null);
  // An update too, so the log holds more than inserts.
  const cell = getCell(db, key);
  saveVerdict(db, 'crash-test', key, cell.version, { verdict: cell.verdict, motivation: `na bron ${id}`, workflow: cell.workflow });
  fs.writeSync(1, `${id}\n`);
}
