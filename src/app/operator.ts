// The person at the command line. They hold the data folder itself (they could open the database
// directly), so commands act with a beheerder's rights; the change log records them as 'cli'.
import type { Actor } from '../domain/access';

/** Id 0 is never a user's (SQLite row ids start at 1), so "not your own account" never matches it. */
export const OPERATOR: Actor = { id: 0, email: 'cli', role: 'beheerder' };
