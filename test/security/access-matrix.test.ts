// Deny by default, proven over the app's one route table: every route × every role (beheerder,
// inspecteur on the team, inspecteur off the team, lezer) and no session. Routes added later are
// covered automatically; a new path parameter name must get a filler in support.ts.
import request from 'supertest';
import { allRoutes } from '../../src/web/routes';
import { allows, RouteDef } from '../../src/web/route-table';
import type { Role } from '../../src/domain/vocabulary';
import { dbFingerprint } from '../helpers/db-state';
import { closeFixture, fillPath, Fixture, isUnderInspection, RoleName, ROLE_NAMES, securityFixture, sessionFor } from './support';

let fx: Fixture;
beforeAll(async () => { fx = await securityFixture(); });
afterAll(() => closeFixture(fx));

const ROLE_OF: Record<RoleName, Role> = { beheerder: 'beheerder', inspecteur: 'inspecteur', buitenstaander: 'inspecteur', lezer: 'lezer' };
const label = (r: RouteDef) => `${r.method.toUpperCase()} ${r.path}`;

function send(r: RouteDef, path: string, cookie?: string, csrf?: string) {
  const req = r.method === 'get' ? request(fx.app).get(path) : request(fx.app).post(path);
  if (cookie) req.set('Cookie', cookie);
  if (r.method === 'get') return req;
  if (r.multipart) return csrf ? req.field('_csrf', csrf) : req.field('x', '');
  return req.type('form').send(csrf ? { _csrf: csrf } : {});
}

test('the route table is not empty and every route declares its access', () => {
  expect(allRoutes.length).toBeGreaterThan(10);
  for (const r of allRoutes) expect([label(r), r.access]).toEqual([label(r), expect.anything()]);
});

describe.each(allRoutes.filter((r) => r.access !== 'public').map((r) => [label(r), r] as const))('%s', (_name, route) => {
  test('without a session: GET goes to the login page, POST is refused, nothing changes', async () => {
    const before = dbFingerprint(fx.ctx);
    const res = await send(route, fillPath(route.path, fx.ids));
    if (route.method === 'get') {
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/login\?terug=/);
    } else {
      expect([401, 403]).toContain(res.status);
    }
    expect(dbFingerprint(fx.ctx)).toBe(before);
  });

  test.each(ROLE_NAMES)('as %s: refused when the role is not allowed, 404 outside the team, never 5xx', async (role) => {
    const s = sessionFor(fx, role);
    const denied = !allows(route.access, ROLE_OF[role]);
    const otherTeam = role === 'buitenstaander' && isUnderInspection(route) && (route.method === 'post' || route.path.endsWith('/bestand'));
    // Fingerprinting every table is the slow part: only where "nothing changed" is asserted.
    const before = denied || otherTeam ? dbFingerprint(fx.ctx) : '';
    const res = await send(route, fillPath(route.path, fx.ids), s.cookie, s.csrf);
    const where = `${label(route)} as ${role} → ${res.status}`;
    // A PDF that cannot be printed in time on an overloaded machine is "busy, retry" (503), not a crash.
    const busy = res.status === 503 && route.path.endsWith('.pdf');
    expect([where, res.status < 500 || busy]).toEqual([where, true]);
    if (denied) {
      expect([where, res.status]).toEqual([where, 403]);
      expect(dbFingerprint(fx.ctx)).toBe(before);
    } else if (otherTeam) {
      // Another team's inspection: its id is not even confirmed to exist.
      expect([where, res.status]).toEqual([where, 404]);
      expect(dbFingerprint(fx.ctx)).toBe(before);
    }
  });
});

test('public routes answer without a session and never with 5xx', async () => {
  for (const r of allRoutes.filter((x) => x.access === 'public')) {
    const res = await send(r, fillPath(r.path, fx.ids));
    expect([label(r), res.status < 500]).toEqual([label(r), true]);
  }
});
