// "Mijn account": a user's own sessions (see and end them) and changing one's own password. Every
// role has it and it only ever touches the actor's own account: the session handle of another
// user is simply not found.
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { AppError, invalid, notFound } from '../errors';
import { destroyOtherSessions, destroyUserSession, listUserSessions } from '../store/sessions.store';
import { reserveAttempt, settleSuccess } from '../store/throttles.store';
import { changePassword, PASSWORD_MAX } from '../store/users.store';
import { waitInWords } from './auth';

export interface SessionView {
  handle: string;
  /** "Firefox op Linux", or a short piece of an unknown User-Agent. */
  device: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

const DEVICE_MAX = 60;

/**
 * A User-Agent in a few words. Only the common browsers and systems are named; anything else is
 * cut short, as it is shown to the user and a User-Agent is whatever the client sent.
 */
export function deviceOf(userAgent: string): string {
  const ua = userAgent.trim();
  if (!ua) return 'Onbekend apparaat';
  const browsers: Array<[RegExp, string]> = [
    [/\bEdg(e|A|iOS)?\//, 'Edge'],
    [/\b(OPR|Opera)\//, 'Opera'],
    [/\b(Firefox|FxiOS)\//, 'Firefox'],
    [/\bHeadlessChrome\//, 'Chromium (headless)'],
    [/\b(Chrome|CriOS)\//, 'Chrome'],
    [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
    [/\bcurl\//, 'curl'],
  ];
  const systems: Array<[RegExp, string]> = [
    [/\bWindows\b/, 'Windows'],
    [/\b(iPhone|iPod)\b/, 'iOS'],
    [/\biPad\b/, 'iPadOS'],
    [/\bAndroid\b/, 'Android'],
    [/\bCrOS\b/, 'ChromeOS'],
    [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
    [/\bLinux\b/, 'Linux'],
  ];
  const browser = browsers.find(([re]) => re.test(ua))?.[1];
  const system = systems.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} op ${system}`;
  if (browser ?? system) return (browser ?? system) as string;
  // Printable characters only: the raw header may hold anything.
  const shown = ua.replace(/[^\x20-\x7e]/g, '');
  return shown.length > DEVICE_MAX ? `${shown.slice(0, DEVICE_MAX - 1)}…` : shown || 'Onbekend apparaat';
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The actor's live sessions, this one marked. */
export function accountView(ctx: Ctx, actor: Actor, currentSession: string | null): { sessions: SessionView[] } {
  return {
    sessions: listUserSessions(ctx.db, actor.id).map((s) => ({
      handle: s.handle,
      device: deviceOf(s.userAgent),
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      current: s.handle === currentSession,
    })),
  };
}

export const sessionHandleField = z.string().regex(/^[0-9a-f]{32}$/, 'Deze sessie bestaat niet (meer).');

/** End one of the actor's own sessions (the current one too: that is logging out). */
export function endSession(ctx: Ctx, actor: Actor, handle: string): void {
  if (!destroyUserSession(ctx.db, actor.id, handle)) throw notFound('Deze sessie bestaat niet (meer).');
}

/** End all the actor's sessions but this one; returns how many ended. */
export function endOtherSessions(ctx: Ctx, actor: Actor, currentSession: string): number {
  return destroyOtherSessions(ctx.db, actor.id, currentSession);
}

export const changePasswordSchema = z
  .object({
    current: z.string({ error: 'Vul uw huidige wachtwoord in.' }).min(1, 'Vul uw huidige wachtwoord in.').max(1024, 'Dit wachtwoord is te lang.'),
    // One character over the limit is enough for the policy to name the limit.
    password: z.string({ error: 'Vul een nieuw wachtwoord in.' }).min(1, 'Vul een nieuw wachtwoord in.').max(PASSWORD_MAX + 1, `Het wachtwoord mag hoogstens ${PASSWORD_MAX} tekens hebben.`),
    confirm: z.string({ error: 'Vul het nieuwe wachtwoord nogmaals in.' }).max(PASSWORD_MAX + 1, `Het wachtwoord mag hoogstens ${PASSWORD_MAX} tekens hebben.`),
  })
  .strict()
  .refine((v) => v.password === v.confirm, { error: 'De twee nieuwe wachtwoorden zijn niet gelijk.', path: ['confirm'] });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/**
 * Change the actor's own password. A wrong current password counts as a failed sign-in for the
 * account (a stolen session must not become a way to guess the password); on success every
 * other session ends.
 */
export async function changeOwnPassword(ctx: Ctx, actor: Actor, input: ChangePasswordInput, currentSession: string): Promise<{ endedSessions: number }> {
  if (input.password !== input.confirm) throw invalid('De twee nieuwe wachtwoorden zijn niet gelijk.', 'confirm');
  const reserved = reserveAttempt(ctx.db, [{ kind: 'account', key: actor.email.toLowerCase() }]);
  if (!reserved.ok) {
    const seconds = Math.max(1, Math.ceil((reserved.retryAt - Date.now()) / 1000));
    throw invalid(`Te veel mislukte pogingen voor dit account. U kunt het ${waitInWords(seconds)} opnieuw proberen.`, 'current');
  }
  let result: { endedSessions: number };
  try {
    result = await changePassword(ctx.db, actor.id, { current: input.current, next: input.password, keepSession: currentSession });
  } catch (e) {
    // Only a wrong current password stays counted; a refused new one is no guess.
    if (!(e instanceof AppError && e.field === 'current')) settleSuccess(ctx.db, reserved.reservations);
    throw e;
  }
  settleSuccess(ctx.db, reserved.reservations);
  return result;
}
