// The names of downloaded files, in words a reader recognises in a folder of downloads: the
// inspection's title and year (once, even when the title holds the year), what the file is,
// and its state. No internal keys.
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

/** "Recht van klagen 2022 - landelijk rapport (concept).pdf" */
export function reportFileName(r: ReportName): string {
  const title = new RegExp(`\\b${r.year}\\b`).test(r.title) ? r.title : `${r.title} ${r.year}`;
  return `${clean(`${title} - ${r.what}${r.final ? '' : ' (concept)'}`).slice(0, 150)}.${r.extension}`;
}
