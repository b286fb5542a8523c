// Small helpers shared by the commands: output, writing files, reading secrets, the data-dir option.
import { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { resolveConfig } from '../config';
import { openContext, Ctx } from '../context';
import { configureEngine } from '../reports/engine';
import { AppError } from '../errors';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

export const processIo = (): Io => ({
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  stdin: process.stdin,
  // Node's types say boolean, but a piped stdin (no terminal) has no isTTY at all.
  isTTY: (process.stdin as { isTTY?: boolean }).isTTY ?? false,
});

export function withDataOption(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'map met de database en bestanden (standaard ./data of $TOETSING_DATA)')
    .option('--criteria <dir>', 'map met checklists en eenheden (standaard ./criteria)');
}

export function contextFrom(opts: { data?: string; criteria?: string }): Ctx {
  const cfg = resolveConfig(opts);
  configureEngine(cfg.pdf);
  return openContext(cfg.dataDir, cfg.criteriaDir);
}

/** Open the data folder for the length of `work` and close it afterwards, whatever happens. */
export async function withContext<T>(opts: { data?: string; criteria?: string }, work: (ctx: Ctx) => T | Promise<T>): Promise<T> {
  const ctx = contextFrom(opts);
  try {
    return await work(ctx);
  } finally {
    ctx.db.close();
  }
}

/** Write to a temporary file and rename, so a failure never leaves half a file. */
export function writeAtomically(file: string, content: string | Buffer): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}

/** Ask for a password on the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void });
    let muted = false;
    write._writeToOutput = (s: string) => { if (!muted) process.stdout.write(s); };
    rl.question(question, (answer) => { rl.close(); process.stdout.write('\n'); resolve(answer); });
    muted = true;
  });
}

/** Print the problems an error carries (one per line) before main prints its message. */
export async function printingProblems<T>(io: Io, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError) for (const p of e.problems) io.err(`  - ${p}`);
    throw e;
  }
}
