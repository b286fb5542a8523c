// The report models are pure functions of snapshots and the catalogue: built here from hand-made
// snapshots, with the store made unloadable, so any read of the database would fail the suite.
import { loadCatalogue } from '../../src/criteria';
import type { EvidenceRecord } from '../../src/domain/inspection';
import { isKind } from '../../src/errors';
import { buildNationalModel } from '../../src/reports/national.model';
import { buildUnitModel } from '../../src/reports/unit.model';
import { snapshotsFor } from '../helpers/snapshots';

jest.mock('../../src/store/db', () => {
  throw new Error('a report model loaded the store');
});

const catalogue = loadCatalogue();
const snapshot = snapshotsFor(catalogue);
const opvolgen = ['k1', 'k2', 'k3', 'k4', 'k5'];
const interview: EvidenceRecord = {
  id: 7, ref: 'B7', type: 'gespreksverslag', title: 'Gesprek klachtcoördinator', dateFrom: '2022-06-08', dateTo: null, party: 'Afdeling VIK',
  units: ['NN'], description: '', file: null, wederhoor: { status: 'akkoord', date: '2022-07-01' }, version: 1,
};

const earlier = snapshot({ id: 1, year: 2015, checklists: ['toetsingskader'], verdicts: { 'k1/NN': 'niet_nagekomen' } });
const base = snapshot({
  id: 2, year: 2022, checklists: ['toetsingskader'], predecessorId: 1,
  verdicts: Object.fromEntries(opvolgen.flatMap((k) => [[`${k}/NN`, 'nagekomen'], [`${k}/ON`, k === 'k5' ? 'ten_dele' : 'nagekomen']])),
});
// k1 at NN cites the interview: the first citation of the report, so note 1.
const current = {
  ...base,
  predecessor: { id: 1, ref: earlier.ref, title: earlier.title, year: 2015 },
  evidence: [interview],
  verdicts: base.verdicts.map((v) => (v.criterion === 'k1' && v.unit === 'NN' ? { ...v, links: [{ evidenceId: 7, excerpt: 'Klachten worden binnen zes weken afgehandeld.' }] } : v)),
};

describe('report models built without a database', () => {
  test('when the national model is built from a hand-made snapshot, then it holds the roll-up, the units by name and the cited note', () => {
    const m = buildNationalModel(current, catalogue, { generatedAt: '2024-03-05T10:00:00.000Z' });
    const [first] = m.main.groups;
    expect(first.id).toBe('opvolgen');
    expect(first.national.verdict.code).toBe('ten_dele');
    expect(first.national.complete).toBe(true);
    expect(m.main.groups[1].national.complete).toBe(false);
    expect(m.matrices[0].rows.map((r) => [r.unit, r.unitName])).toEqual([['NN', 'Eenheid Noord-Nederland'], ['ON', 'Eenheid Oost-Nederland']]);
    // The snapshot has no outline, so the report follows the default one: chapter 2 places the criteria of opvolgen.
    const criteria = m.sections.flatMap((x) => x.parts).flatMap((p) => (p.kind === 'block' && p.block.type === 'criteria' ? [p.block] : []));
    expect(criteria.map((b) => b.group.id)).toEqual(['opvolgen', 'leren', 'uniform']);
    const k1 = criteria[0].criteria[0].cells.find((c) => c.unit === 'NN')!;
    expect(k1.notes.map((n) => [n.number, n.title, n.wederhoor])).toEqual([[1, 'Gesprek klachtcoördinator', 'wederhoor: akkoord (1 juli 2022)']]);
    expect(m.sources.map((s) => [s.notes, s.ref])).toEqual([[[1], 'B7']]);
    expect(m.status).toEqual({ final: false, mark: 'CONCEPT' });
    expect(m.generatedOn).toBe('5 maart 2024');
  });

  test('when the unit model is given the predecessor snapshot, then the earlier verdicts stand beside the current ones', () => {
    const m = buildUnitModel({ snapshot: current, predecessor: earlier }, catalogue, 'NN');
    const k1 = m.checklists[0].groups[0].criteria[0];
    expect([k1.verdict.code, k1.previous?.code]).toEqual(['nagekomen', 'niet_nagekomen']);
    expect(k1.excerpts).toEqual([{ note: 1, text: 'Klachten worden binnen zes weken afgehandeld.' }]);
    expect(m.checklists[0].groups[0].verdict.code).toBe('nagekomen');
    expect(m.sources.map((s) => s.ref)).toEqual(['B7']);
  });

  test('when the unit is not part of the inspection, then the model is refused as not found', () => {
    let error: unknown;
    try { buildUnitModel({ snapshot: current, predecessor: null }, catalogue, 'AMS'); } catch (e) { error = e; }
    expect(isKind(error, 'not_found')).toBe(true);
  });
});
