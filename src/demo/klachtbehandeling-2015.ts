// The 2015 baseline: the Inspectie's report Klachtbehandeling door de politie (published early
// 2016), which the minister answered on 5 February 2016. The source (Recht van klagen, §1.2) only
// summarises its outcome; the toetsingskader was written after it, so the per-unit verdicts here
// are an illustrative back-projection that gives the trend a first point.
import type { DocumentInput } from '../domain/document';
import { E15, evidence2015, UNIT_INTERVIEW_15 } from './evidence';
import { buildVerdicts, motivator, NAKOMING, spreadTimestamp, TEAM, type Cell, type EvidenceLink, type MarkTexts } from './grids';
import { groupOf, TOPIC } from './topics';

// Columns: NN ON MN NH AMS DH RT ZWB OB LB | LE PDC PA | KS
const TOETSINGSKADER_2015: Record<string, string> = {
  // Two thirds of complainants were satisfied with how they were treated, but the goal of the
  // complaint too often went unmet (§1.2).
  k1: '~~+~~~+~~~ -~~ ~',
  k2: '~-~--~~-~- --- -',
  k3: '----~--~-- --- -',
  k4: '-~---~---- --- -',
  k5: '---------- --- -',
  // Learning from complaints was not yet secured (§1.2).
  k6: '~~-~~-~~-~ -~- -',
  k7: '---~------ --- -',
  k8: '-~-----~-- --- -',
  k9: '---------- --- -',
  k10: '~--~-~-~~- ~-- ~',
  k11: '---------- --- -',
  k12: '-~--~---~- --- ~',
  // Units used different ways of working (§1.2).
  k13: '-~-~---~-~ -~- ~',
  k14: '~-~~-~~-~- ~-- -',
  k15: '---------- --- -',
  k16: '~-~--~-~-- --- ~',
};

const GROUP_TEXT_15: Record<string, Partial<Record<'+' | '~' | '-', string>>> = {
  opvolgen: {
    '+': 'gebeurde al grotendeels als vaste werkwijze.',
    '~': 'gebeurde wisselend; klagers waren vaak tevreden over de bejegening, maar het doel van de klacht kreeg niet steeds aandacht.',
    '-': 'was geen vaste werkwijze; te vaak werd niet tegemoetgekomen aan het doel van de klacht.',
  },
  leren: {
    '~': 'er waren aanzetten, maar het leren van klachten was niet in de organisatie geborgd.',
    '-': 'hiervoor bestond nog geen structuur; het vermogen om van klachten te leren was onvoldoende geborgd.',
  },
  uniform: {
    '~': 'er was een gemeenschappelijke basis, maar de eenheden hanteerden verschillende werkwijzen.',
    '-': 'de eenheid volgde een eigen werkwijze; van uniforme behandeling was geen sprake.',
  },
};

/** Where the 2015 state is known to predate a measure, say so instead of the group text. */
const SPECIFIC_15: Record<string, string> = {
  k5: 'een vaste formulering van waardering in de afsluitende brief bestond nog niet; die volgde op de toezegging van 2016.',
  k9: 'een landelijke digitale folder voor betrokken medewerkers was er nog niet.',
  k11: 'een landelijke leerstructuur voor het registreren bestond nog niet.',
  k15: 'een landelijke opleiding voor klachtbehandelaars bestond nog niet; die is vanaf 2017 ingevoerd.',
};

function motivationTexts15(): MarkTexts {
  const out: MarkTexts = {};
  for (const k of Object.keys(TOETSINGSKADER_2015)) {
    const g = GROUP_TEXT_15[groupOf(k)];
    out[k] = Object.fromEntries(
      (['+', '~', '-'] as const)
        .filter((m) => g[m] || (m === '-' && SPECIFIC_15[k]))
        .map((m) => [m, `Nulmeting (${TOPIC[k]}): ${m === '-' && SPECIFIC_15[k] ? SPECIFIC_15[k] : g[m]}`]),
    );
  }
  return out;
}

function links2015(cell: Cell): EvidenceLink[] {
  const interview: EvidenceLink = { ref: UNIT_INTERVIEW_15[cell.unit], excerpt: `Gesprek over ${TOPIC[cell.criterion]}.` };
  if (cell.unit === 'KS') return [interview];
  const group = groupOf(cell.criterion);
  if (group === 'opvolgen') {
    return [
      interview,
      { ref: E15.dossiers, excerpt: 'Uit de dossiers blijkt in hoeverre het doel van de klager is vastgesteld en bij de afronding is nagegaan.' },
      { ref: E15.klagers, excerpt: 'Twee derde van de klagers keek tevreden terug, vooral op de bejegening.' },
    ];
  }
  if (group === 'uniform') {
    return [interview, { ref: E15.regelingen, excerpt: 'De werkinstructies van de eenheden verschillen op onderdelen van elkaar.' }];
  }
  return [interview, { ref: E15.dossiers, excerpt: 'Leerpunten worden in de dossiers zelden vastgelegd.' }];
}

export function klachtbehandeling2015(): DocumentInput {
  return {
    format: 'toetsing-onderzoek',
    formatVersion: 1,
    inspection: {
      ref: 'klachtbehandeling-2015',
      title: 'Klachtbehandeling door de politie',
      year: 2015,
      fieldworkStart: '2015-02-01',
      fieldworkEnd: '2015-09-30',
      status: 'vastgesteld',
      finalisedAt: '2016-01-14T12:00:00Z',
      predecessorRef: null,
      illustrative: true,
      illustrativeNote:
        'Nulmeting bij het rapport Klachtbehandeling door de politie van de Inspectie (onderzoek 2015, gepubliceerd begin 2016), waarop de minister op 5 februari 2016 reageerde. De bron (Recht van klagen, 2023, §1.2) geeft alleen de landelijke uitkomst; die staat hier in de conclusies. Het toetsingskader is pas na dit rapport opgesteld: de oordelen per eenheid, hun motiveringen, het bewijs, de veldwerkperiode en de drie aanbevelingen zijn illustratief.',
      checklists: [{ id: 'toetsingskader', version: '2016' }],
      units: ['NN', 'ON', 'MN', 'NH', 'AMS', 'DH', 'RT', 'ZWB', 'OB', 'LB', 'LE', 'PDC', 'PA', 'KS'],
      team: [TEAM[0]],
      texts: {
        voorwoord: '',
        aanleiding: '*Illustratieve tekst.* Burgers hebben het recht om te klagen over de manier waarop de politie hen behandelt. De Inspectie onderzocht hoe de Nationale politie klachten van burgers behandelt en of zij daarbij tegemoetkomt aan wat klagers met hun klacht willen bereiken.',
        onderzoeksvraag: '*Illustratieve tekst; de onderzoeksvraag van het rapport uit 2015 staat niet in de bron.* Hoe behandelt de politie klachten van burgers, en in hoeverre komt zij daarbij tegemoet aan het doel van de klager?',
        methode: '*Illustratieve tekst.* Gesprekken met klachtbehandelaars in de eenheden, dossieronderzoek en een bevraging van klagers. De oordelen per criterium zijn in deze demo achteraf als nulmeting ingevuld: het toetsingskader is pas na dit rapport opgesteld.',
        conclusie: [
          'Zoals samengevat in Recht van klagen (2023), §1.2:',
          '> Uit dit onderzoek bleek dat twee derde van de klagers tevreden terugkeek op hun klachtbehandeling, in het bijzonder op de bejegening tijdens de behandeling van hun klacht. De Inspectie wees erop dat de politie voor het deel van de ontevreden klagers nog kansen liet liggen om het vertrouwen van de burgers in de politie te herstellen. Te vaak werd niet tegemoetgekomen aan het doel van hun klachten. Het ging hier om het opvolgen van klachten door het erkennen van de gemaakte fouten, het maken van excuses of het uitkeren van schadevergoeding.',
          '> Daarnaast bleek ook dat het vermogen om van klachten te leren nog onvoldoende in de politieorganisatie was geborgd. Eveneens hanteerden eenheden van de politie verschillende werkwijzen voor het behandelen van klachten.',
        ].join('\n\n'),
      },
    },
    verdicts: buildVerdicts({
      checklist: 'toetsingskader',
      scale: NAKOMING,
      rows: TOETSINGSKADER_2015,
      motivation: motivator(motivationTexts15(), {}, () => '(Illustratieve nulmeting per eenheid.)'),
      evidence: links2015,
      workflow: () => 'gereed',
      updatedBy: () => TEAM[0],
      updatedAt: (cell) => spreadTimestamp('2015-10-01', 60, cell.index),
    }),
    findings: [],
    conclusions: [
      {
        checklist: 'toetsingskader',
        group: 'opvolgen',
        text: 'Zoals samengevat in Recht van klagen (2023), §1.2: “De Inspectie wees erop dat de politie voor het deel van de ontevreden klagers nog kansen liet liggen om het vertrouwen van de burgers in de politie te herstellen. Te vaak werd niet tegemoetgekomen aan het doel van hun klachten.”',
      },
      {
        checklist: 'toetsingskader',
        group: 'leren',
        text: 'Zoals samengevat in Recht van klagen (2023), §1.2: “Daarnaast bleek ook dat het vermogen om van klachten te leren nog onvoldoende in de politieorganisatie was geborgd.”',
      },
      {
        checklist: 'toetsingskader',
        group: 'uniform',
        text: 'Zoals samengevat in Recht van klagen (2023), §1.2: “Eveneens hanteerden eenheden van de politie verschillende werkwijzen voor het behandelen van klachten.”',
      },
    ],
    // Not from the source: the 2015 report's recommendations are not quoted there.
    recommendations: [
      {
        ref: '2015-A1',
        checklist: 'toetsingskader',
        group: 'opvolgen',
        text: 'Illustratief (niet uit de bron): Bespreek in het eerste contact met de klager het doel van de klacht en ga bij de afronding na of dat doel is bereikt.',
      },
      {
        ref: '2015-A2',
        checklist: 'toetsingskader',
        group: 'leren',
        text: 'Illustratief (niet uit de bron): Borg dat uitkomsten en leerpunten van klachten structureel worden vastgelegd en in de teams worden besproken.',
      },
      {
        ref: '2015-A3',
        checklist: 'toetsingskader',
        group: 'uniform',
        text: 'Illustratief (niet uit de bron): Breng de werkwijzen van de eenheden voor het behandelen en registreren van klachten met elkaar in lijn.',
      },
    ],
    recommendationFollowups: [],
    evidence: evidence2015(),
    statistics: [],
  };
}
