// For tests that call the application layer directly: an actor for one of the test users, and the
// error a use case throws.
import type { Ctx } from '../../src/context';
import type { Actor } from '../../src/domain/access';
import { AppError } from '../../src/errors';
import { findUserByEmail } from '../../src/store/users.store';
import { USERS } from './context';

export function actorOf(ctx: Ctx, who: keyof typeof USERS): Actor {
  const u = findUserByEmail(ctx.db, USERS[who].email);
  if (!u) throw new Error(`test user ${who} is missing; call addUsers first`);
  return { id: u.id, email: u.email, role: u.role };
}

/** The error a call throws (it must throw one). */
export function thrown(fn: () => unknown): AppError {
  try { fn(); } catch (e) { if (e instanceof AppError) return e; throw e; }
  throw new Error('expected an AppError');
}
