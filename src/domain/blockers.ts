// What stands in the way of a final report. One function, used by the overview, the status
// command, the national page and vaststelling alike.
import { allCriteria, Checklist, NOT_ASSESSED } from './checklist';
import type { InspectionSnapshot } from './inspection';
import { outlineNeeds, outlineOf } from './outline';
import { needsWederhoor, wederhoorFinished } from './vocabulary';
import { noteBlockers } from './review-notes';
import { reviewBlockers } from './review';
import { reactionBlockers } from './wederhoor';

export type BlockerKind =
  | 'niet_beoordeeld'
  | 'oordeel_zonder_motivering'
  | 'geen_bron'
  | 'wederhoor_open'
  | 'override_zonder_motivatie'
  | 'aanbeveling_open'
  | 'tekst_ontbreekt'
  | 'deelconclusie_ontbreekt'
  | 'bevinding_ontbreekt'
  | 'review_open'
  | 'notitie_open'
  | 'reactie_onverwerkt';

export const BLOCKER_KIND_LABELS: Record<BlockerKind, string> = {
  niet_beoordeeld: 'Criterium niet beoordeeld',
  oordeel_zonder_motivering: 'Oordeel zonder motivering',
  geen_bron: 'Oordeel zonder bron',
  wederhoor_open: 'Oordeel rust op gespreksverslag zonder afgerond wederhoor',
  override_zonder_motivatie: 'Afwijkend oordeel zonder motivering',
  aanbeveling_open: 'Opvolging van eerdere aanbeveling niet vastgelegd',
  tekst_ontbreekt: 'Sectie van het rapport zonder tekst',
  deelconclusie_ontbreekt: 'Deelconclusie ontbreekt',
  bevinding_ontbreekt: 'Bevindingen bij een criterium ontbreken',
  review_open: 'Nog niet gereviewd of goedkeuring vervallen na wijziging',
  notitie_open: 'Reviewnotitie staat open',
  reactie_onverwerkt: 'Reactie uit het wederhoor nog niet verwerkt',
};

export interface Blocker {
  /** Stable identity, so a blocker can be accepted (and the acceptance found again). */
  key: string;
  kind: BlockerKind;
  message: string;
  unit?: string;
  checklist?: string;
  /** The group (toezegging) of the checklist the blocker is about. */
  group?: string;
  criterion?: string;
  evidenceId?: number;
  recommendationRef?: string;
  /** The report section the blocker is about. */
  sectionId?: number;
}

export function findBlockers(snapshot: InspectionSnapshot, checklists: Map<string, Checklist>): Blocker[] {
  const out: Blocker[] = [];
  const evidenceById = new Map(snapshot.evidence.map((e) => [e.id, e]));
  const cells = new Map(snapshot.verdicts.map((v) => [`${v.checklist}/${v.criterion}/${v.unit}`, v]));

  for (const ref of snapshot.checklists) {
    const checklist = checklists.get(ref.id);
    if (!checklist) continue;
    for (const cr of allCriteria(checklist)) {
      for (const unit of snapshot.units) {
        const where = `${checklist.shortTitle} ${cr.number}, ${unit}`;
        const cell = cells.get(`${checklist.id}/${cr.id}/${unit}`);
        const base = { unit, checklist: checklist.id, group: cr.groupId, criterion: cr.id };
        if (!cell || cell.verdict === NOT_ASSESSED) {
          out.push({ ...base, key: `niet_beoordeeld:${checklist.id}:${cr.id}:${unit}`, kind: 'niet_beoordeeld', message: `${where}: nog niet beoordeeld` });
          continue;
        }
        // A verdict is only as good as its reasoning: the report would show it unexplained.
        if (cell.motivation.trim() === '') {
          out.push({ ...base, key: `oordeel_zonder_motivering:${checklist.id}:${cr.id}:${unit}`, kind: 'oordeel_zonder_motivering', message: `${where}: oordeel zonder motivering` });
        }
        if (cell.links.length === 0) {
          out.push({ ...base, key: `geen_bron:${checklist.id}:${cr.id}:${unit}`, kind: 'geen_bron', message: `${where}: oordeel zonder gekoppelde bron` });
        }
        for (const link of cell.links) {
          const ev = evidenceById.get(link.evidenceId);
          if (ev && needsWederhoor(ev.type) && !wederhoorFinished(ev.wederhoor?.status)) {
            out.push({
              ...base,
              evidenceId: ev.id,
              key: `wederhoor_open:${checklist.id}:${cr.id}:${unit}:${ev.ref}`,
              kind: 'wederhoor_open',
              message: `${where}: rust op "${ev.title}" (wederhoor ${ev.wederhoor?.status ?? 'niet gestart'})`,
            });
          }
        }
      }
    }
  }

  for (const o of snapshot.overrides) {
    if (o.motivation.trim() === '') {
      out.push({
        key: `override_zonder_motivatie:${o.checklist}:${o.group}:${o.scope}`,
        kind: 'override_zonder_motivatie',
        checklist: o.checklist,
        group: o.group,
        ...(o.scope === '*' ? {} : { unit: o.scope }),
        message: `Afwijkend oordeel voor ${o.group} (${o.scope === '*' ? 'landelijk' : o.scope}) zonder motivering`,
      });
    }
  }

  const followed = new Set(snapshot.followups.map((f) => f.recommendationRef));
  for (const r of snapshot.predecessorRecommendations) {
    if (!followed.has(r.ref)) {
      out.push({
        key: `aanbeveling_open:${r.ref}`,
        kind: 'aanbeveling_open',
        recommendationRef: r.ref,
        message: `Aanbeveling ${r.ref} van het vorige onderzoek: opvolging nog niet vastgelegd`,
      });
    }
  }
  out.push(...reportBlockers(snapshot, checklists));
  out.push(...noteBlockers(snapshot, checklists));
  out.push(...reviewBlockers(snapshot, checklists));
  out.push(...reactionBlockers(snapshot.wederhoorReactions));
  return out;
}

/** What the report's outline requires and is not written yet. */
function reportBlockers(snapshot: InspectionSnapshot, checklists: Map<string, Checklist>): Blocker[] {
  const ordered = snapshot.checklists.map((c) => checklists.get(c.id)).filter((c): c is Checklist => c !== undefined);
  const needs = outlineNeeds(outlineOf(snapshot, ordered), ordered);
  const out: Blocker[] = needs.emptySections.map(({ section, heading }) => ({
    key: `tekst_ontbreekt:${section.id}`,
    kind: 'tekst_ontbreekt' as const,
    sectionId: section.id,
    message: `Rapport, sectie "${heading}": nog geen tekst`,
  }));
  for (const c of needs.conclusions) {
    if ((snapshot.conclusions.find((x) => x.checklist === c.checklist && x.group === c.group)?.text ?? '').trim() !== '') continue;
    const group = checklists.get(c.checklist)?.groups.find((g) => g.id === c.group);
    out.push({ key: `deelconclusie_ontbreekt:${c.checklist}:${c.group}`, kind: 'deelconclusie_ontbreekt', checklist: c.checklist, group: c.group, message: `Deelconclusie bij "${group?.title ?? c.group}" nog niet geschreven` });
  }
  for (const f of needs.findings) {
    if ((snapshot.findings.find((x) => x.checklist === f.checklist && x.criterion === f.criterion)?.text ?? '').trim() !== '') continue;
    const checklist = checklists.get(f.checklist);
    const number = checklist?.groups.flatMap((g) => g.criteria).find((x) => x.id === f.criterion)?.number ?? f.criterion;
    out.push({ key: `bevinding_ontbreekt:${f.checklist}:${f.criterion}`, kind: 'bevinding_ontbreekt', checklist: f.checklist, group: f.group, criterion: f.criterion, message: `${checklist?.shortTitle ?? f.checklist} ${number}: landelijke bevindingen nog niet geschreven` });
  }
  return out;
}
