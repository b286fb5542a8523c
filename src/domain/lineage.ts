// How the criteria of one checklist version descend from another's, through the mapping files in
// criteria/mappings/. Comparison and trend both read verdicts "through" a lineage, so the rules
// for renumbered, split, merged, dropped and added criteria live in this one place.
//
// Semantics (why they are sound): a later criterion's earlier verdict is `combine()` over the
// earlier criteria it descends from. For a renumbering that is the one earlier verdict; for a
// split (1 → n) every later part descends from the same earlier criterion, so each part is
// compared with that earlier verdict; for a merge (n → 1) the later criterion is compared with the
// combined earlier verdicts, by the same rule that combines criteria into a toezegging. combine()
// composes (positive only when all parts are positive, negative only when all are negative), so a
// chain of mappings A → B → C gives the same result as combining the original A verdicts at once.
import type { Catalogue, Checklist, ChecklistMapping } from './checklist';
import { allCriteria, versionKey } from './checklist';

export type Relation = 'same' | 'renumbered' | 'split' | 'merged' | 'added' | 'unmapped';

export const RELATION_LABELS: Record<Relation | 'dropped' | 'unmapped_earlier', string> = {
  same: 'ongewijzigd',
  renumbered: 'hernummerd',
  split: 'gesplitst',
  merged: 'samengevoegd',
  added: 'nieuw criterium (geen voorganger)',
  unmapped: 'geen koppeling met het eerdere kader',
  dropped: 'vervallen in het latere kader',
  unmapped_earlier: 'geen koppeling met het latere kader',
};

export interface Lineage {
  from: Checklist;
  to: Checklist;
  /** The mappings followed, in order; empty when both sides are the same checklist. */
  path: ChecklistMapping[];
  /** Later criterion id → the earlier criterion ids it descends from (empty: not comparable). */
  sources: Map<string, string[]>;
  /** Later criterion id → how it relates to its sources. */
  relation: Map<string, Relation>;
  /** Earlier criteria with no descendant: dropped explicitly, or left out of a mapping. */
  orphans: Array<{ id: string; explicit: boolean }>;
}

/**
 * The shortest chain of mappings from one checklist version to another (breadth first); null if
 * none. Nodes are versions (id@version): two versions of one id are compared only through a
 * mapping between them, never as if they were the same checklist.
 */
export function mappingPath(catalogue: Catalogue, from: Pick<Checklist, 'id' | 'version'>, to: Pick<Checklist, 'id' | 'version'>): ChecklistMapping[] | null {
  const fromKey = versionKey(from.id, from.version);
  const toKey = versionKey(to.id, to.version);
  if (fromKey === toKey) return [];
  const keyOf = (side: { checklist: string; version: string }) => versionKey(side.checklist, side.version);
  const seen = new Set([fromKey]);
  let frontier: Array<{ at: string; path: ChecklistMapping[] }> = [{ at: fromKey, path: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { at, path } of frontier) {
      for (const m of catalogue.mappings) {
        if (keyOf(m.from) !== at || seen.has(keyOf(m.to))) continue;
        const p = [...path, m];
        if (keyOf(m.to) === toKey) return p;
        seen.add(keyOf(m.to));
        next.push({ at: keyOf(m.to), path: p });
      }
    }
    frontier = next;
  }
  return null;
}

/** One mapping step: later id → earlier ids, plus the earlier ids that were explicitly dropped. */
function step(m: ChecklistMapping, to: Checklist): { back: Map<string, string[]>; dropped: Set<string>; added: Set<string> } {
  const back = new Map<string, string[]>();
  for (const cr of allCriteria(to)) back.set(cr.id, []);
  for (const entry of m.map) {
    for (const t of entry.to) {
      const list = back.get(t);
      if (list) for (const f of entry.from) if (!list.includes(f)) list.push(f);
    }
  }
  return { back, dropped: new Set(m.dropped), added: new Set(m.added) };
}

const numberOf = (checklist: Checklist, id: string) => allCriteria(checklist).find((c) => c.id === id)?.number;

export function buildLineage(catalogue: Catalogue, from: Checklist, to: Checklist): Lineage | null {
  const path = mappingPath(catalogue, from, to);
  if (path === null) return null;
  const sources = new Map<string, string[]>();
  const relation = new Map<string, Relation>();
  const fromIds = allCriteria(from).map((c) => c.id);

  if (path.length === 0) {
    for (const id of fromIds) { sources.set(id, [id]); relation.set(id, 'same'); }
    return { from, to, path, sources, relation, orphans: [] };
  }

  // Walk back from the last checklist to the first, carrying for every later criterion the set of
  // criteria it descends from at each level.
  let current = new Map(allCriteria(to).map((c) => [c.id, [c.id]]));
  let explicitlyAdded = new Set<string>();
  const explicitlyDropped = new Set<string>();
  for (let i = path.length - 1; i >= 0; i--) {
    const target = catalogue.versions.get(versionKey(path[i].to.checklist, path[i].to.version));
    // The catalogue holds a mapping only when both its versions are published (a foreign key).
    if (!target) throw new Error(`mapping to unknown checklist ${path[i].to.checklist} ${path[i].to.version}`);
    const { back, dropped, added } = step(path[i], target);
    if (i === path.length - 1) explicitlyAdded = added;
    if (i === 0) for (const d of dropped) explicitlyDropped.add(d);
    const next = new Map<string, string[]>();
    for (const [laterId, mids] of current) {
      const earlier: string[] = [];
      for (const mid of mids) for (const e of back.get(mid) ?? []) if (!earlier.includes(e)) earlier.push(e);
      next.set(laterId, earlier);
    }
    current = next;
  }

  const used = new Map<string, number>();
  for (const [laterId, list] of current) {
    const valid = fromIds.filter((id) => list.includes(id));
    sources.set(laterId, valid);
    for (const e of valid) used.set(e, (used.get(e) ?? 0) + 1);
  }
  for (const [laterId, list] of sources) {
    if (list.length === 0) relation.set(laterId, explicitlyAdded.has(laterId) ? 'added' : 'unmapped');
    else if (list.length > 1) relation.set(laterId, 'merged');
    else if ((used.get(list[0]) ?? 0) > 1) relation.set(laterId, 'split');
    else relation.set(laterId, list[0] === laterId && numberOf(from, list[0]) === numberOf(to, laterId) ? 'same' : 'renumbered');
  }
  const orphans = fromIds.filter((id) => !used.has(id)).map((id) => ({ id, explicit: explicitlyDropped.has(id) }));
  return { from, to, path, sources, relation, orphans };
}
