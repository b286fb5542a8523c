// Where inspections stand: the list, and of one inspection its progress, the roll-ups per
// checklist and the blockers to a final report. The inspection home and `toetsing status` both
// come here, so they cannot disagree.
import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { Catalogue, checklistVersion } from '../domain/checklist';
import { Blocker, BLOCKER_KIND_LABELS, BlockerKind } from '../domain/blockers';
import type { InspectionSnapshot, InspectionSummary } from '../domain/inspection';
import { inspectionStatus, InspectionStatus } from '../domain/status';
import type { DB } from '../store/db';
import { durableSnapshotMark, listInspections, loadSnapshot } from '../store/inspections.store';
import { codeFingerprint, readOverviewCache, writeOverviewEntry } from '../store/overview-cache';
import { openInspection } from './inspection-access';

/** Every inspection, newest first: every role reads every one. */
export function inspectionList(ctx: Ctx): InspectionSummary[] {
  return listInspections(ctx.db);
}

export interface BlockerGroup {
  kind: BlockerKind;
  label: string;
  list: Blocker[];
}

/** The blockers by kind, kinds in the order they first occur. */
export function groupBlockers(blockers: Blocker[]): BlockerGroup[] {
  const byKind = new Map<BlockerKind, Blocker[]>();
  for (const b of blockers) {
    const list = byKind.get(b.kind);
    if (list) list.push(b);
    else byKind.set(b.kind, [b]);
  }
  return [...byKind.entries()].map(([kind, list]) => ({ kind, label: BLOCKER_KIND_LABELS[kind], list }));
}

export interface InspectionProgress {
  inspection: InspectionSummary;
  snapshot: InspectionSnapshot;
  /** Progress, roll-ups per checklist and blockers, from the domain's one computation. */
  status: InspectionStatus;
  blockerGroups: BlockerGroup[];
}

export function inspectionProgress(ctx: Ctx, actor: Actor, inspectionId: number): InspectionProgress {
  const inspection = openInspection(ctx, actor, inspectionId, 'read');
  const snapshot = loadSnapshot(ctx.db, inspection.id);
  const status = inspectionStatus(snapshot, ctx.catalogue);
  return { inspection, snapshot, status, blockerGroups: groupBlockers(status.blockers) };
}

/** What the overview shows of one inspection: progress and the number of blockers of each kind. */
export interface InspectionOverview {
  assessed: number;
  total: number;
  /** 0..1 */
  progress: number;
  /** Kinds in the order they first occur, as groupBlockers gives them. */
  blockerCounts: Array<readonly [BlockerKind, number]>;
}

/** The overview's figures from the domain's one computation (inspectionStatus), nothing else. */
export function overviewOf(status: InspectionStatus): InspectionOverview {
  return {
    assessed: status.assessed,
    total: status.total,
    progress: status.progress,
    blockerCounts: groupBlockers(status.blockers).map((g) => [g.kind, g.list.length] as const),
  };
}

/**
 * The overview's figures per inspection, kept under the mark of the data they were computed from
 * (durableSnapshotMark) and per catalogue object (a published checklist is a new catalogue): in
 * this process, and on disk (src/store/overview-cache.ts) so that the first view after a start
 * reads them back. The overview used to load and hold every snapshot (about 3 s on 25 large
 * inspections); now an unchanged inspection costs one indexed change-log read.
 */
const overviewMemo = new WeakMap<DB, WeakMap<Catalogue, Map<number, { mark: string; overview: InspectionOverview }>>>();

const blockerKinds = Object.keys(BLOCKER_KIND_LABELS) as [BlockerKind, ...BlockerKind[]];
const storedOverviewSchema = z.object({
  assessed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  progress: z.number(),
  blockerCounts: z.array(z.tuple([z.enum(blockerKinds), z.number().int().positive()]).readonly()),
});

/**
 * What the figures on disk were computed by: all of the program's code (src/ or dist/), not only
 * src/domain where the rules live, since how the store reads a snapshot and what a migration did
 * to the data count too. Read once per process (a few MB). Null when the code cannot be read as
 * files, and then nothing is read back or stored.
 */
let rulesFingerprint: string | null | undefined;
function rulesKey(): string | null {
  if (rulesFingerprint === undefined) {
    try {
      rulesFingerprint = codeFingerprint([path.join(__dirname, '..')]);
    } catch {
      rulesFingerprint = null;
    }
  }
  return rulesFingerprint;
}

/** The checklist versions an inspection is read with, as they are in this catalogue. */
const checklistKeys = new WeakMap<Catalogue, Map<string, string>>();
function checklistsKey(catalogue: Catalogue, refs: InspectionSummary['checklists']): string {
  let byRefs = checklistKeys.get(catalogue);
  if (!byRefs) checklistKeys.set(catalogue, (byRefs = new Map<string, string>()));
  const id = JSON.stringify(refs);
  let key = byRefs.get(id);
  if (key === undefined) {
    key = crypto.createHash('sha256').update(JSON.stringify(refs.map((r) => checklistVersion(catalogue, r) ?? null))).digest('hex');
    byRefs.set(id, key);
  }
  return key;
}

/**
 * The figures on disk under exactly this key, or undefined. The file is read on each miss of the
 * memo (a few kB): what another process stored since is found too.
 */
function storedOverview(ctx: Ctx, inspectionId: number, key: string): InspectionOverview | undefined {
  const hit = readOverviewCache(ctx.dataDir).get(inspectionId);
  if (hit?.key !== key) return undefined;
  const parsed = storedOverviewSchema.safeParse(hit.figures);
  return parsed.success ? parsed.data : undefined;
}

export function inspectionOverview(ctx: Ctx, inspection: InspectionSummary): InspectionOverview {
  let byCatalogue = overviewMemo.get(ctx.db);
  if (!byCatalogue) overviewMemo.set(ctx.db, (byCatalogue = new WeakMap()));
  let memo = byCatalogue.get(ctx.catalogue);
  if (!memo) byCatalogue.set(ctx.catalogue, (memo = new Map<number, { mark: string; overview: InspectionOverview }>()));
  // The mark is read before the data: a write in between leaves an older mark on newer figures,
  // which the next read finds stale and recomputes (never the other way round).
  const mark = durableSnapshotMark(ctx.db, inspection.id, inspection.predecessorId);
  const hit = memo.get(inspection.id);
  if (hit?.mark === mark) return hit.overview;
  const rules = rulesKey();
  // Everything the figures depend on: the data (mark), the checklists they are read with, the rules.
  const key = rules === null ? null : `${mark}|${checklistsKey(ctx.catalogue, inspection.checklists)}|${rules}`;
  const stored = key === null ? undefined : storedOverview(ctx, inspection.id, key);
  if (stored) {
    memo.set(inspection.id, { mark, overview: stored });
    return stored;
  }
  const overview = overviewOf(inspectionStatus(loadSnapshot(ctx.db, inspection.id), ctx.catalogue));
  memo.set(inspection.id, { mark, overview });
  if (key !== null) writeOverviewEntry(ctx.dataDir, inspection.id, { key, figures: overview });
  return overview;
}

/**
 * Fill the overview memo in the background after a start, one inspection per turn of the event
 * loop so requests in between are not held up: the first view of the overview then finds it
 * filled. Returns a function that stops it (on close).
 */
export function warmOverview(ctx: Ctx): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: InspectionSummary[] | null = null;
  const step = () => {
    if (stopped) return;
    try {
      queue ??= inspectionList(ctx);
      const next = queue.shift();
      if (!next) return;
      inspectionOverview(ctx, next);
    } catch (e) {
      // A failed warm-up only means the overview computes it itself; it must not stop the server.
      console.error(e);
      return;
    }
    timer = setTimeout(step, 0).unref();
  };
  timer = setTimeout(step, 0).unref();
  return () => { stopped = true; if (timer) clearTimeout(timer); };
}
