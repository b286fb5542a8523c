// How an inspection is named in a heading, a legend or a column: its title with the year and
// "illustratief" added only when the title does not already say them. One function, so no
// screen or file reads "vervolgonderzoek 2026 (illustratief) (2026, illustratief)".

export interface NamedInspection {
  title: string;
  year: number;
  illustrative: boolean;
}

/** Whether the title already names the year as a word ("vervolgonderzoek 2026"), so it is not added twice. */
export function titleHoldsYear(i: { title: string; year: number }): boolean {
  return new RegExp(`\\b${i.year}\\b`).test(i.title);
}

/** "Recht van klagen (2022, illustratief)"; a title that holds its year and the word stays as it is. */
export function inspectionName(i: NamedInspection): string {
  const extra: string[] = [];
  if (!titleHoldsYear(i)) extra.push(String(i.year));
  if (i.illustrative && !/illustratief/i.test(i.title)) extra.push('illustratief');
  return extra.length === 0 ? i.title : `${i.title} (${extra.join(', ')})`;
}
