// The "nothing changed" fingerprint itself: a changed row in any table shows, reading does not,
// and the one table left out (sessions) is left out on purpose. Every change here runs in a
// transaction that is rolled back, so the tests do not depend on each other.
import { addUsers, makeCtx, TestCtx } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';

// Made at load time, not in beforeAll: the table-by-table tests below are listed from its schema.
const ctx: TestCtx = makeCtx({ demo: true });
beforeAll(() => addUsers(ctx));
afterAll(() => ctx.cleanup());

/** The fingerprint while `change` is in place; the change is rolled back afterwards. */
function fingerprintDuring(change: () => void): string {
  ctx.db.exec('BEGIN');
  try {
    change();
    return dbFingerprint(ctx);
  } finally {
    ctx.db.exec('ROLLBACK');
  }
}

const lineOf = (fingerprint: string, table: string) => fingerprint.split('\n').find((l) => l.startsWith(`${table} `));

const UNATTACHED = new Set(['organisation_id', 'unit_set_version']);

/** A row for any table: a value of the column's type, ids far above the demo's (so no clash). */
function insertAnyRow(table: string): void {
  const columns = ctx.db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as Array<{ name: string; type: string }>;
  const value = (type: string) => (/INT/i.test(type) ? 987_654_321 : /BLOB/i.test(type) ? Buffer.from('x') : /REAL|NUM/i.test(type) ? 1.5 : 'fingerprint-test');
  // Constraints are not what is tested here: references are checked only at a commit that never
  // comes, and CHECKs (allowed roles, verdicts) are switched off for this one statement.
  ctx.db.pragma('defer_foreign_keys = ON');
  ctx.db.pragma('ignore_check_constraints = ON');
  try {
    ctx.db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      // An inspection's unit set is checked by a trigger (migration 013); NULL is the unattached state it allows.
      .run(...columns.map((c) => (table === 'inspections' && UNATTACHED.has(c.name) ? null : value(c.type))));
  } finally {
    ctx.db.pragma('ignore_check_constraints = OFF');
  }
}

const tables = () => ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

test('when nothing changes, then the fingerprint is equal, also after reads and after a change that was rolled back', () => {
  const before = dbFingerprint(ctx);
  ctx.db.prepare('SELECT * FROM verdicts').all();
  fingerprintDuring(() => ctx.db.prepare('UPDATE users SET name = ? WHERE id = (SELECT min(id) FROM users)').run('Iemand anders'));
  expect(dbFingerprint(ctx)).toBe(before);
});

test('when a statistics figure changes, then the fingerprint differs on the statistics line', () => {
  const before = dbFingerprint(ctx);
  const during = fingerprintDuring(() => {
    const r = ctx.db.prepare("UPDATE statistics SET afgerond = afgerond + 1 WHERE rowid = (SELECT min(s.rowid) FROM statistics s JOIN inspections i ON i.id = s.inspection_id WHERE i.status = 'concept')").run();
    expect(r.changes).toBe(1);
  });
  expect(during).not.toBe(before);
  expect(lineOf(during, 'statistics')).not.toBe(lineOf(before, 'statistics'));
});

test('when an evidence item is tied to another unit, then the fingerprint differs on the evidence_units line', () => {
  const before = dbFingerprint(ctx);
  const during = fingerprintDuring(() => {
    const r = ctx.db.prepare("UPDATE evidence_units SET unit_code = 'ZZ' WHERE rowid = (SELECT min(eu.rowid) FROM evidence_units eu JOIN evidence e ON e.id = eu.evidence_id JOIN inspections i ON i.id = e.inspection_id WHERE i.status = 'concept')").run();
    expect(r.changes).toBe(1);
  });
  expect(during).not.toBe(before);
  expect(lineOf(during, 'evidence_units')).not.toBe(lineOf(before, 'evidence_units'));
});

test('when only a session is made or touched, then the fingerprint is equal (sessions move on every request)', () => {
  const before = dbFingerprint(ctx);
  const during = fingerprintDuring(() => {
    ctx.db.prepare("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ('h', (SELECT min(id) FROM users), 'c', 1, 1)").run();
    ctx.db.prepare('UPDATE sessions SET last_seen_at = last_seen_at + 1').run();
  });
  expect(during).toBe(before);
});

describe('every table but sessions, as the schema lists them', () => {
  test('the list holds the change log, statistics and evidence_units', () => {
    expect(tables()).toEqual(expect.arrayContaining(['change_log', 'statistics', 'evidence_units']));
  });

  test.each(tables().filter((t) => t !== 'sessions'))('when a row is added to %s, then the fingerprint differs on its line', (table) => {
    const before = dbFingerprint(ctx);
    const during = fingerprintDuring(() => insertAnyRow(table));
    expect(lineOf(before, table)).toBeDefined();
    expect(lineOf(during, table)).not.toBe(lineOf(before, table));
    expect(during).not.toBe(before);
  });
});
