// The Excel round trip on the bench data: export the largest inspection's working sheet, change a
// tenth of its rows, then time the preview (read + check every row) and the apply (checked again,
// saved in one transaction). Runs on a scratch copy of that one inspection, so the bench data
// stays as generated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { openContext, Ctx } from '../src/context';
import type { InspectionSnapshot } from '../src/domain/inspection';
import { applyVerdictSheet, COLUMNS, exportVerdictSheet, previewVerdictSheet, SHEET } from '../src/app/verdict-sheet';
import { must } from '../src/errors';
import { exportDocument, importDocument } from '../src/store/documents';

const ms = (t0: number) => Math.round(performance.now() - t0);

/** Change every tenth row: its motivation, and its verdict to "Niet beoordeeld" when it had one. */
async function edited(bytes: Buffer): Promise<{ bytes: Buffer; rows: number; changed: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const wb = new Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = must(wb.getWorksheet(SHEET), SHEET);
  const col = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;
  let changed = 0;
  for (let r = 2; r <= sheet.rowCount; r += 10) {
    const row = sheet.getRow(r);
    row.getCell(col('motivation')).value = `Bijgewerkt in Excel (rij ${r}).`;
    row.getCell(col('verdict')).value = 'Niet beoordeeld';
    changed++;
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows: sheet.rowCount - 1, changed };
}

export async function verdictSheetImport(ctx: Ctx, criteriaDir: string, target: InspectionSnapshot, log: (s: string) => void) {
  log(`  werkblad (Excel) van ${target.ref}: exporteren, voorbeeld en importeren`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'toetsing-bench-sheet-'));
  const copy = openContext(scratch, criteriaDir);
  try {
    const doc = exportDocument(ctx.db, ctx.catalogue, target.id);
    const id = importDocument(copy.db, copy.catalogue, 'bench', { ...doc, inspection: { ...doc.inspection, predecessorRef: null }, recommendationFollowups: [] });
    const actor = { id: 0, email: 'bench', role: 'beheerder' as const };
    let t = performance.now();
    const sheet = await exportVerdictSheet(copy, actor, id);
    const exportMs = ms(t);
    const file = await edited(sheet.bytes);
    t = performance.now();
    const plan = await previewVerdictSheet(copy, actor, id, 'werkblad.xlsx', file.bytes);
    const previewMs = ms(t);
    t = performance.now();
    const outcome = await applyVerdictSheet(copy, actor, id, 'werkblad.xlsx', file.bytes);
    const importMs = ms(t);
    if (!plan.ok || !outcome.ok) throw new Error('het bench-werkblad werd geweigerd');
    return {
      rows: file.rows, changedRows: file.changed, bytes: sheet.bytes.length, exportMs, previewMs,
      /** Read and check every row again, then save the changes in one transaction. */
      importMs, saved: outcome.saved,
    };
  } finally {
    copy.db.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
