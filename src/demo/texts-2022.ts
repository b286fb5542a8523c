// National texts of the 2022 inspection, taken from the published report Recht van klagen
// (Inspectie Justitie en Veiligheid, 2023). Texts marked verbatim are the report's words with only
// the pdf's line breaks, page numbers and footnote markers removed; findings are faithful
// summaries that quote the report and name the section.
import type { DocumentInput } from '../domain/document';

type Texts = NonNullable<DocumentInput['inspection']['texts']>;

/** Verbatim: Voorwoord, Samenvatting (Aanleiding, Onderzoeksvraag), §1.3 method, §5.1 opening. */
export const TEXTS_2022: Texts = {
  voorwoord: [
    'In Nederland heb je het recht van klagen als je ontevreden bent over de manier waarop de politie je behandelt. Van de politie verwachten wij dat die de rechtstaat beschermt en daarbij hoort een goede behandeling van klachten van burgers. Het betekent dat de politie zich open en transparant opstelt, met klagers in gesprek gaat, en dat de politie kan uitleggen waarom zij op een bepaalde manier heeft gehandeld. Het uitgangspunt is dat de politie van klachten leert, onvrede wegneemt, fouten herstelt en zwakke punten in de organisatie wegneemt.',
    'Klachtbehandeling, waarbij burgers zich gehoord voelen door politiemedewerkers die leren van klachten, is van groot belang om het vertrouwen van deze burgers in de overheid te behouden. Het recht van klagen is daarmee een belangrijk onderdeel van onze rechtstaat.',
    'Met dit rapport kijkt de Inspectie na 7 jaar terug op toegezegde verbeteringen van de klachtbehandeling. Vast staat dat de politie inmiddels veranderingen heeft doorgevoerd waar burgers baat bij hebben. Zo heeft de politie door samenwerking met de Nationale ombudsman geleerd om beter het gesprek aan te gaan met burgers en om te luisteren naar wat er speelt. Daarnaast reflecteren politiemedewerkers vaker samen met de klager op hun gedrag en is er meer aandacht voor het leren van klachten en het voorkomen van ongewenst gedrag. Ook zijn er verbeteringen doorgevoerd om ervoor te zorgen dat eenheden dezelfde werkwijze hanteren voor het behandelen van klachten. De politie heeft de klachtbehandeling met deze maatregelen zichtbaar verbeterd, maar heeft nog wel vervolgstappen te zetten om aan de toegezegde verbeteringen te voldoen.',
    'Essentieel is dat de politie blijft investeren in de verdere ontwikkeling van de klachtbehandeling. De Inspectie doet hiervoor in dit rapport aanbevelingen.',
    'Esther de Kleuver',
    'Inspecteur-generaal Inspectie Justitie en Veiligheid',
  ].join('\n\n'),
  aanleiding: [
    'De Inspectie Justitie en Veiligheid (hierna: de Inspectie) beschrijft in dit rapport de uitkomsten van een vervolgonderzoek naar de klachtbehandeling bij de politie. Wanneer je vindt dat de politie je niet op de juiste manier heeft behandeld, heb je het recht om daarover te klagen. Je mag er dan op rekenen dat de politie je klacht open en eerlijk behandelt. Dit is zo geregeld in de Algemene wet bestuursrecht, de Politiewet 2012 en in regelingen voor klachtbehandeling door de politie. Voor de politie heeft klachtbehandeling tot doel om het vertrouwen van de burger in de politie te herstellen, om het lerend vermogen van de politie versterken, en om het imago van de politie te verbeteren.',
    'De Inspectie rapporteerde in 2016 dat de politie richting burgers te vaak niet tegemoet kwam aan het doel van hun klachten en daarmee kansen liet liggen om het vertrouwen van de burgers in de politie te herstellen. Daarnaast bleek ook dat het vermogen van de politie om van klachten te leren nog onvoldoende in de politieorganisatie was geborgd. Eveneens hanteerden eenheden van de politie verschillende werkwijzen voor het behandelen van klachten.',
    'In antwoord op het inspectierapport deed de minister van Justitie en Veiligheid (hierna: de minister) aan de Tweede Kamer de toezegging dat de politie het opvolgen van klachten zal verbeteren; de politie zal waarborgen om van klachten te leren; en dat de klachtbehandeling vanaf 2016 op uniforme wijze zal plaatsvinden.',
    'Het doel van dit onderzoek was om in kaart te brengen welke maatregelen de politie sinds het inspectierapport van 2016 heeft genomen en om na te gaan in hoeverre deze in overeenstemming zijn met de toezeggingen van de minister aan de Tweede Kamer om de klachtbehandeling te verbeteren. Daarmee wil de Inspectie haar bijdrage leveren aan het verbeteren van het lerend vermogen van de politieorganisatie en aan de rechtsbescherming van burgers.',
  ].join('\n\n'),
  onderzoeksvraag: [
    'Het onderzoek dat aan deze vervolgrapportage voorafging, was gebaseerd op de onderzoeksvraag:',
    '> Hoe geeft de politie uitvoering aan de toezeggingen van de minister aan de Tweede Kamer voor het verbeteren van de klachtbehandeling?',
    'Om deze vraag te beantwoorden, richtte het onderzoek zich op het beantwoorden van de deelvragen:',
    '> Wat is de stand van zaken in het nakomen van de toezeggingen voor het opvolgen van klachten; het waarborgen van het leren van klachten; en voor het uniformeren van de klachtbehandeling?',
  ].join('\n\n'),
  methode: [
    'Het onderzoek richt zich op het uitvoeren van de toezeggingen van de minister aan de Tweede Kamer van 5 februari 2016. Het empirisch deel van het onderzoek vond plaats in de periode van mei 2022 tot en met december 2022.',
    'De Inspectie onderzocht hoe de politie uitvoering geeft aan de toezeggingen van de minister. Om deze uitvoering te kunnen toetsen, zijn de toezeggingen uit de brief aan de voorzitter van de Tweede Kamer samengebracht in een toetsingskader. Dit kader vormt het uitgangspunt voor dit onderzoek. Het toetsingskader is opgenomen in bijlage 1 van dit rapport.',
    'Aan de hand van dit toetsingskader onderzocht de Inspectie documenten van het ministerie van Justitie en Veiligheid (hierna: het ministerie), de politie, de Nationale ombudsman en informatie uit openbare bronnen. Aanvullend vonden interviews plaats. De Inspectie sprak met teamchefs VIK, klachtencoördinatoren en klachtbehandelaars van alle regionale eenheden, de Landelijke eenheid, het Politiedienstencentrum en met de Politieacademie. Daarnaast met het sectorhoofd van het team Veiligheid, Integriteit en Klachten (VIK) van de korpsstaf en adviseurs VIK van de korpsstaf; een lector van de Politieacademie, een beleidsmedewerker van het directoraat-generaal Politie en veiligheidsregio’s en een onderzoeker van de Nationale ombudsman.',
    'Ook is gesproken met leden van de onafhankelijke klachtencommissies bij de politie-eenheden die de politiechef adviseren in het oordeel over een klacht. Bij deze commissies kunnen klagers terecht als zij niet tevreden zijn over de behandeling van hun klacht of over de uitkomst daarvan. Van de interviews en de groepsgesprekken zijn verslagen opgesteld die aan de gesprekspartners voor wederhoor zijn voorgelegd. De gespreksverslagen en de documentanalyse vormen de basis van dit rapport.',
  ].join('\n\n'),
  conclusie: [
    'De Inspectie is met dit onderzoek nagegaan wat de stand van zaken is in het nakomen van de toezeggingen voor het opvolgen van klachten; het waarborgen van het leren van klachten; en voor het uniformeren van de klachtbehandeling.',
    'Ten opzichte van de situatie in 2016 komt de politie richting burgers beter tegemoet aan het doel van hun klachten en maakt daarbij beter gebruik van de mogelijkheden om het vertrouwen van de burgers in de politie te herstellen. Het vermogen van de politie om van klachten te leren is toegenomen, maar dit leren is nog niet overal in de politieorganisatie geborgd. Ook heeft de politie belangrijke stappen gezet richting het uniform behandelen van klachten maar is het nog niet verbeterd zoals de minister heeft toegezegd.',
    '> Uit het onderzoek blijkt dat de politie uitvoering geeft aan de toezeggingen van de minister aan de Tweede Kamer voor het verbeteren van de klachtbehandeling. De politie heeft hiermee de klachtbehandeling zichtbaar verbeterd, maar aan de toegezegde verbeteringen is nog niet geheel voldaan.',
  ].join('\n\n'),
};

/**
 * Verbatim: the deelconclusies of §2.2, §3.4 and §4.5 followed by the conclusion box of each
 * toezegging (Samenvatting and §5.1), shown as a quote. The ombudsman entry quotes §2.1.
 */
export const CONCLUSIONS_2022: NonNullable<DocumentInput['conclusions']> = [
  {
    checklist: 'toetsingskader',
    group: 'opvolgen',
    text: [
      'De Inspectie constateert dat de klachtencoördinatoren en klachtbehandelaars voldoende worden opgeleid voor het uitvoeren van hun taken zoals bedoeld in de toezegging van de minister. De samenwerking met de Nationale ombudsman is daarin een stimulans geweest. In alle eenheden worden deze functionarissen gefaciliteerd in het onderhouden van hun kennis en vaardigheden.',
      'Desondanks constateert de Inspectie dat de ontwikkeling van de VIK-afdelingen wordt beperkt door het inzetten van een te groot aantal medewerkers zonder uitzicht op een vaste plaats binnen de formatie van de VIK-afdelingen. Hierdoor is het risico ontstaan dat de investeringen in de kennis en vaardigheden van de klachtencoördinatoren en klachtbehandelaars onder druk staan en niet duurzaam tot hun recht komen zoals bedoeld in de toezeggingen van de minister.',
      '> De Inspectie concludeert dat de politie de toezegging van de minister voor het opvolgen van klachten is nagekomen voor de vaste medewerkers in de klachtbehandeling. Er zijn vaste klachtbehandelaars die voldoende zijn opgeleid maar die zijn te veel tijd kwijt aan het begeleiden van collega’s die er tijdelijk invallen. De mate waarin medewerkers tijdelijk zonder uitzicht op een vaste functie in de klachtbehandeling aanstelling worden ingezet, vormt binnen de eenheden een risico voor de kwaliteit van de klachtbehandeling. De politie loopt hiermee het risico dat de toegezegde verbetering in het opvolgen van klachten niet wordt bereikt.',
    ].join('\n\n'),
  },
  {
    checklist: 'toetsingskader',
    group: 'leren',
    text: [
      'De Inspectie constateert dat de politie een leerstructuur heeft ontwikkeld voor het professionaliseren van klachtencoördinatoren en klachtbehandelaars met aandacht voor de doelstellingen van het klachtenbeleid en het vergroten van de vaardigheden in de communicatie met burgers met een klacht over het handelen van de politie.',
      'Daarnaast is er een leerstructuur opgezet om politiemedewerkers individueel en op het niveau van de basisteams te leren op basis van de uitkomsten van de klachtbehandeling. Het leren binnen de basisteams vindt nog niet consequent bij alle eenheden plaats.',
      'Het leren van de politieorganisatie is niet geborgd doordat de politie op nationaal niveau nog onvoldoende beeld heeft van klachten van burgers.',
      '> De Inspectie concludeert dat de politie een leerstructuur heeft ontwikkeld voor de klachtbehandeling. Het leren van klachten is in de eenheden en op nationaal niveau nog niet geborgd. De politie geeft daarmee ten dele uitvoering aan de toezeggingen van de minister.',
    ].join('\n\n'),
  },
  {
    checklist: 'toetsingskader',
    group: 'uniform',
    text: [
      'De Inspectie constateert dat binnen de politie-eenheden sinds 2017 een uniformering van de klachtbehandeling heeft plaatsgevonden met aandacht voor professionele ruimte van medewerkers klachtbehandeling waar dat kan.',
      'Verder is de klachtbehandeling formeel gepositioneerd binnen de eenheidstaven. Medewerkers klachtbehandeling worden opgeleid en getraind en vervullen een vooraanstaande rol in het uniformeren van de klachtbehandeling.',
      'Het registratiesysteem biedt medewerkers in de huidige vorm te weinig ondersteuning bij het behandelen van klachten en bij het opstellen van sturingsinformatie voor de politieleiding.',
      '> De Inspectie concludeert dat de politie ten dele voldoet aan de toezegging van de minister om klachten binnen de eenheden en afdelingen op uniforme wijze te behandelen.',
    ].join('\n\n'),
  },
  {
    checklist: 'ombudsman',
    group: 'aandachtspunten',
    text: [
      'De Inspectie stelt vast dat de afdelingen VIK de aandachtspunten van de Nationale ombudsman serieus oppakken en als richtinggevend blijven beschouwen voor het opvolgen van klachten. Een voorbeeld hiervan is dat de politie een pilot heeft ingericht waarin zij werkt aan verbetering van het behandelen van klachten over etnisch profileren.',
    ].join('\n\n'),
  },
];

/** Verbatim from §5.2, each under the toezegging the report files it under. */
export const RECOMMENDATIONS_2022: NonNullable<DocumentInput['recommendations']> = [
  {
    ref: 'A1',
    checklist: 'toetsingskader',
    group: 'opvolgen',
    text: 'Investeer in het duurzaam behoud van het bereikte niveau van klachtbehandeling en houdt hiermee rekening bij de samenstelling van de teams VIK.',
  },
  {
    ref: 'A2',
    checklist: 'toetsingskader',
    group: 'leren',
    text: 'Investeer in de verder in het ontwikkelen van de preventie van onbehoorlijk politiehandelen, door medewerkers handelingsperspectief te bieden en om herhaling te voorkomen. Betrek de lijnchefs actief in dit proces.',
  },
  {
    ref: 'A3',
    checklist: 'toetsingskader',
    group: 'leren',
    text: 'Maak meer gebruik van openbare bronnen om kennis te nemen van klachten en bouw sturingsinformatie uit de klachtbehandelingsgegevens systematisch op.',
  },
  {
    ref: 'A4',
    checklist: 'toetsingskader',
    group: 'uniform',
    text: 'Geef bij de inrichting en toepassing van het registratiesysteem voor klachten prioriteit aan gebruiksvriendelijkheid en een overzichtelijke analysefunctie.',
  },
];

/** The table "Afgeronde klachten naar status en fase" (§2.1), national figures. */
export const STATISTICS_2022: NonNullable<DocumentInput['statistics']> = [
  { year: 2016, unit: null, afgerond: 9732, aannemen: 1687, eersteFase: 7574, tweedeFase: 471 },
  { year: 2017, unit: null, afgerond: 9655, aannemen: 2019, eersteFase: 7308, tweedeFase: 328 },
  { year: 2018, unit: null, afgerond: 9484, aannemen: 2066, eersteFase: 7186, tweedeFase: 232 },
  { year: 2019, unit: null, afgerond: 10284, aannemen: 2210, eersteFase: 7878, tweedeFase: 196 },
  { year: 2020, unit: null, afgerond: 13090, aannemen: 3198, eersteFase: 9702, tweedeFase: 190 },
];

/** National findings per criterion: summaries of chapters 2–4 that quote the report. */
const TK_FINDINGS: Record<string, string> = {
  k1: 'In de eerste fase nemen klachtbehandelaars contact op met klagers en overleggen met hen over de klacht; dit eerste contact is bedoeld om de klachtbehandeling toe te lichten (§2.1). In samenspraak met de Nationale ombudsman zijn verbeteringen doorgevoerd in de intake met klager, de zienswijze van de betreffende medewerker en leidinggevende en het bemiddelingsgesprek (Samenvatting). De vaste medewerkers zijn voldoende opgeleid; “Veel van de tijdelijke medewerkers beschikken nog niet over deze kennis en vaardigheden” (§2.1).',
  k2: '“Dit eerste contact is bedoeld om de klachtbehandeling toe te lichten, om vast te stellen welke klachtelementen klager heeft aangevoerd, wat het doel is van de klacht en in hoeverre de klacht voor verdere behandeling in aanmerking komt.” Het overleg is ook de voorbereiding op een eventuele doorgeleiding naar de klachtencommissie (§2.1).',
  k3: '“Bij de afronding van de klacht toetst de klachtbehandelaar bij de klager of het doel is behaald en of de klager tevreden is” (§2.1). De klachtbehandelaars begeleiden het bemiddelingsgesprek en maken rapport op van de klachtbehandeling (Uitvoeringsregeling klachtbehandeling politie 2018, art. 5).',
  k4: 'Een klager die niet tevreden is over de uitkomst of over het verloop van de bemiddeling, wordt gewezen op de mogelijkheid om de klacht voor te leggen aan een klachtencommissie en vervolgens aan de Nationale ombudsman; “Hiervoor zijn folders beschikbaar en ook op de website van de politie wordt dit uitgelegd” (§2.1). Het aantal klachten in de tweede fase daalde van 471 (2016) naar 190 (2020), terwijl het aantal afgeronde klachten steeg van 9.732 naar 13.090.',
  k5: '“In de afsluitende brief spreekt elke eenheid naar de klager via een vaste formulering waardering uit voor het indienen van de klacht” (§2.1); dit gebeurt in navolging van de toezegging van de minister (Samenvatting).',
  k6: 'Er is een leerweg voor klachtencoördinatoren en klachtbehandelaars: een basisopleiding voor alle medewerkers van de VIK-afdelingen en een verdiepingscursus klachtbehandeling, aangevuld met workshops van onder meer de Nationale ombudsman en de Politieacademie. Daarnaast zijn er periodiek landelijke bijeenkomsten en themadagen, gefaciliteerd vanuit de korpsstaf (§3.1). De vaste medewerkers hebben deze opleiding en training gevolgd en passen de opgebouwde kennis en vaardigheid gericht toe in de praktijk (Samenvatting).',
  k7: 'Lijnchefs zijn betrokken bij de klachtbehandeling van individuele medewerkers en hebben de taak de leerpunten binnen de basisteams te bespreken. “In diverse gesprekken vertelden klachtbehandelaars, coördinatoren en teamchefs VIK dat dit door werkdruk en prioritering niet vanzelfsprekend in alle basisteams plaatsvindt” (§3.2). Een toenemend aantal eenheden stelt preventiemedewerkers aan en neemt leermomenten op in de integrale beroepsvaardigheidstraining.',
  k8: 'De folder “Niet tevreden over de politie? Samen komen we er wel uit.” en de website van de politie leggen de klachtenprocedure uit (§2.1). “Op de intranetsite van de politie is voorlichtingsmateriaal beschikbaar, waaronder folders en voorlichtingsfilms” (§3.2). Onder medewerkers bestaat nog een ‘schrik voor VIK’; goede voorlichting en preventie nemen volgens klachtbehandelaars vooroordelen weg (§3.2).',
  k9: 'De klachtbehandelaars informeren de medewerker op wiens handelen de klacht betrekking heeft en diens leidinggevende over de klacht en sturen hun een afschrift van het resultaat van het gesprek met de klager (§2.1). Het rapport gaat niet afzonderlijk in op het actief verstrekken van de folder aan betrokken medewerkers; de oordelen per eenheid hierover zijn illustratief.',
  k10: 'Alle eenheden gebruiken hetzelfde registratiesysteem, Documentum, en de Uitvoeringsregeling is voor alle eenheden leidend voor de registratie. Op initiatief van korpsstaf VIK is de rubricering herzien en inmiddels bij alle eenheden ingevoerd. “Daarmee heeft de politie essentiële stappen gezet voor het bereiken van landelijke uniformiteit in de registratie van klachten” (§4.4).',
  k11: 'Korpsstaf VIK faciliteert de gemeenschappelijke opleiding van klachtbehandelaars en coördinatoren en de gezamenlijke registratie van klachten en het analyseren daarvan (§4.2). De VIK-afdelingen werkten in werkgroepen aan een herziening van de rubricering (§4.4). Door het inwerken van tijdelijke medewerkers is er minder aandacht voor de registratie en analyse van leermomenten (§2.1).',
  k12: 'De wijze waarop sturingsinformatie tot stand komt, loopt sterk uiteen doordat het gemeenschappelijke documentbeheersysteem niet voor informatieanalyse is ingericht. VIK-afdelingen ontwikkelden afzonderlijke methoden; ondersteuning vanuit de korpsstaf VIK heeft dit niet kunnen verhelpen. “De sturingsinformatie blijft hierdoor beperkt tot een weergave van de professionele inschatting van betrokken klachtencoördinatoren uit de VIK-afdelingen, en mist een eenduidige methodische onderbouwing” (§3.3).',
  k13: 'In 2018 stelde de korpschef de Uitvoeringsregeling klachtbehandeling vast; de korpsstaf gaf richting aan de korpsbrede uniformering en de eenheidschefs gaven opdracht tot de uitvoering via de teamchefs VIK. Klachtencoördinatoren en klachtbehandelaars hanteren de regeling als uitgangspunt en ervaren dat de bepalingen hun voldoende kader bieden voor maatwerk (§4.1).',
  k14: 'Klachtbehandeling wordt gespecialiseerd vanuit de eenheidsstaf uitgevoerd, “en niet langer binnen de basisteams als een neventaak” (§4.2). De teams VIK hebben een vaste kern van vakbekwame klachtbehandelaars, maar aan de meeste teams is een wisselende groep startbekwame medewerkers uit de basisteams toegevoegd die vrijwel geen uitzicht heeft op een vaste plaats en frequent wisselt (§2.1).',
  k15: 'De opleidingen en trainingen worden door de korpsstaf VIK georganiseerd en inhoudelijk verzorgd door de Politieacademie. Klachtbehandelaars hebben vanaf 2017 een basiscursus VIK, een vervolgcursus klachtbehandeling en de workshops van de Nationale ombudsman gevolgd; nieuwe medewerkers volgen de basiscursus en de vervolgcursus en worden begeleid door vaste medewerkers (§4.3). Verdere verdieping van mediationvaardigheden is nodig.',
  k16: '“De inrichting van dit systeem vormt een belemmering voor het op uniforme wijze analyseren en het leren van de klachtbehandeling. Het landelijke registratiesysteem voor klachten levert op dit onderdeel nog niet de bijdrage aan de gewenste uniformiteit zoals door de minister was toegezegd.” De korpsstaf erkent de problemen en ontwikkelt plannen voor een zaaksysteem (§4.4).',
};

const NOM_FINDINGS: Record<string, string> = {
  a1: 'Tussen 2017 en 2021 werkten de eenheden nauw samen met de Nationale ombudsman; de politie heeft daardoor “geleerd om beter het gesprek aan te gaan met burgers en om te luisteren naar wat er speelt” (Voorwoord). Klachtbehandelaars nemen in de eerste fase contact op met klagers (§2.1).',
  a2: 'Het rapport gaat niet afzonderlijk in op klachtherkenning. De herziene rubricering maakt inzichtelijk welke soorten klachten zijn ingediend (§4.4). Volgens het onderzoek van de Erasmus Universiteit bereikt de politie met de inrichting van het klachtproces slechts 25 procent van de burgers die klagen of hun ongenoegen uiten (§3.3).',
  a3: 'Het rapport gaat niet afzonderlijk in op het buiten behandeling stellen van klachten. In het eerste contact stelt de klachtbehandelaar vast in hoeverre de klacht voor verdere behandeling in aanmerking komt (§2.1).',
  a4: 'Het aantal klachten dat in de tweede fase aan de klachtencommissies werd voorgelegd, daalde in 2016–2020 van 471 naar 190, terwijl het aantal klachten en het aantal bemiddelingsgesprekken steeg (§2.1). Bij de afronding toetst de klachtbehandelaar of het doel is behaald en wijst hij een niet-tevreden klager op de klachtencommissie.',
  a5: 'De medewerker en de leidinggevende geven in een reactie hun zienswijze op de klacht; de klachtbehandelaar maakt rapport op van de klachtbehandeling (§2.1). Door het inwerken van tijdelijke medewerkers kunnen VIK-afdelingen minder aandacht besteden aan complexe klachten dan zij nodig achten.',
  a6: 'Het rapport gaat niet afzonderlijk in op het afronden bij niet-behandelen. In de afsluitende brief spreekt elke eenheid waardering uit, en een niet-tevreden klager wordt gewezen op de klachtencommissie en de Nationale ombudsman (§2.1).',
  a7: 'Functionarissen binnen en buiten de eenheden geven aan dat “bijna alle teams VIK” aan het maximum van hun capaciteit zitten. Het voortdurend opnieuw inwerken van tijdelijke medewerkers vraagt te veel aandacht, waardoor minder aandacht is voor complexe klachten of voor de registratie en analyse van leermomenten (§2.1). De afdelingen VIK pakken de aandachtspunten serieus op en blijven ze als richtinggevend beschouwen (§2.1).',
};

export const FINDINGS_2022: NonNullable<DocumentInput['findings']> = [
  ...Object.entries(TK_FINDINGS).map(([criterion, text]) => ({ checklist: 'toetsingskader', criterion, text })),
  ...Object.entries(NOM_FINDINGS).map(([criterion, text]) => ({ checklist: 'ombudsman', criterion, text })),
];
