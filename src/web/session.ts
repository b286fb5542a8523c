// Session and CSRF middleware. The session lives in the database (src/store/sessions.store.ts);
// the cookie carries only a random token. Every POST must carry the session's CSRF token
// (synchronizer token pattern), checked in constant time.
import crypto from 'node:crypto';
import { parse as parseCookie, serialize } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { forbidden } from '../errors';
import { destroySession, IDLE_TIMEOUT_MS, touchSession } from '../store/sessions.store';
import { getUser } from '../store/users.store';

/**
 * Cookie names. Over HTTPS they carry the `__Host-` prefix, which browsers accept only with
 * Secure, Path=/ and no Domain: a sibling subdomain or a plain-HTTP page cannot set or shadow
 * them. Over plain HTTP (local use, tests) a browser refuses such a cookie, so the plain name.
 */
export const SESSION_COOKIE = 'toetsing_sid';
export const LOGIN_CSRF_COOKIE = 'toetsing_lc';
export const SECURE_SESSION_COOKIE = '__Host-toetsing';
export const SECURE_LOGIN_CSRF_COOKIE = '__Host-toetsing-lc';

export const sessionCookieName = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
export const loginCsrfCookieName = (secure: boolean) => (secure ? SECURE_LOGIN_CSRF_COOKIE : LOGIN_CSRF_COOKIE);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      ctx: Ctx;
      user: (Actor & { name: string }) | null;
      sessionToken: string | null;
      /** The public handle of the request's session ("deze sessie" on Mijn account). */
      sessionHandle: string | null;
      csrfToken: string | null;
      /**
       * The request's cookies, parsed once by the session middleware. Not `req.cookies`: Express's
       * types declare that one `any` (for cookie-parser), and an augmentation cannot narrow it.
       */
      cookieValues: Record<string, string | undefined>;
    }
  }
}

/** Never a Domain attribute: the cookie stays with the host that set it (and `__Host-` demands it). */
export function cookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}) };
}

/** The Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(secure: boolean): string {
  return serialize(sessionCookieName(secure), '', { ...cookieOptions(secure), maxAge: 0 });
}

export function sessionMiddleware(ctx: Ctx, secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    req.ctx = ctx;
    req.cookieValues = parseCookie(req.headers.cookie ?? '');
    req.user = null;
    req.sessionToken = null;
    req.sessionHandle = null;
    req.csrfToken = null;
    const token = req.cookieValues[sessionCookieName(secure)];
    if (token) {
      const s = touchSession(ctx.db, token);
      if (s) {
        const u = getUserOrNull(ctx, s.user_id);
        if (u?.active) {
          req.user = { id: u.id, email: u.email, role: u.role, name: u.name };
          req.sessionToken = token;
          req.sessionHandle = s.handle;
          req.csrfToken = s.csrf_token;
        } else {
          destroySession(ctx.db, token);
        }
      }
      if (!req.user) res.append('Set-Cookie', clearSessionCookie(secure));
    }
    res.locals.user = req.user;
    res.locals.csrfToken = req.csrfToken;
    // The idle time the page's script counts down from; an app may set a shorter one to warn
    // earlier (the end-to-end tests do), never a longer one than the store enforces.
    res.locals.idleTimeoutMs = Math.min(IDLE_TIMEOUT_MS, Number(req.app.get('sessionIdleMs')) || IDLE_TIMEOUT_MS);
    res.locals.currentPath = req.path;
    next();
  };
}

function getUserOrNull(ctx: Ctx, id: number) {
  try { return getUser(ctx.db, id); } catch { return null; }
}

export function tokensEqual(a: string | undefined | null, b: string | undefined | null): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length === 0) return false;
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

/** CSRF check for state-changing requests of a logged-in user. */
export function requireCsrf(req: Request): void {
  const sent = (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>)._csrf : undefined) ?? req.get('x-csrf-token');
  if (!tokensEqual(typeof sent === 'string' ? sent : undefined, req.csrfToken)) {
    throw forbidden('Het formulier is verlopen of ongeldig (CSRF-controle). Laad de pagina opnieuw en probeer het nog eens.');
  }
}
