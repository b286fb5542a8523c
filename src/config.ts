// Configuration from flags and environment, validated once at start; a bad value stops the
// start with a configuration error that names it.
import path from 'node:path';
import { z } from 'zod';
import { configError } from './errors';

const schema = z.object({
  dataDir: z.string().min(1),
  criteriaDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Set when served behind HTTPS, so session cookies get the Secure flag. */
  secureCookies: z.boolean(),
});

/** A whole number of at least 1, as an environment variable spells it (so no -1, 0, 1.5 or "veel"). */
const atLeastOne = (what: string) =>
  z.string().regex(/^[1-9][0-9]{0,5}$/, `geef een geheel getal van 1 of meer (${what})`).transform(Number).optional();

// Keyed by the variables' names, so a refusal names the variable the administrator set.
const engineSchema = z.object({
  TOETSING_PDF_CONCURRENCY: atLeastOne('het aantal rapporten dat tegelijk wordt gemaakt'),
  TOETSING_PDF_QUEUE: atLeastOne('het aantal rapporten dat mag wachten'),
});

/** The PDF engine's limits that are set; an unset one keeps the engine's default. */
export interface EngineLimits {
  concurrency?: number;
  maxQueue?: number;
}

export type Config = z.infer<typeof schema> & { pdf: EngineLimits };

function firstProblem(error: z.ZodError): string {
  const i = error.issues[0];
  return `Ongeldige instelling '${i.path.join('.')}': ${i.message}`;
}

/** An empty variable counts as not set, as it did before the limits were validated. */
const setOrUndefined = (value: string | undefined) => (value === '' ? undefined : value);

export function engineLimits(env = process.env): EngineLimits {
  const result = engineSchema.safeParse({
    TOETSING_PDF_CONCURRENCY: setOrUndefined(env.TOETSING_PDF_CONCURRENCY),
    TOETSING_PDF_QUEUE: setOrUndefined(env.TOETSING_PDF_QUEUE),
  });
  if (!result.success) throw configError(firstProblem(result.error));
  const { TOETSING_PDF_CONCURRENCY: concurrency, TOETSING_PDF_QUEUE: maxQueue } = result.data;
  return { ...(concurrency === undefined ? {} : { concurrency }), ...(maxQueue === undefined ? {} : { maxQueue }) };
}

export function resolveConfig(flags: { data?: string; criteria?: string; port?: string | number; host?: string }, env = process.env): Config {
  const result = schema.safeParse({
    dataDir: path.resolve(flags.data ?? env.TOETSING_DATA ?? 'data'),
    criteriaDir: path.resolve(flags.criteria ?? env.TOETSING_CRITERIA ?? path.resolve(__dirname, '..', 'criteria')),
    port: flags.port ?? env.PORT ?? 3000,
    host: flags.host ?? env.TOETSING_HOST ?? '127.0.0.1',
    secureCookies: env.TOETSING_SECURE_COOKIES === '1' || env.TOETSING_SECURE_COOKIES === 'true',
  });
  if (!result.success) throw configError(firstProblem(result.error));
  return { ...result.data, pdf: engineLimits(env) };
}
