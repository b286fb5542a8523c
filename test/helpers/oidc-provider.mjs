// A real OpenID provider for tests (oidc-provider, ESM-only, hence a child process of its own).
// Test-only: its login step has no password. GET /interaction/<uid>?login=<sub> signs that
// account in and consents to what the client asked for, so a test can sign in without a form.
// POST /test/misbehave?once=rogue-signature makes the next token answer carry an ID token signed
// by a key that is not in the provider's JWKS (same header, same claims), as a forger would.
//
// Started as `node oidc-provider.mjs '<json>'` with
//   { "clientId", "clientSecret", "redirectUri", "accounts": [{ "sub", "email", "email_verified"? }] }
// It listens on 127.0.0.1 on a port the system picks and prints one line of JSON,
// { "issuer": "http://127.0.0.1:PORT" }, once it is ready.
/* global process, URL, Buffer */
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] ?? '{}');
const accounts = new Map(options.accounts.map((a) => [a.sub, a]));

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

// A fresh signing key per run: the client can only trust it through the provider's JWKS.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: [options.redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  // A client that does not send a PKCE challenge is refused, so the test shows the app sends one.
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  async findAccount(_ctx, sub) {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        const claims = { sub, email: account.email };
        if (account.email_verified !== undefined) claims.email_verified = account.email_verified;
        return claims;
      },
    };
  },
});
// Plain http on 127.0.0.1 is what the tests need; the provider refuses nothing for it.
provider.on('server_error', (_ctx, err) => { process.stderr.write(`server_error ${err.stack}\n`); });

const providerCallback = provider.callback();

// The forger's key: the ID token keeps its header (and so the kid of the real key) but not its signature.
const { privateKey: rogueKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
let misbehave = null;

function resign(jwt) {
  const [header, payload] = jwt.split('.');
  return `${header}.${payload}.${crypto.sign('sha256', Buffer.from(`${header}.${payload}`), rogueKey).toString('base64url')}`;
}

/** Replace the ID token in the token endpoint's JSON answer; an RSA-2048 signature keeps its length, so Content-Length still holds. */
function resignIdTokenOf(res) {
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    if (chunk) {
      const text = String(chunk);
      const idToken = /"id_token":"([^"]+)"/.exec(text)?.[1];
      if (idToken) chunk = text.replace(idToken, resign(idToken));
    }
    return end(chunk, ...rest);
  };
}

/** The test's login step: sign in `login`, grant the requested scope, and go back to the provider. */
async function interaction(req, res, url) {
  const details = await provider.interactionDetails(req, res);
  const sub = url.searchParams.get('login');
  if (!sub || !accounts.has(sub)) {
    res.statusCode = 400;
    res.end(`unknown test account ${sub}`);
    return;
  }
  const grant = new provider.Grant({ accountId: sub, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

server.on('request', (req, res) => {
  const url = new URL(req.url ?? '/', issuer);
  if (req.method === 'POST' && url.pathname === '/test/misbehave') {
    misbehave = url.searchParams.get('once');
    res.statusCode = 204;
    res.end();
    return;
  }
  if (req.method === 'POST' && url.pathname === '/token' && misbehave === 'rogue-signature') {
    misbehave = null;
    resignIdTokenOf(res);
  }
  if (req.method === 'GET' && /^\/interaction\/[^/]+$/.test(url.pathname)) {
    interaction(req, res, url).catch((err) => {
      process.stderr.write(`interaction failed: ${err.stack}\n`);
      res.statusCode = 500;
      res.end('interaction failed');
    });
    return;
  }
  providerCallback(req, res);
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
