// The trend as a PDF: the report engine, print stylesheet, table of contents and PDF/A finish of
// the other reports (reportDocument, printWithToc), with its own template reports/trend.ejs.
// Everything it shows comes from the trend model, the same one the spreadsheet is written from.
import ejs from 'ejs';
import fs from 'node:fs';
import path from 'node:path';
import { dutchDate } from '../present';
import { shareChart, statisticsChart } from './charts';
import type { RenderOptions } from './engine';
import { REPORTS_DIR, reportDocument } from './index';
import { printWithToc, TwoPassDocument } from './toc';
import { shareText, type TrendModel } from './trend.model';

function render(template: string, data: Record<string, unknown>): string {
  const filename = path.join(REPORTS_DIR, template);
  return ejs.render(fs.readFileSync(filename, 'utf8'), data, { filename });
}

export function trendDocument(m: TrendModel, generatedOn = new Date().toISOString()): TwoPassDocument {
  const css = fs.readFileSync(path.join(REPORTS_DIR, 'compare.css'), 'utf8') + fs.readFileSync(path.join(REPORTS_DIR, 'trend.css'), 'utf8');
  const national = m.statistics.filter((s) => s.unit === null);
  const charts = m.checklists.map((c, ci) =>
    c.groups.map((g) =>
      shareChart(
        `share${ci}-${g.number}`,
        `${c.title}, ${g.name}`,
        c.shareLabels,
        m.inspections.map((i, n) => ({ label: c.usage[n].used ? String(i.year) : `${i.year}\n(bestond nog niet)`, kept: g.shares[n]?.keptShare ?? null, keptOrPartial: g.shares[n]?.keptOrPartialShare ?? null })),
      ),
    ),
  );
  return reportDocument({
    title: `${m.title}: ${m.subtitle}`,
    subject: `Trend over ${m.inspections.length} onderzoeken van de Inspectie Justitie en Veiligheid: ${m.subtitle}`,
    keywords: [...m.inspections.map((i) => i.title), ...m.inspections.map((i) => String(i.year)), 'trend'],
    page: { runningTitle: `${m.title}: ${m.inspections[0]?.title ?? ''}`, mark: m.mark, final: m.final, illustrative: m.illustrative },
    titlePage: `<style>${css}</style>` + render('partials/trend-title.ejs', { m, generatedOn: dutchDate(generatedOn) }),
    body: (r) => render('trend.ejs', { m, r, charts, shareText, chartSvg: national.length ? statisticsChart(national) : null }),
  });
}

export async function trendPdf(m: TrendModel, opts: RenderOptions = {}): Promise<Buffer> {
  return printWithToc(trendDocument(m), opts);
}
