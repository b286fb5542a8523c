// Accounts. Passwords are hashed with Argon2id at explicit parameters (OWASP's minimum:
// m = 19 MiB, t = 2, p = 1), never at a library's silent defaults. Every password that is set
// passes one policy (ASVS 6.2): 12 to 128 characters, no composition rules, not on zxcvbn-ts's
// list of common and breached passwords, and not easy to guess by zxcvbn's estimate.
import { hash, verify } from '@node-rs/argon2';
import { zxcvbn, zxcvbnOptions, type Match } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
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

/** zxcvbn's lowest score that counts as hard to guess (3: about 10^8 guesses or more). */
export const PASSWORD_MIN_SCORE = 3;

let commonPasswords: Set<string> | null = null;

/** Load the list and zxcvbn's dictionaries on first use: building them costs start-up time every command would pay. */
function common(): Set<string> {
  if (!commonPasswords) {
    // zxcvbn's cost grows quickly with length and with l33t variants (measured: a random
    // 128-character password took 1.2 s at the defaults, blocking every other request). The
    // first 64 characters decide (a password strong in those is strong) and fewer l33t variants
    // are tried: about 0.1 s at worst on a busy machine.
    zxcvbnOptions.setOptions({ dictionary, graphs: adjacencyGraphs, maxLength: 64, l33tMaxSubstitutions: 10 });
    commonPasswords = new Set(dictionary.passwords.map((p) => p.toLowerCase()));
  }
  return commonPasswords;
}

/** What makes a guessable password guessable, in words, from zxcvbn's matches (the first kind found). */
function weakness(sequence: Match[]): string {
  const reasons: Array<[(m: Match) => boolean, string]> = [
    [(m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs', 'het bevat uw e-mailadres of naam'],
    [(m) => m.pattern === 'repeat', 'het herhaalt steeds dezelfde tekens of woorden'],
    [(m) => m.pattern === 'sequence', 'het bevat een reeks zoals abcd of 1234'],
    [(m) => m.pattern === 'spatial', 'het bevat een toetsenbordpatroon zoals qwerty'],
    [(m) => m.pattern === 'date' || m.pattern === 'regex', 'het bevat een datum of jaartal'],
    [(m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords', 'het is opgebouwd uit veelgebruikte wachtwoorden'],
    [(m) => m.pattern === 'dictionary', 'het bestaat uit weinig en veelgebruikte woorden'],
  ];
  for (const [test, reason] of reasons) if (sequence.some(test)) return reason;
  return 'het is te kort of te eenvoudig';
}

/**
 * Why a password may not be used, in Dutch, or null when it may. `personal` holds what the
 * account is known by (e-mail address, name): a password built from it is easy to guess.
 */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < PASSWORD_MIN) return `Het wachtwoord moet minstens ${PASSWORD_MIN} tekens hebben.`;
  if (password.length > PASSWORD_MAX) return `Het wachtwoord mag hoogstens ${PASSWORD_MAX} tekens hebben.`;
  if (common().has(password.toLowerCase())) {
    return 'Dit wachtwoord staat op een lijst van veelgebruikte en gelekte wachtwoorden. Kies een ander, bijvoorbeeld een zin van een paar woorden die niet bij elkaar horen.';
  }
  // The address in parts as well: "jan.jansen@…" makes "jansen" personal too.
  const inputs = personal.flatMap((p) => [p, ...p.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((p) => p.length >= 3);
  const estimate = zxcvbn(password, inputs);
  if (estimate.score < PASSWORD_MIN_SCORE) {
    return `Dit wachtwoord is te makkelijk te raden: ${weakness(estimate.sequence)}. Kies een langer wachtwoord, bijvoorbeeld een zin van een paar woorden die niet bij elkaar horen.`;
  }
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
  const problem = passwordProblem(input.password, [input.email, input.name ?? '']);
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

/**
 * Change a user's own password: the current one must be right and the new one pass the policy.
 * Every other session of the user ends (whoever had the old password is out); the change is
 * logged, never the password. `keepSession` is the handle of the session that asked.
 */
export async function changePassword(
  db: DB,
  userId: number,
  input: { current: string; next: string; keepSession: string },
): Promise<{ endedSessions: number }> {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
  if (!r) throw notFound('Gebruiker niet gevonden');
  if (!(await verify(r.password_hash, input.current).catch(() => false))) throw invalid('Uw huidige wachtwoord klopt niet.', 'current');
  if (input.next === input.current) throw invalid('Het nieuwe wachtwoord is hetzelfde als het huidige. Kies een ander.', 'password');
  const problem = passwordProblem(input.next, [r.email, r.name]);
  if (problem) throw invalid(problem, 'password');
  const passwordHash = await hashPassword(input.next);
  // Hashing awaited outside the transaction; inside it, refuse when the password changed meanwhile
  // (another session of the same user), so the check above still holds for what is replaced.
  return db.transaction(() => {
    const now = db.prepare('SELECT password_hash, version FROM users WHERE id = ?').get(userId) as { password_hash: string; version: number } | undefined;
    if (now?.password_hash !== r.password_hash) throw invalid('Uw wachtwoord is zojuist elders gewijzigd. Log opnieuw in.', 'current');
    db.prepare('UPDATE users SET password_hash = ?, version = version + 1 WHERE id = ?').run(passwordHash, userId);
    const ended = db.prepare('DELETE FROM sessions WHERE user_id = ? AND handle != ?').run(userId, input.keepSession).changes;
    logChange(db, { actor: r.email, inspectionId: null, entity: 'user', entityId: userId, action: 'password', new: { changed: true } });
    return { endedSessions: ended };
  }).immediate();
}
