// Vaststelling: the blockers with their acceptances (grouped, filtered), accepting and
// withdrawing, finalising with the final reports stored beside the status change, and reopening a
// finalised inspection as a revision. Each use case takes the inspection as inspection-access
// opened it: 'read' for the page, 'edit' to accept or finalise, 'team' to reopen (the inspection
// is vastgesteld then).
import type { Ctx } from '../context';
import { Actor, onTeam } from '../domain/access';
import { Blocker, BLOCKER_KIND_LABELS, BlockerKind } from '../domain/blockers';
import { Checklist, checklistsOf } from '../domain/checklist';
import { BlockerAcceptance, finalisationCheck, finalisationRefusal } from '../domain/finalisation';
import type { InspectionSummary } from '../domain/inspection';
import { inspectionStatus } from '../domain/status';
import { conflict, forbidden } from '../errors';
import { nowIso } from '../store/db';
import {
  acceptBlockers, finaliseInspection, listAcceptances, listFinalReports, reopenAsRevision, revisionInfo, stateMark, withdrawAcceptance,
} from '../store/finalisation.store';
import { loadSnapshot } from '../store/inspections.store';
import { rightsOn } from './inspection-access';
import { renderFinalReports } from './reports';
import { personNames } from './users';

/** Which blockers the page shows: by kind, by toezegging (`checklist/group`), by unit. */
export interface BlockerFilter {
  kind?: BlockerKind;
  group?: string;
  unit?: string;
}

const NO_GROUP = 'overig';

const groupOf = (b: Blocker) => (b.checklist && b.group ? `${b.checklist}/${b.group}` : NO_GROUP);

/** The id of the page section a blocker is shown in, so a POST can return to it. */
export function sectionAnchor(b: Blocker): string {
  return `b-${b.kind}-${groupOf(b)}`.replace(/[^A-Za-z0-9-]/g, '-');
}

function matches(b: Blocker, f: BlockerFilter): boolean {
  return (!f.kind || b.kind === f.kind) && (!f.group || groupOf(b) === f.group) && (!f.unit || b.unit === f.unit);
}

function groupTitle(checklists: Map<string, Checklist>, key: string): string {
  if (key === NO_GROUP) return 'Zonder toezegging';
  const [checklistId, groupId] = key.split('/');
  const checklist = checklists.get(checklistId);
  const group = checklist?.groups.find((g) => g.id === groupId);
  return checklist && group ? `${checklist.shortTitle} ${group.number}. ${group.title}` : key;
}

/** The current blockers and whether this actor could finalise now. */
function currentCheck(ctx: Ctx, actor: Actor, inspection: InspectionSummary) {
  const blockers = inspectionStatus(loadSnapshot(ctx.db, inspection.id), ctx.catalogue).blockers;
  const acceptances = listAcceptances(ctx.db, inspection.id);
  return { blockers, acceptances, check: finalisationCheck(blockers, acceptances, actor.email, inspection.team) };
}

type ItemState = 'open' | 'accepted' | 'self';

/** Everything the vaststelling page shows, with the blockers under the filter grouped by kind and toezegging. */
export function finalisationView(ctx: Ctx, actor: Actor, inspection: InspectionSummary, filter: BlockerFilter = {}) {
  const { blockers, acceptances, check } = currentCheck(ctx, actor, inspection);
  const rights = rightsOn(actor, inspection);
  const acceptancesOf = new Map<string, BlockerAcceptance[]>();
  for (const a of acceptances) acceptancesOf.set(a.blockerKey, [...(acceptancesOf.get(a.blockerKey) ?? []), a]);
  const state = new Map<string, ItemState>([
    ...check.open.map((b) => [b.key, 'open'] as const),
    ...check.selfAccepted.map((b) => [b.key, 'self'] as const),
    ...check.accepted.map((a) => [a.blocker.key, 'accepted'] as const),
  ]);
  const me = actor.email.toLowerCase();
  const item = (b: Blocker) => {
    const list = acceptancesOf.get(b.key) ?? [];
    return { blocker: b, state: state.get(b.key) ?? 'open', acceptances: list, mine: list.some((a) => a.acceptedBy.toLowerCase() === me) };
  };

  const kinds = Object.keys(BLOCKER_KIND_LABELS) as BlockerKind[];
  const own = checklistsOf(ctx.catalogue, inspection.checklists);
  const summary = kinds
    .map((kind) => {
      const of = blockers.filter((b) => b.kind === kind).map(item);
      return { kind, label: BLOCKER_KIND_LABELS[kind], total: of.length, open: of.filter((i) => i.state === 'open').length };
    })
    .filter((s) => s.total > 0);

  const visible = blockers.filter((b) => matches(b, filter));
  const sections = kinds
    .map((kind) => {
      const ofKind = visible.filter((b) => b.kind === kind);
      const byGroup = new Map<string, Blocker[]>();
      for (const b of ofKind) byGroup.set(groupOf(b), [...(byGroup.get(groupOf(b)) ?? []), b]);
      const groups = [...byGroup.entries()].map(([key, list]) => {
        const items = list.map(item);
        return { key, title: groupTitle(own, key), anchor: sectionAnchor(list[0]), items, open: items.filter((i) => i.state === 'open').length };
      });
      return { kind, label: BLOCKER_KIND_LABELS[kind], count: ofKind.length, groups };
    })
    .filter((s) => s.count > 0);

  const groupKeys = [...new Set(blockers.map(groupOf))];
  return {
    inspection,
    blockers,
    visibleCount: visible.length,
    summary,
    sections,
    filter,
    filterOptions: {
      kinds: summary.map((s) => ({ value: s.kind, label: s.label })),
      groups: groupKeys.map((key) => ({ value: key, label: groupTitle(own, key) })),
      units: inspection.units,
    },
    check,
    refusal: finalisationRefusal(check),
    me: actor.email,
    canAct: rights.canEdit,
    canAccept: rights.canEdit && onTeam(actor, inspection.team),
    canReopen: rights.worksOn && inspection.status === 'vastgesteld',
    reports: listFinalReports(ctx.db, inspection.id),
    revisions: revisionInfo(ctx.db, inspection.id),
    canEdit: rights.worksOn,
    personName: personNames(ctx),
  };
}

function mustBeOnTeam(actor: Actor, inspection: InspectionSummary): void {
  if (!onTeam(actor, inspection.team)) throw forbidden('Alleen leden van het team van dit onderzoek aanvaarden blokkades en stellen het vast.');
}

/**
 * Accept blockers with one motivation: the ones named, or with `allVisible` every blocker the
 * filter shows that this actor has not accepted yet. Returns the section to return to.
 */
export function acceptRemainingBlockers(
  ctx: Ctx, actor: Actor, inspection: InspectionSummary, input: { keys: string[]; allVisible: boolean; filter: BlockerFilter; motivation: string },
): string | null {
  mustBeOnTeam(actor, inspection);
  const { blockers, acceptances } = currentCheck(ctx, actor, inspection);
  const me = actor.email.toLowerCase();
  const mine = new Set(acceptances.filter((a) => a.acceptedBy.toLowerCase() === me).map((a) => a.blockerKey));
  const keys = input.allVisible
    ? blockers.filter((b) => matches(b, input.filter) && !mine.has(b.key)).map((b) => b.key)
    : input.keys;
  acceptBlockers(ctx.db, ctx.catalogue, actor.email, inspection.id, keys, input.motivation);
  const first = blockers.find((b) => b.key === keys[0]);
  return first ? sectionAnchor(first) : null;
}

/** Withdraw one's own acceptance; returns the section to return to. */
export function withdrawBlockerAcceptance(ctx: Ctx, actor: Actor, inspection: InspectionSummary, blockerKey: string): string | null {
  withdrawAcceptance(ctx.db, actor.email, inspection.id, blockerKey);
  const b = currentCheck(ctx, actor, inspection).blockers.find((x) => x.key === blockerKey);
  return b ? sectionAnchor(b) : null;
}

/**
 * Finalise: render the final reports, then store them with the status change. The check comes
 * before the (slow) rendering; the store checks again inside its transaction, and refuses when
 * anything changed while the reports were made, so the stored PDFs show exactly what was finalised.
 */
export async function finalise(ctx: Ctx, actor: Actor, inspection: InspectionSummary): Promise<void> {
  const why = finalisationRefusal(currentCheck(ctx, actor, inspection).check);
  if (why !== null) throw conflict(`Vaststellen kan nog niet: ${why}.`);
  const mark = stateMark(ctx.db, inspection.id);
  const at = nowIso();
  const reports = await renderFinalReports(ctx, inspection.id, at);
  finaliseInspection(ctx.db, ctx.catalogue, actor.email, inspection.id, mark, reports, at);
}

/** A correction of a vastgesteld inspection; returns the id of the new concept revision. */
export function reopen(ctx: Ctx, actor: Actor, inspection: InspectionSummary, reason: string): number {
  return reopenAsRevision(ctx.db, ctx.catalogue, actor.email, inspection.id, reason);
}
