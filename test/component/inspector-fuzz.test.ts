// Arbitrary form bodies against every POST route of the inspector screens, as a team member:
// whatever a user can type answers with a 2xx/3xx/4xx, never a 5xx.
import fc from 'fast-check';
import { cellRoutes } from '../../src/web/routes/cells.routes';
import { evidenceRoutes } from '../../src/web/routes/evidence.routes';
import { inspectionRoutes } from '../../src/web/routes/inspections.routes';
import { nationalRoutes } from '../../src/web/routes/national.routes';
import { userRoutes } from '../../src/web/routes/users.routes';
import { loadSnapshot } from '../../src/store/inspections.store';
import { findUserByEmail } from '../../src/store/users.store';
import { USERS } from '../helpers/context';
import { makeWorld, World } from '../helpers/inspector';

let w: World;
beforeAll(async () => { w = await makeWorld(); });
afterAll(() => w.ctx.cleanup());

const FIELDS = ['title', 'year', 'fieldworkStart', 'fieldworkEnd', 'checklists', 'units', 'team', 'verdict', 'motivation', 'workflow', 'version',
  'evidenceId', 'excerpt', 'checklist', 'criterion', 'group', 'text', 'remove', 'conclusie', 'richting', 'recommendationRef', 'status', 'evidence',
  'type', 'dateFrom', 'dateTo', 'party', 'description', 'wederhoorStatus', 'wederhoorDate', 'criterium', 'eenheid', 'email', 'name', 'role', 'password', 'active', 'voorwoord'];

const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '0', '1', '-1', '99999999999999', 'nagekomen', 'toetsingskader', 'k1', 'NN', 'opvolgen', 'gespreksverslag', '2022-02-30', '../x', '\u0000'), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }));
const body = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ minLength: 1, maxLength: 8 })), value, { maxKeys: 8 });

function fill(path: string): string {
  const s = loadSnapshot(w.ctx.db, w.id2022);
  return path
    .replace(':inspectionId', String(w.id2022))
    .replace(':checklistId', 'toetsingskader').replace(':criterionId', 'k1').replace(':unitCode', 'NN')
    .replace(':evidenceId', String(s.evidence[0]?.id ?? 1))
    .replace(':recommendationId', String(s.recommendations[0]?.id ?? 1))
    .replace(':userId', String(findUserByEmail(w.ctx.db, USERS.lezer.email)!.id));
}

const posts = [...inspectionRoutes, ...cellRoutes, ...nationalRoutes, ...evidenceRoutes, ...userRoutes].filter((r) => r.method === 'post');

test.each(posts.map((r) => [r.path, r] as const))('POST %s never answers 5xx', async (_p, route) => {
  const role = route.path.startsWith('/beheer') ? 'beheerder' : 'inspecteur';
  const { agent, csrf } = w.as[role];
  await fc.assert(
    fc.asyncProperty(body, async (b) => {
      const path = fill(route.path);
      let res;
      if (route.multipart) {
        let req = agent.post(path).field('_csrf', csrf);
        for (const [k, v] of Object.entries(b)) for (const x of Array.isArray(v) ? v : [v]) req = req.field(k, x);
        res = await req;
      } else {
        res = await agent.post(path).type('form').send({ ...b, _csrf: csrf });
      }
      if (res.status >= 500) throw new Error(`${path} → ${res.status} for ${JSON.stringify(b)}`);
    }),
    { numRuns: 25 },
  );
});

test.each([['matrix'], ['bronnen']])('GET %s with arbitrary query parameters never answers 5xx', async (page) => {
  const query = fc.dictionary(fc.oneof(fc.constantFrom('checklist', 'eenheid', 'groep', 'oordeel', 'status', 'soort', 'criterium', 'wederhoor'), fc.string({ minLength: 1, maxLength: 6 })), value, { maxKeys: 5 });
  await fc.assert(
    fc.asyncProperty(query, async (q) => {
      const res = await w.as.lezer.agent.get(`/onderzoeken/${w.id2022}/${page}`).query(q);
      if (res.status >= 500) throw new Error(`${page} → ${res.status} for ${JSON.stringify(q)}`);
    }),
    { numRuns: 40 },
  );
});
