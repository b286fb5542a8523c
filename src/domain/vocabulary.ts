// The fixed vocabularies of the domain, each with its Dutch label. Code uses the keys; screens,
// reports and exports show the labels. One list each, so a new value is added in one place.

export const ROLES = ['beheerder', 'inspecteur', 'lezer'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  beheerder: 'Beheerder',
  inspecteur: 'Inspecteur',
  lezer: 'Lezer (management)',
};

export const WORKFLOW = ['te_doen', 'in_behandeling', 'ter_review', 'gereed'] as const;
export type Workflow = (typeof WORKFLOW)[number];
export const WORKFLOW_LABELS: Record<Workflow, string> = {
  te_doen: 'Te doen',
  in_behandeling: 'In behandeling',
  ter_review: 'Ter review',
  gereed: 'Gereed',
};

export const EVIDENCE_TYPES = [
  'gespreksverslag',
  'groepsgesprek',
  'document',
  'openbare_bron',
  'registratiedata',
  'observatie',
  // The inspected organisation's or the minister's letter on the concept report, printed as a bijlage.
  'bestuurlijke_reactie',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  gespreksverslag: 'Gespreksverslag (interview)',
  groepsgesprek: 'Groepsgesprek',
  document: 'Document',
  openbare_bron: 'Openbare bron',
  registratiedata: 'Registratiegegevens',
  observatie: 'Observatie',
  bestuurlijke_reactie: 'Bestuurlijke reactie',
};

/** Interview reports go back to the interviewees (wederhoor) before a verdict may rest on them. */
export function needsWederhoor(type: EvidenceType): boolean {
  return type === 'gespreksverslag' || type === 'groepsgesprek';
}

export const WEDERHOOR = ['concept', 'voorgelegd', 'akkoord', 'gecorrigeerd'] as const;
export type Wederhoor = (typeof WEDERHOOR)[number];
export const WEDERHOOR_LABELS: Record<Wederhoor, string> = {
  concept: 'Concept (nog niet voorgelegd)',
  voorgelegd: 'Voorgelegd voor wederhoor',
  akkoord: 'Wederhoor: akkoord',
  gecorrigeerd: 'Wederhoor: gecorrigeerd verwerkt',
};
export function wederhoorFinished(w: Wederhoor | null | undefined): boolean {
  return w === 'akkoord' || w === 'gecorrigeerd';
}

export const INSPECTION_STATUS = ['concept', 'vastgesteld'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUS)[number];
export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  concept: 'Concept',
  vastgesteld: 'Vastgesteld',
};

export const RECOMMENDATION_FOLLOWUP = ['opgevolgd', 'deels_opgevolgd', 'niet_opgevolgd', 'niet_meer_van_toepassing'] as const;
export type RecommendationFollowup = (typeof RECOMMENDATION_FOLLOWUP)[number];
export const RECOMMENDATION_FOLLOWUP_LABELS: Record<RecommendationFollowup, string> = {
  opgevolgd: 'Opgevolgd',
  deels_opgevolgd: 'Deels opgevolgd',
  niet_opgevolgd: 'Niet opgevolgd',
  niet_meer_van_toepassing: 'Niet meer van toepassing',
};

/** The scope key of a national (not per-unit) roll-up override. */
export const NATIONAL = '*';
