// Login and logout: the login form, its CSRF token and the cookies live here; the account rules
// (one answer for an unknown account and a wrong password, the throttles per account and per
// address, a fresh session at every login) are the use case's (src/app/auth.ts).
import crypto from 'node:crypto';
import { serialize } from 'cookie';
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { resetThrottles, signIn, signOut } from '../../app/auth';
import { unauthenticated } from '../../errors';
import { parseForm } from '../forms';
import { EVERY_ROLE, RouteDef } from '../route-table';
import { clearSessionCookie, cookieOptions, loginCsrfCookieName, sessionCookieName, tokensEqual } from '../session';
import { loginPageOptions } from './oidc.routes';
import { pendingOf, secondStepNotice, setPendingCookie, stepPath } from './totp.routes';

/** Forget the sign-in throttles of an app's database, so tests (and only tests) can start from zero. */
export function resetLoginLimits(app?: Express): void {
  const ctx = app?.get('ctx') as Ctx | undefined;
  if (ctx) resetThrottles(ctx);
}

const REFUSAL_STATUS = { throttled: 429, bad_login: 401 } as const;

const loginSchema = z
  .object({
    email: z.string().trim().min(1, 'Vul uw e-mailadres in.').max(254, 'Dit e-mailadres is te lang.'),
    password: z.string().min(1, 'Vul uw wachtwoord in.').max(1024, 'Dit wachtwoord is te lang.'),
    terug: z.string().max(2000).optional(),
    lc: z.string().max(200).optional(),
  })
  .strict();


const wantsJson = (req: Request) => req.get('accept')?.includes('application/json') === true;

/** Only local paths: never redirect to another site after login. */
export function safeReturn(p: unknown): string {
  return typeof p === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(p) && !p.startsWith('/logout') ? p : '/';
}

function showLogin(req: Request, res: Response, status: number, extra: { error?: string; email?: string; errors?: Record<string, string> } = {}) {
  const secure = Boolean(req.app.get('secureCookies'));
  const loginCsrf = crypto.randomBytes(24).toString('base64url');
  res.append('Set-Cookie', serialize(loginCsrfCookieName(secure), loginCsrf, cookieOptions(secure, 3600)));
  res.status(status).render('auth/login', {
    title: 'Inloggen',
    loginCsrf,
    terug: safeReturn(req.query.terug ?? (req.body as Record<string, unknown> | undefined)?.terug),
    email: extra.email ?? '',
    error: extra.error ?? secondStepNotice(req),
    errors: extra.errors ?? {},
    expired: req.query.verlopen === '1',
    // The organisation's OpenID provider (src/web/routes/oidc.routes.ts): its button, and whether the password form is there.
    ...loginPageOptions(req),
  });
}

export const authRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/login',
    access: 'public',
    summary: 'inlogpagina',
    handler: (req, res) => {
      const pending = req.user ? null : pendingOf(req);
      if (req.user) res.redirect(303, '/');
      // Between the password and the second factor: back to that step (enrolment for a beheerder without one).
      else if (pending) res.redirect(303, stepPath(pending.challenge.purpose));
      else showLogin(req, res, 200);
    },
  },
  {
    method: 'post',
    path: '/login',
    access: 'public',
    summary: 'inloggen',
    handler: async (req, res) => {
      // TOETSING_LOCAL_PASSWORDS=0: only the organisation's OpenID provider signs users in.
      if (!loginPageOptions(req).localPasswords) {
        showLogin(req, res, 403, { error: 'Inloggen met een wachtwoord staat uit. Log in via de knop hieronder.' });
        return;
      }
      const form = parseForm(loginSchema, req.body);
      if (!form.ok) {
        showLogin(req, res, 400, { errors: form.errors, email: typeof form.values.email === 'string' ? form.values.email : '' });
        return;
      }
      // Login CSRF: the form's token must match the cookie set with the form (double submit).
      const secure = Boolean(req.app.get('secureCookies'));
      if (!tokensEqual(form.data.lc, req.cookieValues[loginCsrfCookieName(secure)])) {
        showLogin(req, res, 403, { error: 'Het inlogformulier is verlopen. Probeer het opnieuw.', email: form.data.email });
        return;
      }
      const signedIn = await signIn(req.ctx, {
        email: form.data.email,
        password: form.data.password,
        // The socket's address, or with TOETSING_TRUST_PROXY the client's as the named proxies
        // report it; 'trust proxy' is never 'true', so a client cannot pick one with X-Forwarded-For.
        address: req.ip ?? req.socket.remoteAddress ?? '',
        userAgent: req.get('user-agent') ?? '',
        previousToken: req.cookieValues[sessionCookieName(secure)],
        returnTo: safeReturn(form.data.terug),
      });
      if (!signedIn.ok) {
        if (signedIn.refusal === 'throttled') res.setHeader('Retry-After', String(signedIn.retryAfterSeconds));
        showLogin(req, res, REFUSAL_STATUS[signedIn.refusal], { error: signedIn.message, email: form.data.email });
        return;
      }
      if (signedIn.secondFactor) {
        // The password was right; the code (or enrolment) comes next: src/web/routes/totp.routes.ts.
        setPendingCookie(req, res, signedIn.pendingToken);
        res.redirect(303, stepPath(signedIn.secondFactor));
        return;
      }
      res.append('Set-Cookie', serialize(sessionCookieName(secure), signedIn.token, cookieOptions(secure)));
      res.append('Set-Cookie', serialize(loginCsrfCookieName(secure), '', { ...cookieOptions(secure), maxAge: 0 }));
      res.redirect(303, safeReturn(form.data.terug));
    },
  },
  {
    method: 'post',
    path: '/logout',
    access: EVERY_ROLE,
    summary: 'uitloggen',
    handler: (req, res) => {
      if (!req.sessionToken) throw unauthenticated('Niet ingelogd');
      signOut(req.ctx, req.sessionToken);
      res.append('Set-Cookie', clearSessionCookie(Boolean(req.app.get('secureCookies'))));
      res.redirect(303, '/login');
    },
  },
  {
    method: 'post',
    path: '/sessie/verlengen',
    access: EVERY_ROLE,
    summary: 'sessie verlengen (op de achtergrond of na de waarschuwing)',
    // The session middleware already reset the idle clock on this request. The page's script
    // calls this with fetch (X-CSRF-Token header, Accept: application/json) and gets the idle time
    // back, so nothing on the page is reloaded; the form in the warning is the fallback without
    // JavaScript and goes back to the page.
    handler: (req, res) => {
      if (wantsJson(req)) res.json({ idleMs: res.locals.idleTimeoutMs as number });
      else res.redirect(303, safeReturn((req.body as Record<string, unknown>).terug));
    },
  },
];
