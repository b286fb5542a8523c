// The checklist workbook (src/files/checklist-xlsx.ts): a checklist written to XLSX reads back
// identical; the empty template reads back as "nothing filled in"; every bad cell is named by sheet,
// row and column in Dutch; formulas are refused, never evaluated.
import type ExcelJS from 'exceljs';
import { loadCatalogue } from '../../src/criteria';
import { must } from '../../src/errors';
import {
  checklistTemplateXlsx, checklistToXlsx, describeSheetProblem, readChecklistXlsx, SheetProblem,
} from '../../src/files/checklist-xlsx';
import { PROBATION } from '../helpers/probation-framework';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Excel = require('exceljs') as typeof ExcelJS;

const catalogue = loadCatalogue();

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new Excel.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}
async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function problemsOf(bytes: Buffer): Promise<SheetProblem[]> {
  const read = await readChecklistXlsx(bytes);
  if (read.ok) throw new Error('expected problems');
  return read.problems;
}

describe('round trip', () => {
  test.each([...catalogue.checklists.keys()])('when %s is written to XLSX and read back, then it is identical', async (id) => {
    const checklist = must(catalogue.checklists.get(id), id);
    const read = await readChecklistXlsx(await checklistToXlsx(checklist));
    expect(read).toEqual({ ok: true, checklist });
  });

  test('when a framework from another field (one group, sub-points, numbers like 1.10) is written and read back, then it is identical', async () => {
    const read = await readChecklistXlsx(await checklistToXlsx(PROBATION));
    expect(read).toEqual({ ok: true, checklist: PROBATION });
    if (read.ok) expect(read.checklist.groups[0].criteria[2].number).toBe('1.10');
  });
});

describe('the template', () => {
  test('when it is opened, then it has the four sheets, frozen headers, the example scale and a rank dropdown', async () => {
    const wb = await load(await checklistTemplateXlsx());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Kader', 'Schaal', 'Criteria', 'Uitleg']);
    const scale = must(wb.getWorksheet('Schaal'), 'Schaal');
    expect(scale.getCell('C2').value).toBe('positief');
    expect(scale.getCell('C2').dataValidation.formulae).toEqual(['"positief,gedeeltelijk,negatief"']);
    expect(must(wb.getWorksheet('Criteria'), 'Criteria').views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('when it is uploaded unfilled, then every empty required field and the missing criteria are named', async () => {
    const lines = (await problemsOf(await checklistTemplateXlsx())).map(describeSheetProblem);
    expect(lines).toContain('Kader, rij 2, kolom waarde (id): leeg');
    expect(lines).toContain('Kader, rij 4, kolom waarde (titel): leeg');
    expect(lines).toContain('Criteria: er staan geen criteria in; vul één rij per criterium in');
  });

  test('when it is filled in with group columns only on the first row of a group, then the rows below belong to that group', async () => {
    const wb = await load(await checklistTemplateXlsx());
    const kader = must(wb.getWorksheet('Kader'), 'Kader');
    ['reclassering-toezicht', '2025', 'Toetsingskader toezicht', 'Toezicht', 'Testbron', '', 'naleving'].forEach((v, i) => { if (v) kader.getCell(i + 2, 2).value = v; });
    const criteria = must(wb.getWorksheet('Criteria'), 'Criteria');
    criteria.addRow(['toezicht', 1, 'Het houden van toezicht', 'thema', 't1', '1', 'Tekst een.']);
    criteria.addRow(['', '', '', '', 't2', '2', 'Tekst twee.', '', 'a\nb']);
    const read = await readChecklistXlsx(await save(wb));
    expect(read.ok && read.checklist.groups).toEqual([{
      id: 'toezicht', number: 1, title: 'Het houden van toezicht', kind: 'thema',
      criteria: [{ id: 't1', number: '1', text: 'Tekst een.' }, { id: 't2', number: '2', text: 'Tekst twee.', subpoints: ['a', 'b'] }],
    }]);
  });
});

describe('bad input is named by sheet, row and column', () => {
  async function broken(edit: (wb: ExcelJS.Workbook) => void): Promise<string[]> {
    const wb = await load(await checklistToXlsx(PROBATION));
    edit(wb);
    return (await problemsOf(await save(wb))).map(describeSheetProblem);
  }
  const sheet = (wb: ExcelJS.Workbook, name: string) => must(wb.getWorksheet(name), name);

  test('when a criterion text is empty, then "Criteria, rij N, kolom tekst: leeg"', async () => {
    expect(await broken((wb) => { sheet(wb, 'Criteria').getCell(3, 7).value = null; })).toEqual(['Criteria, rij 3, kolom tekst: leeg']);
  });

  test('when a rank is unknown, then the Schaal row and column rang are named', async () => {
    expect(await broken((wb) => { sheet(wb, 'Schaal').getCell(3, 3).value = 'half'; }))
      .toEqual(['Schaal, rij 3, kolom rang: onbekende rang "half"; kies positief, gedeeltelijk of negatief']);
  });

  test('when two levels have the same rank, then the scale is refused', async () => {
    const lines = await broken((wb) => { sheet(wb, 'Schaal').getCell(4, 3).value = 'positief'; });
    expect(lines.some((l) => l.startsWith('Schaal') && l.includes("rank 'negative'"))).toBe(true);
  });

  test('when a criterion id occurs twice, then the second row is named', async () => {
    expect(await broken((wb) => { sheet(wb, 'Criteria').getCell(4, 5).value = 't1'; }))
      .toEqual(["Criteria, rij 4, kolom criterium-id: criterium-id 't1' komt dubbel voor"]);
  });

  test('when a cell holds a formula, then it is refused and not evaluated', async () => {
    expect(await broken((wb) => { sheet(wb, 'Criteria').getCell(2, 7).value = { formula: 'CONCAT("a","b")', result: 'ab' }; }))
      .toEqual(['Criteria, rij 2, kolom tekst: een formule wordt niet gelezen; typ de tekst zelf']);
  });

  test('when an id has capitals and a short title is too long, then both are named in Dutch', async () => {
    const lines = await broken((wb) => {
      sheet(wb, 'Kader').getCell(2, 2).value = 'Reclassering';
      sheet(wb, 'Criteria').getCell(2, 8).value = 'x'.repeat(81);
    });
    expect(lines).toEqual([
      'Kader, rij 2, kolom waarde (id): gebruik alleen kleine letters, cijfers, - en _',
      'Criteria, rij 2, kolom korte titel: te lang (hoogstens 80 tekens)',
    ]);
  });

  test('when a sheet is missing or renamed, then its name is given', async () => {
    expect(await broken((wb) => { sheet(wb, 'Schaal').name = 'Niveaus'; }))
      .toEqual(['Schaal: het blad "Schaal" ontbreekt; gebruik het sjabloon van Kaders']);
  });

  test('when a header is changed, then the column is named as missing', async () => {
    expect(await broken((wb) => { sheet(wb, 'Criteria').getCell(1, 7).value = 'norm'; }))
      .toEqual(['Criteria, rij 1, kolom tekst: de kolomkop "tekst" ontbreekt']);
  });

  test('when a group number differs within one group, then the row is named with the first row of the group', async () => {
    expect(await broken((wb) => { sheet(wb, 'Criteria').getCell(3, 2).value = 2; }))
      .toEqual(['Criteria, rij 3, kolom groepnummer: 2 wijkt af van groep "toezicht" in rij 2 (1)']);
  });

  test('when the file is empty or not a workbook, then it says so', async () => {
    expect((await problemsOf(Buffer.alloc(0))).map(describeSheetProblem)).toEqual(['Bestand: het bestand is leeg']);
    expect((await problemsOf(Buffer.from('id: x\n'))).map(describeSheetProblem)).toEqual(['Bestand: het bestand kon niet als Excel-werkmap worden gelezen']);
  });
});
