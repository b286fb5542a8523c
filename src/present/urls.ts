// Every URL the app builds in more than one place: links in views, redirects in routes. Parts that
// come from data (checklist, criterion and unit codes) are encoded here, so no caller forgets it.
const part = encodeURIComponent;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const inspection = (id: number) => `/onderzoeken/${id}`;
const cell = (id: number, checklistId: string, criterionId: string, unit: string) =>
  `${inspection(id)}/cellen/${part(checklistId)}/${part(criterionId)}/${part(unit)}`;
const evidenceList = (id: number) => `${inspection(id)}/bronnen`;

export const url = {
  inspection,
  matrix: (id: number, filter: { checklist?: string; groep?: string } = {}) => `${inspection(id)}/matrix${query(filter)}`,
  national: (id: number, anchor?: string) => `${inspection(id)}/landelijk${anchor ? `#${anchor}` : ''}`,
  evidenceList,
  evidence: (id: number, evidenceId: number) => `${evidenceList(id)}/${evidenceId}`,
  newEvidence: (id: number) => `${evidenceList(id)}/nieuw`,
  texts: (id: number) => `${inspection(id)}/teksten`,
  followUp: (id: number) => `${inspection(id)}/vervolg`,
  statistics: (id: number) => `${inspection(id)}/statistieken`,
  history: (id: number) => `${inspection(id)}/geschiedenis`,
  finalise: (id: number) => `${inspection(id)}/vaststellen`,
  /** The report outline (src/web/routes/outline.routes.ts): its sections, and one section's page and actions. */
  outline: (id: number, anchor?: string) => `${inspection(id)}/rapport${anchor ? `#${anchor}` : ''}`,
  sections: (id: number) => `${inspection(id)}/rapport/secties`,
  section: (id: number, sectionId: number) => `${inspection(id)}/rapport/secties/${sectionId}`,
  sectionMove: (id: number, sectionId: number) => `${inspection(id)}/rapport/secties/${sectionId}/verplaatsen`,
  sectionRemove: (id: number, sectionId: number) => `${inspection(id)}/rapport/secties/${sectionId}/verwijderen`,
  nationalReport: (id: number) => `${inspection(id)}/rapport.pdf`,
  unitReport: (id: number, unit: string) => `${inspection(id)}/eenheden/${part(unit)}/rapport.pdf`,
  nationalReportDocx: (id: number) => `${inspection(id)}/rapport.docx`,
  unitReportDocx: (id: number, unit: string) => `${inspection(id)}/eenheden/${part(unit)}/rapport.docx`,
  cell,
  /** All criteria of one unit on one page (one checklist; the inspection's first when none is given). */
  unitVerdicts: (id: number, unit: string, checklist?: string) => `${inspection(id)}/eenheden/${part(unit)}/oordelen${query({ checklist })}`,
  /** The Excel round trip of an inspection's verdicts (src/web/routes/verdict-sheet.routes.ts). */
  verdictSheet: (id: number) => `${inspection(id)}/werkblad`,
  verdictSheetFile: (id: number) => `${inspection(id)}/werkblad/oordelen.xlsx`,
  verdictSheetApply: (id: number) => `${inspection(id)}/werkblad/toepassen`,
  /** All units on one criterion on one page. */
  criterionVerdicts: (id: number, checklistId: string, criterionId: string) => `${inspection(id)}/criteria/${part(checklistId)}/${part(criterionId)}/oordelen`,
  cellHistory: (id: number, checklistId: string, criterionId: string, unit: string) => `${cell(id, checklistId, criterionId, unit)}/geschiedenis`,
  comparison: (ids: { eerder?: number; later: number }) => `/vergelijken${query(ids)}`,
};
