// User administration for beheerders: list, add with role and password, change role, disable
// and enable. Changing a role or disabling ends the user's sessions (users.store does that).
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ROLES } from '../../domain/vocabulary';
import { AppError } from '../../errors';
import { createUser, getUser, listUsers, passwordProblem, PASSWORD_MAX, updateUser } from '../../store/users.store';
import { parseForm } from '../forms';
import { numericParam } from '../inspection-access';
import { FormState, noForm } from '../page-kit';
import { ADMINS, RouteDef } from '../route-table';

const addSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, 'Dit e-mailadres is te lang.').pipe(z.email('Vul een geldig e-mailadres in.')),
  name: z.string().trim().max(200, 'De naam mag hoogstens 200 tekens zijn.'),
  role: z.enum(ROLES, { message: 'Kies een rol.' }),
  password: z.string().max(PASSWORD_MAX + 1).superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
}).strict();

const roleSchema = z.object({ role: z.enum(ROLES, { message: 'Kies een rol.' }) }).strict();
const activeSchema = z.object({ active: z.enum(['0', '1'], { message: 'Ongeldige keuze.' }) }).strict();

function renderUsers(req: Request, res: Response, status = 200, form: FormState = noForm) {
  const values = { ...form.values };
  delete values.password;
  res.status(status).render('users/index', { title: 'Gebruikers', users: listUsers(req.ctx.db), form: { ...form, values }, me: req.user!.id, saved: req.query.opgeslagen === '1' });
}

function targetUser(req: Request, form: string) {
  const id = numericParam(req, 'userId', 'Gebruiker niet gevonden');
  const user = getUser(req.ctx.db, id);
  if (user.id === req.user!.id) {
    throw Object.assign(new AppError(400, 'U kunt uw eigen rol of account niet wijzigen; vraag een andere beheerder.'), { form });
  }
  return user;
}

export const userRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/beheer/gebruikers',
    access: ADMINS,
    summary: 'gebruikers beheren',
    handler: (req, res) => renderUsers(req, res),
  },
  {
    method: 'post',
    path: '/beheer/gebruikers',
    access: ADMINS,
    summary: 'gebruiker toevoegen',
    handler: async (req, res) => {
      const form = parseForm(addSchema, req.body);
      if (!form.ok) return renderUsers(req, res, 400, { key: 'add', errors: form.errors, values: form.values });
      try {
        await createUser(req.ctx.db, req.user!.email, form.data);
      } catch (e) {
        if (e instanceof AppError && (e.status === 409 || e.status === 400)) {
          return renderUsers(req, res, 400, { key: 'add', errors: { [e.status === 409 ? 'email' : 'password']: e.message }, values: form.data });
        }
        throw e;
      }
      res.redirect(303, '/beheer/gebruikers?opgeslagen=1');
    },
  },
  {
    method: 'post',
    path: '/beheer/gebruikers/:userId/rol',
    access: ADMINS,
    summary: 'rol van een gebruiker wijzigen',
    handler: (req, res) => {
      const key = `role:${req.params.userId}`;
      const form = parseForm(roleSchema, req.body);
      if (!form.ok) return renderUsers(req, res, 400, { key, errors: form.errors, values: form.values });
      try {
        updateUser(req.ctx.db, req.user!.email, targetUser(req, key).id, { role: form.data.role });
      } catch (e) {
        if (e instanceof AppError && e.status === 400) return renderUsers(req, res, 400, { key, errors: { role: e.message }, values: form.data });
        throw e;
      }
      res.redirect(303, '/beheer/gebruikers?opgeslagen=1');
    },
  },
  {
    method: 'post',
    path: '/beheer/gebruikers/:userId/status',
    access: ADMINS,
    summary: 'gebruiker blokkeren of weer toelaten',
    handler: (req, res) => {
      const key = `active:${req.params.userId}`;
      const form = parseForm(activeSchema, req.body);
      if (!form.ok) return renderUsers(req, res, 400, { key, errors: form.errors, values: form.values });
      try {
        updateUser(req.ctx.db, req.user!.email, targetUser(req, key).id, { active: form.data.active === '1' });
      } catch (e) {
        if (e instanceof AppError && e.status === 400) return renderUsers(req, res, 400, { key, errors: { active: e.message }, values: form.data });
        throw e;
      }
      res.redirect(303, '/beheer/gebruikers?opgeslagen=1');
    },
  },
];
