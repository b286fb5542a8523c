// The PDF engine's limits come from the environment through the validated configuration: a
// value that is not a whole number of at least 1 stops the start with a message naming it.
import fs from 'node:fs';
import { engineLimits, resolveConfig } from '../../src/config';
import { AppError } from '../../src/errors';
import { run } from '../helpers/cli';
import { tempDir } from '../helpers/context';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

function refusal(vars: Record<string, string>): AppError {
  try {
    engineLimits(env(vars));
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('engine limits', () => {
  test.each([
    ['TOETSING_PDF_CONCURRENCY', '-1'],
    ['TOETSING_PDF_CONCURRENCY', '0'],
    ['TOETSING_PDF_CONCURRENCY', 'veel'],
    ['TOETSING_PDF_QUEUE', '-1'],
    ['TOETSING_PDF_QUEUE', '0'],
    ['TOETSING_PDF_QUEUE', '2.5'],
  ])('when %s is %j, then the configuration is refused in Dutch, naming the variable', (name, value) => {
    const e = refusal({ [name]: value });
    expect(e).toBeInstanceOf(AppError);
    expect(e.kind).toBe('config');
    expect(e.message).toContain(name);
    expect(e.message).toMatch(/geheel getal van 1 of meer/);
  });

  test('when the limits are whole numbers, then the configuration carries them', () => {
    expect(resolveConfig({}, env({ TOETSING_PDF_CONCURRENCY: '3', TOETSING_PDF_QUEUE: '10' })).pdf).toEqual({ concurrency: 3, maxQueue: 10 });
  });

  test('when the limits are not set (or empty), then none is given and the engine keeps its defaults', () => {
    expect(resolveConfig({}, env({})).pdf).toEqual({});
    expect(engineLimits(env({ TOETSING_PDF_CONCURRENCY: '' }))).toEqual({});
  });

  test('when a setting is wrong, then resolveConfig throws a configuration error, not a plain Error', () => {
    expect(() => resolveConfig({ port: 'abc' }, env({}))).toThrow(AppError);
    expect(() => resolveConfig({}, env({ TOETSING_PDF_QUEUE: '-1' }))).toThrow(/Ongeldige instelling 'TOETSING_PDF_QUEUE'/);
  });

  test('when a command starts with a wrong limit or port, then it stops with exit 2 and the Dutch message', async () => {
    const dir = tempDir();
    const before = process.env.TOETSING_PDF_CONCURRENCY;
    process.env.TOETSING_PDF_CONCURRENCY = '-1';
    try {
      const r = await run(['list', '--data', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^Fout: Ongeldige instelling 'TOETSING_PDF_CONCURRENCY'/);
    } finally {
      if (before === undefined) delete process.env.TOETSING_PDF_CONCURRENCY;
      else process.env.TOETSING_PDF_CONCURRENCY = before;
    }
    const r = await run(['serve', '--port', 'abc', '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Ongeldige instelling 'port'/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
