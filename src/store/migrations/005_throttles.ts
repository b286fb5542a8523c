// Sign-in throttles and what "Mijn account" shows of a session.
//
// login_throttles replaces the in-memory lockout: failed sign-ins per account (the lower-cased
// address as typed, known or not, so the answer never tells whether an account exists) and per
// client address. It lives in the database so a restart does not hand an attacker a fresh budget
// and the beheerder's page shows the same state the login uses.
//
// sessions gain a public handle (the page must name a session without showing its token's hash)
// and the browser's User-Agent, so users can recognise their sessions.
export const sql = `
CREATE TABLE login_throttles (
  kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
  key TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  first_failure_at INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX login_throttles_last ON login_throttles(last_failure_at);

ALTER TABLE sessions ADD COLUMN handle TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
UPDATE sessions SET handle = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX sessions_handle ON sessions(handle);
`;
