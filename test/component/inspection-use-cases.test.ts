// The inspection, national and evidence use cases (src/app/) called directly on a real SQLite data
// folder with the demo: the team, status and choice rules hold whoever calls them, not only the
// web forms.
import { addEvidence } from '../../src/app/evidence';
import { createNewInspection, saveTexts, startFollowUpOf } from '../../src/app/inspections';
import { addRecommendation, saveOverride } from '../../src/app/national';
import { getInspection, loadSnapshot } from '../../src/store/inspections.store';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { actorOf as actorFor, thrown } from '../helpers/use-cases';
import { dbFingerprint, storedFiles } from '../helpers/db-state';

let ctx: TestCtx;
let id2022: number;
let id2015: number;
beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  id2022 = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  id2015 = inspectionIdByRef(ctx, 'klachtbehandeling-2015');
});
afterAll(() => ctx.cleanup());

const actorOf = (who: keyof typeof USERS) => actorFor(ctx, who);

const evidenceFields = { type: 'document' as const, title: 'Jaarverslag', dateFrom: null, dateTo: null, party: '', units: [], description: '', wederhoor: null };

describe('national use cases', () => {
  test('when an inspector off the team adds a recommendation through the use case, then not found and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    const e = thrown(() => addRecommendation(ctx, actorOf('buitenstaander'), id2022, { checklist: 'toetsingskader', group: 'leren', text: 'Van buiten het team' }));
    expect(e.kind).toBe('not_found');
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when a team member adds a recommendation to a toezegging the checklist does not have, then invalid at the field group and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    expect(thrown(() => addRecommendation(ctx, actorOf('inspecteur'), id2022, { checklist: 'toetsingskader', group: 'bestaat-niet', text: 'x' }))).toMatchObject({ kind: 'invalid', field: 'group' });
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when a team member adds a recommendation through the use case, then it is stored last in the order', () => {
    const id = addRecommendation(ctx, actorOf('inspecteur'), id2022, { checklist: 'toetsingskader', group: 'leren', text: 'Rechtstreeks toegevoegd' });
    expect(loadSnapshot(ctx.db, id2022).recommendations.at(-1)).toMatchObject({ id, group: 'leren', text: 'Rechtstreeks toegevoegd' });
  });

  test('when an override names a verdict outside the scale, then invalid at the field verdict and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    const e = thrown(() => saveOverride(ctx, actorOf('inspecteur'), id2022, { checklist: 'toetsingskader', group: 'leren', version: 0, override: { verdict: 'prima', motivation: 'Omdat' } }));
    expect(e).toMatchObject({ kind: 'invalid', field: 'verdict' });
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when a team member changes the national page of a vastgesteld inspection, then finalised and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    expect(thrown(() => addRecommendation(ctx, actorOf('inspecteur'), id2015, { checklist: 'toetsingskader', group: 'leren', text: 'Te laat' })).kind).toBe('finalised');
    expect(dbFingerprint(ctx)).toBe(fp);
  });
});

describe('inspection use cases', () => {
  const period = { title: 'Rechtstreeks', year: 2027, fieldworkStart: null, fieldworkEnd: null };

  test('when an inspector leaves themself off the team of a new inspection, then invalid at the field team and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    const e = thrown(() => createNewInspection(ctx, actorOf('inspecteur'), { ...period, checklists: ['toetsingskader'], units: ['NN'], team: [USERS.beheerder.email] }));
    expect(e).toMatchObject({ kind: 'invalid', field: 'team', message: expect.stringContaining('Neem uzelf op in het team') });
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when a lezer creates an inspection through the use case, then forbidden and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    expect(thrown(() => createNewInspection(ctx, actorOf('lezer'), { ...period, checklists: ['toetsingskader'], units: ['NN'], team: [] })).kind).toBe('forbidden');
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when the team starts a follow-up of a vastgesteld inspection, then it is made; its data stay closed to edits', () => {
    const id = startFollowUpOf(ctx, actorOf('inspecteur'), id2015, period);
    expect(getInspection(ctx.db, id)).toMatchObject({ predecessorId: id2015, status: 'concept' });
    const before = getInspection(ctx.db, id2015);
    const fp = dbFingerprint(ctx);
    const e = thrown(() => saveTexts(ctx, actorOf('inspecteur'), id2015, { ...period, team: before.team, version: before.version }));
    expect(e.kind).toBe('finalised');
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when an inspector off the team starts a follow-up, then not found and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    expect(thrown(() => startFollowUpOf(ctx, actorOf('buitenstaander'), id2022, period)).kind).toBe('not_found');
    expect(dbFingerprint(ctx)).toBe(fp);
  });
});

describe('evidence use cases', () => {
  test('when a file\'s content is not what its name says, then invalid at the file field and no bytes are written', () => {
    const fp = dbFingerprint(ctx);
    const files = storedFiles(ctx);
    const e = thrown(() => addEvidence(ctx, actorOf('inspecteur'), id2022, evidenceFields, { bytes: Buffer.from('platte tekst'), name: 'verslag.pdf' }));
    expect(e).toMatchObject({ kind: 'invalid', field: 'bestand' });
    expect(dbFingerprint(ctx)).toBe(fp);
    expect(storedFiles(ctx)).toEqual(files);
  });

  test('when evidence names a unit outside the inspection, then invalid at the field units and nothing changes', () => {
    const fp = dbFingerprint(ctx);
    expect(thrown(() => addEvidence(ctx, actorOf('inspecteur'), id2022, { ...evidenceFields, units: ['XX'] }, null))).toMatchObject({ kind: 'invalid', field: 'units' });
    expect(dbFingerprint(ctx)).toBe(fp);
  });
});
