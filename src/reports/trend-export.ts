// The trend as a spreadsheet, from the trend model (trend.model.ts), so it holds the figures of
// the PDF and of `toetsing trend --json`: sheet "Toezeggingen" (per checklist and toezegging, per
// inspection the national verdict and the share kept), sheet "Criteria" (per criterion and unit
// the verdict of every inspection), and "Onderzoeken" naming the columns' inspections. Numbers
// are numbers (shares as fractions formatted as percentages), one header row, no blocks below.
// Loaded at the first spreadsheet, not at start: exceljs adds ~0.7 s to every server start.
import type ExcelJS from 'exceljs';
import { headerRow, sheetName, spreadsheetNumber, statisticsColumns, verdictFill } from './sheet-format';
import type { PointView, TrendModel } from './trend.model';

function pointText(p: PointView): string {
  return p.label;
}

export async function trendXlsx(m: TrendModel): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const wb = new Workbook();
  wb.creator = 'Toetsing';
  wb.title = `${m.title}: ${m.subtitle}`;
  const used = new Set<string>();

  const groups = wb.addWorksheet(sheetName('Toezeggingen', used));
  groups.columns = [
    { header: 'Kader', key: 'kader', width: 30 },
    { header: 'Nummer', key: 'nummer', width: 9 },
    { header: 'Toezegging', key: 'toezegging', width: 44 },
    ...m.inspections.flatMap((i, n) => [
      { header: `Landelijk oordeel ${i.year}`, key: `oordeel${n}`, width: 22 },
      { header: `Richting ${i.year}`, key: `richting${n}`, width: 16 },
      { header: `Beoordeelde cellen ${i.year}`, key: `beoordeeld${n}`, width: 12 },
      { header: `Nagekomen ${i.year}`, key: `nagekomen${n}`, width: 12 },
      { header: `Nagekomen of ten dele ${i.year}`, key: `tendele${n}`, width: 14 },
      { header: `Aandeel nagekomen ${i.year}`, key: `aandeel${n}`, width: 12 },
      { header: `Aandeel nagekomen of ten dele ${i.year}`, key: `aandeelTendele${n}`, width: 14 },
    ]),
  ];
  headerRow(groups);
  for (const c of m.checklists) {
    for (const g of c.groups) {
      const values: Record<string, string | number | null> = { kader: `${c.title} (${c.version})`, nummer: g.number, toezegging: g.title };
      m.inspections.forEach((_, n) => {
        const s = g.shares[n];
        values[`oordeel${n}`] = pointText(g.national[n]);
        values[`richting${n}`] = g.national[n].directionText;
        values[`beoordeeld${n}`] = s ? s.assessed : null;
        values[`nagekomen${n}`] = s ? s.kept : null;
        values[`tendele${n}`] = s ? s.keptOrPartial : null;
        values[`aandeel${n}`] = s?.keptShare ?? null;
        values[`aandeelTendele${n}`] = s?.keptOrPartialShare ?? null;
      });
      const row = groups.addRow(values);
      m.inspections.forEach((_, n) => {
        verdictFill(row.getCell(`oordeel${n}`), g.national[n].cls);
        row.getCell(`aandeel${n}`).numFmt = '0%';
        row.getCell(`aandeelTendele${n}`).numFmt = '0%';
      });
    }
  }
  groups.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: groups.columns.length } };

  const criteria = wb.addWorksheet(sheetName('Criteria', used));
  criteria.columns = [
    { header: 'Kader', key: 'kader', width: 30 },
    { header: 'Toezegging', key: 'toezegging', width: 11 },
    { header: 'Criterium', key: 'nummer', width: 10 },
    { header: 'Naam', key: 'naam', width: 44 },
    { header: 'Eenheidscode', key: 'code', width: 12 },
    { header: 'Eenheid', key: 'eenheid', width: 28 },
    ...m.inspections.map((i, n) => ({ header: `Oordeel ${i.year}`, key: `oordeel${n}`, width: 20 })),
    { header: 'Vervallen of niet gekoppeld', key: 'vervallen', width: 14 },
  ];
  headerRow(criteria);
  for (const c of m.checklists) {
    for (const r of c.rows) {
      for (const u of r.units) {
        const values: Record<string, string | number> = {
          kader: `${c.title} (${c.version})`, toezegging: r.groupNumber, nummer: spreadsheetNumber(r.number), naam: r.title, code: u.code, eenheid: u.name, vervallen: r.vanished ? 'ja' : 'nee',
        };
        u.points.forEach((p, n) => { values[`oordeel${n}`] = pointText(p); });
        const row = criteria.addRow(values);
        u.points.forEach((p, n) => { verdictFill(row.getCell(`oordeel${n}`), p.cls); });
      }
    }
  }
  criteria.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: criteria.columns.length } };

  const inspections = wb.addWorksheet(sheetName('Onderzoeken', used));
  inspections.columns = [
    { header: 'Jaar', key: 'jaar', width: 8 },
    { header: 'Onderzoek', key: 'naam', width: 60 },
    { header: 'Status', key: 'status', width: 14 },
    ...m.checklists.map((c, n) => ({ header: c.title, key: `kader${n}`, width: 34 })),
  ];
  headerRow(inspections);
  m.inspections.forEach((i, n) => {
    const values: Record<string, string | number> = { jaar: i.year, naam: i.name, status: i.final ? 'vastgesteld' : 'concept' };
    m.checklists.forEach((c, k) => { values[`kader${k}`] = c.usage[n].used ? 'gebruikt' : (c.usage[n].note ?? ''); });
    inspections.addRow(values);
  });

  if (m.statistics.length > 0) {
    const sheet = wb.addWorksheet(sheetName('Klachtcijfers', used));
    sheet.columns = statisticsColumns(30);
    headerRow(sheet);
    const unitNames = new Map(m.units.map((u) => [u.code, u.name]));
    const sources = new Map(m.inspections.map((i) => [i.id, i.name]));
    for (const s of m.statistics) {
      sheet.addRow({ ...s, unit: s.unit ? (unitNames.get(s.unit) ?? s.unit) : 'Landelijk', source: sources.get(s.source.id) ?? `${s.source.ref} (${s.source.year})` });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
