// The rule for vaststelling (finalisation): every blocker is gone, or accepted with a motivation
// by a second inspector, someone other than the one who finalises (four eyes).
import type { Blocker } from './blockers';

export interface BlockerAcceptance {
  blockerKey: string;
  acceptedBy: string;
  acceptedAt: string;
  motivation: string;
}

export interface FinalisationCheck {
  allowed: boolean;
  /** Blockers nobody accepted. */
  open: Blocker[];
  /** Blockers accepted by the person who wants to finalise: a second pair of eyes is needed. */
  selfAccepted: Blocker[];
  accepted: Array<{ blocker: Blocker; acceptance: BlockerAcceptance }>;
}

export function finalisationCheck(blockers: Blocker[], acceptances: BlockerAcceptance[], finaliser: string): FinalisationCheck {
  const byKey = new Map(acceptances.map((a) => [a.blockerKey, a]));
  const open: Blocker[] = [];
  const selfAccepted: Blocker[] = [];
  const accepted: FinalisationCheck['accepted'] = [];
  for (const b of blockers) {
    const a = byKey.get(b.key);
    if (!a || a.motivation.trim() === '') open.push(b);
    else {
      if (a.acceptedBy.toLowerCase() === finaliser.toLowerCase()) selfAccepted.push(b);
      accepted.push({ blocker: b, acceptance: a });
    }
  }
  return { allowed: open.length === 0 && selfAccepted.length === 0, open, selfAccepted, accepted };
}

/** The reference of the next revision: `<ref>-r2`, `<ref>-r3`, … counted from the first version. */
export function revisionRef(ref: string, currentRevision: number): string {
  const root = currentRevision > 1 ? ref.replace(/-r\d+$/, '') : ref;
  return `${root}-r${currentRevision + 1}`;
}
