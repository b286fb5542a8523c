// Configuration from flags and environment, validated once at start; a bad value stops the
// start with a configuration error that names it.
import { isIP } from 'node:net';
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

export type Config = z.infer<typeof schema> & { pdf: EngineLimits; signIn: SignInSettings; trustProxy: TrustProxy };

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

/**
 * Which proxies in front of Toetsing are believed about the client's address (X-Forwarded-For),
 * as express's 'trust proxy' takes it: false (none: the socket's address), a number of hops, or
 * the proxies' addresses and ranges. Never "every proxy": then any client picks its own address.
 */
export type TrustProxy = false | number | string[];

/** The fixed ranges proxy-addr knows by name (127.0.0.0/8 and ::1; 169.254/16 and fe80::/10; 10/8, 172.16/12, 192.168/16 and fc00::/7). */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const EVERYONE = 'vertrouwt iedere afzender, zodat elke client met X-Forwarded-For zelf kiest welk adres de inlogrem telt';

/** One entry of the list: an address, an address with a prefix length ("10.0.0.0/8"), or a range name. */
function proxyEntryProblem(entry: string): string | null {
  if (RANGE_NAMES.includes(entry)) return null;
  const parts = entry.split('/');
  const family = isIP(parts[0]);
  if (family === 0 || parts.length > 2) return `'${entry}' is geen IP-adres, adresbereik (CIDR, zoals 10.0.0.0/8) of een van ${RANGE_NAMES.join(', ')}`;
  if (parts.length === 1) return null;
  const prefix = parts[1];
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `'${entry}': de prefixlengte moet een getal van 1 tot en met ${max} zijn`;
  if (Number(prefix) === 0) return `'${entry}' ${EVERYONE}; noem het adres of bereik van de proxy`;
  return null;
}

const trustProxySchema = z.object({
  TOETSING_TRUST_PROXY: z
    .string()
    .trim()
    .transform((value, issue): TrustProxy => {
      if (value === '' || value === '0' || /^(false|no|nee|uit)$/i.test(value)) return false;
      if (/^(true|yes|ja|\*)$/i.test(value)) {
        issue.addIssue({ code: 'custom', message: `'${value}' ${EVERYONE}; geef het aantal proxy's voor Toetsing (1) of hun adressen (10.0.0.5, 10.1.0.0/16)` });
        return z.NEVER;
      }
      if (/^\d+$/.test(value)) {
        if (Number(value) > 10) issue.addIssue({ code: 'custom', message: `'${value}' proxy's achter elkaar is ongeloofwaardig; geef 1 tot en met 10, of de adressen van de proxy's` });
        return Number(value);
      }
      const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
      for (const entry of entries) {
        const problem = proxyEntryProblem(entry);
        if (problem) issue.addIssue({ code: 'custom', message: problem });
      }
      return entries;
    })
    .optional(),
});

/** TOETSING_TRUST_PROXY: off when unset; a refused value stops the start with the reason. */
export function trustProxy(env = process.env): TrustProxy {
  const result = trustProxySchema.safeParse({ TOETSING_TRUST_PROXY: env.TOETSING_TRUST_PROXY });
  if (!result.success) throw configError(firstProblem(result.error));
  return result.data.TOETSING_TRUST_PROXY ?? false;
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
  return { ...result.data, pdf: engineLimits(env), signIn: signInSettings(env), trustProxy: trustProxy(env) };
}
