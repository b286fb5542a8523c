// The comparison as a PDF: the report engine, print stylesheet and table of contents of the
// other reports (src/reports/index.ts), with its own template reports/compare.ejs.
import ejs from 'ejs';
import fs from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '../domain/checklist';
import type { Comparison } from '../domain/comparison/types';
import { DIRECTIONS } from '../domain/comparison/vocabulary';
import { INSPECTION_STATUS_LABELS } from '../domain/vocabulary';
import { unitNameOf } from '../domain/units';
import { criterionName, dutchDate, inspectionName } from '../present';
import { renderMarkdownForPrint } from '../markdown';
import { statisticsChart } from './charts';
import { criterionNumbers, RELATION_TEXT } from './compare-rows';
import { comparisonRunningTitle, comparisonStory, comparisonTitle, directionWords, figuresView, progressView, reorderedNotice, shareLabels } from './compare.model';
import { checklistAnchor, groupAnchor, rowAnchor } from '../present/comparison-summary';
import { REPORTS_DIR, reportDocument } from './index';
import type { RenderOptions } from './engine';
import { printWithToc, TwoPassDocument } from './toc';

function render(template: string, data: Record<string, unknown>): string {
  const filename = path.join(REPORTS_DIR, template);
  return ejs.render(fs.readFileSync(filename, 'utf8'), data, { filename });
}

/** Based on finalised inspections only, or (red) still on concept verdicts. */
function mark(cmp: Comparison): { mark: string; final: boolean } {
  const final = cmp.earlier.status === 'vastgesteld' && cmp.later.status === 'vastgesteld';
  return { final, mark: final ? 'Vastgestelde onderzoeken' : 'CONCEPT — niet vastgesteld' };
}

export function comparisonDocument(cmp: Comparison, catalogue: Catalogue, opts: { motivations: boolean }): TwoPassDocument {
  const m = mark(cmp);
  const title = comparisonTitle(cmp);
  const national = cmp.statistics.filter((s) => s.unit === null);
  const css = fs.readFileSync(path.join(REPORTS_DIR, 'compare.css'), 'utf8');
  return reportDocument({
    title: `${title}: ${cmp.earlier.title} en ${cmp.later.title}`,
    subject: `Vergelijking van twee onderzoeken van de Inspectie Justitie en Veiligheid: ${cmp.earlier.title} (${cmp.earlier.year}) en ${cmp.later.title} (${cmp.later.year})`,
    keywords: [cmp.earlier.title, cmp.later.title, String(cmp.earlier.year), String(cmp.later.year), 'vergelijking'],
    // Titles, not internal keys, in the running header.
    page: { runningTitle: comparisonRunningTitle(cmp), mark: m.mark, final: m.final, illustrative: cmp.earlier.illustrative || cmp.later.illustrative },
    titlePage: `<style>${css}</style>` + render('partials/compare-title.ejs', {
      cmp, ...m, reordered: reorderedNotice(cmp), name: inspectionName, generatedOn: dutchDate(new Date().toISOString()), statusLabel: (s: keyof typeof INSPECTION_STATUS_LABELS) => INSPECTION_STATUS_LABELS[s].toLowerCase(),
    }),
    body: (r) => render('compare.ejs', {
      cmp, r, dir: directionWords, directions: DIRECTIONS, relationText: RELATION_TEXT, numbers: criterionNumbers,
      story: comparisonStory(cmp, catalogue), shareLabels, reordered: reorderedNotice(cmp), figures: figuresView(cmp), criterionName,
      progress: (checklistId: string, groupId: string, unit?: string) => progressView(cmp, checklistId, groupId, unit),
      anchors: { checklist: checklistAnchor, group: groupAnchor, row: rowAnchor },
      unitName: (code: string) => unitNameOf(catalogue, cmp.later, code), markdown: renderMarkdownForPrint, motivations: opts.motivations,
      chartSvg: national.length ? statisticsChart(national) : null,
    }),
  });
}

export async function comparisonPdf(cmp: Comparison, catalogue: Catalogue, opts: { motivations: boolean }, render: RenderOptions = {}): Promise<Buffer> {
  return printWithToc(comparisonDocument(cmp, catalogue, opts), render);
}
