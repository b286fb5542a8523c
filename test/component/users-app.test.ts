// The account use cases (src/app/users.ts) called directly, on a real SQLite data folder: the
// rules hold whoever calls them, the web form or the command line.
import { OPERATOR } from '../../src/app/operator';
import { addUser, changeRole, setActive } from '../../src/app/users';
import { addUsers, makeCtx, TEST_PASSWORD, TestCtx, USERS } from '../helpers/context';
import { actorOf as actorFor, thrown } from '../helpers/use-cases';
import { dbFingerprint } from '../helpers/db-state';

let ctx: TestCtx;
beforeAll(async () => { ctx = makeCtx(); await addUsers(ctx); });
afterAll(() => ctx.cleanup());

const actorOf = (who: keyof typeof USERS) => actorFor(ctx, who);

describe('account use cases', () => {
  test('when a beheerder changes their own role through the use case, then invalid with field role and nothing changes', () => {
    const me = actorOf('beheerder');
    const fp = dbFingerprint(ctx);
    const e = thrown(() => changeRole(ctx, me, { userId: me.id, role: 'lezer' }));
    expect(e).toMatchObject({ kind: 'invalid', field: 'role', message: expect.stringMatching(/eigen rol of account/) });
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when a beheerder blocks their own account through the use case, then invalid with field active and nothing changes', () => {
    const me = actorOf('beheerder');
    const fp = dbFingerprint(ctx);
    expect(thrown(() => setActive(ctx, me, { userId: me.id, active: false }))).toMatchObject({ kind: 'invalid', field: 'active' });
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when someone other than a beheerder manages accounts through the use case, then forbidden and nothing changes', async () => {
    const target = actorOf('lezer');
    const fp = dbFingerprint(ctx);
    for (const who of ['inspecteur', 'lezer'] as const) {
      expect(thrown(() => changeRole(ctx, actorOf(who), { userId: target.id, role: 'beheerder' })).kind).toBe('forbidden');
      await expect(addUser(ctx, actorOf(who), { email: 'x@test.nl', name: '', role: 'beheerder', password: TEST_PASSWORD })).rejects.toMatchObject({ kind: 'forbidden' });
    }
    expect(dbFingerprint(ctx)).toBe(fp);
  });

  test('when the command line adds an account with a capitalised address, then it is stored lower-cased, as the form stores it', async () => {
    const made = await addUser(ctx, OPERATOR, { email: ' Nieuw@Test.NL ', name: 'Nieuw', role: 'lezer', password: TEST_PASSWORD });
    expect(made).toMatchObject({ email: 'nieuw@test.nl', role: 'lezer', active: true });
  });

  test('when an address already has an account, then invalid at the field email and nothing changes', async () => {
    const fp = dbFingerprint(ctx);
    await expect(addUser(ctx, OPERATOR, { email: USERS.lezer.email, name: '', role: 'lezer', password: TEST_PASSWORD }))
      .rejects.toMatchObject({ kind: 'invalid', field: 'email', message: `Er bestaat al een account voor ${USERS.lezer.email}` });
    expect(dbFingerprint(ctx)).toBe(fp);
  });
});
