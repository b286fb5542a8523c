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
  /** Set when served over HTTPS: cookies get Secure and the __Host- prefix, responses HSTS. */
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

export type Config = z.infer<typeof schema> & { pdf: EngineLimits; signIn: SignInSettings };

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

/** Where a browser may be sent: https, or plain http only on this machine (tests, a local trial). */
const webAddress = (what: string) =>
  z.url({ error: `geef een volledig webadres (${what})` }).refine((value) => {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
  }, `gebruik https:// (http:// alleen op 127.0.0.1 of localhost) (${what})`);

// Keyed by the variables' names, as above. The three OIDC variables come together or not at all.
const signInSchema = z
  .object({
    TOETSING_OIDC_ISSUER: webAddress('de issuer van de OpenID Connect-dienst').optional(),
    TOETSING_OIDC_CLIENT_ID: z.string().max(255, 'hoogstens 255 tekens').optional(),
    TOETSING_OIDC_CLIENT_SECRET: z.string().max(1024, 'hoogstens 1024 tekens').optional(),
    TOETSING_OIDC_LABEL: z.string().trim().min(1).max(60, 'hoogstens 60 tekens (de naam op de knop)').optional(),
    TOETSING_PUBLIC_URL: webAddress('het adres waarop gebruikers Toetsing openen')
      .refine((value) => ['', '/'].includes(new URL(value).pathname) && !new URL(value).search, 'alleen https://host[:poort], zonder pad (Toetsing draait op de hoofdmap)')
      .optional(),
    TOETSING_LOCAL_PASSWORDS: z.enum(['0', '1', 'false', 'true'], { error: 'geef 0 (uit) of 1 (aan)' }).optional(),
  })
  .superRefine((env, issue) => {
    const oidc = ['TOETSING_OIDC_ISSUER', 'TOETSING_OIDC_CLIENT_ID', 'TOETSING_OIDC_CLIENT_SECRET'] as const;
    const set = oidc.filter((name) => env[name] !== undefined);
    if (set.length > 0 && set.length < oidc.length) {
      for (const name of oidc.filter((n) => env[n] === undefined)) issue.addIssue({ code: 'custom', path: [name], message: `ontbreekt; ${set.join(' en ')} ${set.length === 1 ? 'is' : 'zijn'} wel gezet (OpenID Connect vraagt alle drie)` });
    }
    if (set.length === oidc.length && env.TOETSING_PUBLIC_URL === undefined) {
      issue.addIssue({ code: 'custom', path: ['TOETSING_PUBLIC_URL'], message: 'ontbreekt; inloggen via OpenID Connect heeft het adres van Toetsing nodig (de redirect-URI is dat adres + /login/oidc/terug)' });
    }
    if ((env.TOETSING_LOCAL_PASSWORDS === '0' || env.TOETSING_LOCAL_PASSWORDS === 'false') && set.length === 0) {
      issue.addIssue({ code: 'custom', path: ['TOETSING_LOCAL_PASSWORDS'], message: 'wachtwoorden uit kan alleen met inloggen via OpenID Connect (TOETSING_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET); anders kan niemand inloggen' });
    }
  });

/** The organisation's OpenID provider, when one is configured. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The organisation's name on the login button: "Inloggen via <label>". */
  label: string;
  /** Where the provider sends the browser back: TOETSING_PUBLIC_URL + /login/oidc/terug. */
  redirectUri: string;
}

export interface SignInSettings {
  oidc: OidcSettings | null;
  /** False with TOETSING_LOCAL_PASSWORDS=0: only the OpenID provider signs users in. */
  localPasswords: boolean;
}

export const OIDC_CALLBACK_PATH = '/login/oidc/terug';

/** How users sign in; a wrong or incomplete combination stops the start with the variable named. */
export function signInSettings(env = process.env): SignInSettings {
  const names = ['TOETSING_OIDC_ISSUER', 'TOETSING_OIDC_CLIENT_ID', 'TOETSING_OIDC_CLIENT_SECRET', 'TOETSING_OIDC_LABEL', 'TOETSING_PUBLIC_URL', 'TOETSING_LOCAL_PASSWORDS'] as const;
  const result = signInSchema.safeParse(Object.fromEntries(names.map((n) => [n, setOrUndefined(env[n])])));
  if (!result.success) throw configError(firstProblem(result.error));
  const e = result.data;
  const localPasswords = e.TOETSING_LOCAL_PASSWORDS !== '0' && e.TOETSING_LOCAL_PASSWORDS !== 'false';
  if (e.TOETSING_OIDC_ISSUER === undefined || e.TOETSING_OIDC_CLIENT_ID === undefined || e.TOETSING_OIDC_CLIENT_SECRET === undefined || e.TOETSING_PUBLIC_URL === undefined) {
    return { oidc: null, localPasswords };
  }
  return {
    oidc: {
      issuer: e.TOETSING_OIDC_ISSUER,
      clientId: e.TOETSING_OIDC_CLIENT_ID,
      clientSecret: e.TOETSING_OIDC_CLIENT_SECRET,
      label: e.TOETSING_OIDC_LABEL ?? 'uw organisatie',
      redirectUri: new URL(OIDC_CALLBACK_PATH, e.TOETSING_PUBLIC_URL).href,
    },
    localPasswords,
  };
}

export function resolveConfig(flags: { data?: string; criteria?: string; port?: string | number; host?: string }, env = process.env): Config {
  const result = schema.safeParse({
    dataDir: path.resolve(flags.data ?? env.TOETSING_DATA ?? 'data'),
    criteriaDir: path.resolve(flags.criteria ?? env.TOETSING_CRITERIA ?? path.resolve(__dirname, '..', 'criteria')),
    port: flags.port ?? env.PORT ?? 3000,
    host: flags.host ?? env.TOETSING_HOST ?? '127.0.0.1',
    // Served over HTTPS when the administrator says so, or when the public address is https://.
    // Not guessed per request (req.secure, X-Forwarded-Proto): without a trusted proxy a client
    // could choose the answer, and one browser would end up with two differently named cookies.
    secureCookies: env.TOETSING_SECURE_COOKIES === '1' || env.TOETSING_SECURE_COOKIES === 'true' || (env.TOETSING_PUBLIC_URL ?? '').toLowerCase().startsWith('https://'),
  });
  if (!result.success) throw configError(firstProblem(result.error));
  return { ...result.data, pdf: engineLimits(env), signIn: signInSettings(env) };
}
