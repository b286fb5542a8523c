import { findUserByEmail } from '../../src/store/users.store';
import { USERS } from '../helpers/context';
import { login } from '../helpers/http';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, postAs, World } from '../helpers/inspector';

let w: World;
beforeAll(async () => { w = await makeWorld(); });
afterAll(() => w.ctx.cleanup());

const P = '/beheer/gebruikers';

describe('user administration', () => {
  test('when a beheerder opens it, then every account is listed with role and status', async () => {
    const res = await w.as.beheerder.agent.get(P).expect(200);
    for (const u of Object.values(USERS)) expect(res.text).toContain(u.email);
  });

  test.each(['inspecteur', 'buitenstaander', 'lezer'] as const)('when a %s opens or posts it, then 403 and nothing changes', async (role) => {
    await w.as[role].agent.get(P).expect(403);
    const fp = dbFingerprint(w.ctx);
    await postAs(w, role, P, { email: 'x@test.nl', name: '', role: 'beheerder', password: 'een lang wachtwoord' }).expect(403);
    const target = findUserByEmail(w.ctx.db, USERS.lezer.email)!;
    await postAs(w, role, `${P}/${target.id}/rol`, { role: 'beheerder' }).expect(403);
    await postAs(w, role, `${P}/${target.id}/status`, { active: '0' }).expect(403);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('without a session, then login is asked and posts are refused', async () => {
    await w.anon().get(P).expect(303);
    await w.anon().post(P).type('form').send({ email: 'x@test.nl' }).expect(401);
  });

  test('when a beheerder adds a user, then the account can log in with its role', async () => {
    await postAs(w, 'beheerder', P, { email: 'Nieuw@Test.nl', name: 'Nieuwe Inspecteur', role: 'inspecteur', password: 'een heel lang wachtwoord' }).expect(303);
    expect(findUserByEmail(w.ctx.db, 'nieuw@test.nl')).toMatchObject({ role: 'inspecteur', active: true, name: 'Nieuwe Inspecteur' });
    await login(w.app, 'nieuw@test.nl', 'een heel lang wachtwoord');
  });

  test('when the new user form is wrong, then 400 with messages, input kept (not the password), nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const res = await postAs(w, 'beheerder', P, { email: 'geen-adres', name: 'Naam blijft', role: 'koning', password: 'kort' }).expect(400);
    expect(res.text).toContain('Vul een geldig e-mailadres in.');
    expect(res.text).toContain('Kies een rol.');
    expect(res.text).toContain('Het wachtwoord moet minstens 12 tekens hebben.');
    expect(res.text).toContain('Naam blijft');
    expect(res.text).not.toContain('value="kort"');
    const dup = await postAs(w, 'beheerder', P, { email: USERS.lezer.email, name: '', role: 'lezer', password: 'een heel lang wachtwoord' }).expect(400);
    expect(dup.text).toContain('Er bestaat al een account');
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });

  test('when a beheerder changes a role or disables a user, then it is stored and the user is logged out', async () => {
    const lezer = await login(w.app, USERS.lezer.email);
    const target = findUserByEmail(w.ctx.db, USERS.lezer.email)!;
    await postAs(w, 'beheerder', `${P}/${target.id}/rol`, { role: 'inspecteur' }).expect(303);
    expect(findUserByEmail(w.ctx.db, USERS.lezer.email)!.role).toBe('inspecteur');
    await lezer.agent.get('/').expect(303);
    await postAs(w, 'beheerder', `${P}/${target.id}/rol`, { role: 'lezer' }).expect(303);
    await postAs(w, 'beheerder', `${P}/${target.id}/status`, { active: '0' }).expect(303);
    expect(findUserByEmail(w.ctx.db, USERS.lezer.email)!.active).toBe(false);
    await postAs(w, 'beheerder', `${P}/${target.id}/status`, { active: '1' }).expect(303);
    expect(findUserByEmail(w.ctx.db, USERS.lezer.email)!.active).toBe(true);
  });

  test('when the role or status is not valid, or the beheerder targets themself, then 400 and nothing changed', async () => {
    const fp = dbFingerprint(w.ctx);
    const target = findUserByEmail(w.ctx.db, USERS.inspecteur.email)!;
    const me = findUserByEmail(w.ctx.db, USERS.beheerder.email)!;
    expect((await postAs(w, 'beheerder', `${P}/${target.id}/rol`, { role: 'koning' }).expect(400)).text).toContain('Kies een rol.');
    await postAs(w, 'beheerder', `${P}/${target.id}/status`, { active: 'misschien' }).expect(400);
    expect((await postAs(w, 'beheerder', `${P}/${me.id}/status`, { active: '0' }).expect(400)).text).toContain('U kunt uw eigen rol of account niet wijzigen');
    await postAs(w, 'beheerder', `${P}/999999/rol`, { role: 'lezer' }).expect(404);
    expect(dbFingerprint(w.ctx)).toBe(fp);
  });
});
