// The demo accounts a new user logs in with: one per role, each with a random password that is
// printed once. No fixed default passwords exist anywhere.
import crypto from 'node:crypto';
import type { Ctx } from '../context';
import { ROLES, Role } from '../domain/vocabulary';
import { createUser, findUserByEmail } from '../store/users.store';

export const DEMO_ACCOUNTS: Array<{ email: string; name: string; role: Role }> = [
  { email: 'beheerder@demo.toetsing.local', name: 'Demo beheerder', role: 'beheerder' },
  { email: 'inspecteur@demo.toetsing.local', name: 'Demo inspecteur', role: 'inspecteur' },
  { email: 'inspecteur2@demo.toetsing.local', name: 'Demo inspecteur 2', role: 'inspecteur' },
  { email: 'lezer@demo.toetsing.local', name: 'Demo lezer (management)', role: 'lezer' },
];

export function randomPassword(): string {
  return crypto.randomBytes(15).toString('base64url');
}

/** Create the demo accounts that do not exist yet; returns the new ones with their passwords. */
export async function ensureDemoAccounts(ctx: Ctx): Promise<Array<{ email: string; role: Role; password: string }>> {
  const made: Array<{ email: string; role: Role; password: string }> = [];
  for (const a of DEMO_ACCOUNTS) {
    if (findUserByEmail(ctx.db, a.email)) continue;
    const password = randomPassword();
    await createUser(ctx.db, 'demo', { ...a, password });
    made.push({ email: a.email, role: a.role, password });
  }
  return made;
}

export function formatAccounts(accounts: Array<{ email: string; role: Role; password: string }>): string {
  if (accounts.length === 0) return '';
  const w = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role))
    .map((a) => `  ${a.email.padEnd(w)}  ${a.role.padEnd(10)}  ${a.password}`);
  return ['Demo-accounts (wachtwoorden worden alleen nu getoond; bewaar ze):', ...lines].join('\n');
}
