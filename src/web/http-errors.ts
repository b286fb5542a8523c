// The one place where an error kind becomes an HTTP status.
import type { ErrorKind } from '../errors';

const STATUS: Record<ErrorKind, number> = {
  not_found: 404,
  invalid: 400,
  conflict: 409,
  finalised: 409,
  forbidden: 403,
  unauthenticated: 401,
  config: 500,
  integrity: 500,
  unavailable: 503,
};

export const httpStatus = (kind: ErrorKind): number => STATUS[kind];
