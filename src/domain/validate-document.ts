// Checks an inspection document against the catalogue: the cross-references zod cannot see
// (units, criteria and verdict codes that must exist, evidence refs that must resolve).
import { allCriteria, Catalogue, Checklist, checklistVersion, isValidVerdict } from './checklist';
import type { InspectionDocument } from './document';
import { NATIONAL, needsWederhoor } from './vocabulary';
import { bodyProblems, outlineShapeProblem } from './outline';
import { reviewNoteProblems } from './review-notes';

export function documentProblems(doc: InspectionDocument, catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const i = doc.inspection;
  const knownUnits = new Set(catalogue.units.map((u) => u.code));
  for (const u of i.units) if (!knownUnits.has(u)) problems.push(`inspection.units: eenheid '${u}' bestaat niet`);
  if (new Set(i.units).size !== i.units.length) problems.push('inspection.units: een eenheid staat er dubbel in');
  const inScope = new Set(i.units);

  const checklists = new Map<string, Checklist | undefined>();
  i.checklists.forEach((c, n) => {
    // The version the document names must be published here: never read it with another one.
    const cl = checklistVersion(catalogue, c);
    if (!catalogue.checklists.has(c.id)) problems.push(`inspection.checklists[${n}]: checklist '${c.id}' bestaat niet`);
    else if (!cl) {
      problems.push(
        `inspection.checklists[${n}]: checklist '${c.id}' versie ${c.version} is hier niet gepubliceerd; ` +
          'publiceer die versie eerst (toetsing checklist import)',
      );
    }
    checklists.set(c.id, cl);
  });

  const evidenceRefs = new Set<string>();
  doc.evidence.forEach((e, n) => {
    if (evidenceRefs.has(e.ref)) problems.push(`evidence[${n}]: sleutel '${e.ref}' komt dubbel voor`);
    evidenceRefs.add(e.ref);
    for (const u of e.units) if (!knownUnits.has(u)) problems.push(`evidence[${n}].units: eenheid '${u}' bestaat niet`);
    if (e.wederhoor && !needsWederhoor(e.type)) problems.push(`evidence[${n}]: wederhoor hoort alleen bij gespreksverslagen`);
  });

  const criterionOf = (checklist: string, criterion: string) => {
    const cl = checklists.get(checklist);
    return cl ? allCriteria(cl).find((c) => c.id === criterion) : undefined;
  };
  const groupOf = (checklist: string, group: string) => checklists.get(checklist)?.groups.find((g) => g.id === group);

  const seenCells = new Set<string>();
  doc.verdicts.forEach((v, n) => {
    const where = `verdicts[${n}]`;
    const cl = checklists.get(v.checklist);
    if (!cl) { problems.push(`${where}: checklist '${v.checklist}' hoort niet bij dit onderzoek`); return; }
    if (!criterionOf(v.checklist, v.criterion)) problems.push(`${where}: criterium '${v.criterion}' bestaat niet in '${v.checklist}'`);
    if (!inScope.has(v.unit)) problems.push(`${where}: eenheid '${v.unit}' valt niet binnen dit onderzoek`);
    if (!isValidVerdict(cl.scale, v.verdict)) problems.push(`${where}: oordeel '${v.verdict}' bestaat niet op de schaal van '${v.checklist}'`);
    const key = `${v.checklist}/${v.criterion}/${v.unit}`;
    if (seenCells.has(key)) problems.push(`${where}: cel ${key} komt dubbel voor`);
    seenCells.add(key);
    const seenLinks = new Set<string>();
    v.evidence.forEach((l, k) => {
      if (!evidenceRefs.has(l.ref)) problems.push(`${where}.evidence[${k}]: bron '${l.ref}' bestaat niet in dit document`);
      if (seenLinks.has(l.ref)) problems.push(`${where}.evidence[${k}]: bron '${l.ref}' dubbel gekoppeld`);
      seenLinks.add(l.ref);
    });
  });

  doc.overrides.forEach((o, n) => {
    const cl = checklists.get(o.checklist);
    if (!cl || !groupOf(o.checklist, o.group)) problems.push(`overrides[${n}]: groep '${o.group}' bestaat niet in '${o.checklist}'`);
    else if (!isValidVerdict(cl.scale, o.verdict)) problems.push(`overrides[${n}]: oordeel '${o.verdict}' bestaat niet op de schaal`);
    if (o.scope !== NATIONAL && !inScope.has(o.scope)) problems.push(`overrides[${n}]: eenheid '${o.scope}' valt niet binnen dit onderzoek`);
  });
  doc.findings.forEach((f, n) => {
    if (!criterionOf(f.checklist, f.criterion)) problems.push(`findings[${n}]: criterium '${f.checklist}/${f.criterion}' bestaat niet`);
  });
  doc.conclusions.forEach((c, n) => {
    if (!groupOf(c.checklist, c.group)) problems.push(`conclusions[${n}]: groep '${c.checklist}/${c.group}' bestaat niet`);
  });
  const recRefs = new Set<string>();
  doc.recommendations.forEach((r, n) => {
    if (!groupOf(r.checklist, r.group)) problems.push(`recommendations[${n}]: groep '${r.checklist}/${r.group}' bestaat niet`);
    if (recRefs.has(r.ref)) problems.push(`recommendations[${n}]: sleutel '${r.ref}' komt dubbel voor`);
    recRefs.add(r.ref);
  });
  doc.recommendationFollowups.forEach((f, n) => {
    if (!i.predecessorRef) problems.push(`recommendationFollowups[${n}]: alleen een vervolgonderzoek volgt aanbevelingen op`);
    for (const e of f.evidence) if (!evidenceRefs.has(e)) problems.push(`recommendationFollowups[${n}]: bron '${e}' bestaat niet in dit document`);
  });
  const statKeys = new Set<string>();
  doc.statistics.forEach((s, n) => {
    const key = `${s.year}/${s.unit ?? ''}`;
    if (statKeys.has(key)) problems.push(`statistics[${n}]: jaar ${s.year}${s.unit ? ` (${s.unit})` : ''} komt dubbel voor`);
    statKeys.add(key);
    if (s.unit && !knownUnits.has(s.unit)) problems.push(`statistics[${n}]: eenheid '${s.unit}' bestaat niet`);
  });
  if (doc.outline) {
    const shape = outlineShapeProblem(doc.outline);
    if (shape) problems.push(`outline: ${shape}`);
    const scope = { checklists: [...checklists.values()].filter((c) => c !== undefined), evidenceRefs };
    doc.outline.forEach((s, n) => {
      for (const p of bodyProblems(s.body, scope)) problems.push(`outline[${n}] ("${s.title}"): ${p}`);
    });
  }
  problems.push(...reviewNoteProblems(doc, checklists));
  return problems;
}
