// "Mijn account" for every role: the user's own sessions (end one, or all others) and changing
// the own password. Parse, call the use case (src/app/account.ts), render; nothing here decides
// whose sessions may be ended.
import { z } from 'zod';
import { accountView, changeOwnPassword, changePasswordSchema, endOtherSessions, endSession, sessionHandleField } from '../../app/account';
import { unauthenticated } from '../../errors';
import { Hc, runForm, userForm, withUser } from '../handler';
import { FormState, noForm } from '../page-kit';
import { EVERY_ROLE, RouteDef } from '../route-table';
import { clearSessionCookie } from '../session';

const endOneSchema = z.object({ sessie: sessionHandleField }).strict();
const endOthersSchema = z.object({}).strict();

function currentSession(hc: Hc): string {
  if (!hc.req.sessionHandle) throw unauthenticated();
  return hc.req.sessionHandle;
}

/** A count from the query of the redirect, for the notice only. */
function countParam(v: unknown): number | null {
  return typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : null;
}

function renderAccount(hc: Hc, status: number, form: FormState) {
  // Passwords typed into the form are never sent back.
  const values = { ...form.values };
  delete values.current;
  delete values.password;
  delete values.confirm;
  hc.res.status(status).render('account/index', {
    title: 'Mijn account',
    ...accountView(hc.ctx, hc.user, hc.req.sessionHandle),
    form: { ...form, values },
    ended: countParam(hc.req.query.beeindigd),
    passwordChanged: hc.req.query.wachtwoord === '1',
  });
}

export const accountRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/account',
    access: EVERY_ROLE,
    summary: 'mijn account: eigen sessies en wachtwoord',
    handler: withUser((hc) => renderAccount(hc, 200, noForm)),
  },
  {
    method: 'post',
    path: '/account/sessies/beeindigen',
    access: EVERY_ROLE,
    summary: 'een eigen sessie beëindigen',
    handler: withUser((hc) => runForm(hc, {
      key: 'end-one',
      schema: endOneSchema,
      act: (h, data) => {
        const current = currentSession(h);
        endSession(h.ctx, h.user, data.sessie);
        if (data.sessie !== current) return '/account?beeindigd=1';
        // Ending the session in use is logging out.
        h.res.append('Set-Cookie', clearSessionCookie(Boolean(h.req.app.get('secureCookies'))));
        return '/login';
      },
      render: renderAccount,
    })),
  },
  {
    method: 'post',
    path: '/account/sessies/andere-beeindigen',
    access: EVERY_ROLE,
    summary: 'alle andere eigen sessies beëindigen',
    handler: withUser((hc) => runForm(hc, {
      key: 'end-others',
      schema: endOthersSchema,
      act: (h) => `/account?beeindigd=${String(endOtherSessions(h.ctx, h.user, currentSession(h)))}`,
      render: renderAccount,
    })),
  },
  {
    method: 'post',
    path: '/account/wachtwoord',
    access: EVERY_ROLE,
    summary: 'eigen wachtwoord wijzigen',
    handler: userForm({
      key: 'password',
      schema: changePasswordSchema,
      act: async (hc, data) => {
        const { endedSessions } = await changeOwnPassword(hc.ctx, hc.user, data, currentSession(hc));
        return `/account?wachtwoord=1&beeindigd=${String(endedSessions)}`;
      },
      render: renderAccount,
    }),
  },
];
