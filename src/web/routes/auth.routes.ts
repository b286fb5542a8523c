// Login and logout. One message for an unknown account and a wrong password; attempts are
// limited per address and per account; a fresh session id at every login.
import crypto from 'node:crypto';
import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import rateLimit, { MemoryStore } from 'express-rate-limit';
import { z } from 'zod';
import { AppError } from '../../errors';
import { createSession, destroySession } from '../../store/sessions.store';
import { checkPassword } from '../../store/users.store';
import { parseForm } from '../forms';
import { EVERY_ROLE, RouteDef } from '../route-table';
import { cookieOptions, LOGIN_CSRF_COOKIE, SESSION_COOKIE, tokensEqual } from '../session';

const BAD_LOGIN = 'Onjuist e-mailadres of wachtwoord.';
const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_MAX_FAILURES = 5;

/** Failed attempts per account (lower-cased email) in the current window. */
const failures = new Map<string, { count: number; since: number }>();

/** Failed logins per address; kept here so tests (and only tests) can start from zero. */
const addressStore = new MemoryStore();

export function resetLoginLimits(): void {
  failures.clear();
  void addressStore.resetAll();
}

function accountLocked(email: string, now = Date.now()): boolean {
  const f = failures.get(email);
  if (!f) return false;
  if (now - f.since > ACCOUNT_WINDOW_MS) { failures.delete(email); return false; }
  return f.count >= ACCOUNT_MAX_FAILURES;
}

function noteFailure(email: string, now = Date.now()): void {
  const f = failures.get(email);
  if (!f || now - f.since > ACCOUNT_WINDOW_MS) failures.set(email, { count: 1, since: now });
  else f.count++;
  // Bound the map: an attacker spraying random emails must not grow memory without limit.
  if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
}

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
      if (req.user) return res.redirect(303, '/');
      showLogin(req, res, 200);
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
      if (!form.ok) return showLogin(req, res, 400, { errors: form.errors, email: String(form.values.email ?? '') });
      // Login CSRF: the form's token must match the cookie set with the form (double submit).
      if (!tokensEqual(form.data.lc, req.cookies[LOGIN_CSRF_COOKIE])) {
        return showLogin(req, res, 403, { error: 'Het inlogformulier is verlopen. Probeer het opnieuw.', email: form.data.email });
      }
      const email = form.data.email.toLowerCase();
      if (accountLocked(email)) {
        return showLogin(req, res, 429, { error: 'Te veel mislukte pogingen voor dit account. Probeer het over een kwartier opnieuw.', email: form.data.email });
      }
      const user = await checkPassword(req.ctx.db, email, form.data.password);
      if (!user) {
        noteFailure(email);
        return showLogin(req, res, 401, { error: BAD_LOGIN, email: form.data.email });
      }
      failures.delete(email);
      // A new session id at every login; any session the browser had is ended.
      if (req.cookies[SESSION_COOKIE]) destroySession(req.ctx.db, req.cookies[SESSION_COOKIE]!);
      const { token } = createSession(req.ctx.db, user.id);
      const secure = Boolean(req.app.get('secureCookies'));
      res.append('Set-Cookie', serialize(SESSION_COOKIE, token, cookieOptions(secure)));
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
      if (!req.sessionToken) throw new AppError(401, 'Niet ingelogd');
      destroySession(req.ctx.db, req.sessionToken);
      const secure = Boolean(req.app.get('secureCookies'));
      res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { ...cookieOptions(secure), maxAge: 0 }));
      res.redirect(303, '/login');
    },
  },
  {
    method: 'post',
    path: '/sessie/verlengen',
    access: EVERY_ROLE,
    summary: 'sessie verlengen na de waarschuwing',
    // The session middleware already reset the idle clock on this request; just go back.
    handler: (req, res) => res.redirect(303, safeReturn((req.body as Record<string, unknown>).terug)),
  },
];
