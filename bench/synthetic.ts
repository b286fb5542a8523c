// Synthetic benchmark data as plain values: a checklist, units and inspection documents drawn
// from a seeded PRNG, so the same seed and scale always give the same data. Everything here is
// marked as synthetic in its titles; nothing resembles a real inspection.
import type { Checklist } from '../src/domain/checklist';
import type { UnitSetFileInput } from '../src/domain/units';
import type { DocumentInput } from '../src/domain/document';
import { EVIDENCE_TYPES, needsWederhoor } from '../src/domain/vocabulary';
import { must } from '../src/errors';

export const BENCH_CHECKLIST_ID = 'bench-60';
export const BENCH_CHECKLIST_VERSION = '1';
export const BENCH_EMAIL = 'bench@synthetisch.toetsing.local';

export interface Scale {
  inspections: number;
  units: number;
  criteria: number;
  /** Evidence items over all inspections together. */
  evidence: number;
  /** Share of judged cells whose history is replayed through saveVerdict (two saves each). */
  history: number;
}

export const DEFAULT_SCALE: Scale = { inspections: 25, units: 100, criteria: 60, evidence: 50_000, history: 0.2 };

/** mulberry32: small, fast and good enough for test data; the whole stream follows from the seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

const WORDS = (
  'klacht klager behandelaar coördinator gesprek dossier registratie termijn afhandeling bemiddeling ' +
  'commissie advies werkinstructie leidinggevende terugkoppeling analyse verbetering signaal eenheid ' +
  'procedure ontvangst bevestiging brief intake doel tevredenheid verslag overleg kwaliteit borging ' +
  'monitoring rapportage steekproef werkwijze uniform landelijk afspraak scholing evaluatie'
).split(' ');

function sentence(rng: Rng, min: number, max: number): string {
  const n = min + rng.int(max - min + 1);
  const words = Array.from({ length: n }, () => rng.pick(WORDS));
  return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
export const unitCode = (n: number) => `S${pad(n + 1, 3)}`;
export const criterionId = (n: number) => `c${pad(n + 1, 2)}`;
export const inspectionRef = (seed: number, k: number) => `synthetisch-s${seed}-${pad(k + 1, 2)}`;

export function benchChecklist(criteria: number): Checklist {
  const perGroup = 10;
  const groups = Array.from({ length: Math.ceil(criteria / perGroup) }, (_, g) => ({
    id: `g${g + 1}`,
    number: g + 1,
    title: `Synthetisch onderdeel ${g + 1}`,
    kind: 'onderdeel',
    criteria: Array.from({ length: Math.min(perGroup, criteria - g * perGroup) }, (_, i) => {
      const n = g * perGroup + i;
      return {
        id: criterionId(n),
        number: String(n + 1),
        text: `Synthetisch criterium ${n + 1} (benchmarkdata, geen echte norm): de eenheid borgt onderdeel ${n + 1} van de werkwijze.`,
      };
    }),
  }));
  return {
    id: BENCH_CHECKLIST_ID,
    version: BENCH_CHECKLIST_VERSION,
    title: `Synthetisch benchmarkkader (${criteria} criteria)`,
    shortTitle: 'Synthetisch kader',
    source: 'Gegenereerd door bench/generate.ts voor de snelheidsmeting; geen echte bron',
    description: 'Synthetische benchmarkdata: alleen bedoeld om de snelheid van Toetsing op grote schaal te meten.',
    scale: {
      id: 'nakoming',
      levels: [
        { code: 'nagekomen', label: 'Nagekomen', rank: 'positive' },
        { code: 'ten_dele', label: 'Ten dele nagekomen', rank: 'partial' },
        { code: 'niet_nagekomen', label: 'Niet nagekomen', rank: 'negative' },
      ],
    },
    groups,
  };
}

export function benchUnits(units: number): UnitSetFileInput {
  return {
    organisation: 'Synthetische organisatie (benchmarkdata)',
    units: Array.from({ length: units }, (_, n) => ({ code: unitCode(n), name: `Synthetische eenheid ${pad(n + 1, 3)}`, kind: 'regionaal' as const })),
  };
}

/** Evidence items per inspection: the total spread evenly, the remainder over the first ones. */
export function evidencePerInspection(scale: Scale, k: number): number {
  const base = Math.floor(scale.evidence / scale.inspections);
  return base + (k < scale.evidence % scale.inspections ? 1 : 0);
}

export interface GeneratedInspection {
  /** The document as imported: cells with replayed history still hold their draft state. */
  document: DocumentInput & Required<Pick<DocumentInput, 'verdicts' | 'evidence'>>;
  /** Cells whose later saves go through saveVerdict, in order, with their final state. */
  history: Array<{ checklist: string; criterion: string; unit: string; verdict: string; motivation: string }>;
}

const VERDICTS = ['nagekomen', 'ten_dele', 'niet_nagekomen'] as const;

/**
 * Inspection k of the chain (0 = oldest). Later inspections judge better on average, so a trend
 * over the chain shows movement; the newest is still in progress (a quarter of its cells open).
 */
export function syntheticInspection(rng: Rng, scale: Scale, seed: number, k: number): GeneratedInspection {
  const year = 2001 + k;
  const latest = k === scale.inspections - 1;
  const units = Array.from({ length: scale.units }, (_, n) => unitCode(n));
  const progress = scale.inspections > 1 ? k / (scale.inspections - 1) : 1;
  const date = () => `${year}-${pad(3 + rng.int(8), 2)}-${pad(1 + rng.int(28), 2)}`;

  const evidenceCount = evidencePerInspection(scale, k);
  const evidenceByUnit = new Map<string, string[]>(units.map((u) => [u, []]));
  const evidence = Array.from({ length: evidenceCount }, (_, j) => {
    const ref = `B${pad(j + 1, 5)}`;
    const type = rng.pick(EVIDENCE_TYPES);
    // The first unit cycles, so every unit has evidence to link to.
    const covered = new Set([units[j % units.length]]);
    for (let extra = rng.int(3); extra > 0; extra--) covered.add(rng.pick(units));
    for (const u of covered) must(evidenceByUnit.get(u), `de bronnen van ${u}`).push(ref);
    const from = date();
    return {
      ref,
      type,
      title: `Synthetische bron ${j + 1} (${type}, benchmarkdata)`,
      dateFrom: from,
      dateTo: from,
      party: `Synthetische partij ${1 + rng.int(40)}`,
      units: [...covered].sort(),
      description: sentence(rng, 20, 60),
      file: null,
      wederhoor: needsWederhoor(type)
        ? latest && rng.chance(0.3)
          ? { status: rng.pick(['concept', 'voorgelegd'] as const), date: null }
          : { status: rng.pick(['akkoord', 'gecorrigeerd'] as const), date: date() }
        : null,
    };
  });

  const checklist = benchChecklist(scale.criteria);
  const verdicts: NonNullable<DocumentInput['verdicts']> = [];
  const history: GeneratedInspection['history'] = [];
  for (const group of checklist.groups) {
    for (const cr of group.criteria) {
      // Some criteria are harder than others, in every year.
      const difficulty = (Number(cr.number) % 7) / 20;
      for (const unit of units) {
        if (latest && rng.chance(0.25)) continue;
        const r = rng.next();
        const pPositive = 0.25 + 0.5 * progress - difficulty;
        const verdict = r < pPositive ? 'nagekomen' : r < pPositive + 0.3 ? 'ten_dele' : 'niet_nagekomen';
        const motivation = `Synthetische motivering. ${sentence(rng, 15, 40)}`;
        const pool = must(evidenceByUnit.get(unit), `de bronnen van ${unit}`);
        const links = new Set<string>();
        for (let n = [0, 1, 1, 1, 2, 2, 3][rng.int(7)]; n > 0 && pool.length > 0; n--) links.add(rng.pick(pool));
        const updatedAt = `${date()}T${pad(8 + rng.int(9), 2)}:${pad(rng.int(60), 2)}:00.000Z`;
        const replay = rng.chance(scale.history);
        verdicts.push({
          unit,
          checklist: checklist.id,
          criterion: cr.id,
          verdict: replay ? rng.pick(VERDICTS) : verdict,
          motivation: replay ? `Concept. ${sentence(rng, 5, 12)}` : motivation,
          workflow: replay ? 'in_behandeling' : 'gereed',
          updatedBy: BENCH_EMAIL,
          updatedAt,
          evidence: [...links].sort().map((ref) => ({ ref, excerpt: `Synthetisch fragment, p. ${1 + rng.int(40)}` })),
        });
        if (replay) history.push({ checklist: checklist.id, criterion: cr.id, unit, verdict, motivation });
      }
    }
  }

  const recommendations = checklist.groups.map((g, n) => ({
    ref: `A${n + 1}`,
    checklist: checklist.id,
    group: g.id,
    text: `Synthetische aanbeveling ${n + 1} (${year}): ${sentence(rng, 10, 20)}`,
  }));
  const document: GeneratedInspection['document'] = {
    format: 'toetsing-onderzoek',
    formatVersion: 1,
    inspection: {
      ref: inspectionRef(seed, k),
      title: `Synthetisch onderzoek ${year} (benchmarkdata)`,
      year,
      fieldworkStart: `${year}-03-01`,
      fieldworkEnd: `${year}-06-30`,
      status: 'concept',
      predecessorRef: k > 0 ? inspectionRef(seed, k - 1) : null,
      illustrative: true,
      illustrativeNote: 'Synthetische benchmarkdata, gegenereerd om de snelheid te meten. Geen echte bevindingen.',
      checklists: [{ id: checklist.id, version: checklist.version }],
      units,
      team: [BENCH_EMAIL],
      texts: {
        voorwoord: `Synthetisch voorwoord. ${sentence(rng, 30, 60)}`,
        aanleiding: `Synthetische aanleiding. ${sentence(rng, 30, 60)}`,
        onderzoeksvraag: 'Synthetische onderzoeksvraag: hoe snel blijft Toetsing met een groot archief?',
        methode: `Synthetische methode. ${sentence(rng, 30, 60)}`,
        conclusie: `Synthetische conclusie. ${sentence(rng, 30, 60)}`,
      },
    },
    verdicts,
    findings: checklist.groups.flatMap((g) => g.criteria.map((cr) => ({ checklist: checklist.id, criterion: cr.id, text: `Synthetische bevinding. ${sentence(rng, 20, 50)}` }))),
    conclusions: checklist.groups.map((g) => ({ checklist: checklist.id, group: g.id, text: `Synthetische conclusie. ${sentence(rng, 20, 50)}` })),
    recommendations,
    recommendationFollowups:
      k > 0
        ? checklist.groups.map((_, n) => ({
            recommendationRef: `A${n + 1}`,
            status: rng.pick(['opgevolgd', 'deels_opgevolgd', 'niet_opgevolgd'] as const),
            motivation: `Synthetische opvolging. ${sentence(rng, 10, 25)}`,
            evidence: evidence.length > 0 ? [rng.pick(evidence).ref] : [],
          }))
        : [],
    evidence,
    statistics: [{ year, unit: null, afgerond: 1000 + rng.int(2000), aannemen: 100 + rng.int(300), eersteFase: 500 + rng.int(1000), tweedeFase: 100 + rng.int(400) }],
  };
  return { document, history };
}
