// Preloaded into the benchmark's server (node --require, bench/run.ts) to tell JS heap from native
// memory in the memory run: on SIGUSR2 it writes process.memoryUsage() to
// <tmpdir>/toetsing-bench-memory-<pid>.json, and with --expose-gc also the heap after a full
// collection, which shows what is retained rather than garbage not yet collected. It reads
// nothing of the app; a normal `toetsing serve` never loads it. (A --heapsnapshot-signal on
// SIGUSR2 still works beside it: both act on the signal.)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const file = path.join(os.tmpdir(), `toetsing-bench-memory-${process.pid}.json`);

process.on('SIGUSR2', () => {
  const before = process.memoryUsage();
  let afterGc = null;
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    afterGc = { heapUsed: process.memoryUsage().heapUsed };
  }
  // Written whole, then renamed: the bench never reads half a file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ ...before, afterGc }));
  fs.renameSync(`${file}.tmp`, file);
});
