// `toetsing list` and `toetsing status`: what the overview and the inspection home show, on the
// terminal, from the same use cases (src/app/status.ts).
import { openInspectionRef } from '../app/inspection-access';
import { OPERATOR } from '../app/operator';
import { inspectionList, inspectionProgress, InspectionProgress } from '../app/status';
import { verdictLabel } from '../domain/checklist';
import { INSPECTION_STATUS_LABELS } from '../domain/vocabulary';
import { describeTally, UNITS } from '../present';
import type { Ctx } from '../context';
import { must } from '../errors';
import type { Io } from './io';

export function listCommand(ctx: Ctx, io: Io, opts: { json?: boolean }): void {
  const list = inspectionList(ctx);
  if (opts.json) {
    io.out(JSON.stringify(list.map((i) => ({ id: i.id, ref: i.ref, year: i.year, title: i.title, status: i.status })), null, 2));
    return;
  }
  if (list.length === 0) { io.out('Nog geen onderzoeken. Laad de demo met `toetsing demo`.'); return; }
  for (const i of list) io.out(`${String(i.id).padStart(4)}  ${i.year}  ${INSPECTION_STATUS_LABELS[i.status].padEnd(11)}  ${i.ref.padEnd(36)}  ${i.title}`);
}

function statusJson({ snapshot: s, status: st }: InspectionProgress) {
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
        const nat = must(rollup.nationalGroup.get(g.id), `het landelijke oordeel over ${g.id}`);
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
            summary: describeTally(checklist, nat.tally, UNITS),
          },
          units: Object.fromEntries(
            s.units.map((u) => {
              const r = must(rollup.unitGroup.get(u)?.get(g.id), `het oordeel van ${u} over ${g.id}`);
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
  const progress = inspectionProgress(ctx, OPERATOR, openInspectionRef(ctx, OPERATOR, idOrRef, 'read').id);
  const j = statusJson(progress);
  if (opts.json) { io.out(JSON.stringify(j, null, 2)); return; }
  io.out(`${j.title} (${j.year}) — ${INSPECTION_STATUS_LABELS[j.status as 'concept']}`);
  io.out(`Voortgang: ${j.progress.assessed} van ${j.progress.total} cellen beoordeeld (${Math.round(j.progress.share * 100)}%)`);
  for (const [i, c] of j.checklists.entries()) {
    const { checklist } = progress.status.rollups[i];
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
  for (const g of progress.blockerGroups) io.out(`  ${g.kind}: ${g.list.length}`);
  for (const b of j.blockers.filter((b) => b.kind !== 'niet_beoordeeld').slice(0, 20)) io.out(`  - ${b.message}`);
}
