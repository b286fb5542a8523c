// `toetsing wederhoor <onderzoek> --out FILE.pdf|FILE.xlsx`: the handling document ("Verwerking van
// de reacties op het conceptrapport") by the same use case as the web download; the format follows
// the extension. The file appears whole or not at all, and the browser is closed so the command exits.
import { z } from 'zod';
import { OPERATOR } from '../app/operator';
import { openInspectionRef } from '../app/inspection-access';
import { handlingDocumentFile } from '../app/wederhoor-reactions';
import { closeEngine } from '../reports';
import { contextFrom, Io, writeAtomically } from './io';
import { dataOptions } from './options';

export const wederhoorOptions = dataOptions.extend({
  out: z
    .string()
    .refine((s) => s.trim() !== '', { error: 'Geef met --out het PDF- of Excel-bestand op waarin de verwerking van de reacties komt.', abort: true })
    .refine((s) => /\.(pdf|xlsx)$/i.test(s), { error: (issue) => `Het uitvoerbestand moet op .pdf of .xlsx eindigen (niet '${typeof issue.input === 'string' ? issue.input : ''}').` }),
});

export async function wederhoorCommand(io: Io, idOrRef: string, opts: z.infer<typeof wederhoorOptions>): Promise<void> {
  const ctx = contextFrom(opts);
  try {
    const inspection = openInspectionRef(ctx, OPERATOR, idOrRef, 'read');
    const format = /\.xlsx$/i.test(opts.out) ? 'xlsx' : 'pdf';
    const { bytes } = await handlingDocumentFile(ctx, OPERATOR, inspection.id, format);
    writeAtomically(opts.out, bytes);
    io.out(`Verwerking van de reacties op het conceptrapport geschreven naar ${opts.out} (${bytes.length} bytes).`);
  } finally {
    await closeEngine();
    ctx.db.close();
  }
}
