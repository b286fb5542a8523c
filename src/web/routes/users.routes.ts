// User administration for beheerders: parse the form, call the use case (src/app/users.ts), render.
import { z } from 'zod';
import { addUser, changeRole, newUserSchema, roleField, setActive, usersView } from '../../app/users';
import { liftThrottle, throttlesView } from '../../app/auth';
import { totpOverview } from '../../app/totp';
import { Hc, idParam, runForm, userForm, withUser } from '../handler';
import { FormState, noForm } from '../page-kit';
import { ADMINS, RouteDef } from '../route-table';

const SAVED = '/beheer/gebruikers?opgeslagen=1';

const roleSchema = z.object({ role: roleField }).strict();
const activeSchema = z.object({ active: z.enum(['0', '1'], { error: 'Ongeldige keuze.' }) }).strict();
const throttleSchema = z.object({
  soort: z.enum(['account', 'address'], { error: 'Ongeldige keuze.' }),
  sleutel: z.string().min(1, 'Ongeldige keuze.').max(300, 'Ongeldige keuze.'),
}).strict();

function renderUsers(hc: Hc, status: number, form: FormState) {
  // A password typed into the form is never sent back.
  const values = { ...form.values };
  delete values.password;
  hc.res.status(status).render('users/index', {
    title: 'Gebruikers', ...usersView(hc.ctx, hc.user), throttles: throttlesView(hc.ctx, hc.user), form: { ...form, values },
    saved: hc.req.query.opgeslagen === '1', throttleLifted: hc.req.query.opgeheven === '1',
    totpOn: totpOverview(hc.ctx, hc.user),
  });
}

const targetId = (hc: Hc) => idParam(hc.req, 'userId', 'Gebruiker niet gevonden');

export const userRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/beheer/gebruikers',
    access: ADMINS,
    summary: 'gebruikers beheren',
    handler: withUser((hc) => renderUsers(hc, 200, noForm)),
  },
  {
    method: 'post',
    path: '/beheer/gebruikers',
    access: ADMINS,
    summary: 'gebruiker toevoegen',
    handler: userForm({
      key: 'add',
      schema: newUserSchema,
      act: async (hc, data) => { await addUser(hc.ctx, hc.user, data); return SAVED; },
      render: renderUsers,
    }),
  },
  {
    method: 'post',
    path: '/beheer/gebruikers/:userId/rol',
    access: ADMINS,
    summary: 'rol van een gebruiker wijzigen',
    handler: withUser((hc) => runForm(hc, {
      key: `role:${String(hc.req.params.userId)}`,
      schema: roleSchema,
      act: (h, data) => { changeRole(h.ctx, h.user, { userId: targetId(h), role: data.role }); return SAVED; },
      render: renderUsers,
    })),
  },
  {
    method: 'post',
    path: '/beheer/gebruikers/:userId/status',
    access: ADMINS,
    summary: 'gebruiker blokkeren of weer toelaten',
    handler: withUser((hc) => runForm(hc, {
      key: `active:${String(hc.req.params.userId)}`,
      schema: activeSchema,
      act: (h, data) => { setActive(h.ctx, h.user, { userId: targetId(h), active: data.active === '1' }); return SAVED; },
      render: renderUsers,
    })),
  },
  {
    method: 'post',
    path: '/beheer/gebruikers/inlogbeperking/opheffen',
    access: ADMINS,
    summary: 'inlogbeperking van een account of adres opheffen',
    handler: userForm({
      key: 'throttle',
      schema: throttleSchema,
      act: (hc, data) => { liftThrottle(hc.ctx, hc.user, { kind: data.soort, key: data.sleutel }); return '/beheer/gebruikers?opgeheven=1'; },
      render: renderUsers,
    }),
  },
];
