// Review use cases (issue 13): approve a cell's verdict or a report section on the version seen,
// withdraw an approval, the "review required" setting, and the review queue. Who may approve is the
// domain's rule (src/domain/review.ts); it is checked again inside the store's transaction against
// the stored target, so a change between page and click can never be approved unseen.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { allCriteria, type Checklist } from '../domain/checklist';
import type { InspectionSnapshot, InspectionSummary } from '../domain/inspection';
import { inspectionChecklists, numberOutline } from '../domain/outline';
import {
  approvalIndex,
  approvalOf,
  approvalRefusal,
  ApprovalRecord,
  cellTarget,
  cellTargetKey,
  mayWithdraw,
  REVIEW_STATE_LABELS,
  ReviewState,
  ReviewTarget,
  ReviewTargetKind,
  reviewState,
  sectionTarget,
  sectionTargetKey,
  WAITING_STATES,
} from '../domain/review';
import { AppError, ErrorKind, conflict, forbidden, invalid, StaleVersionError } from '../errors';
import { url, verdictView } from '../present';
import { loadSnapshot } from '../store/inspections.store';
import { approve, setReviewRequired as storeReviewRequired, withdrawApproval } from '../store/review.store';
import type { CellKey } from '../store/verdicts.store';
import { openInspection, rightsOn } from './inspection-access';
import { personNames } from './users';

export interface TargetRef {
  kind: ReviewTargetKind;
  key: string;
}

export interface ApproveRequest extends TargetRef {
  /** The version of the target the reviewer saw. */
  version: number;
}

const STALE_MESSAGE = 'Dit is gewijzigd sinds u de pagina opende; er is niets goedgekeurd. Bekijk de nieuwe versie en keur die goed.';

function refusalError(r: { kind: 'forbidden' | 'invalid' | 'conflict'; message: string }): AppError {
  if (r.kind === 'forbidden') return forbidden(r.message);
  if (r.kind === 'conflict') return conflict(r.message);
  return invalid(r.message, 'review');
}

/** Approve one target of an opened (editable) inspection. A stale version is a conflict; nothing is written then. */
function approveTarget(ctx: Ctx, actor: Actor, inspection: InspectionSummary, request: ApproveRequest): ApprovalRecord {
  try {
    return approve(ctx.db, actor.email, inspection.id, {
      ...request,
      refuse: (target: ReviewTarget, approval) => {
        const r = approvalRefusal(actor, inspection, target, approval);
        return r ? refusalError(r) : null;
      },
    });
  } catch (e) {
    // The stale error carries the stored target; the review pages only need to say so.
    if (e instanceof StaleVersionError) throw conflict(STALE_MESSAGE);
    throw e;
  }
}

export function approveCell(ctx: Ctx, actor: Actor, key: CellKey, version: number): ApprovalRecord {
  const inspection = openInspection(ctx, actor, key.inspectionId, 'edit');
  return approveTarget(ctx, actor, inspection, { kind: 'cell', key: cellTargetKey(key.checklist, key.criterion, key.unit), version });
}

export function approveSection(ctx: Ctx, actor: Actor, inspectionId: number, sectionId: number, version: number): ApprovalRecord {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  return approveTarget(ctx, actor, inspection, { kind: 'section', key: sectionTargetKey(sectionId), version });
}

export interface ManyOutcome {
  approved: number;
  /** Per refused item its title and why, in Dutch. */
  refused: Array<{ title: string; message: string; kind: ErrorKind }>;
}

/**
 * Approve several items of the queue, each in its own transaction (as the bulk pages save rows):
 * one refused (stale, own change) leaves the others approved and is reported.
 */
export function approveMany(ctx: Ctx, actor: Actor, inspectionId: number, items: readonly ApproveRequest[]): ManyOutcome {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  const titles = targetTitles(ctx, loadSnapshot(ctx.db, inspection.id));
  const out: ManyOutcome = { approved: 0, refused: [] };
  for (const item of items) {
    try {
      approveTarget(ctx, actor, inspection, item);
      out.approved++;
    } catch (e) {
      if (!(e instanceof AppError) || e.kind === 'finalised') throw e;
      out.refused.push({ title: titles.get(`${item.kind}:${item.key}`) ?? 'Onbekend onderdeel', message: e.message, kind: e.kind });
    }
  }
  return out;
}

/** Withdraw an approval: its approver, or a beheerder. */
export function withdraw(ctx: Ctx, actor: Actor, inspectionId: number, target: TargetRef): void {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  withdrawApproval(ctx.db, actor.email, inspection.id, target.kind, target.key, (a) =>
    mayWithdraw(actor, inspection, a) ? null : forbidden('Alleen wie goedkeurde (of een beheerder) kan de goedkeuring intrekken.'),
  );
}

/** The inspection's setting "review required before vaststelling": for the team, while concept. */
export function setReviewRequired(ctx: Ctx, actor: Actor, inspectionId: number, required: boolean): boolean {
  const inspection = openInspection(ctx, actor, inspectionId, 'edit');
  return storeReviewRequired(ctx.db, actor.email, inspection.id, required);
}

/** Every review target's title, by "kind:key": "TK 1.2 · NN", "2.1 Heading". */
function targetTitles(ctx: Ctx, snapshot: InspectionSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of inspectionChecklists(ctx.catalogue, snapshot.checklists)) {
    for (const cr of allCriteria(c)) for (const u of snapshot.units) out.set(`cell:${cellTargetKey(c.id, cr.id, u)}`, `${c.shortTitle} ${cr.number} · ${u}`);
  }
  for (const n of numberOutline(snapshot.outline)) out.set(`section:${sectionTargetKey(n.section.id)}`, `Rapport: ${n.heading}`);
  return out;
}

/** What a page shows about one target's review: its state, who approved when, and what the actor may do. */
export interface ReviewBox {
  kind: ReviewTargetKind;
  key: string;
  state: ReviewState;
  stateLabel: string;
  version: number;
  approval: (ApprovalRecord & { approverName: string }) | null;
  /** Required for vaststelling (the inspection's setting). */
  required: boolean;
  mayApprove: boolean;
  /** Why the actor may not approve, when they work on it (none for readers). */
  refusal: string | null;
  mayWithdraw: boolean;
  /** The form values to post. */
  approveUrl: string;
  withdrawUrl: string;
}

function box(nameOf: (email: string) => string, actor: Actor, inspection: InspectionSummary, snapshot: InspectionSnapshot, kind: ReviewTargetKind, key: string, target: ReviewTarget, urls: { approve: string; withdraw: string }): ReviewBox {
  const approval = approvalOf(approvalIndex(snapshot.approvals), kind, key);
  const state = reviewState(target, approval);
  const refusal = approvalRefusal(actor, inspection, target, approval);
  return {
    kind,
    key,
    state,
    stateLabel: REVIEW_STATE_LABELS[state],
    version: target.version,
    approval: approval ? { ...approval, approverName: nameOf(approval.approvedBy) } : null,
    required: snapshot.reviewRequired,
    mayApprove: refusal === null,
    refusal: rightsOn(actor, inspection).canEdit && refusal && state !== 'goedgekeurd' && state !== 'niets_te_reviewen' ? refusal.message : null,
    mayWithdraw: mayWithdraw(actor, inspection, approval),
    approveUrl: urls.approve,
    withdrawUrl: urls.withdraw,
  };
}

/**
 * The review boxes of an inspection's pages from one snapshot: the cell page asks for its cell,
 * the outline and a section's page for their sections.
 */
export function reviewBoxes(ctx: Ctx, actor: Actor, inspection: InspectionSummary, snapshot: InspectionSnapshot) {
  let names: ((email: string) => string) | undefined;
  const nameOf = (email: string) => (names ??= personNames(ctx))(email);
  return {
    required: snapshot.reviewRequired,
    cell(key: Pick<CellKey, 'checklist' | 'criterion' | 'unit'>): ReviewBox | null {
      const cell = snapshot.verdicts.find((v) => v.checklist === key.checklist && v.criterion === key.criterion && v.unit === key.unit);
      if (!cell) return null;
      return box(nameOf, actor, inspection, snapshot, 'cell', cellTargetKey(key.checklist, key.criterion, key.unit), cellTarget(cell), {
        approve: url.cellApprove(inspection.id, key.checklist, key.criterion, key.unit),
        withdraw: url.cellApprovalWithdraw(inspection.id, key.checklist, key.criterion, key.unit),
      });
    },
    section(sectionId: number): ReviewBox | null {
      const section = snapshot.outline.find((x) => x.id === sectionId);
      if (!section) return null;
      return box(nameOf, actor, inspection, snapshot, 'section', sectionTargetKey(sectionId), sectionTarget(section), {
        approve: url.sectionApprove(inspection.id, sectionId),
        withdraw: url.sectionApprovalWithdraw(inspection.id, sectionId),
      });
    },
  };
}
export type ReviewBoxes = ReturnType<typeof reviewBoxes>;

/**
 * The review state of every cell of a snapshot, for the matrix and the bulk pages: one index of
 * the approvals, no look-up per cell beyond a map.
 */
export function reviewMarks(snapshot: InspectionSnapshot): (checklist: string, criterion: string, unit: string) => ReviewState {
  const index = approvalIndex(snapshot.approvals);
  const cells = new Map(snapshot.verdicts.map((v) => [cellTargetKey(v.checklist, v.criterion, v.unit), v]));
  return (checklist, criterion, unit) => {
    const key = cellTargetKey(checklist, criterion, unit);
    const cell = cells.get(key);
    return cell ? reviewState(cellTarget(cell), approvalOf(index, 'cell', key)) : 'niets_te_reviewen';
  };
}

export interface QueueFilters {
  /** A checklist ("checklist") or one of its groups ("checklist/group"), '' for all. */
  group: string;
  unit: string;
  author: string;
  /** One of the waiting states, '' for both. */
  state: '' | 'te_reviewen' | 'goedkeuring_vervallen';
  /** 1-based; past the last page the last page is shown. */
  page: number;
}

export const NO_QUEUE_FILTERS: QueueFilters = { group: '', unit: '', author: '', state: '', page: 1 };

/**
 * Items per page of the queue. The large inspection (100 units × 60 criteria) waited with 6,000
 * items on one 2.6 MB page; a reviewer works through a page at a time, filtered by what they own.
 */
export const QUEUE_PAGE_SIZE = 50;

/** Whether an item's group ("checklist/group", '' for a section) falls under the filter's group or checklist. */
export const inQueueGroup = (itemGroup: string, filter: string): boolean =>
  !filter || itemGroup === filter || (!filter.includes('/') && itemGroup.startsWith(`${filter}/`));

export interface QueueItem {
  kind: ReviewTargetKind;
  key: string;
  /** The value the queue's form posts for this item: kind, key and the version seen. */
  value: string;
  title: string;
  /** The verdict (a cell) or the kind of section. */
  detail: string;
  detailCls: string;
  href: string;
  state: ReviewState;
  stateLabel: string;
  version: number;
  author: string | null;
  authorName: string;
  changedAt: string | null;
  approval: (ApprovalRecord & { approverName: string }) | null;
  group: string;
  unit: string;
  mayApprove: boolean;
  refusal: string | null;
}

/** The form value of a queue item, parsed back by the route (kind:key@version). */
export const queueValue = (kind: ReviewTargetKind, key: string, version: number): string => `${kind}:${key}@${version}`;

export function parseQueueValue(value: string): ApproveRequest | null {
  const m = /^(cell|section):([^@\s]{1,300})@(\d{1,9})$/.exec(value);
  return m ? { kind: m[1] as ReviewTargetKind, key: m[2], version: Number(m[3]) } : null;
}

/** Who wrote in a snapshot (its team, and whoever last changed a cell or section), kept per shared snapshot: one pass over 6,000 cells otherwise on every view of the queue. */
const authorsKept = new WeakMap<InspectionSnapshot, string[]>();
function authorsOf(snapshot: InspectionSnapshot): string[] {
  const kept = authorsKept.get(snapshot);
  if (kept) return kept;
  const authors = new Set<string>(snapshot.team);
  for (const v of snapshot.verdicts) if (v.updatedBy) authors.add(v.updatedBy);
  for (const s of snapshot.outline) if (s.updatedBy) authors.add(s.updatedBy);
  const out = [...authors].sort();
  if (Object.isFrozen(snapshot)) authorsKept.set(snapshot, out);
  return out;
}

/** The choices of the queue's filters (besides '' for all). */
export function queueChoices(ctx: Ctx, snapshot: InspectionSnapshot) {
  const checklists = inspectionChecklists(ctx.catalogue, snapshot.checklists);
  const authors = authorsOf(snapshot);
  const nameOf = personNames(ctx);
  return {
    checklists: checklists.map((c: Checklist) => ({ value: c.id, label: c.shortTitle })),
    groups: checklists.flatMap((c: Checklist) => c.groups.map((g) => ({ value: `${c.id}/${g.id}`, label: `${c.shortTitle} ${g.number}. ${g.title}`, checklist: c.id }))),
    units: snapshot.units,
    authors: authors.map((email) => ({ value: email, label: nameOf(email) })),
    states: WAITING_STATES.map((st) => ({ value: st, label: REVIEW_STATE_LABELS[st] })),
  };
}

/** What the queue knows of a waiting target before it is shown: enough to filter and count. */
interface Waiting {
  kind: ReviewTargetKind;
  key: string;
  target: ReviewTarget;
  approval: ApprovalRecord | undefined;
  state: ReviewState;
  group: string;
  unit: string;
  /** The rest of the row, built only for the page shown. */
  rest: () => Pick<QueueItem, 'title' | 'detail' | 'detailCls' | 'href' | 'changedAt'>;
}

/**
 * Every review target of a snapshot with its state, in queue order, and the counts per state:
 * what the queue filters and pages. It depends on the snapshot and the catalogue alone, so it is
 * kept per (frozen, shared) snapshot: the large inspection's 6,000 cells cost ~8 ms a view to
 * walk again, and the snapshot object changes with every write.
 */
interface QueueTargets { catalogue: Ctx['catalogue']; all: Waiting[]; counts: Record<ReviewState, number> }
const queueTargetsKept = new WeakMap<InspectionSnapshot, QueueTargets>();

function queueTargets(ctx: Ctx, inspectionId: number, snapshot: InspectionSnapshot): QueueTargets {
  const kept = queueTargetsKept.get(snapshot);
  if (kept?.catalogue === ctx.catalogue) return kept;
  const index = approvalIndex(snapshot.approvals);
  const counts: Record<ReviewState, number> = { niets_te_reviewen: 0, te_reviewen: 0, goedgekeurd: 0, goedkeuring_vervallen: 0 };
  const all: Waiting[] = [];
  const consider = (kind: ReviewTargetKind, key: string, target: ReviewTarget, group: string, unit: string, rest: Waiting['rest']) => {
    const approval = approvalOf(index, kind, key);
    const state = reviewState(target, approval);
    counts[state]++;
    if (WAITING_STATES.includes(state)) all.push({ kind, key, target, approval, state, group, unit, rest });
  };
  const cells = new Map(snapshot.verdicts.map((v) => [cellTargetKey(v.checklist, v.criterion, v.unit), v]));
  for (const c of inspectionChecklists(ctx.catalogue, snapshot.checklists)) {
    for (const cr of allCriteria(c)) {
      for (const u of snapshot.units) {
        const key = cellTargetKey(c.id, cr.id, u);
        const cell = cells.get(key);
        if (!cell) continue;
        consider('cell', key, cellTarget(cell), `${c.id}/${cr.groupId}`, u, () => {
          const v = verdictView(c, cell.verdict);
          return { title: `${c.shortTitle} ${cr.number} · ${u}`, detail: v.label, detailCls: v.cls, href: url.cell(inspectionId, c.id, cr.id, u), changedAt: cell.updatedAt };
        });
      }
    }
  }
  for (const n of numberOutline(snapshot.outline)) {
    consider('section', sectionTargetKey(n.section.id), sectionTarget(n.section), '', '', () => ({
      title: `Rapport: ${n.heading}`, detail: 'Tekst van het rapport', detailCls: '', href: url.section(inspectionId, n.section.id), changedAt: n.section.updatedAt,
    }));
  }
  const out = { catalogue: ctx.catalogue, all, counts };
  // A private (unfrozen) snapshot is read inside a transaction and may change: not kept.
  if (Object.isFrozen(snapshot)) queueTargetsKept.set(snapshot, out);
  return out;
}

/**
 * The review queue: what waits for review (te reviewen, goedkeuring vervallen), filtered, a page
 * at a time, with counts (per state of the whole inspection, and of the waiting items per
 * checklist, group, unit and state, for the filter's choices) and what the actor may approve.
 */
export function reviewQueue(ctx: Ctx, actor: Actor, inspectionId: number, filters: QueueFilters) {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const nameOf = personNames(ctx);
  const { all, counts } = queueTargets(ctx, inspection.id, snapshot);
  const author = filters.author.toLowerCase();
  const test = {
    group: (w: Waiting) => inQueueGroup(w.group, filters.group),
    unit: (w: Waiting) => !filters.unit || w.unit === filters.unit,
    author: (w: Waiting) => !author || (w.target.lastChangedBy ?? '').toLowerCase() === author,
    state: (w: Waiting) => !filters.state || w.state === filters.state,
  };
  /** Every filter but `except` (none: all of them). */
  const passes = (w: Waiting, except?: keyof typeof test) => (Object.keys(test) as Array<keyof typeof test>).every((k) => k === except || test[k](w));
  const matching = all.filter((w) => passes(w));
  // Counts of the waiting items per choice of each filter, the other filters applied: what picking it would list.
  const tally = <K extends string>(facet: keyof typeof test, keyOf: (w: Waiting) => K[]) => {
    const out = new Map<K, number>();
    for (const w of all) if (passes(w, facet)) for (const k of keyOf(w)) out.set(k, (out.get(k) ?? 0) + 1);
    return out;
  };
  const facetCounts = {
    group: tally('group', (w) => (w.group ? [w.group, w.group.slice(0, w.group.indexOf('/'))] : [])),
    unit: tally('unit', (w) => (w.unit ? [w.unit] : [])),
    state: tally('state', (w) => [w.state]),
  };
  const pages = Math.max(1, Math.ceil(matching.length / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filters.page)), pages);
  const canEdit = rightsOn(actor, inspection).canEdit;
  const items: QueueItem[] = matching.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE).map((w) => {
    const refusal = approvalRefusal(actor, inspection, w.target, w.approval);
    return {
      kind: w.kind, key: w.key, ...w.rest(), group: w.group, unit: w.unit,
      value: queueValue(w.kind, w.key, w.target.version),
      state: w.state, stateLabel: REVIEW_STATE_LABELS[w.state], version: w.target.version,
      author: w.target.lastChangedBy, authorName: w.target.lastChangedBy ? nameOf(w.target.lastChangedBy) : 'onbekend',
      approval: w.approval ? { ...w.approval, approverName: nameOf(w.approval.approvedBy) } : null,
      mayApprove: refusal === null,
      refusal: refusal && canEdit ? refusal.message : null,
    };
  });
  return {
    inspection,
    ...rightsOn(actor, inspection),
    reviewRequired: snapshot.reviewRequired,
    /** The items of the page shown. */
    items,
    /** All items matching the filters, over every page. */
    matching: matching.length,
    waiting: all.length,
    counts: { ...counts },
    facetCounts,
    page,
    pages,
    /** The number (1-based) of the first item of the page, 0 when none. */
    first: matching.length === 0 ? 0 : (page - 1) * QUEUE_PAGE_SIZE + 1,
    /** Whether a page past the last was asked for (the last is shown then). */
    pageClamped: filters.page > pages,
    mayApproveAny: items.some((i) => i.mayApprove),
    choices: queueChoices(ctx, snapshot),
    filters,
  };
}
export type ReviewQueue = ReturnType<typeof reviewQueue>;

/**
 * Whether the matrix and the bulk pages show review marks: when review is required or anyone has
 * approved something. Otherwise every assessed cell would read "te reviewen" in inspections that
 * never use review (and in every one finalised before review existed).
 */
export function showsReview(snapshot: Pick<InspectionSnapshot, 'reviewRequired' | 'approvals'>): boolean {
  return snapshot.reviewRequired || snapshot.approvals.length > 0;
}
