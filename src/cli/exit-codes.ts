// The one place where an error kind becomes the exit code of `toetsing`.
import type { ErrorKind } from '../errors';

/** The command was used wrongly: an unknown option, a bad value, a bad setting or criteria file. */
export const USAGE_ERROR = 2;
/** The command was understood but could not do its work. */
export const FAILURE = 1;

const CODES: Record<ErrorKind, number> = {
  invalid: USAGE_ERROR,
  config: USAGE_ERROR,
  not_found: FAILURE,
  conflict: FAILURE,
  finalised: FAILURE,
  forbidden: FAILURE,
  unauthenticated: FAILURE,
  integrity: FAILURE,
  unavailable: FAILURE,
};

export const exitCode = (kind: ErrorKind): number => CODES[kind];
