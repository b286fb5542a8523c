// Checks an inspection document against the catalogue: the cross-references zod cannot see
// (units, criteria and verdict codes that must exist, evidence refs that must resolve), and the
// frameworks a document may carry against what this database has published.
import { isDeepStrictEqual } from 'node:util';
import { allCriteria, Catalogue, Checklist, checklistVersion, isValidVerdict, versionKey } from './checklist';
import type { InspectionDocument } from './document';
import { currentUnitSet, defaultOrganisation, UnitSet, unitSetKey, UnitSetRef, unitSetOf } from './units';
import { NATIONAL, needsWederhoor } from './vocabulary';
import { bodyProblems, outlineShapeProblem } from './outline';
import { reviewNoteProblems } from './review-notes';

const HOW_TO_CARRY = 'of exporteer het onderzoek opnieuw met --with-checklists, zodat het document die meeneemt';

/** Every unit code a document mentions, in order of first mention. */
function mentionedUnits(doc: InspectionDocument): string[] {
  const codes = new Set<string>(doc.inspection.units);
  for (const e of doc.evidence) for (const u of e.units) codes.add(u);
  for (const s of doc.statistics) if (s.unit) codes.add(s.unit);
  return [...codes];
}

/**
 * The unit set a document is read with: the one it names, or, for a document from before
 * organisations (no inspection.unitSet), the default organisation's current set, which must then
 * hold every unit code the document mentions.
 */
export function documentUnitSet(doc: InspectionDocument, catalogue: Catalogue): { ref: UnitSetRef; set: UnitSet } | { problem: string } {
  const named = doc.inspection.unitSet;
  if (named) {
    const set = unitSetOf(catalogue, named);
    if (set) return { ref: named, set };
    const known = catalogue.organisations.has(named.organisation);
    return {
      problem:
        `inspection.unitSet: ${known ? `de eenheden van organisatie '${named.organisation}' versie ${named.version} zijn` : `organisatie '${named.organisation}' is`} ` +
        `hier niet gepubliceerd; publiceer die eerst (toetsing units import) ${HOW_TO_CARRY}`,
    };
  }
  const code = defaultOrganisation(catalogue);
  const set = code === undefined ? undefined : currentUnitSet(catalogue, code);
  if (!set) return { problem: 'inspection.unitSet: het document noemt geen organisatie en hier is er geen; publiceer eerst de eenheden (toetsing units import)' };
  const inSet = new Set(set.units.map((u) => u.code));
  const missing = mentionedUnits(doc).filter((u) => !inSet.has(u));
  if (missing.length > 0) {
    return {
      problem:
        `inspection.unitSet: het document noemt geen organisatie en de eenheden ${missing.map((u) => `'${u}'`).join(', ')} ` +
        `staan niet in de huidige eenheden van ${set.organisationName} (versie ${set.version})`,
    };
  }
  return { ref: { organisation: set.organisation, version: set.version }, set };
}

/**
 * The catalogue as it will be once the frameworks the document carries are published: the
 * document is checked against this before anything is written. Versions the catalogue has stay
 * as published (frameworkProblems refuses a carried one that differs).
 */
export function withCarriedFrameworks(catalogue: Catalogue, doc: InspectionDocument): Catalogue {
  const f = doc.frameworks;
  if (!f) return catalogue;
  const versions = new Map(catalogue.versions);
  for (const c of f.checklists) if (!versions.has(versionKey(c.id, c.version))) versions.set(versionKey(c.id, c.version), c);
  const unitSets = new Map(catalogue.unitSets);
  const organisations = new Map(catalogue.organisations);
  if (f.unitSet) {
    const key = unitSetKey(f.unitSet.organisation, f.unitSet.version);
    if (!unitSets.has(key)) unitSets.set(key, f.unitSet);
    if (!organisations.has(f.unitSet.organisation)) {
      organisations.set(f.unitSet.organisation, { code: f.unitSet.organisation, name: f.unitSet.organisationName, current: f.unitSet.version });
    }
  }
  return { ...catalogue, versions, unitSets, organisations };
}

/**
 * What the document carries against what is published here: a carried version must belong to the
 * inspection, and where this database has that version its content must be exactly the same.
 * `nextUnitSetVersion` is the version publishing the carried unit set would make here (versions
 * are counted per organisation, so only the next one can be taken over).
 */
export function frameworkProblems(doc: InspectionDocument, catalogue: Catalogue, nextUnitSetVersion: (organisation: string) => number): string[] {
  const f = doc.frameworks;
  if (!f) return [];
  const problems: string[] = [];
  const i = doc.inspection;
  const seen = new Set<string>();
  f.checklists.forEach((c, n) => {
    const where = `frameworks.checklists[${n}]`;
    const key = versionKey(c.id, c.version);
    if (seen.has(key)) problems.push(`${where}: kader '${c.id}' versie ${c.version} staat er dubbel in`);
    seen.add(key);
    if (!i.checklists.some((r) => r.id === c.id && r.version === c.version)) {
      problems.push(`${where}: kader '${c.id}' versie ${c.version} hoort niet bij dit onderzoek`);
    }
    const published = checklistVersion(catalogue, c);
    if (published && !isDeepStrictEqual(published, c)) {
      problems.push(
        `${where}: kader '${c.id}' versie ${c.version} is hier al gepubliceerd met een andere inhoud dan het document meebrengt; ` +
          'een gepubliceerde versie verandert niet',
      );
    }
  });
  const u = f.unitSet;
  if (u) {
    const where = 'frameworks.unitSet';
    const name = `organisatie '${u.organisation}' versie ${u.version}`;
    if (i.unitSet?.organisation !== u.organisation || i.unitSet.version !== u.version) {
      problems.push(`${where}: de eenheden van ${name} zijn niet de eenheden die inspection.unitSet noemt`);
    }
    if (new Set(u.units.map((x) => x.code)).size !== u.units.length) problems.push(`${where}.units: een eenheidscode staat er dubbel in`);
    const published = unitSetOf(catalogue, u);
    if (published) {
      if (published.organisationName !== u.organisationName || !isDeepStrictEqual(published.units, u.units)) {
        problems.push(`${where}: de eenheden van ${name} zijn hier al gepubliceerd met een andere inhoud dan het document meebrengt; een gepubliceerde versie verandert niet`);
      }
    } else {
      const next = nextUnitSetVersion(u.organisation);
      if (next !== u.version) {
        problems.push(
          `${where}: ${name} ontbreekt hier en kan niet als die versie worden overgenomen: de eenheden van een organisatie worden per database ` +
            `genummerd en de volgende versie hier is ${next}`,
        );
      }
    }
  }
  return problems;
}

export function documentProblems(doc: InspectionDocument, catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const i = doc.inspection;
  const resolved = documentUnitSet(doc, catalogue);
  if ('problem' in resolved) problems.push(resolved.problem);
  const unitSet = 'set' in resolved ? resolved.set : undefined;
  const knownUnits = new Set((unitSet?.units ?? []).map((u) => u.code));
  const setName = unitSet ? ` in de eenheden van ${unitSet.organisationName} (versie ${unitSet.version})` : '';
  if (unitSet) for (const u of i.units) if (!knownUnits.has(u)) problems.push(`inspection.units: eenheid '${u}' bestaat niet${setName}`);
  if (new Set(i.units).size !== i.units.length) problems.push('inspection.units: een eenheid staat er dubbel in');
  const inScope = new Set(i.units);

  const checklists = new Map<string, Checklist | undefined>();
  // A checklist that is not published here makes every reference to it fail: one problem says it.
  const unpublished = new Set<string>();
  i.checklists.forEach((c, n) => {
    // The version the document names must be published here: never read it with another one.
    const cl = checklistVersion(catalogue, c);
    if (!cl) {
      const unknown = !catalogue.checklists.has(c.id) && ![...catalogue.versions.values()].some((v) => v.id === c.id);
      problems.push(
        `inspection.checklists[${n}]: checklist '${c.id}' versie ${c.version} is hier niet gepubliceerd${unknown ? ' (geen enkele versie van dit kader)' : ''}; ` +
          `publiceer die versie eerst (toetsing checklist import) ${HOW_TO_CARRY}`,
      );
      unpublished.add(c.id);
    }
    checklists.set(c.id, cl);
  });

  const evidenceRefs = new Set<string>();
  doc.evidence.forEach((e, n) => {
    if (evidenceRefs.has(e.ref)) problems.push(`evidence[${n}]: sleutel '${e.ref}' komt dubbel voor`);
    evidenceRefs.add(e.ref);
    if (unitSet) for (const u of e.units) if (!knownUnits.has(u)) problems.push(`evidence[${n}].units: eenheid '${u}' bestaat niet${setName}`);
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
    if (unpublished.has(v.checklist)) return;
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
    if (unpublished.has(o.checklist)) return;
    if (!cl || !groupOf(o.checklist, o.group)) problems.push(`overrides[${n}]: groep '${o.group}' bestaat niet in '${o.checklist}'`);
    else if (!isValidVerdict(cl.scale, o.verdict)) problems.push(`overrides[${n}]: oordeel '${o.verdict}' bestaat niet op de schaal`);
    if (o.scope !== NATIONAL && !inScope.has(o.scope)) problems.push(`overrides[${n}]: eenheid '${o.scope}' valt niet binnen dit onderzoek`);
  });
  doc.findings.forEach((f, n) => {
    if (!unpublished.has(f.checklist) && !criterionOf(f.checklist, f.criterion)) problems.push(`findings[${n}]: criterium '${f.checklist}/${f.criterion}' bestaat niet`);
  });
  doc.conclusions.forEach((c, n) => {
    if (!unpublished.has(c.checklist) && !groupOf(c.checklist, c.group)) problems.push(`conclusions[${n}]: groep '${c.checklist}/${c.group}' bestaat niet`);
  });
  const recRefs = new Set<string>();
  doc.recommendations.forEach((r, n) => {
    if (!unpublished.has(r.checklist) && !groupOf(r.checklist, r.group)) problems.push(`recommendations[${n}]: groep '${r.checklist}/${r.group}' bestaat niet`);
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
    if (unitSet && s.unit && !knownUnits.has(s.unit)) problems.push(`statistics[${n}]: eenheid '${s.unit}' bestaat niet${setName}`);
  });
  if (doc.outline && unpublished.size === 0) {
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
