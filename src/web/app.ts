// Builds the Express app (no listen: tests drive it with supertest, src/web/server.ts serves it).
// Order: security headers → session → routes from the one route table (access check, body
// parsing, CSRF) → 404 → the central error handler.
import type { TrustProxy } from '../config';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import path from 'node:path';
import type { Ctx } from '../context';
import { screenHelpers } from '../present';
import { AppError, forbidden, notFound, StaleVersionError, unauthenticated } from '../errors';
import { httpStatus } from './http-errors';
import { allows, RouteDef } from './route-table';
import { requireCsrf, sessionMiddleware } from './session';
import { allRoutes } from './routes';
import { refreshCatalogueIfChanged } from '../app/checklists';
import { mountBenchStatic } from './bench-static';

export interface AppOptions {
  secureCookies?: boolean;
  /** TOETSING_TRUST_PROXY (src/config.ts): which proxies' X-Forwarded-For gives req.ip; off by default. */
  trustProxy?: TrustProxy;
}

const VIEWS_DIR = path.resolve(__dirname, '..', '..', 'views');
const PUBLIC_DIR = path.resolve(__dirname, '..', '..', 'public');

const urlencoded = express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 2000 });

/** Run a middleware up to its `next`; what it passes on fails the request (the error handler reads it). */
function pass(mw: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    mw(req, res, (err?: unknown) => {
      if (!err) resolve();
      // Body parsers and multer pass Errors; anything else is kept as the cause.
      else reject(err instanceof Error ? err : new Error('Middleware error', { cause: err }));
    });
  });
}

function wrap(route: RouteDef) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!allows(route.access, req.user?.role ?? null)) {
        if (!req.user) {
          if (req.method === 'GET') {
            res.redirect(303, `/login?terug=${encodeURIComponent(req.originalUrl)}`);
            return;
          }
          throw unauthenticated();
        }
        throw forbidden('U heeft geen rechten voor deze pagina of handeling.');
      }
      for (const mw of route.before ?? []) {
        await pass(mw, req, res);
        if (res.headersSent) return;
      }
      if (route.method === 'post') {
        if (!route.multipart) await pass(urlencoded, req, res);
        if (route.access !== 'public') requireCsrf(req);
      }
      await route.handler(req, res, next);
    } catch (e) {
      next(e);
    }
  };
}

export function buildApp(ctx: Ctx, options: AppOptions = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('trust proxy', options.trustProxy ?? false);
  // Compile each template once, not on every request (Express only does so with
  // NODE_ENV=production); a template changes only with a new release.
  app.set('view cache', true);
  // Pages are sent with Cache-Control: no-store, so an ETag is never used; computing one hashed
  // every response body (2 MB for a 6,000-cell matrix).
  app.set('etag', false);
  app.set('secureCookies', options.secureCookies ?? false);
  // For test helpers that reset state kept in the app's database (resetLoginLimits).
  app.set('ctx', ctx);
  app.locals.h = screenHelpers(ctx.catalogue);
  app.locals.catalogue = ctx.catalogue;

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      // Served over HTTPS (see config.ts): browsers then refuse plain HTTP for a year, subdomains too.
      strictTransportSecurity: options.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    }),
  );
  app.use((_req, res, next) => { res.setHeader('Cache-Control', 'no-store'); next(); });
  app.use('/static', express.static(PUBLIC_DIR, { fallthrough: false, index: false, maxAge: '1h' }));
  // Browsers ask for /favicon.ico whatever the page links; answer with the SVG icon rather than a 404.
  app.get('/favicon.ico', (_req, res) => { res.type('image/svg+xml').sendFile(path.join(PUBLIC_DIR, 'favicon.svg'), { maxAge: '1h' }); });
  app.use(sessionMiddleware(ctx, options.secureCookies ?? false));
  // A checklist published from the command line while the server runs: two counts tell whether to re-read.
  app.use((_req, _res, next) => { refreshCatalogueIfChanged(ctx); next(); });
  // Only with TOETSING_BENCH_STATIC=1, which `npm run bench` sets: its yardstick for the matrix page.
  mountBenchStatic(app);

  for (const route of allRoutes) app[route.method](route.path, wrap(route));

  app.use((_req: Request, _res: Response, next: NextFunction) => next(notFound('Deze pagina bestaat niet.')));
  app.use(errorHandler);
  return app;
}

function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction) {
  let status = 500;
  let message = 'Er ging iets mis aan onze kant. Probeer het later opnieuw; de fout is vastgelegd.';
  if (err instanceof AppError) {
    status = httpStatus(err.kind);
    message = err.message;
  } else if (err && typeof err === 'object' && 'status' in err && typeof err.status === 'number' && err.status < 500) {
    // Body-parser and upload errors (too large, malformed): the user's doing, not a crash.
    const e = err as { status: number; type?: string; code?: string };
    status = e.status;
    message = e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE' ? 'Het verzonden bestand of formulier is te groot.' : 'Het verzoek kon niet worden gelezen.';
  } else if (err && typeof err === 'object' && (err as { name?: string }).name === 'MulterError') {
    status = 400;
    const code = (err as { code?: string }).code;
    message = code === 'LIMIT_FILE_SIZE' ? 'Het bestand is te groot.' : 'Het bestand kon niet worden ontvangen.';
  } else {
    console.error(err);
  }
  if (res.headersSent) return;
  const wantsJson = req.get('accept')?.includes('application/json') && !req.get('accept')?.includes('text/html');
  if (wantsJson) {
    res.status(status).json({ error: message, ...(err instanceof StaleVersionError ? { current: err.current } : {}) });
    return;
  }
  res.status(status).render('error', { title: status === 404 ? 'Niet gevonden' : 'Fout', status, message, login: err instanceof AppError && err.kind === 'unauthenticated' ? loginAgain(req) : null });
}

/**
 * Where "Opnieuw inloggen" leads after a form was sent with an expired session: back to the page
 * the form was on, where the browser offers the typed text again (drafts in public/app.js). The
 * login route accepts only local paths as its return address, so the Referer cannot redirect away.
 */
function loginAgain(req: Request): string {
  let back = req.method === 'GET' ? req.originalUrl : '/';
  const referer = req.get('referer');
  if (referer) {
    try {
      const u = new URL(referer);
      if (u.host === req.get('host')) back = u.pathname + u.search;
    } catch {
      // An unreadable Referer: return to the overview.
    }
  }
  return `/login?verlopen=1&terug=${encodeURIComponent(back)}`;
}
