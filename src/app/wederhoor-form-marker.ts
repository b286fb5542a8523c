// The check that a returned reaction form belongs to the round it is uploaded to. The form made by
// reactionFormXlsx (src/app/wederhoor.ts) carries a very hidden marker with the round's id and the
// SHA-256 of the PDF it refers to; a form from another round (or another concept) is refused, so
// paragraph numbers are never read against the wrong text.
import type ExcelJS from 'exceljs';
import type { WederhoorRoundRecord } from '../domain/wederhoor-round';

export const MARKER_SHEET = 'Kenmerk';

/** The marker text of a round's form. */
export function formMarker(round: Pick<WederhoorRoundRecord, 'id' | 'pdfSha256'>): string {
  return `toetsing-wederhoor:${round.id}:${round.pdfSha256 ?? ''}`;
}

/** Why this workbook is not the form of this round, or null when it is. */
export function formMarkerProblem(wb: ExcelJS.Workbook, round: Pick<WederhoorRoundRecord, 'id' | 'pdfSha256'>): string | null {
  const sheet = wb.getWorksheet(MARKER_SHEET);
  const found = sheet ? sheet.getCell(1, 1).text.trim() : '';
  if (found === '') return 'dit is niet het reactieformulier van een wederhoorronde (het kenmerk ontbreekt); gebruik het formulier dat bij deze ronde is gedownload';
  if (found !== formMarker(round)) return 'dit reactieformulier hoort bij een andere wederhoorronde of een andere versie van het concept; gebruik het formulier van deze ronde';
  return null;
}
