// Identity and polish through real HTTP on the demo data: markdown is rendered where a motivation is
// shown, a revision says which finalised version it corrects and links to it, people are shown by
// name, and the favicon answers.
import request from 'supertest';
import { buildApp } from '../../src/web/app';
import { reopenAsRevision } from '../../src/store/finalisation.store';
import { getInspection } from '../../src/store/inspections.store';
import { saveOverride } from '../../src/store/national.store';
import { findUserByEmail, updateUser } from '../../src/store/users.store';
import { url } from '../../src/present';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';

let ctx: TestCtx;
let current: number;
let finalised: number;
let revision: number;

beforeAll(async () => {
  ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  current = inspectionIdByRef(ctx, 'klachtbehandeling-2026-illustratief');
  finalised = inspectionIdByRef(ctx, 'klachtbehandeling-2015');
  revision = reopenAsRevision(ctx.db, ctx.catalogue, USERS.beheerder.email, finalised, 'Rekenfout in de tabel');
  const inspector = findUserByEmail(ctx.db, USERS.inspecteur.email)!;
  updateUser(ctx.db, 'test', inspector.id, { name: 'Ilse de Vries' });
  const checklist = getInspection(ctx.db, current).checklists[0].id;
  const group = ctx.catalogue.checklists.get(checklist)!.groups[0].id;
  const row = ctx.db.prepare('SELECT version FROM overrides WHERE inspection_id = ? AND checklist_id = ? AND group_id = ? AND scope = ?').get(current, checklist, group, '*') as { version: number } | undefined;
  saveOverride(ctx.db, USERS.inspecteur.email, current, { scope: '*', checklist, group }, row?.version ?? 0, { verdict: 'nagekomen', motivation: 'Alles is **nagekomen**, zie *bijlage*.' });
});
afterAll(() => ctx.cleanup());

describe('identity and polish', () => {
  it('when an inspection home shows an override motivation, then its markdown is rendered, not shown raw', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(url.inspection(current)).expect(200);
    expect(res.text).toContain('<strong>nagekomen</strong>');
    expect(res.text).toContain('<em>bijlage</em>');
    expect(res.text).not.toContain('**nagekomen**');
  });

  it('when the overview lists a revision, then it says so and links to the finalised version it corrects', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get('/').expect(200);
    expect(res.text).toContain(`<a class="revision-of" href="${url.inspection(finalised)}">Revisie 2 van klachtbehandeling-2015</a>`);
    // Only the revision carries the label.
    expect(res.text.match(/class="revision-of"/g)).toHaveLength(1);
  });

  it('when a revision is opened, then its home and page title name the version it corrects', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(url.inspection(revision)).expect(200);
    expect(res.text).toMatch(/<title>[^<]*\(revisie 2 van klachtbehandeling-2015\) · Toetsing<\/title>/);
    expect(res.text).toContain(`href="${url.inspection(finalised)}">Revisie 2 van klachtbehandeling-2015</a>`);
  });

  it('when the comparison and trend pickers list a revision, then its option says which version it corrects', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    for (const page of ['/vergelijken', '/trend']) {
      const res = await agent.get(page).expect(200);
      expect(res.text).toContain('(revisie 2 van klachtbehandeling-2015)');
    }
  });

  it('when a team member has a name, then the inspection home shows the name instead of the e-mail address', async () => {
    const { agent } = await login(buildApp(ctx), USERS.lezer.email);
    const res = await agent.get(url.inspection(current)).expect(200);
    const team = /id="team-title"[\s\S]*?<\/section>/.exec(res.text)![0];
    expect(team).toContain('Ilse de Vries');
    expect(team).not.toContain(USERS.inspecteur.email);
  });

  it('when the change log is shown, then the person who made a change appears by name', async () => {
    const { agent } = await login(buildApp(ctx), USERS.inspecteur.email);
    const res = await agent.get(url.history(current)).expect(200);
    expect(res.text).toContain('<td>Ilse de Vries</td>');
    expect(res.text).not.toContain(`<td>${USERS.inspecteur.email}</td>`);
  });

  it('when /favicon.ico is asked for, then it answers 200 with an image', async () => {
    // Browsers ask before anyone logs in.
    const res = await request(buildApp(ctx)).get('/favicon.ico').expect(200);
    expect(res.headers['content-type']).toMatch(/^image\//);
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data:");
  });
});
