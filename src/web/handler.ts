// Route handlers with a typed context, and the one form cycle every POST of a page follows:
// parse (zod) → call the use case → redirect (303); on invalid input, a stale version or an
// invalid-kind error from the use case, render the page again with the messages at their fields,
// the user's input kept and the stored version beside it.
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import type { InspectionSummary } from '../domain/inspection';
import { openInspection, AccessMode } from '../app/inspection-access';
import { AppError, StaleVersionError, notFound, unauthenticated } from '../errors';
import { FieldErrors, parseForm } from './forms';
import { httpStatus } from './http-errors';
import type { FormState } from './page-kit';
import type { RouteDef } from './route-table';

export interface Hc {
  req: Request;
  res: Response;
  ctx: Ctx;
  user: Actor & { name: string };
}

export interface InspectionHc extends Hc {
  inspection: InspectionSummary;
}

type Handler = RouteDef['handler'];
/** What a handler returns: nothing, or a promise of nothing (it answers through `res`). */
export type Answer = ReturnType<Handler>;

/** A handler for a signed-in user (the route table has already checked the role). */
export function withUser(fn: (hc: Hc) => Answer): Handler {
  return (req, res) => {
    if (!req.user) throw unauthenticated();
    return fn({ req, res, ctx: req.ctx, user: req.user });
  };
}

/** The numeric id in a route parameter; anything else is simply "not found". */
export function idParam(req: Request, name: string, what = 'Niet gevonden'): number {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw)) throw notFound(what);
  return Number(raw);
}

/** Open the route's :inspectionId for the user in the given mode (see src/app/inspection-access.ts). */
export function inspectionOf(hc: Hc, mode: AccessMode): InspectionSummary {
  return openInspection(hc.ctx, hc.user, idParam(hc.req, 'inspectionId', 'Onderzoek niet gevonden'), mode);
}

/** A handler under /onderzoeken/:inspectionId, with the inspection opened in `mode`. */
export function withInspection(mode: AccessMode, fn: (hc: InspectionHc) => Answer): Handler {
  return withUser((hc) => fn({ ...hc, inspection: inspectionOf(hc, mode) }));
}

export function bodyOf(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? { ...(b as Record<string, unknown>) } : {};
}

export interface FormRoute<H extends Hc, T> {
  /** Which form on the page failed, so the page shows the messages at that form only. */
  key: string | ((body: Record<string, unknown>) => string);
  schema: ZodType<T> | ((hc: H) => ZodType<T>);
  /** Calls the use case; returns where to go next. */
  act: (hc: H, data: T) => string | Promise<string>;
  /** Renders the page again with the form's state. */
  render: (hc: H, status: number, form: FormState) => void;
  /** How the page shows the stored version of a refused stale save (default: as the use case gave it). */
  conflictView?: (current: unknown) => unknown;
  /** Problems with what came beside the body (an uploaded file), shown together with the form's own. */
  alsoCheck?: (hc: H) => FieldErrors;
}

/** The form cycle for an already-built handler context (used by withUser / withInspection). */
export async function runForm<H extends Hc, T>(hc: H, f: FormRoute<H, T>): Promise<void> {
  const body = bodyOf(hc.req);
  delete body._csrf;
  const key = typeof f.key === 'string' ? f.key : f.key(body);
  const schema = typeof f.schema === 'function' ? f.schema(hc) : f.schema;
  const form = parseForm(schema, body);
  const beside = f.alsoCheck ? f.alsoCheck(hc) : {};
  if (!form.ok || Object.keys(beside).length > 0) {
    f.render(hc, httpStatus('invalid'), { key, errors: { ...(form.ok ? {} : form.errors), ...beside }, values: form.ok ? body : form.values });
    return;
  }
  let next: string;
  try {
    next = await f.act(hc, form.data);
  } catch (e) {
    if (e instanceof StaleVersionError) {
      f.render(hc, httpStatus(e.kind), { key, errors: {}, values: body, conflict: f.conflictView ? f.conflictView(e.current) : e.current, message: e.message });
      return;
    }
    if (e instanceof AppError && e.kind === 'invalid') {
      f.render(hc, httpStatus(e.kind), { key, errors: { [e.field ?? '_form']: e.message }, values: body });
      return;
    }
    throw e;
  }
  hc.res.redirect(303, next);
}

/** A POST on a page about one inspection, opened for editing. */
export function inspectionForm<T>(f: FormRoute<InspectionHc, T>, mode: AccessMode = 'edit'): Handler {
  return withInspection(mode, (hc) => runForm(hc, f));
}

/** A POST on a page that is not about one inspection. */
export function userForm<T>(f: FormRoute<Hc, T>): Handler {
  return withUser((hc) => runForm(hc, f));
}
