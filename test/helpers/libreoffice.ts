// LibreOffice as the independent reader of the Word files Toetsing writes: `soffice --headless
// --convert-to pdf|txt:Text`. Each test run gets its own user profile (its first start takes a
// few seconds), and several files go through one start. Installed by scripts/system-deps.sh.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

export interface Office {
  dir: string;
  /** Convert files (paths) to `pdf` or `txt:Text` into the office's folder; returns the converted paths. */
  convert: (files: string[], to: 'pdf' | 'txt:Text') => string[];
  cleanup: () => void;
}

export function office(): Office {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-office-'));
  const profile = path.join(dir, 'profile');
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  return {
    dir,
    convert: (files, to) => {
      // A failed conversion still exits 0 at times; the missing output file is the real signal.
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', out, ...files], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 300_000,
        env: { ...process.env, HOME: dir },
      });
      const ext = to.split(':')[0];
      return files.map((f) => {
        const converted = path.join(out, `${path.basename(f, path.extname(f))}.${ext}`);
        if (!fs.existsSync(converted)) throw new Error(`LibreOffice did not convert ${f} to ${to}`);
        return converted;
      });
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
