// The vaststelling rule is satisfiable by any team of two or more, four eyes kept: several team
// members may accept a blocker, each withdraws only their own, only team members finalise; the
// page accepts in bulk with one motivation and comes back at the same filter and section.
import type { Express } from 'express';
import { inspectionStatus } from '../../src/domain/status';
import { listAcceptances } from '../../src/store/finalisation.store';
import { getInspection, loadSnapshot } from '../../src/store/inspections.store';
import { createUser } from '../../src/store/users.store';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { buildApp } from '../../src/web/app';
import { addUsers, inspectionIdByRef, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';

const A = USERS.inspecteur.email;
const B = 'inspecteur2@demo.toetsing.local';

let ctx: TestCtx;
let app: Express;
let id: number;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  await createUser(ctx.db, 'test', { email: B, role: 'inspecteur', password: TEST_PASSWORD });
  app = buildApp(ctx);
  id = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
  page = `/onderzoeken/${id}/vaststellen`;
});
afterAll(() => ctx.cleanup());

const blockers = () => inspectionStatus(loadSnapshot(ctx.db, id), ctx.catalogue).blockers;
let page = '';
const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();

test('when a verdict other than niet beoordeeld has no motivation, then it is a blocker', () => {
  const k = { inspectionId: id, checklist: 'toetsingskader', criterion: 'k1', unit: getInspection(ctx.db, id).units[0] };
  saveVerdict(ctx.db, A, k, getCell(ctx.db, k).version, { verdict: 'voldoet', motivation: '  ', workflow: 'gereed' });
  expect(blockers()).toContainEqual(expect.objectContaining({ kind: 'oordeel_zonder_motivering', checklist: 'toetsingskader', criterion: 'k1', unit: k.unit }));
  saveVerdict(ctx.db, A, k, getCell(ctx.db, k).version, { verdict: 'voldoet', motivation: 'Zie het verslag.', workflow: 'gereed' });
  expect(blockers().filter((b) => b.kind === 'oordeel_zonder_motivering' && b.unit === k.unit && b.criterion === 'k1')).toEqual([]);
});

test('when blockers are accepted in bulk with one motivation, then each gets it and the page returns to the same filter and section', async () => {
  const { agent, csrf } = await login(app, B);
  const two = blockers().filter((b) => b.kind === 'geen_bron').slice(0, 2);
  expect(two).toHaveLength(2);
  const res = await agent.post(`${page}/aanvaarden`).type('form')
    .send(form([['_csrf', csrf], ['blokkade', two[0].key], ['blokkade', two[1].key], ['motivering', 'Bron volgt in de bijlage'], ['soort', 'geen_bron']]))
    .expect(303);
  expect(res.headers.location).toMatch(new RegExp(`^${page}\\?soort=geen_bron&open=(b-geen-bron-[A-Za-z0-9-]+)#\\1$`));
  const mine = listAcceptances(ctx.db, id).filter((a) => a.acceptedBy === B);
  expect(mine.map((a) => [a.blockerKey, a.motivation]).sort()).toEqual(two.map((b) => [b.key, 'Bron volgt in de bijlage']).sort());
  // The page it returns to shows the filter and opens that section.
  const back = await agent.get(res.headers.location.replace(/#.*/, '')).expect(200);
  expect(back.text).toContain(`id="${/#(.*)$/.exec(res.headers.location)![1]}" open`);
  expect(back.text).toContain('<option value="geen_bron" selected>');
});

test('when the filter in the query is not valid, then every blocker is shown with a note, never an error', async () => {
  const { agent } = await login(app, A);
  const res = await agent.get(`${page}?soort=verzonnen&eenheid=%3Cscript%3E`).expect(200);
  expect(res.text).toContain('Het filter was niet geldig');
});

test('when two inspectors each accepted one blocker, then one of them can finalise after the other accepted the rest', async () => {
  const a = await login(app, A);
  const b = await login(app, B);
  const [first, second] = blockers().filter((x) => x.kind === 'niet_beoordeeld');
  await a.agent.post(`${page}/aanvaarden`).type('form').send({ _csrf: a.csrf, blokkade: first.key, motivering: 'Niet van toepassing' }).expect(303);
  await b.agent.post(`${page}/aanvaarden`).type('form').send({ _csrf: b.csrf, blokkade: second.key, motivering: 'Niet van toepassing' }).expect(303);
  // B accepts everything else, A's blocker too: a blocker may be accepted by several members.
  await b.agent.post(`${page}/aanvaarden`).type('form').send({ _csrf: b.csrf, alle: '1', motivering: 'Besproken in het team' }).expect(303);
  const accepted = new Set(listAcceptances(ctx.db, id).filter((x) => x.acceptedBy === B).map((x) => x.blockerKey));
  expect(blockers().every((x) => accepted.has(x.key))).toBe(true);
  expect(listAcceptances(ctx.db, id)).toContainEqual(expect.objectContaining({ blockerKey: first.key, acceptedBy: A }));

  const forA = await a.agent.get(page).expect(200);
  expect(forA.text).toContain('Onderzoek vaststellen</button>');
  // B accepted everything and so cannot finalise: four eyes are kept.
  const forB = await b.agent.get(page).expect(200);
  expect(forB.text).not.toContain('Onderzoek vaststellen</button>');
  expect(forB.text).toContain('alleen door uzelf aanvaard');
});

test('when a beheerder who is not on the team opens the page, then there is no button, the page says why, and finalising is refused', async () => {
  const { agent, csrf } = await login(app, USERS.beheerder.email);
  const res = await agent.get(page).expect(200);
  expect(res.text).not.toContain('Onderzoek vaststellen</button>');
  expect(res.text).toContain('alleen een lid van het team van dit onderzoek kan het vaststellen');
  expect((await agent.post(page).type('form').send({ _csrf: csrf })).status).toBe(409);
  expect(getInspection(ctx.db, id).status).toBe('concept');
});

test('when an acceptance is withdrawn, then only by its author, and the change is logged', async () => {
  const key = blockers()[0].key;
  const a = await login(app, A);
  const byOther = await a.agent.post(`${page}/intrekken`).type('form').send({ _csrf: a.csrf, blokkade: blockers().find((x) => !listAcceptances(ctx.db, id).some((y) => y.blockerKey === x.key && y.acceptedBy === A))!.key });
  expect(byOther.status).toBe(403);
  expect(listAcceptances(ctx.db, id).some((x) => x.blockerKey === key && x.acceptedBy === B)).toBe(true);

  const b = await login(app, B);
  const res = await b.agent.post(`${page}/intrekken`).type('form').send({ _csrf: b.csrf, blokkade: key, eenheid: blockers()[0].unit ?? '' }).expect(303);
  expect(res.headers.location).toContain('#b-');
  expect(listAcceptances(ctx.db, id).some((x) => x.blockerKey === key && x.acceptedBy === B)).toBe(false);
  const last = ctx.db.prepare('SELECT actor, entity, entity_id, action FROM change_log ORDER BY seq DESC LIMIT 1').get();
  expect(last).toEqual({ actor: B, entity: 'blocker_acceptance', entity_id: key, action: 'delete' });
});
