// How an inspection and a person are named on screen: a revision says which finalised version it
// corrects, a person is shown by name (the e-mail address only where no name is known).

/** What a revision label needs: the revision number and the version it corrects (null for a first version). */
export interface RevisionMark {
  revision: number;
  revisionOf: { id: number; ref: string } | null;
}

/** "revisie 2 van <ref>" for a revision; null for a first version. */
export function revisionLabel(i: RevisionMark): string | null {
  return i.revisionOf ? `revisie ${String(i.revision)} van ${i.revisionOf.ref}` : null;
}

/**
 * A person's name by e-mail address, from one look-up of the accounts: the name when the account
 * has one, else the address (an account without a name, or a person no longer in the list).
 */
export function personNamer(users: Iterable<{ email: string; name: string }>): (email: string) => string {
  const names = new Map<string, string>();
  for (const u of users) if (u.name.trim()) names.set(u.email.toLowerCase(), u.name.trim());
  return (email) => names.get(email.toLowerCase()) ?? email;
}
