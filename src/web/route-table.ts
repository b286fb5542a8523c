// The one table of routes. Every route says which roles may reach it; the app registers routes
// only from here, and the access tests iterate over this same table for every role and for no
// session. Deny by default: a route without an `access` entry cannot be written.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../domain/vocabulary';

export type Access = 'public' | 'any-role' | readonly Role[];

export interface RouteDef {
  method: 'get' | 'post';
  /** Express path; parameter names are the shared ones (:inspectionId, :evidenceId, ...). */
  path: string;
  access: Access;
  /** Extra middleware before the handler (rate limits, the upload parser). Runs before the CSRF check. */
  before?: RequestHandler[];
  /** The body is multipart (an upload parser in `before` reads it); skip the form parser. */
  multipart?: boolean;
  /** Answers through `res`; what it returns is only waited for. */
  handler: (req: Request, res: Response, next: NextFunction) => void | Promise<void>;
  /** Short description, for the tests' failure messages and the README. */
  summary: string;
}

export const EDITORS = ['beheerder', 'inspecteur'] as const satisfies readonly Role[];
export const ADMINS = ['beheerder'] as const satisfies readonly Role[];
export const EVERY_ROLE = 'any-role' as const;

export function allows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'any-role') return true;
  return access.includes(role);
}
