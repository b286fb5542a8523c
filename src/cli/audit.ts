// `toetsing audit verify`: walk the hash-chained change log and name the first entry that was
// altered, removed or put out of order. Exit 1 when the chain is broken.
import { integrityError } from '../errors';
import { verifyChangeLog } from '../store/changelog';
import { contextFrom, Io } from './io';

export function auditVerifyCommand(io: Io, opts: { data?: string; criteria?: string }): void {
  const ctx = contextFrom(opts);
  try {
    const result = verifyChangeLog(ctx.db);
    const b = result.firstBroken;
    if (b) {
      throw integrityError(
        `Het wijzigingslogboek is beschadigd: eerste fout bij regel ${b.seq}: ${b.reason}. ` +
          `De ${result.entries} regels daarvoor zijn in orde (laatste goede hash ${result.lastHash}).`,
      );
    }
    io.out(`Wijzigingslogboek in orde: ${result.entries} regels, laatste hash ${result.lastHash}.`);
  } finally {
    ctx.db.close();
  }
}
