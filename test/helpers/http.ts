// Logging in through the real login form and carrying the session cookie and CSRF token, so
// component tests exercise the app exactly as a browser would.
import type { Express } from 'express';
import request from 'supertest';
import { resetLoginLimits } from '../../src/web/routes/auth.routes';
import { TEST_PASSWORD } from './context';
import { passSecondFactor } from './second-factor';

export type Agent = ReturnType<typeof request.agent>;

export function csrfFrom(html: string): string {
  const m = /name="csrf-token" content="([^"]+)"/.exec(html) ?? /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1];
}

export async function login(app: Express, email: string, password = TEST_PASSWORD): Promise<{ agent: Agent; csrf: string }> {
  resetLoginLimits(app);
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  const lc = /name="lc" value="([^"]+)"/.exec(page.text)![1];
  const res = await agent.post('/login').type('form').send({ email, password, lc, terug: '/' });
  if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status}`);
  // A beheerder sets up the second factor at the first sign-in and enters a code at later ones.
  await passSecondFactor(agent, res.headers.location, email);
  const home = await agent.get('/').expect(200);
  return { agent, csrf: csrfFrom(home.text) };
}
