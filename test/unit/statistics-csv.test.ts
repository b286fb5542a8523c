// Reading complaint statistics from CSV: all rows are checked before anything is returned, and
// every problem names its row (the header is row 1), its column and the reason, in Dutch.
import { describeProblem, parseStatisticsCsv } from '../../src/domain/statistics-csv';

const UNITS = ['NN', 'AMS'];
const HEADER = 'jaar;eenheid;afgerond;aannemen;eerste_fase;tweede_fase';

describe('parseStatisticsCsv', () => {
  it('when the file is the source table (with a BOM, semicolons), then every row is read', () => {
    const csv = `\ufeff${HEADER}\r\n2016;;9732;1687;7574;471\r\n2017;;9655;2019;7308;328\r\n`;
    const r = parseStatisticsCsv(csv, UNITS);
    expect(r).toEqual({ ok: true, rows: [
      { year: 2016, unit: null, afgerond: 9732, aannemen: 1687, eersteFase: 7574, tweedeFase: 471 },
      { year: 2017, unit: null, afgerond: 9655, aannemen: 2019, eersteFase: 7308, tweedeFase: 328 },
    ] });
  });

  it('when commas separate and the unit column is left out, then the rows are national', () => {
    const r = parseStatisticsCsv('jaar,afgerond,aannemen,eerste_fase,tweede_fase\n2020,13090,3198,9702,190\n', UNITS);
    expect(r.ok && r.rows[0].unit).toBeNull();
  });

  it('when the header misses or adds columns, then each is named on row 1', () => {
    const r = parseStatisticsCsv('jaar;afgerond;aannemen;eerste_fase;opmerking\n2020;1;1;0;x\n', UNITS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(describeProblem)).toEqual([
      'rij 1, kolom opmerking: onbekende kolom; toegestaan zijn jaar, eenheid, afgerond, aannemen, eerste_fase, tweede_fase',
      'rij 1, kolom tweede_fase: verplichte kolom ontbreekt in de kopregel',
    ]);
  });

  it('when the file is empty or has only a header, then it says so', () => {
    expect(parseStatisticsCsv('', UNITS)).toEqual({ ok: false, problems: [{ row: 1, column: null, message: expect.stringContaining('leeg') }] });
    expect(parseStatisticsCsv(`${HEADER}\n`, UNITS)).toEqual({ ok: false, problems: [{ row: 2, column: null, message: 'geen gegevens onder de kopregel' }] });
  });

  it('when several rows are wrong, then every problem is reported and no row is returned', () => {
    const csv = [HEADER, '2020;;10;5;5;0', '2021;NN;-1;0;0;0', '2022;;10;5;5', '2023;;1.000;500;500;0', '2024;LB;3;1;1;1', ''].join('\n');
    const r = parseStatisticsCsv(csv, UNITS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([[3, 'afgerond'], [4, null], [5, 'afgerond'], [6, 'eenheid']]);
    expect(r.problems[1].message).toBe('5 velden, de kopregel heeft er 6');
  });
});
