// The presentation module: how verdicts, counts, dates and links look, for screens and print
// alike. Views get `h` (screenHelpers) and report templates `r` (src/reports/index.ts); both are
// `sharedHelpers` plus what only their side needs, so there is no second implementation.
import { NOT_ASSESSED, type Catalogue } from '../domain/checklist';
import { unitNameOf, type UnitSetRef } from '../domain/units';
import { renderMarkdown } from '../markdown';
import { dutchDate, dutchDateTime, dutchPeriod } from './dates';
import { escapeHtml, verdictBadge } from './html';
import { revisionLabel } from './identity';
import { labels } from './labels';
import { url } from './urls';
import { REVIEW_LEGEND } from './review';
import { ABBREVIATION_RULE, legend, VerdictView, verdictView } from './verdicts';
import { capital, CELLS, count, CRITERIA, criterionNoun, dutchNumber, groupKindPhrase, interviewSentence, INTERVIEWS, outOf, percent, plural, POINTS, recommendationIntro, RECOMMENDATIONS, SOURCES, UNITS } from './words';

export { dutchDate, dutchDateTime, dutchPeriod } from './dates';
export { criterionName, criterionPlainText, criterionTitle, firstWords } from './criteria';
export type { NamedCriterion } from './criteria';
export { inspectionName } from './inspection-name';
export type { NamedInspection } from './inspection-name';
export { escapeHtml, verdictBadge } from './html';
export { historyItems } from './history';
export { personNamer, revisionLabel } from './identity';
export type { RevisionMark } from './identity';
export { labels, WORKFLOW_GLYPHS } from './labels';
export { url } from './urls';
export * from './verdicts';
export * from './words';

/** What screens and reports share: counts in words, dates, numbers, links and verdict badges. */
export const sharedHelpers = {
  esc: escapeHtml,
  verdictBadge,
  dutchDate,
  dutchDateTime,
  dutchPeriod,
  dutchNumber,
  percent,
  count,
  plural,
  outOf,
  capital,
  groupKindPhrase,
  criterionNoun,
  recommendationIntro,
  interviewSentence,
  nouns: { units: UNITS, criteria: CRITERIA, points: POINTS, sources: SOURCES, cells: CELLS, recommendations: RECOMMENDATIONS, interviews: INTERVIEWS },
  url,
  abbreviationRule: ABBREVIATION_RULE,
  /** The code of a cell nobody has judged yet, for forms that offer it as a choice. */
  notAssessed: NOT_ASSESSED,
};

/** The screens' helpers (`h` in views/): the shared ones plus look-ups by id in the catalogue. */
export function screenHelpers(catalogue: Catalogue) {
  const checklist = (id: string) => catalogue.checklists.get(id);
  /** A verdict of a checklist by id; a checklist the catalogue no longer has shows the bare code. */
  const verdict = (checklistId: string, code: string): VerdictView => {
    const c = checklist(checklistId);
    return c ? verdictView(c, code) : { code, label: code, abbr: code, cls: 'v-none' };
  };
  return {
    ...sharedHelpers,
    markdown: renderMarkdown,
    revisionLabel,
    /** A unit's name as THAT inspection's unit set has it (a later rename leaves it as it was). */
    unitName: (code: string, inspection: { unitSet: UnitSetRef } | undefined) => (inspection ? unitNameOf(catalogue, inspection, code) : code),
    checklist,
    verdict,
    verdictLabel: (checklistId: string, code: string) => verdict(checklistId, code).label,
    verdictClass: (checklistId: string, code: string) => verdict(checklistId, code).cls,
    verdictAbbr: (checklistId: string, code: string) => verdict(checklistId, code).abbr,
    legend: (checklistId: string): VerdictView[] => {
      const c = checklist(checklistId);
      return c ? legend(c) : [];
    },
    labels,
    /** The review marks of the matrix and the bulk pages, for their legends. */
    reviewLegend: REVIEW_LEGEND,
  };
}
