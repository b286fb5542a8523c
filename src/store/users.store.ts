// Accounts. Passwords are hashed with Argon2id at explicit parameters (OWASP's minimum:
// m = 19 MiB, t = 2, p = 1), never at a library's silent defaults.
import { hash, verify } from '@node-rs/argon2';
import { invalid, notFound } from '../errors';
import type { Role } from '../domain/vocabulary';
import { logChange } from './changelog';
import type { DB } from './db';
import { nowIso } from './db';

export const ARGON2_PARAMS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  version: number;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: number;
  password_hash: string;
  version: number;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, active: r.active === 1, version: r.version });

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Het wachtwoord moet minstens ${PASSWORD_MIN} tekens hebben.`;
  if (password.length > PASSWORD_MAX) return `Het wachtwoord mag hoogstens ${PASSWORD_MAX} tekens hebben.`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

/** A hash of a random string: verifying against it costs as much as a real check. */
let dummyHash: Promise<string> | null = null;

/** Check a password; an unknown email costs the same work so timing does not tell them apart. */
export async function checkPassword(db: DB, email: string, password: string): Promise<User | null> {
  const r = db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
  if (!r) {
    dummyHash ??= hashPassword('timing-equaliser-' + Math.random());
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(r.password_hash, password).catch(() => false);
  return ok && r.active === 1 ? toUser(r) : null;
}

export async function createUser(db: DB, actor: string, input: { email: string; name?: string; role: Role; password: string }): Promise<number> {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid(problem, 'password');
  const passwordHash = await hashPassword(input.password);
  // Hash first: no await may happen inside a transaction.
  return db.transaction(() => {
    // A taken address is a wrong value at the field, as the form shows it (not a clash of versions).
    if (db.prepare('SELECT 1 FROM users WHERE email = ?').get(input.email)) throw invalid(`Er bestaat al een account voor ${input.email}`, 'email');
    const info = db.prepare('INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
      input.email, input.name ?? '', input.role, passwordHash, nowIso(),
    );
    const id = Number(info.lastInsertRowid);
    logChange(db, { actor, inspectionId: null, entity: 'user', entityId: id, action: 'create', new: { email: input.email, name: input.name ?? '', role: input.role } });
    return id;
  }).immediate();
}

export function getUser(db: DB, id: number): User {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  if (!r) throw notFound('Gebruiker niet gevonden');
  return toUser(r);
}

export function findUserByEmail(db: DB, email: string): User | null {
  const r = db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
  return r ? toUser(r) : null;
}

export function listUsers(db: DB): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY email').all() as UserRow[]).map(toUser);
}

export function countUsers(db: DB): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

/** Change role or active flag; either ends the user's sessions (their rights changed). */
export function updateUser(db: DB, actor: string, id: number, patch: { role?: Role; active?: boolean; name?: string }): void {
  db.transaction(() => {
    const before = getUser(db, id);
    const next = { role: patch.role ?? before.role, active: patch.active ?? before.active, name: patch.name ?? before.name };
    db.prepare('UPDATE users SET role = ?, active = ?, name = ?, version = version + 1 WHERE id = ?').run(next.role, next.active ? 1 : 0, next.name, id);
    if (next.role !== before.role || next.active !== before.active) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
    logChange(db, { actor, inspectionId: null, entity: 'user', entityId: id, action: 'update', old: { role: before.role, active: before.active, name: before.name }, new: next });
  }).immediate();
}
