// Signing in through the organisation's OpenID provider (OpenID Connect, authorisation code flow
// with PKCE S256, state and nonce). The provider proves who the person is; Toetsing decides what
// they may do: the account must exist here (matched on the e-mail claim, case-insensitively), be
// active, and keeps the role the beheerder gave it. Nothing about the account comes from the
// provider but the e-mail address it is matched on.
//
// The client is openid-client 6 (v5, the CommonJS major, reached end of life on 30 April 2026). It
// is an ES module: Node 20.19+ loads it from this CommonJS code, jest cannot, so the flow tests run
// the app as a child process.
//
// A started sign-in (state, nonce, PKCE verifier, where to go afterwards) waits here in memory,
// named by a random id in a short-lived cookie of the browser that started it, for 10 minutes
// and for one callback only. Memory is enough: the app is one process, and a restart in between
// costs the user one more click.
import crypto from 'node:crypto';
import type * as OpenIdClient from 'openid-client';
import type { OidcSettings } from '../config';
import type { Ctx } from '../context';
import { unavailable } from '../errors';
import { logOidcSignIn } from '../store/sign-in-log.store';
import { listUsers } from '../store/users.store';
import { startSession } from './auth';

type Client = typeof OpenIdClient;

export const PENDING_TTL_MS = 10 * 60 * 1000;
/** Bound the waiting room: a script starting sign-ins without end must not grow memory without limit. */
const MAX_PENDING = 10_000;
/** How long a provider's discovered metadata is used before it is read again. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

interface Pending {
  state: string;
  nonce: string;
  codeVerifier: string;
  terug: string;
  createdAt: number;
  /** The provider it was started with, so a changed configuration cannot mix two. */
  issuer: string;
}

const pending = new Map<string, Pending>();

let clientModule: Promise<Client> | null = null;

function loadClient(): Promise<Client> {
  clientModule ??= import('openid-client').catch((e: unknown) => {
    clientModule = null;
    throw e;
  });
  return clientModule;
}

const configurations = new Map<string, { at: number; config: Promise<OpenIdClient.Configuration> }>();

/** Plain http is only accepted for a provider on this machine (config.ts refuses it elsewhere): the tests' provider. */
const isLoopbackHttp = (issuer: string) => new URL(issuer).protocol === 'http:';

function unreachable(settings: OidcSettings, cause: unknown): Error {
  console.error(`OIDC: de dienst ${settings.issuer} is niet bereikbaar:`, cause);
  return unavailable(`De inlogdienst van ${settings.label} is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.`);
}

/** The provider's metadata (discovery), read once an hour; a failure is not remembered. */
async function configuration(settings: OidcSettings): Promise<{ client: Client; config: OpenIdClient.Configuration }> {
  const client = await loadClient();
  const key = `${settings.issuer}\n${settings.clientId}`;
  let cached = configurations.get(key);
  if (!cached || Date.now() - cached.at > DISCOVERY_TTL_MS) {
    const config = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, client.ClientSecretBasic(settings.clientSecret), {
      // enableNonRepudiationChecks: the ID token's signature is checked against the provider's
      // JWKS, not only trusted because it came over TLS.
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out: plain http, for the tests' provider on 127.0.0.1
      execute: [client.enableNonRepudiationChecks, ...(isLoopbackHttp(settings.issuer) ? [client.allowInsecureRequests] : [])],
      timeout: 10,
    });
    cached = { at: Date.now(), config };
    configurations.set(key, cached);
    void config.catch(() => configurations.delete(key));
  }
  try {
    return { client, config: await cached.config };
  } catch (e) {
    throw unreachable(settings, e);
  }
}

/** fetch's own failure (refused, reset, no route) or a timeout, not a wrong answer. */
const unreachableError = (e: unknown) =>
  (e instanceof TypeError && e.message === 'fetch failed') || (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'));

function prunePending(now: number): void {
  for (const [id, p] of pending) {
    if (now - p.createdAt <= PENDING_TTL_MS && pending.size <= MAX_PENDING) break;
    pending.delete(id);
  }
}

/** Forget every started sign-in and discovered provider, so tests (and only tests) start from zero. */
export function resetOidc(): void {
  pending.clear();
  configurations.clear();
}

/**
 * Start a sign-in: remember state, nonce and the PKCE verifier under a new id (the route puts it
 * in a cookie) and return where to send the browser.
 */
export async function beginOidcSignIn(settings: OidcSettings, input: { terug: string }, now = Date.now()): Promise<{ pendingId: string; location: string }> {
  const { client, config } = await configuration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const location = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: 'openid email',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  prunePending(now);
  const pendingId = crypto.randomBytes(32).toString('base64url');
  pending.set(pendingId, { state, nonce, codeVerifier, terug: input.terug, createdAt: now, issuer: settings.issuer });
  return { pendingId, location: location.href };
}

export type OidcRefusal =
  /** No started sign-in for this browser (expired, used, or started elsewhere). */
  | 'expired'
  /** The provider answered with an error (the person cancelled, or the provider refused). */
  | 'provider_error'
  /** The answer failed a check: state, nonce, signature, issuer, audience, expiry, PKCE. */
  | 'invalid_response'
  /** The provider did not vouch for the e-mail address. */
  | 'no_verified_email'
  | 'unknown_user'
  | 'disabled_user';

export type OidcSignInResult =
  | { ok: true; token: string; terug: string }
  | { ok: false; refusal: OidcRefusal; message: string };

export interface OidcCallbackInput {
  /** The id from the browser's cookie. */
  pendingId: string | undefined;
  /** The callback URL as the browser requested it (the public address + path and query). */
  callbackUrl: URL;
  previousToken?: string;
  userAgent?: string;
}

const refused = (refusal: OidcRefusal, message: string): OidcSignInResult => ({ ok: false, refusal, message });

/** True, or "true" as some providers send it. */
const isTrue = (v: unknown) => v === true || v === 'true';

/**
 * Finish a sign-in: check the provider's answer (openid-client checks state, PKCE, the ID token's
 * signature against the JWKS, iss, aud, exp and nonce), find the Toetsing account by the e-mail
 * claim and start a session. The started sign-in is used up whatever the outcome.
 */
export async function completeOidcSignIn(ctx: Ctx, settings: OidcSettings, input: OidcCallbackInput, now = Date.now()): Promise<OidcSignInResult> {
  const started = input.pendingId === undefined ? undefined : pending.get(input.pendingId);
  if (input.pendingId !== undefined) pending.delete(input.pendingId);
  const startAgain = `Begin opnieuw met "Inloggen via ${settings.label}".`;
  if (!started || now - started.createdAt > PENDING_TTL_MS || started.issuer !== settings.issuer) {
    return refused('expired', `Het inloggen via ${settings.label} is verlopen of niet in deze browser begonnen. ${startAgain}`);
  }

  const { client, config } = await configuration(settings);
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    claims = { ...idClaims };
    // Many providers put the e-mail address only in the userinfo answer; fetchUserInfo checks
    // that it is about the same subject as the ID token.
    if (typeof claims.email !== 'string') claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
  } catch (e) {
    if (e instanceof client.AuthorizationResponseError) {
      console.warn(`OIDC: de dienst weigerde het inloggen: ${e.error}${e.error_description ? ` (${e.error_description})` : ''}`);
      return refused('provider_error', `${settings.label} heeft het inloggen niet voltooid (${e.error === 'access_denied' ? 'afgebroken of geweigerd' : e.error}). U bent niet ingelogd. ${startAgain}`);
    }
    if (unreachableError(e)) throw unreachable(settings, e);
    // The technical reason is for the administrator's log; the person gets one clear answer.
    console.warn(`OIDC: antwoord van de dienst afgewezen: ${e instanceof Error ? `${e.name}: ${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e)}`);
    return refused('invalid_response', `Het antwoord van ${settings.label} kon niet worden gecontroleerd. U bent niet ingelogd. ${startAgain}`);
  }

  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (!email || ('email_verified' in claims && !isTrue(claims.email_verified))) {
    return refused('no_verified_email', `${settings.label} gaf geen bevestigd e-mailadres door, en daaraan herkent Toetsing uw account. U bent niet ingelogd; vraag uw beheerder om hulp.`);
  }
  const wanted = email.toLowerCase();
  const matches = listUsers(ctx.db).filter((u) => u.email.toLowerCase() === wanted);
  // Two accounts that differ only in capitals cannot be told apart by the provider's address.
  if (matches.length !== 1) {
    return refused('unknown_user', `Er is in Toetsing geen account voor ${email}. Vraag de beheerder van Toetsing om een account met dit e-mailadres; u bent niet ingelogd.`);
  }
  const user = matches[0];
  if (!user.active) return refused('disabled_user', `Uw account in Toetsing (${user.email}) is uitgeschakeld. Vraag de beheerder van Toetsing om het weer aan te zetten; u bent niet ingelogd.`);

  logOidcSignIn(ctx.db, { userId: user.id, email: user.email, issuer: settings.issuer, subject: String(claims.sub) });
  const token = startSession(ctx, user.id, { previousToken: input.previousToken, userAgent: input.userAgent });
  return { ok: true, token, terug: started.terug };
}
