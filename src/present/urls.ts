// Every URL the app builds in more than one place: links in views, redirects in routes. Parts that
// come from data (checklist, criterion and unit codes) are encoded here, so no caller forgets it.
const part = encodeURIComponent;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The review queue's filters and page as they stand in its address (src/web/routes/review.routes.ts); goedgekeurd: how many were just approved. */
export interface ReviewQueueQuery { groep?: string; eenheid?: string; auteur?: string; staat?: string; pagina?: number; goedgekeurd?: number }

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
  /** The units in scope (src/web/routes/unit-scope.routes.ts): changeable until the first verdict. */
  unitScope: (id: number) => `${inspection(id)}/eenheden`,
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
  /** The page to find and link any source of the inspection to a cell (the cell page lists only the nearest ones). */
  cellSources: (id: number, checklistId: string, criterionId: string, unit: string, q: { zoek?: string; pagina?: number } = {}) =>
    `${cell(id, checklistId, criterionId, unit)}/bronnen${query({ zoek: q.zoek || undefined, pagina: q.pagina && q.pagina > 1 ? q.pagina : undefined })}`,
  comparison: (ids: { eerder?: number; later: number }) => `/vergelijken${query(ids)}`,
  /** The trend page and its files over the chosen inspections (or every one with the checklist `kader`). */
  trend: (choice: { onderzoeken?: number[]; kader?: string } = {}) => `/trend${query({ onderzoeken: choice.onderzoeken?.join(','), kader: choice.kader })}`,
  trendFile: (format: 'pdf' | 'xlsx', choice: { onderzoeken?: number[]; kader?: string }) => `/trend.${format}${query({ onderzoeken: choice.onderzoeken?.join(','), kader: choice.kader })}`,
  /** Review (src/web/routes/review.routes.ts): the queue with its filters, approving from it, the setting, and approving one cell or section. */
  review: (id: number, filter: ReviewQueueQuery = {}) => `${inspection(id)}/review${query({ ...filter })}`,
  /** The queue's filters (and page) ride along, so the page after approving is the one the reviewer was on. */
  reviewApprove: (id: number, filter: ReviewQueueQuery = {}) => `${inspection(id)}/review/goedkeuren${query({ ...filter })}`,
  reviewSetting: (id: number) => `${inspection(id)}/review/instelling`,
  cellApprove: (id: number, checklistId: string, criterionId: string, unit: string) => `${cell(id, checklistId, criterionId, unit)}/goedkeuren`,
  cellApprovalWithdraw: (id: number, checklistId: string, criterionId: string, unit: string) => `${cell(id, checklistId, criterionId, unit)}/goedkeuring-intrekken`,
  sectionApprove: (id: number, sectionId: number) => `${inspection(id)}/rapport/secties/${sectionId}/goedkeuren`,
  sectionApprovalWithdraw: (id: number, sectionId: number) => `${inspection(id)}/rapport/secties/${sectionId}/goedkeuring-intrekken`,
  /** Review notes (src/web/routes/review-notes.routes.ts): the list with its filters, one thread and its actions. */
  notes: (id: number, filter: { status?: string; aan?: string; doel?: string } = {}) => `${inspection(id)}/notities${query(filter)}`,
  note: (id: number, noteId: number) => `${inspection(id)}/notities/${noteId}`,
  noteReplies: (id: number, noteId: number) => `${inspection(id)}/notities/${noteId}/reacties`,
  noteResolve: (id: number, noteId: number) => `${inspection(id)}/notities/${noteId}/oplossen`,
  noteReopen: (id: number, noteId: number) => `${inspection(id)}/notities/${noteId}/heropenen`,
  /** Checklists and mappings (src/web/routes/checklists.routes.ts): the list, the template, a version's downloads, upload and publish. */
  frameworks: (anchor?: string) => `/kaders${anchor ? `#${anchor}` : ''}`,
  frameworkTemplate: () => '/kaders/sjabloon.xlsx',
  frameworkVersionFile: (checklistId: string, version: string, ext: 'yaml' | 'xlsx') => `/kaders/${part(checklistId)}/versies/${part(version)}/kader.${ext}`,
  frameworkPreview: () => '/kaders/voorbeeld',
  frameworkPublish: () => '/kaders/publiceren',
  mappingPreview: () => '/kaders/koppelingen/voorbeeld',
  mappingPublish: () => '/kaders/koppelingen/publiceren',
  mappingEditor: (versions: { van?: string; naar?: string } = {}) => `/kaders/koppelingen/nieuw${query(versions)}`,
  /** Organisations and their unit sets (src/web/routes/organisations.routes.ts): the list, one organisation, a version's file, upload, editor and publish. */
  organisations: () => '/organisaties',
  organisation: (code: string) => `/organisaties/${part(code)}`,
  unitSetFile: (code: string, version: number) => `/organisaties/${part(code)}/versies/${version}/eenheden.yaml`,
  unitsPreview: () => '/organisaties/voorbeeld',
  unitsPublish: () => '/organisaties/publiceren',
  unitsEditor: (code?: string) => `/organisaties/nieuw${query({ organisatie: code })}`,
  /** Wederhoor on the concept report (src/web/routes/wederhoor.routes.ts): the tab, one round, its stored files and its reaction form. */
  wederhoor: (id: number) => `${inspection(id)}/wederhoor`,
  wederhoorRound: (id: number, roundId: number) => `${inspection(id)}/wederhoor/${roundId}`,
  wederhoorFile: (id: number, roundId: number, kind: 'pdf' | 'docx') => `${inspection(id)}/wederhoor/${roundId}/concept.${kind}`,
  wederhoorForm: (id: number, roundId: number) => `${inspection(id)}/wederhoor/${roundId}/reactieformulier.xlsx`,
  wederhoorClose: (id: number, roundId: number) => `${inspection(id)}/wederhoor/${roundId}/afsluiten`,
  /** Reactions to a wederhoor round and their handling (src/web/routes/wederhoor-reactions.routes.ts), on the round's page. */
  reactions: (id: number, roundId: number, anchor?: string) => `${inspection(id)}/wederhoor/${roundId}/reacties${anchor ? `#${anchor}` : ''}`,
  reactionAdd: (id: number, roundId: number) => `${inspection(id)}/wederhoor/${roundId}/reacties`,
  reactionImport: (id: number, roundId: number) => `${inspection(id)}/wederhoor/${roundId}/reacties/formulier`,
  reaction: (id: number, roundId: number, reactionId: number) => `${inspection(id)}/wederhoor/${roundId}/reacties/${reactionId}`,
  reactionHandle: (id: number, roundId: number, reactionId: number) => `${inspection(id)}/wederhoor/${roundId}/reacties/${reactionId}/verwerking`,
  reactionRemove: (id: number, roundId: number, reactionId: number) => `${inspection(id)}/wederhoor/${roundId}/reacties/${reactionId}/verwijderen`,
  /** The handling document ("Verwerking van de reacties op het conceptrapport"). */
  handlingDocument: (id: number, ext: 'pdf' | 'xlsx') => `${inspection(id)}/verwerking-reacties.${ext}`,
  /** One report section's history (the change log of that section). */
  sectionHistory: (id: number, sectionId: number) => `${inspection(id)}/rapport/secties/${sectionId}/geschiedenis`,
};
