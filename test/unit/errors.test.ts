// Error kinds: each one maps to the documented HTTP status (src/web/http-errors.ts) and exit code
// (src/cli/exit-codes.ts), and a refusal about one field reaches the form at that field.
import { exitCode } from '../../src/cli/exit-codes';
import { CatalogueError } from '../../src/criteria';
import { AppError, ErrorKind, isKind, StaleVersionError } from '../../src/errors';
import { buildApp } from '../../src/web/app';
import { httpStatus } from '../../src/web/http-errors';
import { addUsers, makeCtx, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';

const DOCUMENTED: Array<[ErrorKind, number, number]> = [
  ['not_found', 404, 1],
  ['invalid', 400, 2],
  ['conflict', 409, 1],
  ['finalised', 409, 1],
  ['forbidden', 403, 1],
  ['unauthenticated', 401, 1],
  ['config', 500, 2],
  ['integrity', 500, 1],
  ['unavailable', 503, 1],
];

describe('error kinds', () => {
  test.each(DOCUMENTED)('when an error of kind %s is thrown, then the web answers %i and the command exits with %i', (kind, status, code) => {
    expect(httpStatus(kind)).toBe(status);
    expect(exitCode(kind)).toBe(code);
  });

  test('when a save is stale, then it is a conflict that carries the stored version', () => {
    const e = new StaleVersionError({ version: 2 }, { version: 1 });
    expect(isKind(e, 'conflict')).toBe(true);
    expect(e.current).toEqual({ version: 2 });
  });

  test('when a criteria file is wrong, then that is a configuration error', () => {
    const e = new CatalogueError('criteria/units.yaml: bestand ontbreekt');
    expect(e).toBeInstanceOf(AppError);
    expect(isKind(e, 'config')).toBe(true);
  });
});

describe('a refusal about one field, on a form', () => {
  let ctx: TestCtx;
  beforeAll(async () => { ctx = makeCtx(); await addUsers(ctx); });
  afterAll(() => ctx.cleanup());

  test('when a beheerder adds an account for an e-mail address that has one, then the message stands at the e-mail field with 400', async () => {
    const { agent, csrf } = await login(buildApp(ctx), USERS.beheerder.email);
    const res = await agent.post('/beheer/gebruikers').type('form')
      .send({ _csrf: csrf, email: USERS.lezer.email, name: '', role: 'lezer', password: 'een heel lang wachtwoord' })
      .expect(400);
    expect(res.text).toMatch(new RegExp(`id="f-email-error">Er bestaat al een account voor ${USERS.lezer.email.replace(/\./g, '\\.')}<`));
    expect(res.text).not.toMatch(/id="f-password-error"/);
  });
});
