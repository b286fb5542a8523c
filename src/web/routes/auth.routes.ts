// Login and logout: the login form, its CSRF token, the address limit and the cookies live here;
// the account rules (one answer for an unknown account and a wrong password, the per-account
// limit, a fresh session at every login) are the use case's (src/app/auth.ts).
import crypto from 'node:crypto';
import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import rateLimit, { MemoryStore } from 'express-rate-limit';
import { z } from 'zod';
import { resetAccountLimits, signIn, signOut } from '../../app/auth';
import { unauthenticated } from '../../errors';
import { parseForm } from '../forms';
import { EVERY_ROLE, RouteDef } from '../route-table';
import { cookieOptions, LOGIN_CSRF_COOKIE, SESSION_COOKIE, tokensEqual } from '../session';

/** Failed logins per address; kept here so tests (and only tests) can start from zero. */
const addressStore = new MemoryStore();

export function resetLoginLimits(): void {
  resetAccountLimits();
  void addressStore.resetAll();
}

const REFUSAL_STATUS = { locked: 429, bad_login: 401 } as const;

const perAddress = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 30,
  // Count failed attempts only: colleagues behind one address logging in all day are no attack.
  skipSuccessfulRequests: true,
  store: addressStore,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  handler: (_req, res) => {
    res.status(429).render('auth/login', { title: 'Inloggen', error: 'Te veel inlogpogingen vanaf dit adres. Probeer het over een kwartier opnieuw.', email: '', loginCsrf: '', terug: '/' });
  },
});

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
function safeReturn(p: unknown): string {
  return typeof p === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(p) && !p.startsWith('/logout') ? p : '/';
}

function showLogin(req: Request, res: Response, status: number, extra: { error?: string; email?: string; errors?: Record<string, string> } = {}) {
  const secure = Boolean(req.app.get('secureCookies'));
  const loginCsrf = crypto.randomBytes(24).toString('base64url');
  res.append('Set-Cookie', serialize(LOGIN_CSRF_COOKIE, loginCsrf, cookieOptions(secure, 3600)));
  res.status(status).render('auth/login', {
    title: 'Inloggen',
    loginCsrf,
    terug: safeReturn(req.query.terug ?? (req.body as Record<string, unknown> | undefined)?.terug),
    email: extra.email ?? '',
    error: extra.error ?? null,
    errors: extra.errors ?? {},
    expired: req.query.verlopen === '1',
  });
}

export const authRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/login',
    access: 'public',
    summary: 'inlogpagina',
    handler: (req, res) => {
      if (req.user) res.redirect(303, '/');
      else showLogin(req, res, 200);
    },
  },
  {
    method: 'post',
    path: '/login',
    access: 'public',
    before: [perAddress],
    summary: 'inloggen',
    handler: async (req, res) => {
      const form = parseForm(loginSchema, req.body);
      if (!form.ok) {
        showLogin(req, res, 400, { errors: form.errors, email: typeof form.values.email === 'string' ? form.values.email : '' });
        return;
      }
      // Login CSRF: the form's token must match the cookie set with the form (double submit).
      if (!tokensEqual(form.data.lc, req.cookieValues[LOGIN_CSRF_COOKIE])) {
        showLogin(req, res, 403, { error: 'Het inlogformulier is verlopen. Probeer het opnieuw.', email: form.data.email });
        return;
      }
      const signedIn = await signIn(req.ctx, { email: form.data.email, password: form.data.password, previousToken: req.cookieValues[SESSION_COOKIE] });
      if (!signedIn.ok) {
        showLogin(req, res, REFUSAL_STATUS[signedIn.refusal], { error: signedIn.message, email: form.data.email });
        return;
      }
      const secure = Boolean(req.app.get('secureCookies'));
      res.append('Set-Cookie', serialize(SESSION_COOKIE, signedIn.token, cookieOptions(secure)));
      res.append('Set-Cookie', serialize(LOGIN_CSRF_COOKIE, '', { ...cookieOptions(secure), maxAge: 0 }));
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
      const secure = Boolean(req.app.get('secureCookies'));
      res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { ...cookieOptions(secure), maxAge: 0 }));
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
