// The password policy of ASVS 6.2 (issue 15): 12 to 128 characters, no composition rules, not on
// zxcvbn-ts's list of common and breached passwords and not easy to guess, with a Dutch message
// that names the problem; applied everywhere a password is set (the users page, `toetsing user
// add`, the own password on Mijn account: account.test.ts) and met by the demo accounts.
import fs from 'node:fs';
import type { Express } from 'express';
import request from 'supertest';
import { randomPassword } from '../../src/cli/demo-accounts';
import { createSession } from '../../src/store/sessions.store';
import { countUsers, createUser, findUserByEmail, passwordProblem } from '../../src/store/users.store';
import { buildApp } from '../../src/web/app';
import { run } from '../helpers/cli';
import { addUsers, makeCtx, tempDir, TestCtx, USERS } from '../helpers/context';

describe('the rule', () => {
  test.each([
    ['passwordpassword', /lijst van veelgebruikte en gelekte wachtwoorden/],
    ['123456789012', /lijst van veelgebruikte en gelekte wachtwoorden/],
    ['PasswordPassword', /lijst van veelgebruikte en gelekte wachtwoorden/],
    ['aaaaaaaaaaaa', /te makkelijk te raden: het herhaalt steeds dezelfde tekens of woorden/],
    ['abcdefghijklmnop', /te makkelijk te raden: het bevat een reeks/],
    ['qwertyuiopasdfgh', /te makkelijk te raden/],
    ['wachtwoord12', /te makkelijk te raden/],
    ['kort', /minstens 12 tekens/],
    ['x'.repeat(129), /hoogstens 128 tekens/],
  ])('when the password is %j, then it is refused and the message names why', (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  test.each([
    'correct horse battery staple',
    'blauwe olifant danst traag',
    'mijn fiets staat sinds dinsdag bij het station',
    'vlotgrasduin',
  ])('when the password is a long or unusual phrase (%j), then it is accepted: no capitals, digits or symbols needed', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  test('when a password is 128 characters, then it is accepted, and checking it takes no noticeable time from other requests', () => {
    const p = 'zeven groene kikkers zingen luid in de sloot achter het oude gemaal terwijl de molenaar zijn brood eet en de kat op de vensterbank '.slice(0, 128);
    expect(p).toHaveLength(128);
    const t = process.hrtime.bigint();
    expect(passwordProblem(p)).toBeNull();
    // A figure, not an assertion (no timed assertions): zxcvbn is bounded to the first 64 characters.
    console.log(`password policy check of 128 characters: ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);
  });

  test('when the password is built from the account\'s own address or name, then it is refused as personal', () => {
    expect(passwordProblem('jan.de.vries@toetsing.nl', ['jan.de.vries@toetsing.nl', 'Jan de Vries'])).toMatch(/het bevat uw e-mailadres of naam/);
  });

  test('when demo accounts are made, then every generated password passes the policy', () => {
    for (let i = 0; i < 300; i++) {
      const p = randomPassword();
      expect([p, passwordProblem(p)]).toEqual([p, null]);
    }
  });
});

describe('everywhere a password is set', () => {
  let ctx: TestCtx;
  let app: Express;
  beforeAll(async () => {
    ctx = makeCtx();
    await addUsers(ctx);
    app = buildApp(ctx);
  });
  afterAll(() => ctx.cleanup());

  test('when the store is asked to make an account with a common password, then it refuses at the field', async () => {
    await expect(createUser(ctx.db, 'test', { email: 'nieuw@test.nl', role: 'lezer', password: 'passwordpassword' })).rejects.toMatchObject({ kind: 'invalid', field: 'password' });
    expect(findUserByEmail(ctx.db, 'nieuw@test.nl')).toBeNull();
  });

  test.each([
    ['passwordpassword', 'lijst van veelgebruikte en gelekte wachtwoorden'],
    ['123456789012', 'lijst van veelgebruikte en gelekte wachtwoorden'],
    ['nieuw@test.nl-2024', 'te makkelijk te raden'],
  ])('when a beheerder adds an account on the users page with %j, then 400 with the message at the password, no account, and the password is not sent back', async (password, message) => {
    const { token, csrf } = createSession(ctx.db, findUserByEmail(ctx.db, USERS.beheerder.email)!.id);
    const before = countUsers(ctx.db);
    const res = await request(app).post('/beheer/gebruikers').set('Cookie', `toetsing_sid=${token}`).type('form')
      .send({ _csrf: csrf, email: 'nieuw@test.nl', name: 'Nieuw', role: 'lezer', password }).expect(400);
    expect(res.text).toMatch(new RegExp(`id="f-password-error">[^<]*${message}`));
    expect(res.text).not.toContain(password);
    expect(countUsers(ctx.db)).toBe(before);
  });

  test('when `toetsing user add` is given a common password, then it says why, exits non-zero and makes no account', async () => {
    const dir = tempDir();
    try {
      const r = await run(['user', 'add', 'a@b.nl', '--role', 'beheerder', '--password-stdin', '--data', dir], '123456789012\n');
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/lijst van veelgebruikte en gelekte wachtwoorden/);
      const ok = await run(['user', 'add', 'a@b.nl', '--role', 'beheerder', '--password-stdin', '--data', dir], 'blauwe olifant danst traag\n');
      expect(ok.code).toBe(0);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});
