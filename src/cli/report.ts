// `toetsing report <onderzoek> [--unit CODE] --out FILE.pdf`: the same PDFs as the web app.
// The file appears whole or not at all, and the browser is closed so the command exits.
import { AppError } from '../errors';
import { unitName } from '../criteria';
import { findInspection } from '../store/inspections.store';
import { closeEngine, nationalReportPdf, unitReportPdf } from '../reports';
import { contextFrom, Io } from './io';
import { writeAtomically } from './main';

export async function reportCommand(io: Io, idOrRef: string, opts: { unit?: string; out?: string; data?: string; criteria?: string }): Promise<void> {
  if (!opts.out || opts.out.trim() === '') throw new AppError(400, 'Geef met --out het PDF-bestand op waarin het rapport komt.');
  if (!/\.pdf$/i.test(opts.out)) throw new AppError(400, `Het uitvoerbestand moet op .pdf eindigen (niet '${opts.out}').`);
  const ctx = contextFrom(opts);
  try {
    const inspection = findInspection(ctx.db, idOrRef);
    let bytes: Buffer;
    if (opts.unit !== undefined) {
      const unit = opts.unit.trim().toUpperCase();
      if (!inspection.units.includes(unit)) {
        throw new AppError(400, `Eenheid '${opts.unit}' hoort niet bij onderzoek '${inspection.ref}'. Kies uit: ${inspection.units.join(', ')}.`);
      }
      bytes = await unitReportPdf(ctx, inspection.id, unit);
      writeAtomically(opts.out, bytes);
      io.out(`Rapport voor ${unitName(ctx.catalogue, unit)} geschreven naar ${opts.out} (${bytes.length} bytes).`);
    } else {
      bytes = await nationalReportPdf(ctx, inspection.id);
      writeAtomically(opts.out, bytes);
      io.out(`Landelijk rapport geschreven naar ${opts.out} (${bytes.length} bytes).`);
    }
  } finally {
    await closeEngine();
    ctx.db.close();
  }
}
