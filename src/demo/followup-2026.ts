// A made-up third measurement (2026) after Recht van klagen, so every trend has three points and
// the screens have open work to show: cells not yet assessed, verdicts without evidence, an
// interview report still in wederhoor and a 2022 recommendation whose follow-up is not yet set.
import type { DocumentInput } from '../domain/document';
import { E26, evidence2026, UNIT_INTERVIEW_26 } from './evidence';
import {
  buildVerdicts,
  motivator,
  NAKOMING,
  OPVOLGING,
  openWederhoorRefs,
  spreadTimestamp,
  TEAM,
  type Cell,
  type CellNotes,
  type EvidenceLink,
  type MarkTexts,
} from './grids';
import { TOPIC } from './topics';

// Columns: NN ON MN NH AMS DH RT ZWB OB LB | LE PDC PA | KS
// Against 2022: k7, k12, k14, k16 improve where the zaaksysteem and fixed VIK staffing arrived
// (NN, MN, DH, ZWB, PDC); k2 (DH), k7 (OB), k9 (RT) and a6 (DH) get worse.
const TOETSINGSKADER_2026: Record<string, string> = {
  k1: '++++++++++ +++ +',
  k2: '+++++~++++ +++ +',
  k3: '++++++++++ +.+ +',
  k4: '++++++++++ +++ +',
  k5: '++++++++++ +++ +',
  k6: '++++++++++ +++ +',
  k7: '+++~+~++~+ ~++ .',
  k8: '++++++++++ +++ +',
  k9: '++++++~+++ +++ +',
  k10: '+++++++++~ ~++ +',
  k11: '++++++++++ +++ +',
  k12: '+~+~~+~+~~ .+~ ~',
  k13: '++++++++++ +++ +',
  k14: '+~++~+~+~+ +++ ~',
  k15: '++++++++++ +++ +',
  k16: '+~+~~+~+~~ ~+~ ~',
};

const OMBUDSMAN_2026: Record<string, string> = {
  a1: '++++++++++ +++ +',
  a2: '++++++++++ +++ +',
  a3: '+++~++++++ +.+ +',
  a4: '~+++~~+++~ +++ +',
  a5: '++~+++++++ +++ +',
  a6: '+++++~++++ +++ +',
  a7: '~+~+~~~+~~ ~+~ ~',
};

const MOTIVATION_26: MarkTexts = {
  k1: { '+': 'Klachtbehandelaars communiceren helder over de opvolging; ook tijdelijke medewerkers werken met de vaste gespreksleidraad.' },
  k2: {
    '+': 'Het doel van de klager wordt in de intake besproken en vastgelegd.',
    '~': 'Sinds de instroom van nieuwe tijdelijke medewerkers in 2025 ontbreekt het doel van de klager in een deel van de intakeverslagen; achteruitgang ten opzichte van 2022.',
  },
  k3: { '+': 'Bij de afronding wordt nagegaan of het doel is gehaald; dat blijkt uit de steekproef van afsluitende brieven.' },
  k4: { '+': 'Een niet-tevreden klager krijgt uitleg en de verwijzing naar de klachtencommissie en de Nationale ombudsman.' },
  k5: { '+': 'De afsluitende brieven bevatten de vaste formulering van waardering voor het indienen van de klacht.' },
  k6: { '+': 'De leerweg voor klachtencoördinatoren en klachtbehandelaars loopt door, nu met een verdieping in mediationvaardigheden.' },
  k7: {
    '+': 'Lijnchefs bespreken leerpunten in de basisteams als vast agendapunt, ondersteund door preventiemedewerkers (opvolging van aanbeveling A2).',
    '~': 'Het bespreken van leerpunten in de basisteams is nog niet in alle teams vast; lijnchefs zijn wisselend betrokken.',
  },
  k8: { '+': 'De folder en het voorlichtingsmateriaal zijn digitaal beschikbaar.' },
  k9: {
    '+': 'De folder gaat standaard mee met het bericht aan betrokken medewerkers.',
    '~': 'Sinds een nieuw berichtsjabloon gaat de folder niet meer standaard mee; achteruitgang ten opzichte van 2022.',
  },
  k10: {
    '+': 'Registratie volgens de vaste rubricering, inclusief behandelingsinformatie en leermomenten.',
    '~': 'Registratie nog in Documentum in afwachting van het zaaksysteem; leermomenten worden niet volledig vastgelegd.',
  },
  k11: { '+': 'Het werken met het registratiesysteem maakt deel uit van de opleiding en het inwerken van nieuwe medewerkers.' },
  k12: {
    '+': 'Met het nieuwe zaaksysteem levert de eenheid kwartaalcijfers volgens de landelijke analysemethode aan eenheidsleiding en korpsstaf.',
    '~': 'Nog Documentum: cijfers worden handmatig samengesteld, wel volgens de landelijke analysemethode.',
  },
  k13: { '+': 'Werkwijze volgens de Uitvoeringsregeling en de Regeling klachtbehandeling politie 2023, met ruimte voor maatwerk.' },
  k14: {
    '+': 'Het team VIK heeft een vaste formatie; tijdelijke inzet is beperkt en krijgt uitzicht op een vaste plaats (opvolging van aanbeveling A1).',
    '~': 'Het team VIK werkt nog met een wisselende groep tijdelijke medewerkers zonder uitzicht op een vaste plaats.',
  },
  k15: { '+': 'Alle klachtbehandelaars, ook de tijdelijke, volgden de basiscursus VIK en de vervolgcursus klachtbehandeling.' },
  k16: {
    '+': 'Het zaaksysteem ondersteunt uniforme registratie en analyse (opvolging van aanbeveling A4).',
    '~': 'In afwachting van het zaaksysteem blijft Documentum een belemmering voor uniforme analyse.',
  },
  a1: { '+': 'Klagers worden persoonlijk benaderd; een gesprek is de regel.' },
  a2: { '+': 'Uitingen van ongenoegen via alle kanalen worden als klacht herkend en geregistreerd.' },
  a3: {
    '+': 'Klachten worden alleen na contact met de klager buiten behandeling gesteld.',
    '~': 'Nog steeds wordt een klacht buiten behandeling gesteld als de klager na twee pogingen niet bereikbaar is; ongewijzigd sinds 2022.',
  },
  a4: {
    '+': 'Klagers horen van alle uitkomsten; de klachtencommissie wordt actief genoemd.',
    '~': 'De nadruk ligt nog op afronden in de eerste fase; ongewijzigd sinds 2022.',
  },
  a5: {
    '+': 'Voor een standpunt worden zienswijzen en andere informatie verzameld.',
    '~': 'Bij complexe klachten ontbreekt nog vaak de tijd voor nader onderzoek.',
  },
  a6: {
    '+': 'Bij niet-behandelen en beëindigen in de eerste fase is de motivering in de brief begrijpelijk.',
    '~': 'Na een wijziging van de standaardbrief ontbreekt bij beëindigen in de eerste fase vaak de motivering; achteruitgang ten opzichte van 2022.',
  },
  a7: {
    '+': 'Met de vaste formatie is er voldoende capaciteit en tijd voor analyse van leermomenten.',
    '~': 'Het team zit nog aan zijn maximum; er blijft weinig tijd voor analyse.',
  },
};

const NOTES_26: CellNotes = {
  'k3:PDC': 'Nog niet beoordeeld: de steekproef van afsluitende brieven van het PDC is opgevraagd maar nog niet ontvangen.',
  'k7:KS': 'Nog niet beoordeeld: het gesprek met de korpsstaf over het landelijke preventieprogramma volgt.',
  'k12:LE': 'Nog niet beoordeeld: de Landelijke Eenheid heeft de cijfers over 2025 nog niet aangeleverd.',
  'a3:PDC': 'Nog niet beoordeeld: de registratie van buiten behandeling gestelde klachten is nog niet geanalyseerd.',
};

const DOC_LINKS_26: Record<string, EvidenceLink> = {
  k1: { ref: E26.registratie, excerpt: 'Dossiers met gespreksverslagen van het contact met klagers.' },
  k2: { ref: E26.registratie, excerpt: 'Intakeverslagen in de dossiers.' },
  k3: { ref: E26.afsluitendeBrieven, excerpt: 'De brieven vermelden of het doel van de klager is bereikt.' },
  k4: { ref: E26.folder, excerpt: 'De folder wijst op de klachtencommissie en de Nationale ombudsman.' },
  k5: { ref: E26.afsluitendeBrieven, excerpt: 'De vaste formulering van waardering staat in de brieven.' },
  k6: { ref: E26.preventieplan, excerpt: 'Het programma omvat ook de leerweg voor klachtbehandelaars.' },
  k7: { ref: E26.preventieplan, excerpt: 'Lijnchefs krijgen een vaste rol bij het bespreken van leerpunten.' },
  k8: { ref: E26.folder, excerpt: 'De digitale folder over de klachtenprocedure.' },
  k9: { ref: E26.folder, excerpt: 'De folder voor betrokken medewerkers.' },
  k10: { ref: E26.registratie, excerpt: 'Registratie volgens de vaste rubricering.' },
  k11: { ref: E26.zaaksysteemPlan, excerpt: 'Training in het zaaksysteem bij de invoering per eenheid.' },
  k12: { ref: E26.trendrapportage, excerpt: 'Kwartaalcijfers per eenheid volgens de landelijke analysemethode.' },
  k13: { ref: E26.regeling2023, excerpt: 'De regeling waarbinnen de eenheden werken.' },
  k14: { ref: E26.formatie, excerpt: 'Vaste en tijdelijke formatie van het team VIK.' },
  k15: { ref: E26.formatie, excerpt: 'Opleidingsstatus van de klachtbehandelaars.' },
  k16: { ref: E26.zaaksysteemPlan, excerpt: 'Invoering van het zaaksysteem per eenheid.' },
  a1: { ref: E26.registratie, excerpt: 'Contactmomenten met klagers in de dossiers.' },
  a2: { ref: E26.registratie, excerpt: 'Als klacht geregistreerde uitingen van ongenoegen.' },
  a3: { ref: E26.registratie, excerpt: 'Buiten behandeling gestelde klachten.' },
  a4: { ref: E26.commissies, excerpt: 'Commissieleden over de keuzevrijheid van klagers.' },
  a5: { ref: E26.registratie, excerpt: 'Zienswijzen en andere informatie in de dossiers.' },
  a6: { ref: E26.afsluitendeBrieven, excerpt: 'Brieven bij niet-behandelen en beëindigen in de eerste fase.' },
  a7: { ref: E26.formatie, excerpt: 'Vaste formatie en capaciteit van het team VIK.' },
};

/** Assessed but not yet backed by evidence: the blockers list must show these. */
const WITHOUT_EVIDENCE = new Set(['k14:AMS', 'a4:ON', 'k9:RT']);

function links2026(cell: Cell): EvidenceLink[] {
  const key = `${cell.criterion}:${cell.unit}`;
  if (WITHOUT_EVIDENCE.has(key)) return [];
  const links: EvidenceLink[] = [
    { ref: UNIT_INTERVIEW_26[cell.unit], excerpt: `Gesprek over ${TOPIC[cell.criterion]} sinds 2022.` },
    DOC_LINKS_26[cell.criterion],
  ];
  if (key === 'k7:MN') links.push({ ref: E26.observatie, excerpt: 'Lijnchefs bespraken in de intervisie leerpunten uit vijf klachten.' });
  if (cell.unit === 'KS' && ['a1', 'a4', 'a7'].includes(cell.criterion)) {
    links.push({ ref: E26.ombudsmanOnderzoeker, excerpt: `De Nationale ombudsman over ${TOPIC[cell.criterion]} in 2026.` });
  }
  return links;
}

export function followup2026(): DocumentInput {
  const evidenceItems = evidence2026();
  const open = openWederhoorRefs(evidenceItems);
  const common = {
    evidence: links2026,
    workflow: (cell: Cell, links: EvidenceLink[]) => {
      if (links.length === 0 || links.some((l) => open.has(l.ref))) return 'ter_review' as const;
      // Den Haag and Limburg are still being written up.
      if (cell.unit === 'DH' || cell.unit === 'LB') return 'in_behandeling' as const;
      return 'gereed' as const;
    },
    updatedBy: (cell: Cell) => (cell.index % 3 === 0 ? TEAM[1] : TEAM[0]),
    updatedAt: (cell: Cell) => spreadTimestamp('2026-09-01', 80, cell.index),
    motivation: motivator(MOTIVATION_26, NOTES_26, (cell) => (cell.mark === '.' ? '' : '(Illustratief.)')),
  };

  return {
    format: 'toetsing-onderzoek',
    formatVersion: 1,
    inspection: {
      ref: 'klachtbehandeling-2026-illustratief',
      title: 'Klachtbehandeling door de politie: vervolgonderzoek 2026 (illustratief)',
      year: 2026,
      fieldworkStart: '2026-02-02',
      fieldworkEnd: '2026-10-30',
      status: 'concept',
      finalisedAt: null,
      predecessorRef: 'recht-van-klagen-2022',
      illustrative: true,
      illustrativeNote:
        'Volledig illustratief vervolgonderzoek: er bestaat geen rapport uit 2026. Het dient om trends over drie metingen te tonen en openstaande punten: niet beoordeelde cellen, oordelen zonder bewijs, een gespreksverslag in wederhoor en een aanbeveling uit 2022 (A3) waarvan de opvolging nog niet is vastgesteld. Alle oordelen, motiveringen, teksten en bewijsstukken zijn verzonnen.',
      checklists: [
        { id: 'toetsingskader', version: '2016' },
        { id: 'ombudsman', version: '2021' },
      ],
      units: ['NN', 'ON', 'MN', 'NH', 'AMS', 'DH', 'RT', 'ZWB', 'OB', 'LB', 'LE', 'PDC', 'PA', 'KS'],
      team: TEAM,
      texts: {
        voorwoord: '',
        aanleiding: '*Illustratieve tekst.* In Recht van klagen (2023) concludeerde de Inspectie dat de politie de klachtbehandeling zichtbaar heeft verbeterd, maar dat aan de toegezegde verbeteringen nog niet geheel is voldaan. De Inspectie gaat na hoe de politie de vier aanbevelingen uit dat rapport heeft opgevolgd.',
        onderzoeksvraag: '*Illustratieve tekst.* In hoeverre heeft de politie de aanbevelingen uit Recht van klagen opgevolgd, en wat is de stand van zaken in het nakomen van de toezeggingen van 5 februari 2016?',
        methode: '*Illustratieve tekst.* Documentanalyse, gesprekken met de afdelingen VIK van alle eenheden en de korpsstaf, een groepsgesprek met leden van klachtencommissies, een observatie en een analyse van de klachtenregistratie 2023–2025. Getoetst aan het toetsingskader (2016) en de aandachtspunten van de Nationale ombudsman (2021).',
        conclusie: '',
      },
    },
    verdicts: [
      ...buildVerdicts({ checklist: 'toetsingskader', scale: NAKOMING, rows: TOETSINGSKADER_2026, ...common }),
      ...buildVerdicts({ checklist: 'ombudsman', scale: OPVOLGING, rows: OMBUDSMAN_2026, ...common }),
    ],
    overrides: [],
    findings: [
      { checklist: 'toetsingskader', criterion: 'k7', text: 'Illustratief: met het landelijke preventieprogramma bespreken lijnchefs in de meeste basisteams leerpunten uit klachten; in enkele eenheden is dat nog niet vast.' },
      { checklist: 'toetsingskader', criterion: 'k12', text: 'Illustratief: in de vijf onderdelen met het zaaksysteem komen cijfers en trends volgens één analysemethode tot stand; elders nog handmatig.' },
      { checklist: 'toetsingskader', criterion: 'k14', text: 'Illustratief: negen van de dertien onderdelen hebben een vaste formatie voor het team VIK.' },
      { checklist: 'toetsingskader', criterion: 'k16', text: 'Illustratief: het zaaksysteem is in gebruik bij Noord-Nederland, Midden-Nederland, Den Haag, Zeeland-West-Brabant en het Politiedienstencentrum.' },
    ],
    conclusions: [
      { checklist: 'toetsingskader', group: 'opvolgen', text: 'Illustratief concept: het opvolgen van klachten is op peil gebleven, met een terugval bij de intake in één eenheid.' },
      { checklist: 'toetsingskader', group: 'leren', text: 'Illustratief concept: het leren van klachten is verbeterd waar lijnchefs en het zaaksysteem zijn ingezet, maar nog niet overal geborgd.' },
    ],
    recommendations: [
      { ref: '2026-A1', checklist: 'toetsingskader', group: 'uniform', text: 'Illustratief (concept): Rond de invoering van het zaaksysteem in alle eenheden af en gebruik de landelijke analysemethode voor de sturingsinformatie.' },
      { ref: '2026-A2', checklist: 'toetsingskader', group: 'opvolgen', text: 'Illustratief (concept): Borg de kwaliteit van de intake bij de instroom van nieuwe medewerkers.' },
    ],
    // A3 is deliberately left without a follow-up so the blockers list shows it.
    recommendationFollowups: [
      {
        recommendationRef: 'A1',
        status: 'deels_opgevolgd',
        motivation: 'Illustratief: in negen van de dertien onderdelen heeft het team VIK een vaste formatie gekregen; elders wordt nog met wisselende tijdelijke medewerkers gewerkt.',
        evidence: [E26.formatie, UNIT_INTERVIEW_26.AMS],
      },
      {
        recommendationRef: 'A2',
        status: 'opgevolgd',
        motivation: 'Illustratief: een landelijk preventieprogramma met een vaste rol voor lijnchefs is ingevoerd; leerpunten worden in de meeste basisteams besproken.',
        evidence: [E26.preventieplan, E26.observatie],
      },
      {
        recommendationRef: 'A4',
        status: 'deels_opgevolgd',
        motivation: 'Illustratief: het zaaksysteem met analysefunctie is in gebruik bij vijf onderdelen (Noord-Nederland, Midden-Nederland, Den Haag, Zeeland-West-Brabant en het PDC); de overige volgen in 2027.',
        evidence: [E26.zaaksysteemPlan, E26.registratie],
      },
    ],
    evidence: evidenceItems,
    statistics: [],
  };
}
