// Downloading reports through the app and writing them from the command line.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { closeEngine } from '../../src/reports';
import { buildApp } from '../../src/web/app';
import { run } from '../helpers/cli';
import { addUsers, inspectionIdByRef, makeCtx, tempDir, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';

let ctx: TestCtx;
let id: number;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  id = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
});
afterAll(async () => {
  await closeEngine();
  ctx.cleanup();
});

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('report downloads', () => {
  test('when a lezer downloads the national report, then it is a PDF attachment with a sensible name', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(`/onderzoeken/${id}/rapport.pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="Recht van klagen 2022 - landelijk rapport (concept).pdf"');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Number(res.headers['content-length'])).toBe((res.body as Buffer).length);
  }, 90_000);

  test('when an inspecteur downloads a unit report, then it is that unit\'s PDF', async () => {
    const { agent } = await login(buildApp(ctx), USERS.inspecteur.email);
    const res = await agent.get(`/onderzoeken/${id}/eenheden/AMS/rapport.pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="Recht van klagen 2022 - rapport Eenheid Amsterdam (concept).pdf"');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);

  test('when the unit is not part of the inspection, then 404 and no PDF', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(`/onderzoeken/${id}/eenheden/XX/rapport.pdf`).expect(404);
    expect(res.headers['content-type']).not.toBe('application/pdf');
  });

  test('when nobody is logged in, then the download sends them to the login page', async () => {
    const res = await request(buildApp(ctx)).get(`/onderzoeken/${id}/rapport.pdf`).expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});

describe('toetsing report', () => {
  test('when the unit is unknown, then a Dutch error, a non-zero exit and no file', async () => {
    const out = path.join(tempDir(), 'x.pdf');
    const r = await run(['report', 'recht-van-klagen-2022', '--unit', 'XX', '--data', ctx.dataDir, '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("Eenheid 'XX' hoort niet bij onderzoek");
    expect(fs.existsSync(out)).toBe(false);
  });

  test('when a unit report is asked for, then the PDF file is written whole', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'ams.pdf');
    const r = await run(['report', 'recht-van-klagen-2022', '--unit', 'AMS', '--data', ctx.dataDir, '--out', out]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(dir)).toEqual(['ams.pdf']);
  }, 90_000);
});
