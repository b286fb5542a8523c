// The reports as Word documents: the same report models as the PDFs (src/reports/*.model.ts and
// the comparison), laid out by the writers here and packed with `docx`. No template and no
// browser: the document is built as Word's own structure (headings, styles, footnotes, fields).
import type { Catalogue } from '../../domain/checklist';
import type { Comparison } from '../../domain/comparison/types';
import type { NationalReportModel } from '../national.model';
import type { UnitReportModel } from '../unit.model';
import { comparisonReport } from './compare';
import { packDocx } from './kit';
import { nationalReport } from './national';
import { unitReport } from './unit';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function nationalDocx(m: NationalReportModel): Promise<Buffer> {
  return packDocx(nationalReport(m));
}

export function unitDocx(m: UnitReportModel): Promise<Buffer> {
  return packDocx(unitReport(m));
}

export function comparisonDocx(cmp: Comparison, catalogue: Catalogue, opts: { motivations: boolean }): Promise<Buffer> {
  return packDocx(comparisonReport(cmp, catalogue, opts));
}
