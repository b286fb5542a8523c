// Signing in through the organisation's OpenID provider: the start (a link on the login page) and
// the callback the provider sends the browser back to. The checks and the account rules are the
// use case's (src/app/oidc.ts); the cookies live here.
import { serialize } from 'cookie';
import type { Request } from 'express';
import { z } from 'zod';
import { beginOidcSignIn, completeOidcSignIn, OidcRefusal } from '../../app/oidc';
import { OIDC_CALLBACK_PATH, signInSettings, SignInSettings } from '../../config';
import { notFound } from '../../errors';
import type { RouteDef } from '../route-table';
import { cookieOptions, loginCsrfCookieName, sessionCookieName } from '../session';
import { safeReturn } from './auth.routes';

/** The browser's claim to a started sign-in; over HTTPS with the `__Host-` prefix, as the session's. */
const pendingCookieName = (secure: boolean) => (secure ? '__Host-toetsing-oidc' : 'toetsing_oidc');
const PENDING_COOKIE_SECONDS = 10 * 60;

let fromEnv: { key: string; settings: SignInSettings } | null = null;

/**
 * How users sign in. An app built with settings (`app.set('signIn', ...)`) uses those; otherwise
 * the environment, which `toetsing serve` already validated at start (resolveConfig).
 */
export function signInSettingsOf(req: Request): SignInSettings {
  const set = req.app.get('signIn') as SignInSettings | undefined;
  if (set) return set;
  const key = JSON.stringify(Object.entries(process.env).filter(([k]) => k.startsWith('TOETSING_OIDC_') || k === 'TOETSING_PUBLIC_URL' || k === 'TOETSING_LOCAL_PASSWORDS'));
  if (fromEnv?.key !== key) fromEnv = { key, settings: signInSettings(process.env) };
  return fromEnv.settings;
}

/** What the login page shows: the provider's button and whether the password form is there. */
export function loginPageOptions(req: Request): { oidcLabel: string | null; localPasswords: boolean } {
  const s = signInSettingsOf(req);
  return { oidcLabel: s.oidc?.label ?? null, localPasswords: s.localPasswords };
}

const REFUSAL_STATUS: Record<OidcRefusal, number> = {
  expired: 400,
  invalid_response: 400,
  provider_error: 403,
  no_verified_email: 403,
  unknown_user: 403,
  disabled_user: 403,
};

// Only what the provider may send back: a code or an error, with state and issuer.
const callbackQuery = z
  .object({
    code: z.string().max(4096).optional(),
    state: z.string().max(4096).optional(),
    iss: z.string().max(2048).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
    error_uri: z.string().max(2048).optional(),
    session_state: z.string().max(2048).optional(),
  })
  .strict();

function oidcOf(req: Request) {
  const oidc = signInSettingsOf(req).oidc;
  if (!oidc) throw notFound('Inloggen via een OpenID Connect-dienst is hier niet ingesteld.');
  return oidc;
}

export const oidcRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/login/oidc',
    access: 'public',
    summary: 'inloggen via de OpenID Connect-dienst van de organisatie (begin)',
    handler: async (req, res) => {
      const oidc = oidcOf(req);
      if (req.user) {
        res.redirect(303, '/');
        return;
      }
      const { pendingId, location } = await beginOidcSignIn(oidc, { terug: safeReturn(req.query.terug) });
      const secure = Boolean(req.app.get('secureCookies'));
      res.append('Set-Cookie', serialize(pendingCookieName(secure), pendingId, cookieOptions(secure, PENDING_COOKIE_SECONDS)));
      res.redirect(303, location);
    },
  },
  {
    method: 'get',
    path: OIDC_CALLBACK_PATH,
    access: 'public',
    summary: 'inloggen via de OpenID Connect-dienst van de organisatie (terugkeer)',
    handler: async (req, res) => {
      const oidc = oidcOf(req);
      const secure = Boolean(req.app.get('secureCookies'));
      // The started sign-in is used up whatever happens next.
      res.append('Set-Cookie', serialize(pendingCookieName(secure), '', { ...cookieOptions(secure), maxAge: 0 }));
      const query = callbackQuery.safeParse(req.query);
      const result = query.success
        ? await completeOidcSignIn(req.ctx, oidc, {
          pendingId: req.cookieValues[pendingCookieName(secure)],
          // The public address, not the Host header: it is what the provider was given as redirect URI.
          callbackUrl: new URL(req.originalUrl, oidc.redirectUri),
          previousToken: req.cookieValues[sessionCookieName(secure)],
          userAgent: req.get('user-agent') ?? '',
        })
        : { ok: false as const, refusal: 'invalid_response' as const, message: `Het antwoord van ${oidc.label} kon niet worden gelezen. U bent niet ingelogd. Begin opnieuw met "Inloggen via ${oidc.label}".` };
      if (!result.ok) {
        res.status(REFUSAL_STATUS[result.refusal]).render('error', { title: 'Inloggen niet gelukt', status: REFUSAL_STATUS[result.refusal], message: result.message, login: null });
        return;
      }
      res.append('Set-Cookie', serialize(sessionCookieName(secure), result.token, cookieOptions(secure)));
      res.append('Set-Cookie', serialize(loginCsrfCookieName(secure), '', { ...cookieOptions(secure), maxAge: 0 }));
      res.redirect(303, result.terug);
    },
  },
];
