#!/usr/bin/env node
// Entry point for `npx toetsing`: runs the compiled CLI (built by `npm install` through "prepare").
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
