// Shared by the report tests: whitespace flattened for text comparisons, and small inspection
// documents built for one test. The PDF text itself comes from test/helpers/pdf.ts.
import type { DocumentInput } from '../../src/domain/document';

export const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

const UNITS = ['NN', 'AMS', 'RT'];
const CRITERIA = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10', 'k11', 'k12', 'k13', 'k14', 'k15', 'k16'];

/** A small inspection document: three units, every criterion judged, one evidence per unit. */
export function smallDocument(over: {
  ref?: string;
  motivation?: string;
  finding?: string;
  evidenceTitle?: string;
  evidence?: number;
  status?: 'concept' | 'vastgesteld';
  verdicts?: boolean;
} = {}): DocumentInput {
  const count = over.evidence ?? 3;
  const evidence = Array.from({ length: count }, (_, i) => ({
    ref: `E${String(i + 1).padStart(4, '0')}`,
    type: i % 3 === 0 ? ('gespreksverslag' as const) : ('document' as const),
    title: i === 0 && over.evidenceTitle ? over.evidenceTitle : `Testbron nummer ${i + 1}`,
    dateFrom: '2022-06-01',
    party: 'Eenheid test',
    wederhoor: i % 3 === 0 ? { status: 'akkoord' as const, date: '2022-07-01' } : null,
  }));
  const verdicts = over.verdicts === false
    ? []
    : UNITS.flatMap((unit, u) =>
        CRITERIA.map((criterion, c) => ({
          unit,
          checklist: 'toetsingskader',
          criterion,
          verdict: c % 4 === 3 ? 'ten_dele' : 'nagekomen',
          motivation: over.motivation ?? `Motivering voor ${criterion} bij ${unit}.`,
          // Spread the evidence over the cells, so every item is cited at least once.
          evidence: evidence.filter((_e, i) => i % (UNITS.length * CRITERIA.length) === u * CRITERIA.length + c).map((e) => ({ ref: e.ref, excerpt: '' })),
        })),
      );
  return {
    format: 'toetsing-onderzoek',
    formatVersion: 1,
    inspection: {
      ref: over.ref ?? 'test-rapport',
      title: 'Testonderzoek rapporten',
      year: 2024,
      status: over.status ?? 'concept',
      finalisedAt: over.status === 'vastgesteld' ? '2024-03-05T10:00:00Z' : null,
      checklists: [{ id: 'toetsingskader', version: '2016' }, { id: 'ombudsman', version: '2021' }],
      units: UNITS,
      texts: { voorwoord: '', aanleiding: 'Aanleiding van de test.', onderzoeksvraag: '', methode: '', conclusie: '' },
    },
    verdicts,
    findings: over.finding ? [{ checklist: 'toetsingskader', criterion: 'k1', text: over.finding }] : [],
    evidence,
  };
}
