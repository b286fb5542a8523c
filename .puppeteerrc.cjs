// Puppeteer must not download its own Chrome here (no internet beyond the registries):
// use the system Chromium when there is one.
const fs = require('fs');
const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => fs.existsSync(p));
module.exports = { skipDownload: true, ...(found ? { executablePath: found } : {}) };
