// Account administration: list, add, change a role, block and unblock. Only a beheerder manages
// accounts, and never their own: a beheerder who demoted or blocked themself could leave nobody
// to undo it. Changing a role or blocking ends that user's sessions (users.store does that).
// The web form and `toetsing user add` both come here, so both check a new account the same way.
import { z, ZodType } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { ROLES, Role } from '../domain/vocabulary';
import { forbidden, invalid } from '../errors';
import { personNamer } from '../present';
import { createUser, getUser, listUsers, passwordProblem, PASSWORD_MAX, updateUser, User } from '../store/users.store';

export const roleField = z.enum(ROLES, { error: 'Kies een rol.' });

/** A new account, as the form and the command give it; e-mail addresses are stored lower-cased (login compares them so). */
export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, 'Dit e-mailadres is te lang.').pipe(z.email('Vul een geldig e-mailadres in.')),
  name: z.string().trim().max(200, 'De naam mag hoogstens 200 tekens zijn.'),
  role: roleField,
  // One character over the limit is enough for passwordProblem to name the limit.
  password: z.string().max(PASSWORD_MAX + 1).superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
}).strict();

/** As typed: the use case checks every field itself (the command line passes its arguments unchecked). */
export interface NewUserInput {
  email: string;
  name: string;
  role: string;
  password: string;
}

const OWN_ACCOUNT = 'U kunt uw eigen rol of account niet wijzigen; vraag een andere beheerder.';

function mustManage(actor: Actor): void {
  if (actor.role !== 'beheerder') throw forbidden();
}

/** Parse, or refuse with the first problem at its field (and every problem in `problems`). */
function parsed<T>(schema: ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [first] = result.error.issues;
  throw invalid(first.message, first.path.length ? String(first.path[0]) : undefined, result.error.issues.map((i) => i.message));
}

/** Names people by e-mail address for a screen that shows them: one read of the accounts per page, not per row. */
export function personNames(ctx: Ctx): (email: string) => string {
  return personNamer(listUsers(ctx.db));
}

/** The accounts page: every account, and which one is the actor's own (it offers no changes). */
export function usersView(ctx: Ctx, actor: Actor): { users: User[]; me: number } {
  mustManage(actor);
  return { users: listUsers(ctx.db), me: actor.id };
}

/** Check a new account before anything is stored; without a password, the other fields (the command line asks for it last). */
export function checkNewUser(input: Omit<NewUserInput, 'password'> & { password?: string }): void {
  parsed(input.password === undefined ? newUserSchema.omit({ password: true }) : newUserSchema, input);
}

/** Add an account; an address that already has one is refused at the field `email`. */
export async function addUser(ctx: Ctx, actor: Actor, input: NewUserInput): Promise<User> {
  mustManage(actor);
  const id = await createUser(ctx.db, actor.email, parsed(newUserSchema, input));
  return getUser(ctx.db, id);
}

/** The account a change is for: it exists, and it is not the actor's own (`field` names what they tried to change). */
function otherAccount(ctx: Ctx, actor: Actor, userId: number, field: 'role' | 'active'): User {
  mustManage(actor);
  const user = getUser(ctx.db, userId);
  if (user.id === actor.id) throw invalid(OWN_ACCOUNT, field);
  return user;
}

export function changeRole(ctx: Ctx, actor: Actor, input: { userId: number; role: Role }): void {
  const user = otherAccount(ctx, actor, input.userId, 'role');
  updateUser(ctx.db, actor.email, user.id, { role: input.role });
}

/** Block (active false) or let in again (true). */
export function setActive(ctx: Ctx, actor: Actor, input: { userId: number; active: boolean }): void {
  const user = otherAccount(ctx, actor, input.userId, 'active');
  updateUser(ctx.db, actor.email, user.id, { active: input.active });
}
