// `toetsing list` and `toetsing status`: what the overview screen shows, on the terminal.
import { verdictLabel } from '../domain/checklist';
import { describeTally } from '../domain/rollup';
import { inspectionStatus } from '../domain/status';
import { INSPECTION_STATUS_LABELS } from '../domain/vocabulary';
import type { Ctx } from '../context';
import { findInspection, listInspections, loadSnapshot } from '../store/inspections.store';
import type { Io } from './io';

export function listCommand(ctx: Ctx, io: Io, opts: { json?: boolean }): void {
  const list = listInspections(ctx.db);
  if (opts.json) {
    io.out(JSON.stringify(list.map((i) => ({ id: i.id, ref: i.ref, year: i.year, title: i.title, status: i.status })), null, 2));
    return;
  }
  if (list.length === 0) { io.out('Nog geen onderzoeken. Laad de demo met `toetsing demo`.'); return; }
  for (const i of list) io.out(`${String(i.id).padStart(4)}  ${i.year}  ${INSPECTION_STATUS_LABELS[i.status].padEnd(11)}  ${i.ref.padEnd(36)}  ${i.title}`);
}

export function statusJson(ctx: Ctx, idOrRef: string) {
  const s = loadSnapshot(ctx.db, findInspection(ctx.db, idOrRef).id);
  const st = inspectionStatus(s, ctx.catalogue);
  return {
    id: s.id,
    ref: s.ref,
    title: s.title,
    year: s.year,
    status: s.status,
    progress: { assessed: st.assessed, total: st.total, share: Number(st.progress.toFixed(4)) },
    checklists: st.rollups.map(({ checklist, rollup }) => ({
      id: checklist.id,
      title: checklist.title,
      groups: checklist.groups.map((g) => {
        const nat = rollup.nationalGroup.get(g.id)!;
        return {
          id: g.id,
          title: g.title,
          national: {
            computed: nat.computed,
            final: nat.final,
            label: verdictLabel(checklist.scale, nat.final),
            override: nat.override,
            complete: nat.complete,
            counts: nat.tally,
            summary: describeTally(checklist, nat.tally, { one: 'eenheid', many: 'eenheden' }),
          },
          units: Object.fromEntries(
            s.units.map((u) => {
              const r = rollup.unitGroup.get(u)!.get(g.id)!;
              return [u, { computed: r.computed, final: r.final, override: r.override, complete: r.complete, counts: r.tally }];
            }),
          ),
        };
      }),
    })),
    blockers: st.blockers,
  };
}

export function statusCommand(ctx: Ctx, io: Io, idOrRef: string, opts: { json?: boolean }): void {
  const j = statusJson(ctx, idOrRef);
  if (opts.json) { io.out(JSON.stringify(j, null, 2)); return; }
  io.out(`${j.title} (${j.year}) — ${INSPECTION_STATUS_LABELS[j.status as 'concept']}`);
  io.out(`Voortgang: ${j.progress.assessed} van ${j.progress.total} cellen beoordeeld (${Math.round(j.progress.share * 100)}%)`);
  for (const c of j.checklists) {
    const checklist = ctx.catalogue.checklists.get(c.id)!;
    io.out(`\n${c.title}`);
    for (const g of c.groups) {
      const n = g.national;
      const flag = n.override ? ` (berekend: ${verdictLabel(checklist.scale, n.computed)}; afwijkend vastgesteld)` : '';
      io.out(`  ${g.title}: ${n.label}${flag}${n.complete ? '' : ' — voorlopig'}`);
      io.out(`    ${n.summary}`);
      const perUnit = Object.entries(g.units).map(([u, r]) => `${u} ${verdictLabel(checklist.scale, r.final)}`);
      io.out(`    per eenheid: ${perUnit.join(' · ')}`);
    }
  }
  io.out(`\nBlokkades voor een definitief rapport: ${j.blockers.length}`);
  const byKind = new Map<string, number>();
  for (const b of j.blockers) byKind.set(b.kind, (byKind.get(b.kind) ?? 0) + 1);
  for (const [k, n] of byKind) io.out(`  ${k}: ${n}`);
  for (const b of j.blockers.filter((b) => b.kind !== 'niet_beoordeeld').slice(0, 20)) io.out(`  - ${b.message}`);
}
