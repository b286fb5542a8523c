// The reports stored at vaststelling: the national report and one per unit, rendered as the
// final versions ("Vastgesteld op …" on every page) from the state about to be finalised. The
// store then commits them with the status change, refusing if anything changed meanwhile.
import type { Catalogue } from '../domain/checklist';
import { nationalDocx, unitDocx } from './docx';
import { nationalDocument, unitDocument } from './index';
import { buildNationalModel } from './national.model';
import { printWithToc } from './toc';
import { buildUnitModel, UnitReportSource } from './unit.model';

export async function finalReportPdfs(
  source: UnitReportSource,
  catalogue: Catalogue,
  finalisedAt: string,
  images = new Map<number, string>(),
): Promise<Array<{ unit: string | null; pdf: Buffer; docx: Buffer }>> {
  // The snapshot as it reads once finalised; frozen like the store's, so its roll-ups are computed once.
  const snapshot = Object.freeze({ ...source.snapshot, status: 'vastgesteld' as const, finalisedAt });
  const predecessor = source.predecessor;
  const options = { generatedAt: finalisedAt };
  // All at once: the engine's bounded queue decides how many print in parallel.
  // The Word files come from the same models as the PDFs, so both show the same finalised state.
  const national = buildNationalModel(snapshot, catalogue, { ...options, images });
  const units = snapshot.units.map((unit) => buildUnitModel({ snapshot, predecessor }, catalogue, unit, options));
  const [pdfs, docxs] = await Promise.all([
    Promise.all([printWithToc(nationalDocument(national)), ...units.map((m) => printWithToc(unitDocument(m)))]),
    Promise.all([nationalDocx(national), ...units.map((m) => unitDocx(m))]),
  ]);
  return [{ unit: null, pdf: pdfs[0], docx: docxs[0] }, ...snapshot.units.map((unit, i) => ({ unit, pdf: pdfs[i + 1], docx: docxs[i + 1] }))];
}
