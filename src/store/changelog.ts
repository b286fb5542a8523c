// The change log. Every write in the store calls `logChange` inside the same transaction as the
// change, so a change and its log entry commit or roll back together.
import crypto from 'node:crypto';
import type { DB } from './db';
import { nowIso } from './db';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChangeEntry {
  actor: string;
  inspectionId: number | null;
  entity: string;
  entityId: string | number;
  action: string;
  old?: unknown;
  new?: unknown;
}

export interface ChangeRow {
  seq: number;
  at: string;
  actor: string;
  inspection_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  old_value: string | null;
  new_value: string | null;
  prev_hash: string;
  hash: string;
}

function entryHash(row: Omit<ChangeRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor,
    row.inspection_id,
    row.entity,
    row.entity_id,
    row.action,
    row.old_value,
    row.new_value,
    row.prev_hash,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export function logChange(db: DB, e: ChangeEntry): void {
  if (!db.inTransaction) throw new Error('logChange must run inside the transaction of the change');
  const last = db.prepare('SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: nowIso(),
    actor: e.actor,
    inspection_id: e.inspectionId,
    entity: e.entity,
    entity_id: String(e.entityId),
    action: e.action,
    old_value: json(e.old),
    new_value: json(e.new),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(row);
  db.prepare(
    `INSERT INTO change_log (seq, at, actor, inspection_id, entity, entity_id, action, old_value, new_value, prev_hash, hash)
     VALUES (@seq, @at, @actor, @inspection_id, @entity, @entity_id, @action, @old_value, @new_value, @prev_hash, @hash)`,
  ).run({ ...row, hash });
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  lastHash: string;
  /** The first entry that is altered, out of order or missing, when not ok. */
  firstBroken?: { seq: number; reason: string };
}

/** Walk the chain from the start; name the first entry whose hash or link does not hold. */
export function verifyChangeLog(db: DB): VerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM change_log ORDER BY seq').iterate() as Iterable<ChangeRow>) {
    if (row.seq !== expectedSeq) {
      return { ok: false, entries, lastHash: prev, firstBroken: { seq: expectedSeq, reason: `regel ${expectedSeq} ontbreekt` } };
    }
    if (row.prev_hash !== prev) {
      return { ok: false, entries, lastHash: prev, firstBroken: { seq: row.seq, reason: 'verwijzing naar de vorige regel klopt niet' } };
    }
    const { hash, ...rest } = row;
    if (entryHash(rest) !== hash) {
      return { ok: false, entries, lastHash: prev, firstBroken: { seq: row.seq, reason: 'inhoud gewijzigd (hash klopt niet)' } };
    }
    prev = hash;
    expectedSeq++;
    entries++;
  }
  return { ok: true, entries, lastHash: prev };
}
