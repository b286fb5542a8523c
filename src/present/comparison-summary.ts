// The comparison in words: what a manager reads first. Deterministic sentences generated from a
// Comparison (never free text), each pointing at the rows it speaks of, in a fixed order:
// the headline over what both inspections assessed and what was counted apart, per toezegging
// how many units improved, stayed and declined (with the share kept where the strict verdict
// hides the progress), every decline by unit and criterion, the criteria that improved at every
// unit, and what is new or no longer assessed. Pure: the same comparison gives the same words.
// Presentation, not domain: the figures come from the domain (compare.ts, progress.ts); this
// module only puts them into Dutch sentences.
import { type Catalogue, type Checklist, codeOfRank, verdictLabel } from '../domain/checklist';
import { unitNameOf } from '../domain/units';
import { criterionName } from './criteria';
import { capital, count, CELLS, criterionNoun, dutchNumber, percent, UNITS } from './words';
import { keptOrPartlyShare, keptShare, type SideShares } from '../domain/comparison/progress';
import type { ChecklistComparison, Comparison, CriterionRef, CriterionRow, GroupRow } from '../domain/comparison/types';

export type SentenceKind = 'headline' | 'apart' | 'group' | 'strict_vs_share' | 'decline' | 'no_decline' | 'improved_everywhere' | 'new' | 'gone';

export interface SummarySentence {
  kind: SentenceKind;
  text: string;
  /** The id of the element the sentence speaks of (see anchors below), on the page and in the PDF. */
  target: string;
  /** Every row or toezegging it speaks of, `target` first. */
  targets: string[];
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The anchor of a compared checklist's section. */
export function checklistAnchor(checklistId: string): string {
  return `k-${slug(checklistId)}`;
}

/** The anchor of a toezegging of a compared checklist. */
export function groupAnchor(checklistId: string, groupId: string): string {
  return `t-${slug(checklistId)}-${slug(groupId)}`;
}

/** The anchor of a criterion row of a comparison; its key already names the checklist. */
export function rowAnchor(rowKey: string): string {
  return `c-${slug(rowKey)}`;
}

/** What one criterion is called in a sentence: "criterium", or "punt" among aandachtspunten. */
export function criterionWord(checklist: Checklist, many = false): string {
  const noun = criterionNoun(checklist.groups[0]?.kind);
  return many ? `de ${noun.many}` : noun.one;
}

function checklistOf(c: ChecklistComparison): Checklist {
  const t = c.later ?? c.earlier;
  if (!t) throw new Error('a compared checklist without either side');
  return t;
}

function rowCriterion(row: CriterionRow): CriterionRef {
  return row.laterCriterion ?? row.earlierCriteria[0];
}

/** "a", "a en b", "a, b en c". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** "1 ging" / "3 gingen" / "0 gingen": a number with its verb. */
function did(n: number, one: string, many: string): string {
  return `${dutchNumber(n)} ${n === 1 ? one : many}`;
}

function lower(checklist: Checklist, code: string): string {
  return verdictLabel(checklist.scale, code).toLowerCase();
}

function shareWords(s: SideShares, E: number, L: number, positive: string): string {
  const e = keptShare(s.earlier);
  const l = keptShare(s.later);
  if (e === null || l === null) return '';
  return `het aandeel ${positive} cellen ${l > e ? 'steeg' : l < e ? 'daalde' : 'bleef'} ${l === e ? percent(l) : `van ${percent(e)} (${E}) naar ${percent(l)} (${L})`}`;
}

/**
 * The one sentence that explains why a strict verdict can stay while the share rises; its words
 * follow the checklist's scale.
 */
export function strictVersusShareExplanation(checklist: Checklist): string {
  const pos = lower(checklist, codeOfRank(checklist.scale, 'positive'));
  const part = lower(checklist, codeOfRank(checklist.scale, 'partial'));
  const neg = lower(checklist, codeOfRank(checklist.scale, 'negative'));
  const kind = checklist.groups[0]?.kind ?? 'toezegging';
  return `Een ${kind} is pas ${pos} als elk beoordeeld criterium bij elke eenheid ${pos} is, en ${neg} alleen als niets ${pos} is; daartussen is zij ${part}. Daarom kan het oordeel ${part} blijven terwijl het aandeel ${pos} cellen sterk stijgt: de voortgang staat in dat aandeel.`;
}

function groupSentences(cmp: Comparison, c: ChecklistComparison, g: GroupRow, shares: SideShares | undefined): SummarySentence[] {
  const checklist = checklistOf(c);
  const E = cmp.earlier.year, L = cmp.later.year;
  const rows = c.rows.filter((r) => r.group.id === g.group.id);
  const units = cmp.units;
  let improved = 0, stayed = 0, declined = 0;
  for (const unit of units) {
    const cells = rows.flatMap((r) => r.cells.filter((x) => x.unit === unit));
    if (cells.some((x) => x.direction === 'verslechterd')) declined++;
    else if (cells.some((x) => x.direction === 'verbeterd')) improved++;
    else stayed++;
  }
  const cellsUp = rows.reduce((n, r) => n + r.counts.verbeterd, 0);
  const cellsDown = rows.reduce((n, r) => n + r.counts.verslechterd, 0);
  const cellsSame = rows.reduce((n, r) => n + r.counts.gelijk, 0);
  const kind = checklist.groups.find((x) => x.id === g.group.id)?.kind ?? 'toezegging';
  const noun = criterionNoun(kind);
  const target = groupAnchor(checklist.id, g.group.id);
  const national = g.national.earlier && g.national.later && g.national.earlier.rank !== null && g.national.later.rank !== null
    ? g.national.direction === 'gelijk'
      ? `landelijk bleef het oordeel ${g.national.later.label.toLowerCase()}`
      : `landelijk ${g.national.direction === 'verbeterd' ? 'verbeterde' : 'verslechterde'} het oordeel van ${g.national.earlier.label.toLowerCase()} naar ${g.national.later.label.toLowerCase()}`
    : '';
  const out: SummarySentence[] = [{
    kind: 'group',
    target,
    targets: [target],
    text: `${capital(kind)} ${g.group.number}, ${g.group.title} (${count(rows.length, noun)}): van de ${count(units.length, UNITS)} ${did(improved, 'verbeterde', 'verbeterden')} op één of meer ${noun.many} zonder ergens achteruit te gaan, ${did(stayed, 'bleef', 'bleven')} gelijk en ${did(declined, 'ging', 'gingen')} op een ${noun.one} achteruit. Van de ${count(cellsUp + cellsSame + cellsDown, CELLS)} met een oordeel in beide onderzoeken ${did(cellsUp, 'verbeterde', 'verbeterden')}, ${did(cellsSame, 'bleef', 'bleven')} gelijk en ${did(cellsDown, 'ging', 'gingen')} achteruit${national ? `; ${national}` : ''}.`,
  }];
  if (shares && g.national.direction === 'gelijk') {
    const e = keptShare(shares.earlier), l = keptShare(shares.later);
    const ep = keptOrPartlyShare(shares.earlier), lp = keptOrPartlyShare(shares.later);
    if (e !== null && l !== null && ep !== null && lp !== null && (l > e || (l === e && lp > ep))) {
      const pos = lower(checklist, codeOfRank(checklist.scale, 'positive'));
      const part = lower(checklist, codeOfRank(checklist.scale, 'partial'));
      out.push({
        kind: 'strict_vs_share',
        target,
        targets: [target],
        text: `Het landelijke oordeel over ${kind} ${g.group.number} bleef ${g.national.later?.label.toLowerCase() ?? ''}, maar ${shareWords(shares, E, L, pos)}, en het aandeel ${pos} of ${part} van ${percent(ep)} naar ${percent(lp)}.`,
      });
    }
  }
  return out;
}

export interface ComparisonSummary {
  sentences: SummarySentence[];
  /** Why the strict verdict can stay while the share rises, per paired checklist (its scale's words). */
  explanations: Array<{ checklistId: string; text: string }>;
}

export function summarise(cmp: Comparison, catalogue: Pick<Catalogue, 'unitSets'>): ComparisonSummary {
  const E = cmp.earlier.year, L = cmp.later.year;
  // Names from the later inspection's unit set; codes are aligned across both.
  const unitName = (code: string) => unitNameOf(catalogue, cmp.later, code);
  const sentences: SummarySentence[] = [];
  const paired = cmp.checklists.filter((c) => c.earlier && c.later);
  const h = cmp.headline;
  const firstPaired = paired[0] as ChecklistComparison | undefined;
  const pairedTargets = paired.map((c) => checklistAnchor(checklistOf(c).id));

  if (firstPaired) {
    const n = h.counts;
    const rest = [
      n.nieuw_beoordeeld ? `${dutchNumber(n.nieuw_beoordeeld)} ${n.nieuw_beoordeeld === 1 ? 'werd' : 'werden'} in ${L} voor het eerst beoordeeld` : '',
      n.niet_meer_beoordeeld ? `${dutchNumber(n.niet_meer_beoordeeld)} ${n.niet_meer_beoordeeld === 1 ? 'werd' : 'werden'} in ${L} niet meer beoordeeld` : '',
      n.niet_vergelijkbaar ? `${dutchNumber(n.niet_vergelijkbaar)} ${n.niet_vergelijkbaar === 1 ? 'is' : 'zijn'} niet vergelijkbaar` : '',
    ].filter(Boolean);
    sentences.push({
      kind: 'headline',
      target: pairedTargets[0],
      targets: pairedTargets,
      text: `Van de ${count(h.cells, CELLS)} (criterium × eenheid) van ${listing(paired.map((c) => checklistOf(c).shortTitle))}, die beide onderzoeken kennen, ${n.verbeterd === 1 ? 'verbeterde' : 'verbeterden'} er ${dutchNumber(n.verbeterd)}, ${n.gelijk === 1 ? 'bleef' : 'bleven'} er ${dutchNumber(n.gelijk)} gelijk en ${n.verslechterd === 1 ? 'ging' : 'gingen'} er ${dutchNumber(n.verslechterd)} achteruit${rest.length ? `; ${listing(rest)}` : ''}.`,
    });
  }
  for (const a of h.apart) {
    const year = a.only === 'earlier' ? E : L;
    const target = checklistAnchor(a.checklistId);
    sentences.push({
      kind: 'apart',
      target,
      targets: [target],
      text: `Alleen in ${year} beoordeeld: ${count(a.assessed, CELLS)} van de ${a.title}. Het onderzoek van ${a.only === 'earlier' ? L : E} gebruikte dit kader niet; deze cellen zijn apart geteld en niet vergeleken.`,
    });
  }

  for (const c of paired) {
    const checklist = checklistOf(c);
    const progress = cmp.progress.find((p) => p.checklistId === checklist.id);
    for (const g of c.groups) sentences.push(...groupSentences(cmp, c, g, progress?.groups.find((x) => x.group.id === g.group.id)));
  }

  let anyDecline = false;
  for (const c of paired) {
    const checklist = checklistOf(c);
    for (const row of c.rows) {
      const down = row.cells.filter((x) => x.direction === 'verslechterd');
      if (down.length === 0) continue;
      anyDecline = true;
      const target = rowAnchor(row.key);
      const who = down.map((x) => `${unitName(x.unit)} (van ${x.earlier?.label.toLowerCase() ?? '—'} naar ${x.later?.label.toLowerCase() ?? '—'})`);
      sentences.push({
        kind: 'decline',
        target,
        targets: [target],
        text: `Achteruit op ${criterionWord(checklist)} ${criterionName(checklist, rowCriterion(row))}: ${listing(who)}.`,
      });
    }
  }
  if (firstPaired && !anyDecline) {
    sentences.push({ kind: 'no_decline', target: pairedTargets[0], targets: pairedTargets, text: 'Geen enkele eenheid ging op enig criterium achteruit.' });
  }

  for (const c of paired) {
    const checklist = checklistOf(c);
    const everywhere = c.rows.filter((r) => r.cells.length > 0 && r.cells.every((x) => x.direction === 'verbeterd'));
    if (everywhere.length === 0) continue;
    const targets = everywhere.map((r) => rowAnchor(r.key));
    const names = everywhere.map((r) => criterionName(checklist, rowCriterion(r)));
    sentences.push({
      kind: 'improved_everywhere',
      target: targets[0],
      targets,
      text: `Bij alle ${count(cmp.units.length, UNITS)} verbeterd: ${criterionWord(checklist, everywhere.length > 1)} ${listing(names)}.`,
    });
  }

  for (const c of paired) {
    const checklist = checklistOf(c);
    const added = c.rows.filter((r) => r.relation === 'added' || r.relation === 'unmapped');
    const gone = c.rows.filter((r) => r.relation === 'dropped' || r.relation === 'unmapped_earlier');
    if (added.length) {
      const targets = added.map((r) => rowAnchor(r.key));
      sentences.push({
        kind: 'new',
        target: targets[0],
        targets,
        text: `Nieuw in het kader van ${L}, zonder tegenhanger in ${E} en dus niet vergeleken: ${criterionWord(checklist, added.length > 1)} ${listing(added.map((r) => criterionName(checklist, rowCriterion(r))))}.`,
      });
    }
    if (gone.length) {
      const earlier = c.earlier ?? checklist;
      const targets = gone.map((r) => rowAnchor(r.key));
      sentences.push({
        kind: 'gone',
        target: targets[0],
        targets,
        text: `In ${L} niet meer beoordeeld, omdat het kader ${gone.length === 1 ? 'dit criterium' : 'deze criteria'} niet meer heeft: ${listing(gone.map((r) => criterionName(earlier, rowCriterion(r))))}.`,
      });
    }
  }

  return {
    sentences,
    explanations: paired.map((c) => ({ checklistId: checklistOf(c).id, text: strictVersusShareExplanation(checklistOf(c)) })),
  };
}
