// The evidence lists of the three demo inspections. For 2022 the documents are the sources the
// report cites in its footnotes; interviews follow the report's method section. Dates, grouping
// and wederhoor states of interviews are illustrative (the report gives none).
import { evidence, HANDLING_UNITS, UNITS, UNIT_NAMES, type EvidenceInput, type UnitCode } from './grids';

const ALL: UnitCode[] = [...UNITS];

/** Adds `days` to an ISO date; keeps wederhoor dates a plausible few weeks after the interview. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- 2022: Recht van klagen

/** Refs of the 2022 documents, by what they are, so the grid code reads by meaning. */
export const E22 = {
  brief: 'B01',
  uitvoeringsregeling: 'B02',
  regeling2023: 'B03',
  politiewet: 'B04',
  awb: 'B05',
  nomRapport: 'B06',
  verkleurdeBeelden: 'B07',
  analyseJaarverslagen: 'B08',
  folder: 'B09',
  politieNl: 'B10',
  erasmus: 'B11',
  rapport2015: 'B12',
  meerjarenperspectief: 'B13',
  infographic: 'B14',
  opleiding: 'B15',
  rubricering: 'B16',
  afsluitendeBrieven: 'B17',
  intranet: 'B18',
  tabel: 'B19',
  documentum: 'B20',
  sturingsinformatie: 'B21',
  // B22..B34: one interview per complaint-handling unit, see UNIT_INTERVIEW_22
  sectorhoofd: 'B35',
  adviseursKs: 'B36',
  lector: 'B37',
  dgpenv: 'B38',
  ombudsmanOnderzoeker: 'B39',
  commissiesNoord: 'B40',
  commissiesZuid: 'B41',
  preventie: 'B42',
  observatiePreventie: 'B43',
  observatieThemadag: 'B44',
} as const;

export const UNIT_INTERVIEW_22: Record<UnitCode, string> = Object.fromEntries(
  UNITS.map((u) => [u, u === 'KS' ? E22.sectorhoofd : `B${22 + HANDLING_UNITS.indexOf(u)}`]),
) as Record<UnitCode, string>;

// Interview dates June–October 2022 (illustrative); two units got corrections in wederhoor.
const INTERVIEW_DATES_22: Record<Exclude<UnitCode, 'KS'>, string> = {
  NN: '2022-06-08',
  ON: '2022-06-15',
  MN: '2022-06-22',
  NH: '2022-07-06',
  AMS: '2022-07-13',
  DH: '2022-08-31',
  RT: '2022-09-07',
  ZWB: '2022-09-14',
  OB: '2022-09-21',
  LB: '2022-09-28',
  LE: '2022-10-05',
  PDC: '2022-10-12',
  PA: '2022-10-19',
};
const CORRECTED_22 = new Set<UnitCode>(['AMS', 'RT']);

export function evidence2022(): EvidenceInput[] {
  const docs: EvidenceInput[] = [
    evidence(E22.brief, 'document', 'Brief van de Minister van Veiligheid en Justitie aan de voorzitter van de Tweede Kamer over het rapport Klachtbehandeling door de politie', {
      party: 'Minister van Veiligheid en Justitie',
      dateFrom: '2016-02-05',
      dateTo: '2016-02-05',
      units: ALL,
      description: 'De brief met de drie toezeggingen (opvolgen, leren, uniform behandelen) die in het toetsingskader (bijlage 1) zijn uitgewerkt. Rapport voetnoten 7 en 10.',
    }),
    evidence(E22.uitvoeringsregeling, 'document', 'Uitvoeringsregeling klachtbehandeling politie 2018', {
      party: 'Nationale politie (korpschef)',
      units: ALL,
      description: 'Legt de werkwijze van de klachtbehandeling vast: definitie van een klacht (art. 1), rapport van de klachtbehandeling (art. 5), registratie volgens vaste rubricering (art. 6 lid 1) en het bespreken van leerpunten in het dienstonderdeel (toelichting). Rapport voetnoten 1, 4–6, 12, 13, 21, 22, 26.',
    }),
    evidence(E22.regeling2023, 'document', 'Regeling klachtbehandeling politie 2023', {
      party: 'Nationale politie',
      units: ALL,
      description: 'Regelt onder meer de onafhankelijke klachtencommissies in de tweede fase en de uniforme registratie van klachten. Rapport voetnoot 4.',
    }),
    evidence(E22.politiewet, 'openbare_bron', 'Politiewet 2012, hoofdstuk 7 De behandeling van klachten', {
      party: 'Wetgever',
      description: 'Wettelijke basis van de klachtbehandeling; art. 70 lid 2: de politiechef draagt zorg voor de behandeling van klachten. Rapport voetnoten 3 en 11.',
    }),
    evidence(E22.awb, 'openbare_bron', 'Algemene wet bestuursrecht, hoofdstuk 9 Klachtbehandeling', {
      party: 'Wetgever',
      description: 'Algemeen klachtrecht tegenover bestuursorganen. Rapport voetnoot 3.',
    }),
    evidence(E22.nomRapport, 'document', 'Nationale ombudsman, Professionele klachtbehandeling door de politie (2021)', {
      party: 'Nationale ombudsman',
      units: ALL,
      description: 'Uitkomsten van het traject 2017–2021 met de politie, met zeven aandachtspunten (bijlage 2). Rapport voetnoten 2, 18 en 27.',
    }),
    evidence(E22.verkleurdeBeelden, 'document', 'Nationale ombudsman, Verkleurde beelden (2021)', {
      party: 'Nationale ombudsman',
      units: ALL,
      description: 'Onderzoek naar het omgaan met klachten over etnisch profileren; aanleiding voor een pilot bij de politie. Toont ook dat veel klachten niet worden ingediend. Rapport voetnoten 19 en 24.',
    }),
    evidence(E22.analyseJaarverslagen, 'document', 'VIK Korpsstaf, Analyse jaarverslagen 2020 klachtencommissies eenheden', {
      party: 'VIK Korpsstaf',
      dateFrom: '2022-03-30',
      dateTo: '2022-03-30',
      units: HANDLING_UNITS,
      description: 'Analyse van de jaarverslagen van de klachtencommissies, aangevuld met een uitvraag onder de klachtencoördinatoren; bron van de tabel Afgeronde klachten naar status en fase. Rapport voetnoten 15 en 16.',
    }),
    evidence(E22.folder, 'document', 'Nationale politie, Niet tevreden over de politie? Samen komen we er wel uit. (z.j.)', {
      party: 'Nationale politie',
      units: ALL,
      description: 'Folder over de klachtenprocedure, digitaal beschikbaar. Rapport voetnoot 14.',
    }),
    evidence(E22.politieNl, 'openbare_bron', 'politie.nl: Klacht over de politie indienen', {
      party: 'Nationale politie',
      units: ALL,
      description: 'https://www.politie.nl/onderwerpen/klacht-over-de-politie-indienen.html — uitleg over het indienen van een klacht en de vervolgstappen. Rapport voetnoot 14.',
    }),
    evidence(E22.erasmus, 'openbare_bron', "G. Jacobs e.a., 'Een klacht is een gratis advies', Politiekunde 96, Politie en Wetenschap (2018)", {
      party: 'Erasmus Universiteit Rotterdam, in opdracht van Politie & Wetenschap',
      units: ALL,
      description: 'Stelt dat de politie met de inrichting van het klachtproces slechts 25 procent bereikt van de burgers die klagen of hun ongenoegen uiten; openbare bronnen zoals sociale media blijven buiten beeld. Rapport voetnoot 23.',
    }),
    evidence(E22.rapport2015, 'document', 'Inspectie Veiligheid en Justitie, Klachtbehandeling door de politie (2015)', {
      party: 'Inspectie Veiligheid en Justitie',
      units: ALL,
      description: 'Het eerdere inspectierapport waarop de minister op 5 februari 2016 reageerde. Rapport voetnoot 17.',
    }),
    evidence(E22.meerjarenperspectief, 'document', 'Inspectie Justitie en Veiligheid, Meerjarenperspectief 2021-2024', {
      party: 'Inspectie Justitie en Veiligheid',
      description: 'Kader voor de bijdrage van de Inspectie aan het lerend vermogen en de rechtsbescherming. Rapport voetnoot 8.',
    }),
    evidence(E22.infographic, 'openbare_bron', 'Politie, Infographic klachten burgers', {
      party: 'Nationale politie',
      units: ALL,
      description: 'Stroomschema van de klachtbehandeling (bijlage 3 van het rapport).',
    }),
    evidence(E22.opleiding, 'document', 'Opleidingsaanbod VIK: basiscursus VIK, vervolgcursus klachtbehandeling en workshops', {
      party: 'Korpsstaf VIK en Politieacademie',
      dateFrom: '2017-01-01',
      dateTo: '2022-12-31',
      units: ALL,
      description: 'Het rapport noemt de basiscursus VIK, de vervolg- of verdiepingscursus klachtbehandeling en de workshops van de Nationale ombudsman (§3.1, §4.3). Titel en bundeling van dit stuk zijn illustratief.',
    }),
    evidence(E22.rubricering, 'document', 'Herziene rubricering klachten (werkgroepen VIK, onder coördinatie van korpsstaf VIK)', {
      party: 'Korpsstaf VIK',
      units: ALL,
      description: 'De vaste ordening in rubrieken, herzien in werkgroepen van de VIK-afdelingen en ingevoerd bij alle eenheden (§4.4). Titel illustratief.',
    }),
    evidence(E22.afsluitendeBrieven, 'document', 'Steekproef afsluitende brieven aan klagers, alle eenheden (illustratief)', {
      party: 'Afdelingen VIK',
      dateFrom: '2022-01-01',
      dateTo: '2022-06-30',
      units: HANDLING_UNITS,
      description: 'Illustratief: een steekproef van afsluitende brieven per eenheid, gebruikt voor de vaste formulering van waardering en de verwijzing naar klachtencommissie en Nationale ombudsman (§2.1).',
    }),
    evidence(E22.intranet, 'document', 'Voorlichtingsmateriaal over klachtbehandeling op de intranetsite (folders en voorlichtingsfilms)', {
      party: 'Nationale politie',
      units: ALL,
      description: 'Het rapport vermeldt dat op de intranetsite voorlichtingsmateriaal beschikbaar is, waaronder folders en voorlichtingsfilms (§3.2).',
    }),
    evidence(E22.tabel, 'registratiedata', 'Afgeronde klachten naar status en fase, 2016–2020', {
      party: 'VIK Korpsstaf',
      dateFrom: '2016-01-01',
      dateTo: '2020-12-31',
      units: HANDLING_UNITS,
      description: 'De tabel uit §2.1: afgeronde klachten, aannemen, eerste en tweede fase per jaar. Afkomstig uit de analyse van 30 maart 2022.',
    }),
    evidence(E22.documentum, 'registratiedata', 'Klachtenregistratiesysteem Documentum: inzage in inrichting, rubricering en dossiers', {
      party: 'Nationale politie',
      dateFrom: '2022-06-01',
      dateTo: '2022-11-30',
      units: ALL,
      description: 'Het rapport baseert zich mede op het klachtenregistratiesysteem (§4.4). Periode en omvang van de inzage zijn illustratief.',
    }),
    evidence(E22.sturingsinformatie, 'document', 'Periodieke sturingsinformatie klachten van de VIK-afdelingen aan eenheidsleiding en korpsstaf', {
      party: 'Afdelingen VIK',
      dateFrom: '2021-01-01',
      dateTo: '2022-06-30',
      units: ALL,
      description: 'Informatie uit de klachtbehandeling over trends en ontwikkelingen; komt per VIK-afdeling verschillend tot stand (§3.3). Bundeling illustratief.',
    }),
  ];

  const unitInterviews = HANDLING_UNITS.map((u) => {
    const date = INTERVIEW_DATES_22[u as Exclude<UnitCode, 'KS'>];
    const corrected = CORRECTED_22.has(u);
    return evidence(UNIT_INTERVIEW_22[u], 'gespreksverslag', `Gespreksverslag teamchef VIK, klachtencoördinator en klachtbehandelaars, ${UNIT_NAMES[u]}`, {
      party: `Afdeling VIK ${UNIT_NAMES[u]}`,
      dateFrom: date,
      dateTo: date,
      units: [u],
      description: `Gesprek over intake, bemiddeling, afronding, leren van klachten, registratie en capaciteit van het team VIK. Het rapport vermeldt gesprekken met alle eenheden; datum en inhoud per eenheid zijn illustratief.${corrected ? ' In wederhoor zijn feitelijke correcties verwerkt.' : ''}`,
      wederhoor: { status: corrected ? 'gecorrigeerd' : 'akkoord', date: plusDays(date, corrected ? 35 : 24) },
    });
  });

  const others: EvidenceInput[] = [
    evidence(E22.sectorhoofd, 'gespreksverslag', 'Gespreksverslag sectorhoofd VIK, korpsstaf', {
      party: 'Korpsstaf, sector VIK',
      dateFrom: '2022-05-18',
      dateTo: '2022-05-18',
      units: ['KS'],
      description: 'Coördinatie van de verbetermaatregelen, afstemming met het directoraat-generaal en de eenheden, registratiesysteem en plannen voor een zaaksysteem (§4.2, §4.4). Datum illustratief.',
      wederhoor: { status: 'akkoord', date: '2022-06-14' },
    }),
    evidence(E22.adviseursKs, 'gespreksverslag', 'Gespreksverslag adviseurs VIK, korpsstaf', {
      party: 'Korpsstaf, sector VIK',
      dateFrom: '2022-11-09',
      dateTo: '2022-11-09',
      units: ['KS'],
      description: 'Werkgroepen, themabijeenkomsten, rubricering en analyse van de registratie (§4.2). Illustratief: verslag nog in wederhoor.',
      wederhoor: { status: 'voorgelegd', date: '2022-11-23' },
    }),
    evidence(E22.lector, 'gespreksverslag', 'Gespreksverslag lector, Politieacademie', {
      party: 'Politieacademie',
      dateFrom: '2022-11-16',
      dateTo: '2022-11-16',
      units: ['PA'],
      description: 'Reflectie op het eigen handelen in het politieonderwijs en de opleiding van klachtbehandelaars (§3.2, §4.3). Illustratief: verslag nog in wederhoor.',
      wederhoor: { status: 'voorgelegd', date: '2022-11-30' },
    }),
    evidence(E22.dgpenv, 'gespreksverslag', 'Gespreksverslag beleidsmedewerker directoraat-generaal Politie en veiligheidsregio’s', {
      party: 'Ministerie van Justitie en Veiligheid',
      dateFrom: '2022-05-25',
      dateTo: '2022-05-25',
      description: 'Achtergrond van de toezeggingen en de afstemming met korpsstaf VIK over de voortgang. Datum illustratief.',
      wederhoor: { status: 'akkoord', date: '2022-06-20' },
    }),
    evidence(E22.ombudsmanOnderzoeker, 'gespreksverslag', 'Gespreksverslag onderzoeker Nationale ombudsman', {
      party: 'Nationale ombudsman',
      dateFrom: '2022-06-01',
      dateTo: '2022-06-01',
      units: ALL,
      description: 'Het traject 2017–2021, de workshops en de zeven aandachtspunten (§2.1). Datum illustratief.',
      wederhoor: { status: 'gecorrigeerd', date: '2022-07-05' },
    }),
    evidence(E22.commissiesNoord, 'groepsgesprek', 'Groepsgesprek leden klachtencommissies (noordelijke en westelijke eenheden)', {
      party: 'Klachtencommissies',
      dateFrom: '2022-10-26',
      dateTo: '2022-10-26',
      units: ['NN', 'ON', 'MN', 'NH', 'AMS'],
      description: 'De tweede fase, de daling van het aantal voorgelegde klachten en de kwaliteit van de eerste fase. Het rapport vermeldt gesprekken met commissieleden; indeling en datum illustratief.',
      wederhoor: { status: 'akkoord', date: '2022-11-21' },
    }),
    evidence(E22.commissiesZuid, 'groepsgesprek', 'Groepsgesprek leden klachtencommissies (zuidelijke eenheden en Landelijke Eenheid)', {
      party: 'Klachtencommissies',
      dateFrom: '2022-11-02',
      dateTo: '2022-11-02',
      units: ['DH', 'RT', 'ZWB', 'OB', 'LB', 'LE'],
      description: 'Als het andere groepsgesprek; indeling en datum illustratief.',
      wederhoor: { status: 'akkoord', date: '2022-11-28' },
    }),
    evidence(E22.preventie, 'groepsgesprek', 'Groepsgesprek preventiemedewerkers VIK', {
      party: 'Preventiemedewerkers afdelingen VIK',
      dateFrom: '2022-12-07',
      dateTo: '2022-12-07',
      units: ['ON', 'RT', 'OB'],
      description: 'Het rapport vermeldt gesprekken met preventiemedewerkers die aansluiten bij teambijeenkomsten en themadagen (§3.2). Illustratief: verslag nog niet voorgelegd.',
      wederhoor: { status: 'concept', date: null },
    }),
    evidence(E22.observatiePreventie, 'observatie', 'Bijgewoonde preventiebijeenkomst in een basisteam (illustratief)', {
      party: 'Afdeling VIK Oost-Brabant',
      dateFrom: '2022-10-04',
      dateTo: '2022-10-04',
      units: ['OB'],
      description: 'Illustratief: de Inspectie woonde een teambijeenkomst bij waarin een preventiemedewerker leerpunten uit klachten besprak met een lijnchef en het team.',
    }),
    evidence(E22.observatieThemadag, 'observatie', 'Bijgewoonde landelijke themadag klachtbehandeling (illustratief)', {
      party: 'Korpsstaf VIK',
      dateFrom: '2022-09-29',
      dateTo: '2022-09-29',
      units: ALL,
      description: 'Illustratief: een landelijke themadag voor klachtencoördinatoren en klachtbehandelaars (zie §3.1 en §4.2 over deze bijeenkomsten).',
    }),
  ];

  return [...docs, ...unitInterviews, ...others];
}

// ---------------------------------------------------------------- 2015: Klachtbehandeling door de politie

export const E15 = {
  regelingen: 'B01',
  dossiers: 'B02',
  klagers: 'B03',
  politiewet: 'B04',
  awb: 'B05',
  // B06..B18 unit interviews, B19 korpsstaf
  korpsstaf: 'B19',
} as const;

export const UNIT_INTERVIEW_15: Record<UnitCode, string> = Object.fromEntries(
  UNITS.map((u) => [u, u === 'KS' ? E15.korpsstaf : `B${String(6 + HANDLING_UNITS.indexOf(u)).padStart(2, '0')}`]),
) as Record<UnitCode, string>;

export function evidence2015(): EvidenceInput[] {
  const docs: EvidenceInput[] = [
    evidence(E15.regelingen, 'document', 'Klachtenregelingen en werkinstructies van de eenheden (illustratief)', {
      party: 'Eenheden van de Nationale politie',
      units: HANDLING_UNITS,
      description: 'Illustratief. Recht van klagen (2023, §1.2) vermeldt dat eenheden in 2015 verschillende werkwijzen voor het behandelen van klachten hanteerden.',
    }),
    evidence(E15.dossiers, 'registratiedata', 'Dossieronderzoek afgehandelde klachten (illustratief)', {
      party: 'Eenheden van de Nationale politie',
      dateFrom: '2014-01-01',
      dateTo: '2014-12-31',
      units: HANDLING_UNITS,
      description: 'Illustratief: een steekproef van klachtdossiers per eenheid.',
    }),
    evidence(E15.klagers, 'registratiedata', 'Bevraging van klagers over hun klachtbehandeling', {
      party: 'Klagers',
      dateFrom: '2015-01-01',
      dateTo: '2015-06-30',
      units: HANDLING_UNITS,
      description: 'Volgens Recht van klagen (2023, §1.2) keek twee derde van de klagers tevreden terug op de klachtbehandeling, in het bijzonder op de bejegening. Opzet, periode en indeling zijn illustratief.',
    }),
    evidence(E15.politiewet, 'openbare_bron', 'Politiewet 2012, hoofdstuk 7 De behandeling van klachten', { party: 'Wetgever' }),
    evidence(E15.awb, 'openbare_bron', 'Algemene wet bestuursrecht, hoofdstuk 9 Klachtbehandeling', { party: 'Wetgever' }),
  ];
  const interviews = UNITS.map((u, i) => {
    const date = plusDays('2015-03-02', i * 7);
    return evidence(UNIT_INTERVIEW_15[u], 'gespreksverslag', u === 'KS' ? 'Gespreksverslag staf korpsleiding (illustratief)' : `Gespreksverslag klachtbehandeling ${UNIT_NAMES[u]} (illustratief)`, {
      party: u === 'KS' ? 'Korpsstaf' : `${UNIT_NAMES[u]}`,
      dateFrom: date,
      dateTo: date,
      units: [u],
      description: 'Illustratief gespreksverslag; de bron vermeldt geen gesprekken van het onderzoek uit 2015.',
      wederhoor: { status: 'akkoord', date: plusDays(date, 21) },
    });
  });
  return [...docs, ...interviews];
}

// ---------------------------------------------------------------- 2026: illustrative follow-up

export const E26 = {
  regeling2023: 'B01',
  uitvoeringsregeling: 'B02',
  rechtVanKlagen: 'B03',
  zaaksysteemPlan: 'B04',
  formatie: 'B05',
  registratie: 'B06',
  trendrapportage: 'B07',
  afsluitendeBrieven: 'B08',
  folder: 'B09',
  // B10..B22 unit interviews, B23 sectorhoofd
  sectorhoofd: 'B23',
  commissies: 'B24',
  observatie: 'B25',
  ombudsmanOnderzoeker: 'B26',
  preventieplan: 'B27',
} as const;

export const UNIT_INTERVIEW_26: Record<UnitCode, string> = Object.fromEntries(
  UNITS.map((u) => [u, u === 'KS' ? E26.sectorhoofd : `B${10 + HANDLING_UNITS.indexOf(u)}`]),
) as Record<UnitCode, string>;

export function evidence2026(): EvidenceInput[] {
  const docs: EvidenceInput[] = [
    evidence(E26.regeling2023, 'document', 'Regeling klachtbehandeling politie 2023', { party: 'Nationale politie', units: ALL }),
    evidence(E26.uitvoeringsregeling, 'document', 'Uitvoeringsregeling klachtbehandeling politie 2018', { party: 'Nationale politie (korpschef)', units: ALL }),
    evidence(E26.rechtVanKlagen, 'document', 'Inspectie Justitie en Veiligheid, Recht van klagen (2023)', {
      party: 'Inspectie Justitie en Veiligheid',
      units: ALL,
      description: 'Het vorige rapport, met de aanbevelingen A1–A4 waarvan dit onderzoek de opvolging nagaat.',
    }),
    evidence(E26.zaaksysteemPlan, 'document', 'Plan van aanpak zaaksysteem klachtbehandeling (illustratief)', {
      party: 'Korpsstaf VIK',
      dateFrom: '2025-03-01',
      dateTo: '2025-03-01',
      units: ALL,
      description: 'Illustratief: invoering van een zaaksysteem met analysefunctie, gefaseerd per eenheid (eerste eenheden in 2025).',
    }),
    evidence(E26.formatie, 'document', 'Formatieoverzichten teams VIK 2026 (illustratief)', {
      party: 'Afdelingen VIK',
      dateFrom: '2026-01-01',
      dateTo: '2026-01-01',
      units: HANDLING_UNITS,
      description: 'Illustratief: vaste en tijdelijke formatie van de teams VIK per eenheid.',
    }),
    evidence(E26.registratie, 'registratiedata', 'Export klachtenregistratie 2023–2025 (illustratief)', {
      party: 'Nationale politie',
      dateFrom: '2023-01-01',
      dateTo: '2025-12-31',
      units: ALL,
      description: 'Illustratief: export uit Documentum en, voor de eerste eenheden, uit het nieuwe zaaksysteem.',
    }),
    evidence(E26.trendrapportage, 'document', 'Landelijke trendrapportage klachten 2025 (illustratief)', {
      party: 'Korpsstaf VIK',
      dateFrom: '2026-02-15',
      dateTo: '2026-02-15',
      units: ALL,
      description: 'Illustratief: eerste landelijke rapportage op basis van een gezamenlijke analysemethode.',
    }),
    evidence(E26.afsluitendeBrieven, 'document', 'Steekproef afsluitende brieven 2025 (illustratief)', {
      party: 'Afdelingen VIK',
      dateFrom: '2025-01-01',
      dateTo: '2025-12-31',
      units: HANDLING_UNITS,
      description: 'Illustratief.',
    }),
    evidence(E26.folder, 'document', 'Nationale politie, Niet tevreden over de politie? Samen komen we er wel uit.', { party: 'Nationale politie', units: ALL }),
  ];
  const interviews = HANDLING_UNITS.map((u, i) => {
    const date = plusDays('2026-03-04', i * 7);
    return evidence(UNIT_INTERVIEW_26[u], 'gespreksverslag', `Gespreksverslag teamchef VIK en klachtencoördinator, ${UNIT_NAMES[u]} (illustratief)`, {
      party: `Afdeling VIK ${UNIT_NAMES[u]}`,
      dateFrom: date,
      dateTo: date,
      units: [u],
      description: 'Illustratief vervolggesprek over de opvolging van de aanbevelingen uit Recht van klagen.',
      wederhoor: { status: i % 4 === 1 ? 'gecorrigeerd' : 'akkoord', date: plusDays(date, 28) },
    });
  });
  const others: EvidenceInput[] = [
    evidence(E26.sectorhoofd, 'gespreksverslag', 'Gespreksverslag sectorhoofd VIK, korpsstaf (illustratief)', {
      party: 'Korpsstaf, sector VIK',
      dateFrom: '2026-02-25',
      dateTo: '2026-02-25',
      units: ['KS'],
      wederhoor: { status: 'akkoord', date: '2026-03-20' },
    }),
    evidence(E26.commissies, 'groepsgesprek', 'Groepsgesprek leden klachtencommissies (illustratief)', {
      party: 'Klachtencommissies',
      dateFrom: '2026-06-10',
      dateTo: '2026-06-10',
      units: HANDLING_UNITS,
      wederhoor: { status: 'akkoord', date: '2026-07-08' },
    }),
    evidence(E26.observatie, 'observatie', 'Bijgewoonde intervisie lijnchefs over leerpunten uit klachten (illustratief)', {
      party: 'Afdeling VIK Midden-Nederland',
      dateFrom: '2026-05-19',
      dateTo: '2026-05-19',
      units: ['MN'],
    }),
    evidence(E26.ombudsmanOnderzoeker, 'gespreksverslag', 'Gespreksverslag onderzoeker Nationale ombudsman (illustratief)', {
      party: 'Nationale ombudsman',
      dateFrom: '2026-09-23',
      dateTo: '2026-09-23',
      units: ALL,
      description: 'Illustratief: verslag nog in wederhoor.',
      wederhoor: { status: 'voorgelegd', date: '2026-10-07' },
    }),
    evidence(E26.preventieplan, 'document', 'Landelijk programma preventie onbehoorlijk politiehandelen (illustratief)', {
      party: 'Korpsstaf VIK',
      dateFrom: '2024-09-01',
      dateTo: '2024-09-01',
      units: ALL,
      description: 'Illustratief: uitwerking van aanbeveling A2, met een rol voor lijnchefs.',
    }),
  ];
  return [...docs, ...interviews, ...others];
}
