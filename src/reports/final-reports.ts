// The reports stored at vaststelling: the national report and one per unit, rendered as the
// final versions ("Vastgesteld op …" on every page) from the state about to be finalised. The
// store then commits them with the status change, refusing if anything changed meanwhile.
import type { Ctx } from '../context';
import { dutchDate } from '../format';
import type { RenderedReport } from '../store/finalisation.store';
import { getInspection } from '../store/inspections.store';
import { nationalDocument, unitDocument } from './index';
import { buildNationalModel } from './national.model';
import { printWithToc } from './toc';
import { buildUnitModel } from './unit.model';

export async function renderFinalReports(ctx: Ctx, inspectionId: number, finalisedAt: string): Promise<RenderedReport[]> {
  const status = { final: true, mark: `Vastgesteld op ${dutchDate(finalisedAt)}` };
  const national = { ...buildNationalModel(ctx, inspectionId), status };
  const units = getInspection(ctx.db, inspectionId).units;
  // All at once: the engine's bounded queue decides how many print in parallel.
  const pdfs = await Promise.all([
    printWithToc(nationalDocument(national)),
    ...units.map((unit) => printWithToc(unitDocument({ ...buildUnitModel(ctx, inspectionId, unit), status }))),
  ]);
  return [{ unit: null, pdf: pdfs[0] }, ...units.map((unit, i) => ({ unit, pdf: pdfs[i + 1] }))];
}
