// The second factor on screen: the second step of signing in (a code, or enrolment first for a
// beheerder without one), "Tweede factor" on Mijn account, and the beheerder's reset. The rules
// are the use case's (src/app/totp.ts).
//
// The half-session between the password and the code is not a session: its cookie reaches only
// the routes below (public in the route table, so the app checks no session CSRF on them); each
// form carries the half-session's own CSRF token, checked here. With a half-session open, the
// login page leads back to its step, and every other page leads to the login page: so a beheerder
// who has not set up the second factor reaches nothing but enrolment.
import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  accountEnrolmentView, cancelSecondStep, ChallengePurpose, codeSchema, disableSchema, completeLoginEnrolment, completeSignIn, confirmAccountEnrolment, disableOwnTotp,
  EnrolmentView, loginEnrolmentView, Pending, pendingStep, renewRecoveryCodes, resetSecondFactor, StepResult, totpAccountView,
} from '../../app/totp';
import { forbidden, invalid, isKind } from '../../errors';
import { parseForm } from '../forms';
import { bodyOf, Hc, idParam, runForm, withUser } from '../handler';
import { FormState, noForm } from '../page-kit';
import { ADMINS, EVERY_ROLE, RouteDef } from '../route-table';
import { cookieOptions, sessionCookieName, tokensEqual } from '../session';

export const TOTP_STEP_PATH = '/login/tweede-factor';
export const TOTP_ENROL_STEP_PATH = '/login/tweede-factor/instellen';
export const ACCOUNT_TOTP_PATH = '/account/tweede-factor';
const ACCOUNT_ENROL_PATH = `${ACCOUNT_TOTP_PATH}/instellen`;

/** The half-session's cookie; over HTTPS with the `__Host-` prefix, as the session's. */
export const pendingCookieName = (secure: boolean) => (secure ? '__Host-toetsing-2fa' : 'toetsing_2fa');

const secureOf = (req: Request) => Boolean(req.app.get('secureCookies'));
const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? '';
const userAgentOf = (req: Request) => req.get('user-agent') ?? '';

/** Set the half-session's cookie (the login route calls this after a correct password). */
export function setPendingCookie(req: Request, res: Response, token: string): void {
  const secure = secureOf(req);
  res.append('Set-Cookie', serialize(pendingCookieName(secure), token, cookieOptions(secure, 5 * 60)));
}

function clearPendingCookie(req: Request, res: Response): void {
  const secure = secureOf(req);
  res.append('Set-Cookie', serialize(pendingCookieName(secure), '', { ...cookieOptions(secure), maxAge: 0 }));
}

const pendingToken = (req: Request) => req.cookieValues[pendingCookieName(secureOf(req))];

/** The browser's live half-session, if any (the login page sends it back to its step). */
export function pendingOf(req: Request): Pending | null {
  return pendingStep(req.ctx, pendingToken(req));
}

/** Where the half-session's step is. */
export const stepPath = (purpose: ChallengePurpose) => (purpose === 'enrol' ? TOTP_ENROL_STEP_PATH : TOTP_STEP_PATH);

/** What the login page says after a half-session ended (backToLogin's reason). */
export function secondStepNotice(req: Request): string | null {
  if (req.query.tweedefactor === 'verlopen') return 'De stap met de tweede factor is verlopen of afgebroken. Log opnieuw in.';
  if (req.query.tweedefactor === 'te-vaak') return 'Te veel onjuiste codes. Log opnieuw in.';
  return null;
}

/** No (more) half-session: back to the login form, saying why. */
function backToLogin(req: Request, res: Response, reason: 'verlopen' | 'te-vaak' = 'verlopen'): void {
  clearPendingCookie(req, res);
  res.redirect(303, `/login?tweedefactor=${reason}`);
}

interface StepPage {
  status: number;
  error?: string | null;
  enrolment?: EnrolmentView;
}

function renderStep(res: Response, pending: Pending, page: StepPage): void {
  res.status(page.status).render('auth/totp', {
    title: pending.challenge.purpose === 'enrol' ? 'Tweede factor instellen' : 'Tweede factor',
    purpose: pending.challenge.purpose,
    email: pending.user.email,
    stepCsrf: pending.challenge.csrf_token,
    error: page.error ?? null,
    enrolment: page.enrolment ?? null,
  });
}

/** Read the step's form: first its CSRF token against the half-session's (refused: 403), then the code. */
function stepForm(req: Request, pending: Pending): { code: string } | { error: string } {
  const body = bodyOf(req);
  if (!tokensEqual(typeof body._csrf === 'string' ? body._csrf : undefined, pending.challenge.csrf_token)) {
    throw forbidden('Het formulier is verlopen of ongeldig (CSRF-controle). Laad de pagina opnieuw en probeer het nog eens.');
  }
  const form = parseForm(codeSchema, body);
  return form.ok ? { code: form.data.code } : { error: Object.values(form.errors)[0] ?? 'Vul de code in.' };
}

function signedIn(req: Request, res: Response, token: string): void {
  const secure = secureOf(req);
  res.append('Set-Cookie', serialize(sessionCookieName(secure), token, cookieOptions(secure)));
  clearPendingCookie(req, res);
}

async function answerStep(req: Request, res: Response, pending: Pending, result: StepResult, enrolment?: () => Promise<EnrolmentView>): Promise<void> {
  if (result.ok) {
    signedIn(req, res, result.sessionToken);
    if (result.recoveryCodes) {
      res.status(200).render('account/totp-codes', { title: 'Herstelcodes', codes: result.recoveryCodes, next: result.returnTo, fresh: true });
      return;
    }
    res.redirect(303, result.returnTo);
    return;
  }
  if (result.ended) {
    backToLogin(req, res, 'te-vaak');
    return;
  }
  renderStep(res, pending, { status: result.status, error: result.message, ...(enrolment ? { enrolment: await enrolment() } : {}) });
}

function renderAccount(hc: Hc, status: number, form: FormState, extra: { enrolment?: EnrolmentView } = {}) {
  hc.res.status(status).render(extra.enrolment ? 'account/totp-enrol' : 'account/totp', {
    title: extra.enrolment ? 'Tweede factor instellen' : 'Tweede factor',
    totp: totpAccountView(hc.ctx, hc.user),
    form,
    enrolment: extra.enrolment ?? null,
    done: typeof hc.req.query.klaar === 'string' ? hc.req.query.klaar : null,
  });
}

function renderCodes(hc: Hc, codes: string[]) {
  hc.res.status(200).render('account/totp-codes', { title: 'Herstelcodes', codes, next: ACCOUNT_TOTP_PATH, fresh: false });
}

const noFields = z.object({}).strict();

export const totpRoutes: RouteDef[] = [
  // -- the second step of signing in ---------------------------------------------------------
  {
    method: 'get',
    path: TOTP_STEP_PATH,
    access: 'public',
    summary: 'inloggen: code van de tweede factor',
    handler: (req, res) => {
      const pending = pendingOf(req);
      if (!pending) backToLogin(req, res);
      else if (pending.challenge.purpose === 'enrol') res.redirect(303, TOTP_ENROL_STEP_PATH);
      else renderStep(res, pending, { status: 200 });
    },
  },
  {
    method: 'post',
    path: TOTP_STEP_PATH,
    access: 'public',
    summary: 'inloggen: code van de tweede factor controleren',
    handler: async (req, res) => {
      const pending = pendingOf(req);
      const token = pendingToken(req);
      if (!pending || !token) { backToLogin(req, res); return; }
      const form = stepForm(req, pending);
      if ('error' in form) { renderStep(res, pending, { status: 400, error: form.error }); return; }
      await answerStep(req, res, pending, await completeSignIn(req.ctx, token, pending, { code: form.code, address: addressOf(req), userAgent: userAgentOf(req) }));
    },
  },
  {
    method: 'get',
    path: TOTP_ENROL_STEP_PATH,
    access: 'public',
    summary: 'inloggen: tweede factor instellen (verplicht voor beheerders)',
    handler: async (req, res) => {
      const pending = pendingOf(req);
      if (!pending) backToLogin(req, res);
      else if (pending.challenge.purpose !== 'enrol') res.redirect(303, TOTP_STEP_PATH);
      else renderStep(res, pending, { status: 200, enrolment: await loginEnrolmentView(req.ctx, pending) });
    },
  },
  {
    method: 'post',
    path: TOTP_ENROL_STEP_PATH,
    access: 'public',
    summary: 'inloggen: tweede factor instellen bevestigen',
    handler: async (req, res) => {
      const pending = pendingOf(req);
      const token = pendingToken(req);
      if (!pending || !token) { backToLogin(req, res); return; }
      const form = stepForm(req, pending);
      const again = () => loginEnrolmentView(req.ctx, pending);
      if ('error' in form) { renderStep(res, pending, { status: 400, error: form.error, enrolment: await again() }); return; }
      await answerStep(req, res, pending, completeLoginEnrolment(req.ctx, token, pending, { code: form.code, address: addressOf(req), userAgent: userAgentOf(req) }), again);
    },
  },
  {
    method: 'post',
    path: `${TOTP_STEP_PATH}/annuleren`,
    access: 'public',
    summary: 'inloggen: tweede stap afbreken',
    handler: (req, res) => {
      const pending = pendingOf(req);
      const token = pendingToken(req);
      if (pending && token) {
        stepForm(req, pending);
        cancelSecondStep(req.ctx, token);
      }
      clearPendingCookie(req, res);
      res.redirect(303, '/login');
    },
  },

  // -- Mijn account: Tweede factor -----------------------------------------------------------
  {
    method: 'get',
    path: ACCOUNT_TOTP_PATH,
    access: EVERY_ROLE,
    summary: 'mijn account: tweede factor',
    handler: withUser((hc) => renderAccount(hc, 200, noForm)),
  },
  {
    method: 'get',
    path: ACCOUNT_ENROL_PATH,
    access: EVERY_ROLE,
    summary: 'mijn account: tweede factor instellen',
    handler: withUser(async (hc) => {
      if (totpAccountView(hc.ctx, hc.user).enabled) hc.res.redirect(303, ACCOUNT_TOTP_PATH);
      else renderAccount(hc, 200, noForm, { enrolment: await accountEnrolmentView(hc.ctx, hc.user) });
    }),
  },
  {
    method: 'post',
    path: ACCOUNT_ENROL_PATH,
    access: EVERY_ROLE,
    summary: 'mijn account: tweede factor instellen bevestigen',
    handler: withUser(async (hc) => {
      const form = parseForm(codeSchema, hc.req.body);
      let codes: string[] | null = null;
      let error: FormState | null = null;
      if (!form.ok) error = { key: 'enrol', errors: form.errors, values: {} };
      else {
        try {
          codes = confirmAccountEnrolment(hc.ctx, hc.user, form.data);
        } catch (e) {
          if (!isKind(e, 'invalid')) throw e;
          error = { key: 'enrol', errors: { code: e.message }, values: {} };
        }
      }
      if (codes) { renderCodes(hc, codes); return; }
      if (totpAccountView(hc.ctx, hc.user).enabled) { hc.res.redirect(303, ACCOUNT_TOTP_PATH); return; }
      renderAccount(hc, 400, error ?? noForm, { enrolment: await accountEnrolmentView(hc.ctx, hc.user) });
    }),
  },
  {
    method: 'post',
    path: `${ACCOUNT_TOTP_PATH}/uitschakelen`,
    access: EVERY_ROLE,
    summary: 'mijn account: tweede factor uitzetten (wachtwoord en code)',
    handler: withUser((hc) => runForm(hc, {
      key: 'disable',
      schema: disableSchema,
      act: async (h, data) => { await disableOwnTotp(h.ctx, h.user, { ...data, address: addressOf(h.req) }); return `${ACCOUNT_TOTP_PATH}?klaar=uit`; },
      render: (h, status, form) => { renderAccount(h, status, { ...form, values: {} }); },
    })),
  },
  {
    method: 'post',
    path: `${ACCOUNT_TOTP_PATH}/herstelcodes`,
    access: EVERY_ROLE,
    summary: 'mijn account: nieuwe herstelcodes (met een code)',
    handler: withUser(async (hc) => {
      const form = parseForm(codeSchema, hc.req.body);
      if (!form.ok) { renderAccount(hc, 400, { key: 'renew', errors: form.errors, values: {} }); return; }
      let codes: string[];
      try {
        codes = await renewRecoveryCodes(hc.ctx, hc.user, { code: form.data.code, address: addressOf(hc.req) });
      } catch (e) {
        if (!isKind(e, 'invalid')) throw e;
        renderAccount(hc, 400, { key: 'renew', errors: { code: e.message }, values: {} });
        return;
      }
      renderCodes(hc, codes);
    }),
  },

  // -- Beheer ----------------------------------------------------------------------------------
  {
    method: 'post',
    path: '/beheer/gebruikers/:userId/tweede-factor',
    access: ADMINS,
    summary: 'tweede factor van een gebruiker herstellen (verloren telefoon)',
    handler: withUser((hc) => {
      const form = parseForm(noFields, hc.req.body);
      if (!form.ok) throw invalid('Dit formulier kent geen velden; laad de pagina opnieuw.');
      resetSecondFactor(hc.ctx, hc.user, { userId: idParam(hc.req, 'userId', 'Gebruiker niet gevonden') });
      hc.res.redirect(303, '/beheer/gebruikers?opgeslagen=1');
    }),
  },
];
