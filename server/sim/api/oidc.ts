/**
 * OpenID Connect ID tokens, checked as kube-apiserver's `--oidc-*` flags configure it: the issuer's
 * signing keys come from its JWKS (found through /.well-known/openid-configuration); iss, aud and
 * exp are checked; the user is named by a claim with the apiserver's prefix rules.
 */
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { audiences, decodeJwt, publicKeyFromJwk, verifyJwt, type DecodedJwt } from './jwt.ts';
import { RejectedToken, type AuthenticatedUser } from './tokens.ts';

export interface OidcOptions {
  /** --oidc-issuer-url: must equal the tokens' `iss`. */
  issuerUrl: string;
  /** --oidc-client-id: must be one of the tokens' audiences. */
  clientId: string;
  /** --oidc-username-claim (default `sub`). */
  usernameClaim?: string;
  /** --oidc-username-prefix: default `<issuer>#` unless the claim is `email`; `-` for none. */
  usernamePrefix?: string;
  /** --oidc-groups-claim (no groups when unset). */
  groupsClaim?: string;
  /** --oidc-groups-prefix. */
  groupsPrefix?: string;
  /** --oidc-signing-algs (default RS256 only, as kube-apiserver). */
  signingAlgs?: string[];
  /** --oidc-required-claim key=value pairs: each must be in the token with that value. */
  requiredClaims?: Record<string, string>;
}

/** The options as kube-apiserver resolves them: the username prefix rule applied. */
export function resolveOidcOptions(o: OidcOptions): Required<OidcOptions> {
  const usernameClaim = o.usernameClaim || 'sub';
  let usernamePrefix = o.usernamePrefix;
  if (usernamePrefix === undefined || usernamePrefix === '') usernamePrefix = usernameClaim === 'email' ? '' : `${o.issuerUrl}#`;
  if (usernamePrefix === '-') usernamePrefix = '';
  return {
    issuerUrl: o.issuerUrl,
    clientId: o.clientId,
    usernameClaim,
    usernamePrefix,
    groupsClaim: o.groupsClaim ?? '',
    groupsPrefix: o.groupsPrefix ?? '',
    signingAlgs: o.signingAlgs?.length ? o.signingAlgs : ['RS256'],
    requiredClaims: o.requiredClaims ?? {},
  };
}

export class OidcAuthenticator {
  private readonly opts: Required<OidcOptions>;
  private keys?: Promise<Map<string | undefined, KeyObject[]>>;
  /** The fetch in flight: concurrent requests with a new key id share one (as go-oidc's remote key set does). */
  private pending?: Promise<Map<string | undefined, KeyObject[]>>;

  constructor(options: OidcOptions) {
    if (!options.issuerUrl || !options.clientId) throw new Error('OIDC needs an issuer URL and a client id');
    new URL(options.issuerUrl); // throws on a malformed issuer
    this.opts = resolveOidcOptions(options);
  }

  private async fetchKeys(): Promise<Map<string | undefined, KeyObject[]>> {
    const base = this.opts.issuerUrl.replace(/\/$/, '');
    const res = await fetch(`${base}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`oidc discovery: ${res.status}`);
    const doc = (await res.json()) as { issuer?: string; jwks_uri?: string };
    // go-oidc refuses a provider whose discovery document names another issuer.
    if (doc.issuer !== this.opts.issuerUrl) throw new Error(`oidc: issuer did not match the issuer returned by provider, expected "${this.opts.issuerUrl}" got "${doc.issuer}"`);
    if (!doc.jwks_uri) throw new Error('oidc discovery: no jwks_uri');
    const jwksRes = await fetch(doc.jwks_uri, { headers: { Accept: 'application/json' } });
    if (!jwksRes.ok) throw new Error(`oidc jwks: ${jwksRes.status}`);
    const jwks = (await jwksRes.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
    const out = new Map<string | undefined, KeyObject[]>();
    for (const jwk of jwks.keys ?? []) {
      if (jwk.use && jwk.use !== 'sig') continue;
      const key = publicKeyFromJwk(jwk);
      if (!key) continue;
      for (const id of [jwk.kid, undefined]) out.set(id, [...(out.get(id) ?? []), key]);
    }
    return out;
  }

  /** The issuer's keys for a key id; a key id not seen yet (a rotated key) fetches the JWKS again. */
  private async keysFor(kid: string | undefined): Promise<KeyObject[]> {
    let keys = await this.keys?.catch(() => undefined);
    if (!keys?.has(kid)) keys = await this.refresh().catch(() => undefined);
    return keys?.get(kid) ?? [];
  }

  private refresh(): Promise<Map<string | undefined, KeyObject[]>> {
    if (!this.pending) {
      const p = this.fetchKeys();
      this.pending = p;
      const done = () => {
        if (this.pending === p) this.pending = undefined;
      };
      p.then((keys) => {
        this.keys = Promise.resolve(keys);
        done();
      }, done);
    }
    return this.pending;
  }

  /** The user of an ID token from this issuer; undefined for tokens from elsewhere; RejectedToken when it is the issuer's but not valid. */
  async authenticate(token: string): Promise<AuthenticatedUser | undefined> {
    const jwt = decodeJwt(token);
    if (!jwt || jwt.claims.iss !== this.opts.issuerUrl) return undefined;
    if (!this.opts.signingAlgs.includes(jwt.header.alg)) throw new RejectedToken(`oidc: id token signed with unsupported algorithm, expected ${JSON.stringify(this.opts.signingAlgs)} got "${jwt.header.alg}"`);
    const keys = await this.keysFor(jwt.header.kid);
    if (!keys.some((k) => verifyJwt(jwt, k))) throw new RejectedToken('oidc: failed to verify signature');
    return this.userOf(jwt);
  }

  private userOf(jwt: DecodedJwt): AuthenticatedUser {
    const c = jwt.claims;
    const now = Date.now() / 1000;
    if (typeof c.exp !== 'number' || now >= c.exp) throw new RejectedToken('oidc: token is expired');
    if (!audiences(c).includes(this.opts.clientId)) throw new RejectedToken(`oidc: expected audience "${this.opts.clientId}"`);
    const { usernameClaim, usernamePrefix, groupsClaim, groupsPrefix, requiredClaims } = this.opts;
    for (const [k, v] of Object.entries(requiredClaims)) {
      if (c[k] !== v) throw new RejectedToken(`oidc: required claim ${k} not present or not equal to ${v}`);
    }
    const username = c[usernameClaim];
    if (typeof username !== 'string' || !username) throw new RejectedToken(`oidc: parse username claims "${usernameClaim}": claim not present`);
    // An email is only a name when the provider verified it (when it says).
    if (usernameClaim === 'email' && c.email_verified !== undefined && c.email_verified !== true) throw new RejectedToken(`oidc: email not verified`);
    const groups: string[] = [];
    if (groupsClaim) {
      const g = c[groupsClaim];
      const list = typeof g === 'string' ? [g] : Array.isArray(g) ? g : [];
      for (const x of list) if (typeof x === 'string') groups.push(groupsPrefix + x);
    }
    return { name: usernamePrefix + username, groups: [...groups, 'system:authenticated'] };
  }
}
