// A form sent after the session expired is refused (401, nothing saved), and the answer leads the
// user back through a new login to the page the form was on, where the browser offers the draft.
import request from 'supertest';
import { buildApp } from '../../src/web/app';
import { dbFingerprint } from '../helpers/db-state';
import { makeCtx, TestCtx } from '../helpers/context';

let ctx: TestCtx;
beforeAll(() => { ctx = makeCtx({ demo: true }); });
afterAll(() => ctx.cleanup());

const cellPath = '/onderzoeken/2/cellen/toetsingskader-2016/k1/NN';

test('when a form arrives without a session from a page of the app, then 401, nothing changes, and the login link returns to that page', async () => {
  const app = buildApp(ctx);
  const before = dbFingerprint(ctx);
  const res = await request(app).post(cellPath).set('Referer', `http://127.0.0.1${cellPath}`).set('Host', '127.0.0.1').type('form').send({ verdict: 'nagekomen', motivation: 'getypt', workflow: 'gereed', version: '1' });
  expect(res.status).toBe(401);
  expect(res.text).toContain(`/login?verlopen=1&amp;terug=${encodeURIComponent(cellPath)}`);
  expect(dbFingerprint(ctx)).toBe(before);
});

test('when the Referer names another site, then the login link returns to the overview', async () => {
  const res = await request(buildApp(ctx)).post(cellPath).set('Referer', 'https://elders.example/pagina').type('form').send({});
  expect(res.status).toBe(401);
  expect(res.text).toContain('/login?verlopen=1&amp;terug=%2F"');
});
