// Sign-ins the change log records. A password sign-in is not logged (an attacker could grow the
// append-only log with every guess); a sign-in through the organisation's OpenID provider is, as
// the brief of issue 15 asks: it can only happen after the provider authenticated a real account,
// and it records which provider identity (issuer + subject) was taken for which Toetsing account.
import { logChange } from './changelog';
import type { DB } from './db';

export function logOidcSignIn(db: DB, entry: { userId: number; email: string; issuer: string; subject: string }): void {
  db.transaction(() => {
    logChange(db, { actor: entry.email, inspectionId: null, entity: 'user', entityId: entry.userId, action: 'oidc_sign_in', new: { issuer: entry.issuer, subject: entry.subject } });
  }).immediate();
}
