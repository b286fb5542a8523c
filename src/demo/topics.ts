// Short Dutch noun phrases per criterion, for sentences that name what a cell is about.
export const TOPIC: Record<string, string> = {
  k1: 'heldere communicatie met de klager over de opvolging',
  k2: 'het bespreken van het doel van de klager in het intakegesprek',
  k3: 'het toetsen bij de afronding of het doel is gehaald',
  k4: 'uitleg aan de klager als het doel niet is gehaald',
  k5: 'het uitspreken van waardering voor het indienen van de klacht',
  k6: 'de leerstructuur voor klachtencoördinatoren en klachtbehandelaars',
  k7: 'de betrokkenheid van lijnchefs bij het leren van klachten',
  k8: 'de digitale folder voor medewerkers',
  k9: 'het actief verstrekken van de folder aan betrokken medewerkers',
  k10: 'uniforme registratie in het landelijke registratiesysteem',
  k11: 'aandacht voor het registratiesysteem in de leerstructuur',
  k12: 'cijfers en trends uit het registratiesysteem',
  k13: 'verdere uniformering met professionele ruimte',
  k14: 'vaste functies voor klachtbehandelaars',
  k15: 'opleiding en training van klachtbehandelaars',
  k16: 'de bijdrage van het registratiesysteem aan uniformiteit',
  a1: 'persoonlijk contact met burgers',
  a2: 'klachtherkenning',
  a3: 'het buiten behandeling stellen van klachten',
  a4: 'openheid voor alle uitkomsten',
  a5: 'informatie verzamelen en onderzoek doen',
  a6: 'goed afronden bij niet-behandelen of beëindigen',
  a7: 'voldoende mensen, tijd en middelen',
};

export const OPVOLGEN = ['k1', 'k2', 'k3', 'k4', 'k5'];
export const LEREN = ['k6', 'k7', 'k8', 'k9', 'k10', 'k11', 'k12'];
export const UNIFORM = ['k13', 'k14', 'k15', 'k16'];

export function groupOf(criterion: string): 'opvolgen' | 'leren' | 'uniform' | 'aandachtspunten' {
  if (OPVOLGEN.includes(criterion)) return 'opvolgen';
  if (LEREN.includes(criterion)) return 'leren';
  if (UNIFORM.includes(criterion)) return 'uniform';
  return 'aandachtspunten';
}
