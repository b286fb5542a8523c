// `toetsing report <onderzoek> [--unit CODE] --out FILE.pdf|FILE.docx`: the same PDFs and Word files as
// the web app (the format follows the extension), by the same use cases (a vastgesteld inspection gives its stored report). The file appears whole or
// not at all, and the browser is closed so the command exits.
import { z } from 'zod';
import { OPERATOR } from '../app/operator';
import { openInspectionRef } from '../app/inspection-access';
import { nationalReportDocx, nationalReportPdf, unitReportDocx, unitReportPdf } from '../app/reports';
import { unitNameOf } from '../domain/units';
import { invalid } from '../errors';
import { closeEngine } from '../reports';
import { contextFrom, Io, writeAtomically } from './io';
import { dataOptions } from './options';

export const reportOptions = dataOptions.extend({
  unit: z.string().optional(),
  out: z
    .string()
    .refine((s) => s.trim() !== '', { error: 'Geef met --out het PDF- of Word-bestand op waarin het rapport komt.', abort: true })
    .refine((s) => /\.(pdf|docx)$/i.test(s), { error: (issue) => `Het uitvoerbestand moet op .pdf of .docx eindigen (niet '${typeof issue.input === 'string' ? issue.input : ''}').` }),
});

export async function reportCommand(io: Io, idOrRef: string, opts: z.infer<typeof reportOptions>): Promise<void> {
  const ctx = contextFrom(opts);
  const word = /\.docx$/i.test(opts.out);
  try {
    const inspection = openInspectionRef(ctx, OPERATOR, idOrRef, 'read');
    if (opts.unit !== undefined) {
      const unit = opts.unit.trim().toUpperCase();
      // An option, not an address: name the choices rather than "not found".
      if (!inspection.units.includes(unit)) {
        throw invalid(`Eenheid '${opts.unit}' hoort niet bij onderzoek '${inspection.ref}'. Kies uit: ${inspection.units.join(', ')}.`, 'unit');
      }
      const bytes = word ? await unitReportDocx(ctx, OPERATOR, inspection.id, unit) : await unitReportPdf(ctx, OPERATOR, inspection.id, unit);
      writeAtomically(opts.out, bytes);
      io.out(`Rapport voor ${unitNameOf(ctx.catalogue, inspection, unit)} geschreven naar ${opts.out} (${bytes.length} bytes).`);
    } else {
      const bytes = word ? await nationalReportDocx(ctx, OPERATOR, inspection.id) : await nationalReportPdf(ctx, OPERATOR, inspection.id);
      writeAtomically(opts.out, bytes);
      io.out(`Landelijk rapport geschreven naar ${opts.out} (${bytes.length} bytes).`);
    }
  } finally {
    await closeEngine();
    ctx.db.close();
  }
}
