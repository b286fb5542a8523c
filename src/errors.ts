// One error class for everything a user can cause: it carries the HTTP status and a Dutch message
// that is safe to show. Anything else that is thrown is a bug and is shown as a generic 500.
export class AppError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Niet gevonden') => new AppError(404, what);
export const forbidden = (why = 'U heeft geen rechten voor deze handeling.') => new AppError(403, why);
export const badRequest = (why: string, details: Record<string, unknown> = {}) => new AppError(400, why, details);

/** A save based on an older version of a record: both versions travel with the error. */
export class StaleVersionError extends AppError {
  constructor(public readonly current: unknown, public readonly attempted: unknown) {
    super(409, 'Iemand anders heeft dit intussen opgeslagen. Beide versies staan hieronder; niets is verloren gegaan.');
    this.name = 'StaleVersionError';
  }
}

/** A change to a finalised (vastgesteld) inspection. */
export const finalised = () => new AppError(409, 'Dit onderzoek is vastgesteld en kan niet meer worden gewijzigd. Heropen het als nieuwe revisie om te corrigeren.');
