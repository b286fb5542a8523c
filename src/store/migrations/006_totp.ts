// The second factor: a TOTP secret per account, its recovery codes, and the half-sessions between
// the password and the code.
//
// user_totp: `secret` is the confirmed secret (null until the first code is entered),
// `pending_secret` the one shown during enrolment. `last_step` is the highest time step ever
// accepted, so a code cannot be used twice (nor an older one after a newer). Wrong codes are
// throttled in login_throttles (005), beside the passwords.
//
// totp_recovery_codes: only the SHA-256 of each code (80 random bits, so a plain hash cannot be
// searched); a used code keeps its row with `used_at`, so the account page can count what is left.
//
// totp_challenges: the half-session after a correct password, named by the SHA-256 of the random
// token in its cookie; `purpose` says whether the user must enter a code or first set one up.
export const sql = `
CREATE TABLE user_totp (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret TEXT,
  enabled_at TEXT,
  pending_secret TEXT,
  pending_since INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0,
  CHECK ((secret IS NULL) = (enabled_at IS NULL))
);

CREATE TABLE totp_recovery_codes (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE totp_challenges (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'enrol')),
  csrf_token TEXT NOT NULL,
  return_to TEXT NOT NULL DEFAULT '/',
  created_at INTEGER NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0)
);
CREATE INDEX totp_challenges_user ON totp_challenges(user_id);
`;
