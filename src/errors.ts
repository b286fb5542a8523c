// The errors a user can cause, as kinds rather than HTTP statuses. Every layer throws these with
// a Dutch message that is safe to show; the web layer maps a kind to a status in one place
// (src/web/http-errors.ts) and the CLI to an exit code in one place (src/cli/exit-codes.ts).
// Anything else that is thrown is a bug and is shown as a generic failure.

export type ErrorKind =
  /** The thing does not exist, or the actor may not know that it does. */
  | 'not_found'
  /** The input is wrong; `field` names the form field or option when there is one. */
  | 'invalid'
  /** The action clashes with the current state (a duplicate, a stale version, a step out of order). */
  | 'conflict'
  /** The inspection is vastgesteld and can no longer change. */
  | 'finalised'
  /** The actor is known but lacks the right. */
  | 'forbidden'
  /** No (valid) session. */
  | 'unauthenticated'
  /** The installation's configuration or files are wrong (criteria files, settings, a newer database). */
  | 'config'
  /** A stored file no longer matches its recorded hash, or stored data contradict each other. */
  | 'integrity'
  /** A shared resource (the PDF engine) is busy or failed for the moment; trying again may work. */
  | 'unavailable';

export class AppError extends Error {
  constructor(
    public readonly kind: ErrorKind,
    message: string,
    /** The field of the form or the command-line option the message is about. */
    public readonly field?: string,
    /** Every problem found, for inputs checked as a whole (imports). */
    public readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A save based on an older version of a record: both versions travel with the error. */
export class StaleVersionError extends AppError {
  constructor(
    public readonly current: unknown,
    public readonly attempted: unknown,
  ) {
    super('conflict', 'Iemand anders heeft dit intussen opgeslagen. Beide versies staan hieronder; niets is verloren gegaan.');
    this.name = 'StaleVersionError';
  }
}

export const notFound = (what = 'Niet gevonden') => new AppError('not_found', what);
export const forbidden = (why = 'U heeft geen rechten voor deze handeling.') => new AppError('forbidden', why);
export const invalid = (why: string, field?: string, problems: readonly string[] = []) => new AppError('invalid', why, field, problems);
export const conflict = (why: string, field?: string) => new AppError('conflict', why, field);
export const unauthenticated = (why = 'U bent niet (meer) ingelogd.') => new AppError('unauthenticated', why);
export const configError = (why: string) => new AppError('config', why);
export const integrityError = (why: string) => new AppError('integrity', why);
export const unavailable = (why: string) => new AppError('unavailable', why);
/** A change to a finalised (vastgesteld) inspection. */
export const finalised = () =>
  new AppError('finalised', 'Dit onderzoek is vastgesteld en kan niet meer worden gewijzigd. Heropen het als nieuwe revisie om te corrigeren.');

/**
 * A value the code's own checks guarantee (a map filled from the same list, a checklist validated
 * before): its absence means the data contradict each other, so it fails as an integrity error
 * naming `what` rather than as a TypeError somewhere later.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw integrityError(`De gegevens zijn niet samenhangend: ${what} ontbreekt.`);
  return value;
}

export const isKind = (e: unknown, kind: ErrorKind): e is AppError => e instanceof AppError && e.kind === kind;
