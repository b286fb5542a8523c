// Small helpers shared by the commands: output, reading secrets, the data-dir option.
import { Command } from 'commander';
import readline from 'node:readline';
import { resolveConfig } from '../config';
import { openContext, Ctx } from '../context';

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
  isTTY: Boolean(process.stdin.isTTY),
});

export function withDataOption(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'map met de database en bestanden (standaard ./data of $TOETSING_DATA)')
    .option('--criteria <dir>', 'map met checklists en eenheden (standaard ./criteria)');
}

export function contextFrom(opts: { data?: string; criteria?: string }): Ctx {
  const cfg = resolveConfig(opts);
  return openContext(cfg.dataDir, cfg.criteriaDir);
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
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
