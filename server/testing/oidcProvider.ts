/**
 * A real OpenID Connect provider for tests (`oidc-provider`, in process, plain http on loopback):
 * one confidential client, authorization code with PKCE (S256, required), refresh tokens that
 * rotate on every use (so a refresh token used twice fails, as at Dex or Keycloak with rotation),
 * ID tokens carrying `email` and `groups`, and a plain username/password form of its own — the
 * users are alice (team-a) and bob (team-b). Consent is granted without asking.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const OIDC_USERS: Readonly<Record<string, { password: string; email: string; groups: string[] }>> = {
  alice: { password: 'alice-password', email: 'alice@example.com', groups: ['team-a'] },
  bob: { password: 'bob-password', email: 'bob@example.com', groups: ['team-b'] },
};

export interface TestOidcProvider {
  /** `http://127.0.0.1:PORT` (or localhost), exactly the `iss` of its tokens. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** ID tokens issued from now on live this long (default an hour). */
  setIdTokenTtl(seconds: number): void;
  /** How many refresh_token grants the token endpoint answered. */
  refreshGrants(): number;
  close(): Promise<void>;
}

/** The few parts of oidc-provider's API used here (the package ships no types). */
interface InteractionDetails {
  uid: string;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
  params: { client_id: string; scope?: string };
  session?: { accountId?: string };
  grantId?: string;
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, opts: { mergeWithLastSubmission: boolean }): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderClass = new (issuer: string, configuration: object) => Provider;

type Stored = Record<string, unknown> & { grantId?: string; uid?: string; consumed?: number };

/**
 * Storage for one provider (the package's own in-memory adapter is module-wide and warns on
 * every start): one Map per provider, entries dropped when they expire.
 */
function memoryAdapter() {
  const items = new Map<string, { value: Stored | string | string[]; until: number }>();
  const get = <T>(key: string): T | undefined => {
    const e = items.get(key);
    if (e && e.until < Date.now()) items.delete(key);
    return e && e.until >= Date.now() ? (e.value as T) : undefined;
  };
  const set = (key: string, value: Stored | string | string[], expiresInS: number) => items.set(key, { value, until: Date.now() + expiresInS * 1000 });
  return class {
    constructor(private readonly model: string) {}
    private key = (id: string) => `${this.model}:${id}`;
    async upsert(id: string, payload: Stored, expiresIn: number) {
      if (this.model === 'Session' && payload.uid) set(`sessionUid:${payload.uid}`, id, expiresIn);
      if (payload.grantId) set(`grant:${payload.grantId}`, [...(get<string[]>(`grant:${payload.grantId}`) ?? []), this.key(id)], 86_400);
      set(this.key(id), payload, expiresIn);
    }
    async find(id: string) {
      return get<Stored>(this.key(id));
    }
    async findByUid(uid: string) {
      const id = get<string>(`sessionUid:${uid}`);
      return id ? get<Stored>(this.key(id)) : undefined;
    }
    async findByUserCode() {
      return undefined; // no device flow
    }
    async consume(id: string) {
      const v = get<Stored>(this.key(id));
      if (v) v.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      items.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const key of get<string[]>(`grant:${grantId}`) ?? []) items.delete(key);
      items.delete(`grant:${grantId}`);
    }
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body style="font-family: sans-serif; max-width: 24rem; margin: 4rem auto">
<h1>Test identity provider</h1><p>Sign in to continue to the console.</p>
${error ? `<p role="alert" style="color: #b00">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<p><label>Username <input name="username" data-testid="idp-username" required autofocus></label></p>
<p><label>Password <input name="password" type="password" data-testid="idp-password" required></label></p>
<p><button type="submit" data-testid="idp-submit">Sign in</button></p>
</form></body></html>`;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * `issuerHost` 'localhost' puts the provider on another site than a console at 127.0.0.1, so a
 * browser treats the hop back to the console as cross-site (SameSite rules apply as in production).
 */
export async function startOidcProvider(opts: { redirectUris: string[]; clientId?: string; idTokenTtlS?: number; issuerHost?: '127.0.0.1' | 'localhost' }): Promise<TestOidcProvider> {
  // A variable specifier: oidc-provider has no type declarations, and this file describes the part it uses.
  const specifier = 'oidc-provider';
  const { default: ProviderCtor } = (await import(specifier)) as { default: ProviderClass };
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${opts.issuerHost ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const clientId = opts.clientId ?? 'console';
  const clientSecret = randomBytes(24).toString('base64url');
  let idTokenTtlS = opts.idTokenTtlS ?? 3600;
  let refreshGrants = 0;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new ProviderCtor(issuer, {
    adapter: memoryAdapter(),
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: opts.redirectUris, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // groups ride with openid, so the console's default scopes get them, as Dex's and Keycloak's mappers put them in.
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    // kube-apiserver reads the user from the ID token, so its claims go there, not only to userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { methods: ['S256'], required: () => true },
    // A refresh token whenever the client may refresh (the console asks offline_access without prompt=consent).
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: { IdToken: () => idTokenTtlS, AccessToken: 3600, RefreshToken: 86_400, Grant: 86_400, Session: 86_400, Interaction: 600, AuthorizationCode: 60 },
    async findAccount(_ctx: unknown, id: string) {
      const user = OIDC_USERS[id];
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: id, email: user.email, email_verified: true, groups: user.groups }) };
    },
  });
  provider.on('grant.success', (ctx) => {
    if ((ctx as { oidc?: { params?: { grant_type?: string } } }).oidc?.params?.grant_type === 'refresh_token') refreshGrants++;
  });
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const html = (status: number, body: string): void => void res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
    if (details.prompt.name === 'login') {
      if (req.method !== 'POST' || action !== 'login') return html(200, loginForm(uid));
      const form = await readForm(req);
      const name = form.get('username') ?? '';
      if (OIDC_USERS[name]?.password !== form.get('password')) return html(200, loginForm(uid, 'Wrong username or password.'));
      return provider.interactionFinished(req, res, { login: { accountId: name } }, { mergeWithLastSubmission: false });
    }
    if (details.prompt.name === 'consent' && details.session?.accountId) {
      const grant = (details.grantId && (await provider.Grant.find(details.grantId))) || new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    html(400, `<p>unexpected prompt ${escapeHtml(details.prompt.name)}</p>`);
  }

  handle = (req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(req.url ?? '');
    if (!m) return oidc(req, res);
    interaction(req, res, m[1], m[2]).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(`interaction failed: ${err.message}`);
    });
  };

  return {
    issuer,
    clientId,
    clientSecret,
    setIdTokenTtl: (s) => (idTokenTtlS = s),
    refreshGrants: () => refreshGrants,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
