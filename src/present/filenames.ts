// The names of downloaded files, in words a reader recognises in a folder of downloads: the
// inspection's title and year (once, even when the title holds the year), what the file is,
// and its state. No internal keys.
import { titleHoldsYear } from './inspection-name';

export interface ReportName {
  title: string;
  year: number;
  /** "landelijk rapport", or the unit's name for a unit report. */
  what: string;
  final: boolean;
  extension: 'pdf' | 'docx';
}

function clean(s: string): string {
  // Characters file systems refuse, control characters and quotes go; spaces stay.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f"*/:<>?\\|]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The title with its year once: "Recht van klagen 2022", and a title that holds its year as it is. */
export function titleWithYear(i: { title: string; year: number }): string {
  return titleHoldsYear(i) ? i.title : `${i.title} ${i.year}`;
}

/** "Recht van klagen 2022 - landelijk rapport (concept).pdf" */
export function reportFileName(r: ReportName): string {
  return `${clean(`${titleWithYear(r)} - ${r.what}${r.final ? '' : ' (concept)'}`).slice(0, 150)}.${r.extension}`;
}

export interface ComparisonName {
  earlier: { title: string; year: number };
  later: { title: string; year: number };
  /** Both inspections vastgesteld; otherwise the name says "(concept)". */
  final: boolean;
  extension: 'pdf' | 'docx' | 'csv' | 'xlsx';
}

/** "Vergelijking Klachtbehandeling door de politie 2015 - Recht van klagen 2022 (concept).pdf" */
export function comparisonFileName(c: ComparisonName): string {
  return `${clean(`Vergelijking ${titleWithYear(c.earlier)} - ${titleWithYear(c.later)}${c.final ? '' : ' (concept)'}`).slice(0, 150)}.${c.extension}`;
}

/** "Trend 2015-2022-2026 - Klachtbehandeling door de politie.xlsx": the years, then the first inspection's title. */
export function trendFileName(t: { years: number[]; title: string; final: boolean; extension: 'pdf' | 'xlsx' }): string {
  const title = t.title.replace(/\s*\(illustratief\)\s*/gi, ' ').replace(/\b(19|20)\d\d\b/g, ' ');
  return `${clean(`Trend ${t.years.join('-')} - ${title}${t.final ? '' : ' (concept)'}`).slice(0, 150)}.${t.extension}`;
}

/** "Recht van klagen 2022 - verwerking van de reacties op het conceptrapport (concept).pdf" */
export function handlingDocumentFileName(h: { title: string; year: number; final: boolean; extension: 'pdf' | 'xlsx' }): string {
  return `${clean(`${titleWithYear(h)} - verwerking van de reacties op het conceptrapport${h.final ? '' : ' (concept)'}`).slice(0, 150)}.${h.extension}`;
}
