// Hand-made inspection snapshots for the pure comparison and trend rules: only what those read
// (checklists, units, verdicts, predecessor, statistics), the rest empty.
import type { Catalogue } from '../../src/domain/checklist';
import type { InspectionSnapshot, VerdictRecord } from '../../src/domain/inspection';
import { defaultOrganisation } from '../../src/domain/units';

export interface SnapshotSpec {
  id?: number;
  year: number;
  /** The first one is where verdicts without a checklist in their key go. */
  checklists: string[];
  units?: string[];
  /** "criterion/unit" (first checklist) or "checklist/criterion/unit" → verdict. */
  verdicts?: Record<string, string>;
  predecessorId?: number | null;
  statistics?: InspectionSnapshot['statistics'];
}

/** A builder handing out fresh ids; motivations read "motivering <key> <year>". */
export function snapshotsFor(catalogue: Catalogue): (spec: SnapshotSpec) => InspectionSnapshot {
  let nextId = 1;
  return (spec) => {
    const id = spec.id ?? nextId++;
    const verdicts: VerdictRecord[] = Object.entries(spec.verdicts ?? {}).map(([key, verdict], i) => {
      const parts = key.split('/');
      const [checklist, criterion, unit] = parts.length === 3 ? parts : [spec.checklists[0], ...parts];
      return { id: i + 1, unit, checklist, criterion, verdict, motivation: `motivering ${key} ${spec.year}`, workflow: 'gereed', updatedBy: null, updatedAt: null, version: 1, links: [] };
    });
    return {
      id, ref: `o-${id}`, title: `Onderzoek ${spec.year}`, year: spec.year, fieldworkStart: null, fieldworkEnd: null,
      status: 'concept', finalisedAt: null, predecessorId: spec.predecessorId ?? null, illustrative: false, illustrativeNote: '',
      checklists: spec.checklists.map((c) => ({ id: c, version: catalogue.checklists.get(c)?.version ?? '' })),
      unitSet: { organisation: defaultOrganisation(catalogue) ?? '', version: catalogue.organisations.get(defaultOrganisation(catalogue) ?? '')?.current ?? 1 },
      units: spec.units ?? ['NN', 'ON'], team: [], texts: { voorwoord: '', aanleiding: '', onderzoeksvraag: '', methode: '', conclusie: '' },
      version: 1, revision: 1, revisionOf: null, predecessor: null, verdicts, evidence: [], overrides: [], findings: [], conclusions: [], recommendations: [],
      predecessorRecommendations: [], followups: [], statistics: spec.statistics ?? [], outline: [], approvals: [], reviewRequired: false, notes: [], wederhoorRounds: [], wederhoorReactions: [],
    };
  };
}
