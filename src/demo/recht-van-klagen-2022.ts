// The 2022 inspection "Recht van klagen" (report 2023). National texts, conclusions,
// recommendations and figures come from the report (texts-2022.ts); the report judges only
// nationally, so the per-unit grids below are illustrative. They are built so that the roll-up
// reproduces the report: opvolgen nagekomen (for the permanent staff), leren and uniform ten dele.
import type { DocumentInput } from '../domain/document';
import { E22, evidence2022, UNIT_INTERVIEW_22 } from './evidence';
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
import { CONCLUSIONS_2022, FINDINGS_2022, RECOMMENDATIONS_2022, STATISTICS_2022, TEXTS_2022 } from './texts-2022';
import { TOPIC } from './topics';

// Columns: NN ON MN NH AMS DH RT ZWB OB LB | LE PDC PA | KS
// + nagekomen / opgevolgd, ~ ten dele / deels, - niet, . niet beoordeeld
const TOETSINGSKADER_2022: Record<string, string> = {
  // Opvolgen: the report judges it kept for the permanent staff, so every unit is + on all five.
  k1: '++++++++++ +++ +',
  k2: '++++++++++ +++ +',
  k3: '++++++++++ +++ +',
  k4: '++++++++++ +++ +',
  k5: '++++++++++ +++ +',
  // Leren: the structure exists (k6, k8); learning in basisteams varies (k7); the registration
  // system cannot yet give reliable trends (k12), so no unit has secured learning.
  k6: '++++++++++ +++ +',
  k7: '~+~-~~++~~ ~++ ~',
  k8: '++++++++++ +++ +',
  k9: '+~+~+~++~+ ~++ +',
  k10: '+~+~~+~+~~ ~++ ~',
  k11: '++~+++~+++ +++ +',
  k12: '~~~~~~~~~- ~~~ ~',
  // Uniform: regulation and training in place (k13, k15); temporary staff (k14) and the
  // registration system (k16) keep every unit at ten dele.
  k13: '++++++++++ +++ +',
  k14: '~~+~~~~+~~ +~+ ~',
  k15: '++++~~++++ +++ +',
  k16: '~~~~~~~~~~ ~~~ ~',
};

const OMBUDSMAN_2022: Record<string, string> = {
  a1: '+~+~+~++~+ +++ +',
  a2: '++++++++~+ +++ +',
  a3: '+++~++++++ +++ +',
  a4: '~+~+~~+~+~ ~++ ~',
  a5: '++~+++~+++ +++ +',
  a6: '++++~+++++ +++ +',
  a7: '~~~~~~~~~~ ~+~ ~',
};

const RISK = 'Risico: tijdelijk ingezette medewerkers zonder uitzicht op een vaste plaats beschikken vaak nog niet over de vereiste kennis en vaardigheden (§2.1).';

/** Per criterion and mark; grounded in the report where it speaks, illustrative per unit. */
const MOTIVATION_22: MarkTexts = {
  k1: { '+': `Nagekomen voor de vaste medewerkers: de vaste klachtbehandelaars lichten de klachtbehandeling toe en houden de klager op de hoogte van de opvolging (§2.1). ${RISK}` },
  k2: { '+': `Nagekomen voor de vaste medewerkers: in het eerste contact worden de klachtelementen en het doel van de klacht vastgesteld (§2.1). ${RISK}` },
  k3: { '+': 'Nagekomen voor de vaste medewerkers: bij de afronding toetst de klachtbehandelaar bij de klager of het doel is behaald en of hij tevreden is (§2.1). Risico: door de capaciteitsdruk en het inwerken van tijdelijke medewerkers staat deze toets onder druk.' },
  k4: { '+': 'Nagekomen voor de vaste medewerkers: een niet-tevreden klager krijgt uitleg en wordt gewezen op de klachtencommissie en de Nationale ombudsman, ook via folder en politie.nl (§2.1). Risico: de kwaliteit van de uitleg hangt af van de ervaring van de behandelaar.' },
  k5: { '+': 'Nagekomen: in de afsluitende brief spreekt de eenheid via een vaste formulering waardering uit voor het indienen van de klacht (§2.1). Het oordeel over het opvolgen geldt voor de vaste medewerkers; de inzet van tijdelijke medewerkers blijft een risico.' },
  k6: { '+': 'Er is een leerweg (basisopleiding, verdiepingscursus klachtbehandeling, workshops van de Nationale ombudsman en de Politieacademie) met landelijke themadagen (§3.1). De vaste medewerkers hebben deze gevolgd en passen de kennis gericht toe.' },
  k7: {
    '+': 'Lijnchefs zijn betrokken bij de klachtbehandeling en bespreken leerpunten in de basisteams; klachtbehandelaars of preventiemedewerkers sluiten aan bij teambijeenkomsten.',
    '~': 'Lijnchefs zijn betrokken bij klachten over hun eigen medewerkers, maar leerpunten worden door werkdruk en prioritering niet vanzelfsprekend in alle basisteams besproken (§3.2).',
    '-': 'Leerpunten uit klachten worden in de basisteams nauwelijks besproken en lijnchefs zijn niet betrokken bij het verder ontwikkelen van de leerstructuur.',
  },
  k8: { '+': "De folder 'Niet tevreden over de politie? Samen komen we er wel uit.' en voorlichtingsmateriaal (folders, films) zijn digitaal beschikbaar, ook op intranet (§2.1, §3.2)." },
  k9: {
    '+': 'Betrokken medewerkers en hun leidinggevenden krijgen bij het bericht over de klacht standaard de digitale folder.',
    '~': 'De folder gaat niet standaard mee met het bericht aan betrokken medewerkers; of zij hem krijgen, hangt af van de klachtbehandelaar.',
  },
  k10: {
    '+': 'Registratie in het landelijke systeem (Documentum) volgens de herziene vaste rubricering, met vastlegging van behandelingsinformatie (§4.4).',
    '~': 'Registratie volgens de vaste rubricering, maar het vastleggen van behandelingsinformatie en leermomenten blijft door de capaciteitsdruk achter (§2.1, §4.4).',
  },
  k11: {
    '+': 'Het werken met het registratiesysteem en de nieuwe rubricering komt aan bod in de opleiding en in de werkgroepen en bijeenkomsten van korpsstaf VIK (§4.2, §4.4).',
    '~': 'Het registreren komt aan bod in de opleiding, maar tijdelijke medewerkers worden er in de praktijk nauwelijks in ingewerkt.',
  },
  k12: {
    '~': 'Het documentbeheersysteem is niet voor analyse ingericht; sturingsinformatie berust op de professionele inschatting van de klachtencoördinatoren en mist een eenduidige methodische onderbouwing (§3.3).',
    '-': 'Uit het registratiesysteem komen geen betrouwbare cijfers; een periodieke trendrapportage aan de eenheidsleiding ontbreekt.',
  },
  k13: { '+': 'Werkwijze volgens de Uitvoeringsregeling klachtbehandeling politie 2018; klachtbehandelaars ervaren voldoende kader voor maatwerk (§4.1).' },
  k14: {
    '+': 'De klachtbehandeling is gespecialiseerd belegd in de eenheidsstaf met een vaste kern van klachtbehandelaars; tijdelijke inzet is beperkt.',
    '~': 'De klachtbehandeling is belegd in de eenheidsstaf met een vaste kern, maar met een wisselende groep tijdelijke medewerkers zonder uitzicht op een vaste plaats (§2.1).',
  },
  k15: {
    '+': 'Klachtbehandelaars volgden vanaf 2017 de basiscursus VIK, de vervolgcursus klachtbehandeling en de workshops van de Nationale ombudsman; nieuwe medewerkers volgen de cursussen (§4.3).',
    '~': 'De vaste klachtbehandelaars zijn opgeleid, maar een groot deel van de tijdelijk ingezette medewerkers heeft de basiscursus VIK en de vervolgcursus nog niet gevolgd.',
  },
  k16: { '~': 'Het landelijke systeem helpt bij uniforme registratie, maar de inrichting sluit niet aan bij het werk en belemmert uniforme analyse; het levert nog niet de toegezegde bijdrage (§4.4).' },
  a1: {
    '+': 'Klachtbehandelaars nemen persoonlijk contact op met de klager en voeren waar mogelijk een gesprek; de samenwerking met de Nationale ombudsman heeft dit versterkt (§2.1).',
    '~': 'Persoonlijk contact is het uitgangspunt, maar bij drukte wordt de klager soms alleen schriftelijk benaderd.',
  },
  a2: {
    '+': 'Uitingen van ongenoegen worden als klacht herkend en geregistreerd; de herziene rubricering helpt daarbij (§4.4).',
    '~': 'Klachten die via andere kanalen binnenkomen, worden soms nog als melding afgehandeld.',
  },
  a3: {
    '+': 'Klachten worden terughoudend buiten behandeling gesteld; klagers worden welwillend benaderd.',
    '~': 'Klachten worden nog geregeld buiten behandeling gesteld als de klager niet direct bereikbaar is.',
  },
  a4: {
    '+': 'Klagers horen van alle mogelijke uitkomsten, waaronder de klachtencommissie; een bemiddelingsgesprek wordt aangeboden, niet opgedrongen.',
    '~': 'De behandeling is sterk gericht op afronding in de eerste fase via een bemiddelingsgesprek; de daling van het aantal klachten in de tweede fase vraagt aandacht (§2.1).',
  },
  a5: {
    '+': 'De zienswijzen van medewerker en leidinggevende en andere informatie worden verzameld voordat de klacht wordt afgerond (§2.1).',
    '~': 'Bij complexe klachten is door de capaciteitsdruk minder ruimte voor verdiepend onderzoek dan nodig (§2.1).',
  },
  a6: {
    '+': 'Bij niet-behandelen of beëindigen in de eerste fase wordt dat in de afsluitende brief gemotiveerd, met de vervolgmogelijkheden.',
    '~': 'De motivering bij het buiten behandeling stellen is in een deel van de brieven summier.',
  },
  a7: {
    '+': 'Er is voldoende vaste capaciteit voor de klachtbehandeling en tijd voor analyse van leermomenten.',
    '~': 'Het team VIK zit aan het maximum van zijn capaciteit en werkt met wisselende tijdelijke medewerkers; er blijft te weinig tijd voor analyse van leermomenten (§2.1).',
  },
};

/** Cells where the unit's situation differs from the criterion's usual text. */
const NOTES_22: CellNotes = {
  'k7:NH': 'Volgens teamchef VIK en klachtencoördinator worden leerpunten door werkdruk en prioritering in de basisteams nauwelijks besproken; lijnchefs zijn niet betrokken bij het verder ontwikkelen van de leerstructuur.',
  'k7:ON': 'Lijnchefs bespreken leerpunten in de teambriefing en preventiemedewerkers sluiten aan bij teambijeenkomsten; het verslag van het groepsgesprek met preventiemedewerkers is nog niet voorgelegd.',
  'k7:OB': 'Een preventiemedewerker bespreekt samen met lijnchefs periodiek leerpunten uit klachten in de basisteams; de Inspectie woonde zo’n bijeenkomst bij.',
  'k12:LB': 'Uit het registratiesysteem komen geen bruikbare cijfers en de eenheid stelt geen periodieke trendrapportage op voor de eenheidsleiding.',
  'k14:PA': 'De Politieacademie behandelt relatief weinig klachten, met een vaste klachtbehandelaar in de staf; tijdelijke inzet is niet nodig.',
  'k14:LE': 'De klachtbehandeling is belegd in de staf met een vaste kern van klachtbehandelaars; tijdelijke inzet is beperkt.',
  'a7:PDC': 'Het team heeft voldoende vaste capaciteit voor het beperkte aantal klachten en houdt tijd over voor analyse.',
  // The korpsstaf column stands for what is judged nationally.
  ...Object.fromEntries(
    ['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => [
      `${k}:KS`,
      `Landelijk beoordeeld (${TOPIC[k]}): de werkwijze ligt vast in de Uitvoeringsregeling klachtbehandeling politie 2018 en is in alle eenheden nagekomen voor de vaste medewerkers. Risico: de inzet van tijdelijke medewerkers zonder uitzicht op een vaste plaats (§2.2).`,
    ]),
  ),
  'k7:KS': 'Landelijk: de leerstructuur voor politiemedewerkers bestaat, maar het leren in de basisteams vindt nog niet consequent bij alle eenheden plaats (§3.4).',
  'k10:KS': 'Landelijk: korpsstaf VIK zorgt voor de vaste rubricering, die na herziening bij alle eenheden is ingevoerd; de vastlegging van leermomenten blijft achter (§4.4).',
  'k12:KS': 'Landelijk: korpsstaf VIK verzamelt trends uit de registratie, maar de sturingsinformatie komt niet systematisch tot stand en de politie heeft nationaal onvoldoende beeld van klachten (§3.3, §3.4).',
  'k14:KS': 'Landelijk: de klachtbehandeling is formeel gepositioneerd in de eenheidsstaven, maar in een groot deel van de eenheden wordt met tijdelijke medewerkers zonder vaste plaats gewerkt (§2.1, §4.5).',
  'k16:KS': 'Landelijk: Documentum wordt als gebruiksonvriendelijk ervaren en belemmert uniforme analyse; de korpsstaf erkent dit en ontwikkelt plannen voor een zaaksysteem (§4.4).',
};

/** What the unit's interview report says, per criterion and mark (illustrative paraphrases). */
const INTERVIEW_22: MarkTexts = {
  k1: { '+': 'Klagers worden na ontvangst gebeld en over de opvolging geïnformeerd; tijdelijke collega’s worden daarbij door vaste medewerkers begeleid.' },
  k2: { '+': 'In het intakegesprek wordt steeds gevraagd wat de klager met de klacht wil bereiken; dat doel wordt in het dossier vastgelegd.' },
  k3: { '+': 'Bij de afronding wordt nagegaan of het doel is bereikt; bij tijdelijke medewerkers controleert de coördinator dit.' },
  k4: { '+': 'Een klager die niet tevreden is, krijgt uitleg en de verwijzing naar de klachtencommissie; de folder gaat mee.' },
  k5: { '+': 'De afsluitende brief bevat standaard de vaste zin waarin de eenheid de klager bedankt voor het indienen van de klacht.' },
  k6: { '+': 'De vaste medewerkers volgden de basiscursus VIK, de verdiepingscursus klachtbehandeling en de workshops van de Nationale ombudsman.' },
  k7: {
    '+': 'Lijnchefs bespreken leerpunten uit klachten in de teambriefing; de klachtbehandelaar sluit soms aan.',
    '~': 'Of leerpunten in het basisteam worden besproken, hangt af van de lijnchef; door werkdruk schiet het er vaak bij in.',
    '-': 'Leerpunten gaan naar de lijnchef, maar worden in de basisteams vrijwel niet besproken.',
  },
  k8: { '+': 'Medewerkers vinden de folder en de voorlichtingsfilms op intranet; ze komen ook aan bod in voorlichting aan nieuwe medewerkers.' },
  k9: {
    '+': 'Bij het bericht over een klacht aan medewerker en leidinggevende wordt de digitale folder standaard meegestuurd.',
    '~': 'De folder wordt meegestuurd als de klachtbehandelaar eraan denkt; een vaste stap in de werkwijze is het niet.',
  },
  k10: {
    '+': 'Alle klachten worden in Documentum geregistreerd volgens de nieuwe rubricering, inclusief de behandelingsinformatie.',
    '~': 'Registratie volgens de rubricering lukt, maar leermomenten en afdoening worden door tijdsdruk niet altijd vastgelegd.',
  },
  k11: {
    '+': 'Het registreren in Documentum en de nieuwe rubricering kwamen aan bod in de cursus en in de landelijke werkgroep.',
    '~': 'Nieuwe en tijdelijke medewerkers leren het registreren vooral al doende van collega’s.',
  },
  k12: {
    '~': 'Cijfers voor de kwartaalrapportage worden met de hand uit Documentum en eigen overzichten samengesteld.',
    '-': 'Uit Documentum komen geen bruikbare cijfers; een trendrapportage aan de eenheidsleiding is er niet.',
  },
  k13: { '+': 'De Uitvoeringsregeling is het uitgangspunt; er is ruimte voor maatwerk, bijvoorbeeld bij complex klaaggedrag.' },
  k14: {
    '+': 'Het team bestaat vrijwel geheel uit vaste klachtbehandelaars in de staf.',
    '~': 'Naast de vaste kern werkt het team met een wisselende groep tijdelijke medewerkers uit de basisteams die veel inwerktijd vraagt.',
  },
  k15: {
    '+': 'Vaste en nieuwe medewerkers volgden de basiscursus VIK en de vervolgcursus klachtbehandeling.',
    '~': 'Een deel van de tijdelijke medewerkers heeft de basiscursus VIK nog niet gevolgd.',
  },
  k16: { '~': 'Documentum helpt bij eenduidig registreren, maar is omslachtig in gebruik en ongeschikt voor analyse.' },
  a1: { '+': 'Vrijwel elke klager wordt gebeld; waar nodig volgt een gesprek aan tafel.', '~': 'Bij drukte worden klagers soms alleen per brief benaderd.' },
  a2: { '+': 'Uitingen van ongenoegen via andere kanalen worden doorgezet naar VIK en als klacht geregistreerd.', '~': 'Klachten die via het algemene nummer binnenkomen, worden soms nog als melding behandeld.' },
  a3: { '+': 'Buiten behandeling stellen gebeurt alleen na contact met de klager.', '~': 'Is de klager na twee pogingen niet bereikbaar, dan wordt de klacht buiten behandeling gesteld.' },
  a4: { '+': 'Een bemiddelingsgesprek wordt aangeboden, niet opgedrongen; klagers horen ook van de klachtencommissie.', '~': 'De nadruk ligt op afronden in de eerste fase; de klachtencommissie komt pas ter sprake als de klager doorvraagt.' },
  a5: { '+': 'Voor een standpunt worden zienswijzen van medewerker en leidinggevende en zo nodig mutaties of beelden opgevraagd.', '~': 'Voor nader onderzoek bij complexe klachten ontbreekt vaak de tijd.' },
  a6: { '+': 'Bij beëindigen in de eerste fase legt de brief uit waarom en welke vervolgstappen mogelijk zijn.', '~': 'De motivering in de brief bij buiten behandeling stellen is kort en standaard.' },
  a7: { '+': 'Het team heeft voldoende vaste capaciteit; er is tijd voor analyse van leermomenten.', '~': 'Het team zit aan zijn maximum; het inwerken van tijdelijke collega’s gaat ten koste van analyse en complexe klachten.' },
};

/** Documents that typically support a criterion, with what they show. */
const DOC_LINKS_22: Record<string, EvidenceLink[]> = {
  k1: [{ ref: E22.documentum, excerpt: 'De dossiers bevatten de correspondentie en gespreksverslagen van het contact met de klager (§4.4).' }],
  k2: [{ ref: E22.uitvoeringsregeling, excerpt: 'De wijze van klachtbehandeling, waaronder het eerste contact met de klager, is bepaald in de Uitvoeringsregeling (§2.1).' }],
  k3: [{ ref: E22.afsluitendeBrieven, excerpt: 'In de brieven uit de steekproef staat of het doel van de klager is bereikt (illustratief).' }],
  k4: [
    { ref: E22.folder, excerpt: 'De folder wijst op de klachtencommissie en de Nationale ombudsman.' },
    { ref: E22.politieNl, excerpt: 'De website legt uit hoe een klager verder kan als hij niet tevreden is.' },
  ],
  k5: [{ ref: E22.afsluitendeBrieven, excerpt: 'De brieven bevatten de vaste formulering waarmee waardering wordt uitgesproken voor het indienen van de klacht.' }],
  k6: [{ ref: E22.opleiding, excerpt: 'Basisopleiding, verdiepingscursus klachtbehandeling en workshops van de Nationale ombudsman en de Politieacademie (§3.1).' }],
  k7: [{ ref: E22.uitvoeringsregeling, excerpt: 'Toelichting: de leerpunten uit de klacht worden besproken in het betreffende dienstonderdeel, zodat ook andere medewerkers kunnen leren (§3.2).' }],
  k8: [
    { ref: E22.folder, excerpt: 'Digitaal beschikbare folder over de klachtenprocedure.' },
    { ref: E22.intranet, excerpt: 'Op intranet staan folders en voorlichtingsfilms over klachtbehandeling (§3.2).' },
  ],
  k9: [{ ref: E22.folder, excerpt: 'De folder die aan betrokken medewerkers kan worden verstrekt.' }],
  k10: [
    { ref: E22.documentum, excerpt: 'Alle eenheden registreren in Documentum (§4.4).' },
    { ref: E22.rubricering, excerpt: 'De herziene rubricering is bij alle eenheden ingevoerd (§4.4).' },
  ],
  k11: [{ ref: E22.rubricering, excerpt: 'De rubricering is in werkgroepen van de VIK-afdelingen herzien, onder coördinatie van korpsstaf VIK (§4.4).' }],
  k12: [
    { ref: E22.documentum, excerpt: 'Het documentbeheersysteem is niet voor informatieanalyse ingericht (§3.3).' },
    { ref: E22.sturingsinformatie, excerpt: 'De sturingsinformatie komt per VIK-afdeling verschillend tot stand (§3.3).' },
  ],
  k13: [
    { ref: E22.uitvoeringsregeling, excerpt: 'In 2018 door de korpschef vastgesteld; uitgangspunt voor het behandelen van klachten (§4.1).' },
    { ref: E22.regeling2023, excerpt: 'Legt onder meer vast dat de registratie van klachten binnen de politie op dezelfde wijze plaatsvindt (§4.4).' },
  ],
  k14: [{ ref: E22.uitvoeringsregeling, excerpt: 'Teamchefs VIK geven leiding aan het behandelen van klachten; per eenheid zijn een klachtencoördinator en meerdere klachtbehandelaars aangesteld (§2.1).' }],
  k15: [{ ref: E22.opleiding, excerpt: 'Vanaf 2017: basiscursus VIK, vervolgcursus klachtbehandeling en workshops van de Nationale ombudsman (§4.3).' }],
  k16: [{ ref: E22.documentum, excerpt: 'De inrichting sluit niet goed aan bij het werk en wordt als gebruiksonvriendelijk ervaren (§4.4).' }],
  a1: [{ ref: E22.nomRapport, excerpt: 'Aandachtspunt 1: het persoonlijk contact schoot in 2021 bij een aantal eenheden nog tekort.' }],
  a2: [
    { ref: E22.nomRapport, excerpt: 'Aandachtspunt 2: voorkom dat klachten worden afgehandeld als melding.' },
    { ref: E22.documentum, excerpt: 'Registratie van klachten volgens de vaste rubricering.' },
  ],
  a3: [{ ref: E22.nomRapport, excerpt: 'Aandachtspunt 3: stel niet lichtvaardig een klacht buiten behandeling.' }],
  a4: [{ ref: E22.tabel, excerpt: 'Tweede fase: 471 klachten in 2016, 190 in 2020, bij een stijgend aantal afgeronde klachten.' }],
  a5: [{ ref: E22.nomRapport, excerpt: 'Aandachtspunt 5: verzamel informatie en doe goed onderzoek.' }],
  a6: [{ ref: E22.afsluitendeBrieven, excerpt: 'Brieven bij beëindigen in de eerste fase en bij niet-behandelen (illustratief).' }],
  a7: [{ ref: E22.analyseJaarverslagen, excerpt: 'Het aantal klachten steeg jaarlijks aanzienlijk, evenals het aantal bemiddelingsgesprekken (§2.1).' }],
};

/** Extra sources for particular cells; they go right after the interview. */
const EXTRA_LINKS_22: Record<string, EvidenceLink[]> = {
  'k7:ON': [{ ref: E22.preventie, excerpt: 'Preventiemedewerkers sluiten aan bij teambijeenkomsten en bespreken leerpunten met lijnchefs.' }],
  'k7:RT': [{ ref: E22.preventie, excerpt: 'In de basisteams wordt met lijnchefs een vast moment per kwartaal gehouden voor leerpunten uit klachten.' }],
  'k7:OB': [
    { ref: E22.preventie, excerpt: 'Preventiemedewerkers sluiten aan bij teambijeenkomsten en themadagen.' },
    { ref: E22.observatiePreventie, excerpt: 'Lijnchef en preventiemedewerker bespraken drie geanonimiseerde klachten met het team.' },
  ],
  'k6:PA': [{ ref: E22.lector, excerpt: 'De Politieacademie verzorgt de cursussen en workshops voor klachtbehandelaars inhoudelijk.' }],
  'k15:PA': [{ ref: E22.lector, excerpt: 'Het politieonderwijs besteedt meer aandacht aan reflectie op het eigen handelen (§3.2).' }],
  'k6:KS': [{ ref: E22.observatieThemadag, excerpt: 'Klachtencoördinatoren en klachtbehandelaars van alle eenheden wisselden ervaringen uit over eenduidige klachtbehandeling.' }],
  'k10:KS': [{ ref: E22.adviseursKs, excerpt: 'De adviseurs zien toe op het toepassen van de vaste rubricering door de afdelingen VIK.' }],
  'k11:KS': [{ ref: E22.adviseursKs, excerpt: 'Werkgroepen onder coördinatie van korpsstaf VIK gaven de herziening van de rubricering vorm.' }],
  'k12:KS': [{ ref: E22.adviseursKs, excerpt: 'Ondersteuning vanuit korpsstaf VIK heeft het analyseprobleem niet kunnen verhelpen.' }],
  'k13:KS': [
    { ref: E22.dgpenv, excerpt: 'Het sectorhoofd VIK stemt de invulling en voortgang van het verbeterproces af met het directoraat-generaal (§4.2).' },
    { ref: E22.brief, excerpt: 'Toezegging: de klachtbehandeling zal vanaf 2016 op uniforme wijze plaatsvinden.' },
  ],
  'a2:KS': [{ ref: E22.erasmus, excerpt: 'De politie bereikt met het klachtproces slechts 25 procent van de burgers die klagen of hun ongenoegen uiten (§3.3).' }],
  'a5:KS': [{ ref: E22.verkleurdeBeelden, excerpt: 'Aanleiding voor de pilot waarin de politie werkt aan het beter behandelen van klachten over etnisch profileren (§2.1).' }],
};

// The two committee group interviews cover these units; they speak to point 4 (second phase).
const COMMITTEE_22: Record<string, string> = {
  NN: E22.commissiesNoord, ON: E22.commissiesNoord, MN: E22.commissiesNoord, NH: E22.commissiesNoord, AMS: E22.commissiesNoord,
  DH: E22.commissiesZuid, RT: E22.commissiesZuid, ZWB: E22.commissiesZuid, OB: E22.commissiesZuid, LB: E22.commissiesZuid, LE: E22.commissiesZuid,
};

function interviewLink(cell: Cell): EvidenceLink {
  if (cell.unit === 'KS') {
    return { ref: UNIT_INTERVIEW_22.KS, excerpt: `Het sectorhoofd VIK schetst het landelijke beeld van ${TOPIC[cell.criterion]}.` };
  }
  const text = INTERVIEW_22[cell.criterion]?.[cell.mark];
  if (!text) throw new Error(`demo 2022: geen gespreksfragment voor ${cell.criterion} / ${cell.mark}`);
  return { ref: UNIT_INTERVIEW_22[cell.unit], excerpt: text };
}

function links2022(cell: Cell): EvidenceLink[] {
  const key = `${cell.criterion}:${cell.unit}`;
  const extra = [...(EXTRA_LINKS_22[key] ?? [])];
  if (cell.criterion === 'a4' && COMMITTEE_22[cell.unit]) {
    extra.push({ ref: COMMITTEE_22[cell.unit], excerpt: 'Commissieleden zien minder klachten in de tweede fase en vragen aandacht voor de keuzevrijheid van de klager.' });
  }
  if (cell.unit === 'KS' && cell.criterion.startsWith('a')) {
    extra.push({ ref: E22.ombudsmanOnderzoeker, excerpt: `De onderzoeker van de Nationale ombudsman over ${TOPIC[cell.criterion]} na het traject 2017–2021.` });
  }
  // At most three links: the interview first, then the cell's own sources, then the usual documents.
  return [interviewLink(cell), ...extra, ...(DOC_LINKS_22[cell.criterion] ?? [])].slice(0, 3);
}

export function rechtVanKlagen2022(): DocumentInput {
  const evidenceItems = evidence2022();
  const open = openWederhoorRefs(evidenceItems);
  const suffix = (cell: Cell) => (cell.unit === 'KS' ? '(Landelijk oordeel; toedeling aan de korpsstaf illustratief.)' : '(Oordeel per eenheid illustratief.)');
  const common = {
    evidence: links2022,
    // A verdict resting on an unchecked interview report cannot be final; negatives get a second look.
    workflow: (cell: Cell, links: EvidenceLink[]) => (links.some((l) => open.has(l.ref)) || cell.mark === '-' ? ('ter_review' as const) : ('gereed' as const)),
    updatedBy: (cell: Cell) => (['LE', 'PDC', 'PA', 'KS', 'LB', 'OB', 'ZWB'].includes(cell.unit) ? TEAM[1] : TEAM[0]),
    updatedAt: (cell: Cell) => spreadTimestamp('2022-12-08', 40, cell.index),
  };

  return {
    format: 'toetsing-onderzoek',
    formatVersion: 1,
    inspection: {
      ref: 'recht-van-klagen-2022',
      title: 'Recht van klagen',
      year: 2022,
      fieldworkStart: '2022-05-01',
      fieldworkEnd: '2022-12-31',
      status: 'concept',
      finalisedAt: null,
      predecessorRef: 'klachtbehandeling-2015',
      illustrative: true,
      illustrativeNote:
        'Gebaseerd op het gepubliceerde rapport Recht van klagen (Inspectie Justitie en Veiligheid, 2023). Uit het rapport komen: de teksten (voorwoord, aanleiding, onderzoeksvraag, methode, conclusie), de deelconclusies per toezegging, de vier aanbevelingen, de tabel met afgeronde klachten 2016–2020 en de landelijke bevindingen per criterium (samengevat, met citaten). Het rapport geeft alleen landelijke conclusies: de oordelen per eenheid, hun motiveringen en de details van het bewijs (data, indeling en wederhoorstatus van gesprekken, steekproeven, observaties) zijn illustratief. Ook de status concept en de openstaande wederhoor zijn illustratief; het echte rapport is vastgesteld en gepubliceerd. De opvolging van de aanbevelingen uit 2015 is illustratief.',
      checklists: [
        { id: 'toetsingskader', version: '2016' },
        { id: 'ombudsman', version: '2021' },
      ],
      units: ['NN', 'ON', 'MN', 'NH', 'AMS', 'DH', 'RT', 'ZWB', 'OB', 'LB', 'LE', 'PDC', 'PA', 'KS'],
      team: TEAM,
      texts: TEXTS_2022,
    },
    verdicts: [
      ...buildVerdicts({
        checklist: 'toetsingskader',
        scale: NAKOMING,
        rows: TOETSINGSKADER_2022,
        motivation: motivator(MOTIVATION_22, NOTES_22, suffix),
        ...common,
      }),
      ...buildVerdicts({
        checklist: 'ombudsman',
        scale: OPVOLGING,
        rows: OMBUDSMAN_2022,
        motivation: motivator(MOTIVATION_22, NOTES_22, suffix),
        ...common,
      }),
    ],
    overrides: [],
    findings: FINDINGS_2022,
    conclusions: CONCLUSIONS_2022,
    recommendations: RECOMMENDATIONS_2022,
    // The 2015 recommendations are illustrative (see the 2015 document); so is their follow-up.
    recommendationFollowups: [
      {
        recommendationRef: '2015-A1',
        status: 'opgevolgd',
        motivation: 'Illustratief: intake, afronding en de vaste formulering van waardering zijn vastgelegd in de werkwijze; volgens het rapport komt de politie richting burgers beter tegemoet aan het doel van hun klachten (§5.1).',
        evidence: [E22.uitvoeringsregeling, E22.afsluitendeBrieven],
      },
      {
        recommendationRef: '2015-A2',
        status: 'deels_opgevolgd',
        motivation: 'Illustratief: er zijn drie leerstructuren ontwikkeld, maar het leren van klachten is in de eenheden en op nationaal niveau nog niet geborgd (§3.4).',
        evidence: [E22.opleiding, E22.sturingsinformatie],
      },
      {
        recommendationRef: '2015-A3',
        status: 'deels_opgevolgd',
        motivation: 'Illustratief: de Uitvoeringsregeling en de herziene rubricering uniformeren de werkwijze; het registratiesysteem levert nog niet de toegezegde bijdrage aan uniformiteit (§4.5).',
        evidence: [E22.uitvoeringsregeling, E22.rubricering, E22.documentum],
      },
    ],
    evidence: evidenceItems,
    statistics: STATISTICS_2022,
  };
}
