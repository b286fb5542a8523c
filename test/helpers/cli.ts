// Runs the `toetsing` command in-process with captured output, as a user would type it.
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';

export async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (s) => { out += s.endsWith('\n') ? s : s + '\n'; },
    err: (s) => { err += s.endsWith('\n') ? s : s + '\n'; },
    stdin: Readable.from([stdin]),
    isTTY: false,
  });
  return { code, out, err };
}
