// The rule for vaststelling (finalisation), satisfiable by any team of two or more, four eyes kept:
//  - only a member of the inspection's team finalises (a beheerder too, when on the team);
//  - every blocker is gone, or accepted with a motivation by at least one team member other than
//    the one who finalises. Several members may accept the same blocker, and each may withdraw
//    their own acceptance, so when A and B each accepted some, B accepts the rest and A finalises.
import type { Blocker } from './blockers';

export interface BlockerAcceptance {
  blockerKey: string;
  acceptedBy: string;
  acceptedAt: string;
  motivation: string;
}

export interface FinalisationCheck {
  allowed: boolean;
  /** The finaliser is on the team. */
  onTeam: boolean;
  /** Blockers no team member accepted. */
  open: Blocker[];
  /** Blockers accepted only by the person who wants to finalise: a second pair of eyes is needed. */
  selfAccepted: Blocker[];
  /** Blockers with an acceptance that counts for this finaliser, and those acceptances. */
  accepted: Array<{ blocker: Blocker; acceptances: BlockerAcceptance[] }>;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function finalisationCheck(blockers: Blocker[], acceptances: BlockerAcceptance[], finaliser: string, team: readonly string[]): FinalisationCheck {
  const byKey = new Map<string, BlockerAcceptance[]>();
  for (const a of acceptances) {
    if (a.motivation.trim() === '' || !team.some((m) => same(m, a.acceptedBy))) continue;
    byKey.set(a.blockerKey, [...(byKey.get(a.blockerKey) ?? []), a]);
  }
  const open: Blocker[] = [];
  const selfAccepted: Blocker[] = [];
  const accepted: FinalisationCheck['accepted'] = [];
  for (const b of blockers) {
    const all = byKey.get(b.key) ?? [];
    const others = all.filter((a) => !same(a.acceptedBy, finaliser));
    if (others.length > 0) accepted.push({ blocker: b, acceptances: others });
    else if (all.length > 0) selfAccepted.push(b);
    else open.push(b);
  }
  const onTeam = team.some((m) => same(m, finaliser));
  return { allowed: onTeam && open.length === 0 && selfAccepted.length === 0, onTeam, open, selfAccepted, accepted };
}

/** Why this finaliser cannot finalise yet, in a sentence; null when they can. */
export function finalisationRefusal(check: FinalisationCheck): string | null {
  if (check.allowed) return null;
  if (!check.onTeam) return 'alleen een lid van het team van dit onderzoek kan het vaststellen';
  const why: string[] = [];
  if (check.open.length > 0) why.push(`${check.open.length} blokkade(s) zijn niet opgelost of door een ander teamlid aanvaard`);
  if (check.selfAccepted.length > 0) {
    why.push(`${check.selfAccepted.length} blokkade(s) zijn alleen door uzelf aanvaard; een ander teamlid moet ze ook aanvaarden, of laat hem of haar vaststellen`);
  }
  return why.join('; ');
}

/** The reference of the next revision: `<ref>-r2`, `<ref>-r3`, … counted from the first version. */
export function revisionRef(ref: string, currentRevision: number): string {
  const root = currentRevision > 1 ? ref.replace(/-r\d+$/, '') : ref;
  return `${root}-r${currentRevision + 1}`;
}
