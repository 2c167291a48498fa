/**
 * OIDC sign-in (`{base}auth/oidc`): authorization code with PKCE (S256), state and nonce, through
 * openid-client. The user's ID token becomes the session's bearer token, as kube-apiserver's
 * --oidc-* flags verify ID tokens; who the user is comes from the API server itself
 * (SelfSubjectReview made with that token), so the name and groups shown are the ones RBAC sees,
 * whatever username prefix the cluster applies. The refresh token renews the ID token.
 *
 * Between login and callback the PKCE verifier, state, nonce and return path wait in an
 * encrypted cookie named after the state (several tabs may sign in at once). It is SameSite=Lax
 * because the identity provider sends the browser back with a cross-site top-level GET.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { EncryptJWT, jwtDecrypt, errors as joseErrors } from 'jose';
import * as oidc from 'openid-client';
import type { Logger } from '../../log.ts';
import { KubeStatusError } from '../kubeStatus.ts';
import type { ClusterRegistry } from '../types.ts';
import type { OidcSettings } from './authSettings.ts';
import type { Identity, Session } from './identity.ts';
import { parseCookies } from './sessionCookie.ts';
import type { OidcFlow, OidcParts } from './signIn.ts';
import { contextAsUser } from './userContexts.ts';
import { jwtClaims, whoAmI } from './whoAmI.ts';

export interface OidcFlowOptions extends OidcParts {
  settings: OidcSettings;
  /** The session keys: the transaction cookie is sealed with a key derived from them. */
  sessionKeys: readonly string[];
  sessionTtlMs: number;
  clusters: ClusterRegistry;
  basePath: string;
  publicUrl: URL;
  log: Logger;
}

const TX_PREFIX = 'console_oidc_';
const TX_TTL_S = 600;
/** Sign-ins started and not finished (tabs, abandoned attempts); beyond this the older ones are dropped, so the Cookie header stays small. */
const MAX_OPEN_TX = 4;
/** A renewal's result serves every request that still carries the old cookie this long. */
const RENEWAL_REUSE_MS = 60_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
  ret: string;
}

/**
 * Only a path under the base: no scheme, no `//` (another host), no backslash (browsers read it
 * as `/`), no control characters; and not the sign-in routes themselves (a login returning to a
 * login would loop through the identity provider).
 */
export function safeReturnPath(raw: unknown, basePath: string): string {
  if (typeof raw !== 'string' || raw.length > 2048 || !raw.startsWith(basePath) || raw.startsWith(`${basePath}auth/`)) return basePath;
  if (raw.includes('//') || raw.includes('\\') || [...raw].some((c) => c <= ' ' || c === '\x7f')) return basePath;
  return raw;
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex');
const txCookieName = (state: string) => TX_PREFIX + digest(state).slice(0, 16);
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function errorPage(res: Response, status: number, reason: string, back: string): void {
  const title = 'Sign-in did not complete';
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">` +
        `<h1>${title}</h1><p data-testid="oidc-error">${escapeHtml(reason)}</p><p><a href="${escapeHtml(back)}">Back to the console</a></p></body></html>`,
    );
}

/** Discovers the identity provider; the console's sign-in retries this until it succeeds (signIn.ts). */
export async function createOidcFlow(opts: OidcFlowOptions): Promise<OidcFlow> {
  const { settings, basePath, log } = opts;
  // kube-apiserver only accepts an https issuer; plain http is for a provider on this machine (tests, a laptop).
  const insecure = settings.issuer.protocol === 'http:';
  if (insecure && !LOOPBACK.has(settings.issuer.hostname)) throw new Error(`CONSOLE_OIDC_ISSUER ${settings.issuer.href} is plain http; only a loopback issuer may be`);
  const auth = settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None();
  const config = await oidc.discovery(settings.issuer, settings.clientId, undefined, auth, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
  const redirectUri = new URL('auth/oidc/callback', opts.publicUrl.href.endsWith('/') ? opts.publicUrl : `${opts.publicUrl.href}/`);
  const txPath = `${basePath}auth/oidc`;
  const txKeys = opts.sessionKeys.map((k) => createHash('sha256').update(`console-oidc-transaction\u0000${k}`).digest());

  const txCookie = (req: IncomingMessage, name: string, value: string, maxAge: number) =>
    `${name}=${value}; Path=${txPath}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${opts.cookieOptions(req).secure ? '; Secure' : ''}`;
  const openTx = async (req: IncomingMessage, state: string): Promise<Transaction | undefined> => {
    const sealed = parseCookies(req.headers.cookie).get(txCookieName(state));
    if (!sealed) return undefined;
    for (const key of txKeys) {
      try {
        const { payload } = await jwtDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
        const tx = payload.tx as Transaction | undefined;
        return tx?.state === state ? tx : undefined;
      } catch (err) {
        if (err instanceof joseErrors.JOSEError) continue; // another key, tampered or expired
        throw err;
      }
    }
    return undefined;
  };

  /** Who the ID token is to the cluster the user signs in to; KubeStatusError 401 when it refuses the token. */
  const clusterView = (idToken: string, context: string): Promise<Identity> => {
    const base = opts.clusters.get(context);
    if (!base) throw new KubeStatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'ServiceUnavailable', code: 503, message: `the console has no context "${context}"` });
    return whoAmI(contextAsUser(base, idToken, ''), idToken, base);
  };

  const routes = Router();
  routes.get('/login', async (req: Request, res: Response) => {
    const tx: Transaction = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), ret: safeReturnPath(req.query.return, basePath) };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri.href,
      scope: settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(tx.verifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    });
    const open = [...parseCookies(req.headers.cookie).keys()].filter((n) => n.startsWith(TX_PREFIX));
    if (open.length >= MAX_OPEN_TX) for (const name of open) res.append('Set-Cookie', txCookie(req, name, '', 0));
    const sealed = await new EncryptJWT({ tx }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${TX_TTL_S}s`).encrypt(txKeys[0]);
    res.append('Set-Cookie', txCookie(req, txCookieName(tx.state), sealed, TX_TTL_S));
    res.redirect(302, url.href);
  });

  routes.get('/callback', async (req: Request, res: Response) => {
    const params = new URL(req.originalUrl, 'http://callback').searchParams;
    const state = params.get('state') ?? '';
    const tx = state ? await openTx(req, state) : undefined;
    if (state) res.append('Set-Cookie', txCookie(req, txCookieName(state), '', 0));
    const back = tx?.ret ?? basePath;
    const idpError = params.get('error');
    if (idpError) {
      const why = [idpError, params.get('error_description')].filter(Boolean).join(': ').slice(0, 300);
      return errorPage(res, 400, `The identity provider did not sign you in (${why}).`, back);
    }
    if (!tx) return errorPage(res, 400, 'This sign-in was not started from this browser, or it took longer than 10 minutes. Start again.', basePath);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, new URL(`?${params.toString()}`, redirectUri), { pkceCodeVerifier: tx.verifier, expectedState: tx.state, expectedNonce: tx.nonce, idTokenExpected: true });
    } catch (err) {
      log.warn('oidc code exchange failed', { err: (err as Error).message });
      return errorPage(res, 502, `The identity provider did not complete the sign-in: ${(err as Error).message}`, back);
    }
    // openid-client has checked the ID token's iss, aud, exp and nonce; it came straight from the
    // token endpoint, and the API server verifies its signature on every request.
    const idToken = tokens.id_token;
    const exp = tokens.claims()?.exp;
    if (!idToken || typeof exp !== 'number') return errorPage(res, 502, 'The identity provider sent no ID token.', back);
    const context = opts.clusters.current;
    let identity: Identity;
    try {
      identity = await clusterView(idToken, context);
    } catch (err) {
      if (!(err instanceof KubeStatusError)) throw err;
      log.warn('the cluster did not accept the ID token', { context, status: err.status.code, err: err.status.message });
      const status = err.status.code === 401 ? 401 : 502;
      return errorPage(res, status, `The identity provider signed you in, but the cluster ${status === 401 ? 'does not accept its token' : 'could not be asked who you are'}: ${err.status.message ?? ''}`, back);
    }
    const now = Date.now();
    const byTtl = now + opts.sessionTtlMs;
    const session: Session = {
      mode: 'oidc',
      context,
      token: idToken,
      identity,
      // Without a refresh token the session cannot outlive its ID token.
      expiresAt: tokens.refresh_token ? byTtl : Math.min(byTtl, exp * 1000),
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      tokenExpiresAt: exp * 1000,
    };
    await opts.startSession(req, res, session);
    log.info('signed in', { user: identity.user, groups: identity.groups, mode: 'oidc', context });
    res.redirect(302, tx.ret);
  });

  const refresh = async (session: Session, refreshToken: string): Promise<Session | undefined> => {
    let tokens: Awaited<ReturnType<typeof oidc.refreshTokenGrant>>;
    try {
      tokens = await oidc.refreshTokenGrant(config, refreshToken);
    } catch (err) {
      const refused = err instanceof oidc.ResponseBodyError; // invalid_grant: revoked, expired, or used twice
      log.warn('oidc refresh failed', { user: session.identity.user, err: (err as Error).message });
      // The provider unreachable for a moment: keep the current ID token while it is still good.
      return !refused && (session.tokenExpiresAt ?? 0) > Date.now() + 5_000 ? session : undefined;
    }
    const claims = tokens.claims();
    if (!tokens.id_token || !claims || typeof claims.exp !== 'number') {
      log.warn('oidc refresh returned no ID token; the session ends', { user: session.identity.user });
      return undefined;
    }
    // The same person: a refreshed ID token for another subject would be a provider bug, never a session.
    if (claims.sub !== jwtClaims(session.token)?.sub) return undefined;
    let identity = session.identity;
    try {
      identity = await clusterView(tokens.id_token, session.context);
    } catch (err) {
      if (err instanceof KubeStatusError && err.status.code === 401) return undefined;
      // The groups may be stale for one token's life; the cluster itself reads them from the token.
      log.warn('who the renewed token is could not be asked; the names stay', { user: session.identity.user, err: (err as Error).message });
    }
    return { ...session, token: tokens.id_token, identity, refreshToken: tokens.refresh_token ?? refreshToken, tokenExpiresAt: claims.exp * 1000 };
  };

  // Concurrent requests near expiry carry the same refresh token; a provider that rotates refresh
  // tokens refuses (and may revoke everything on) a second use, so one renewal serves them all.
  const renewals = new Map<string, { at: number; result: Promise<Session | undefined> }>();
  const renew = (session: Session): Promise<Session | undefined> => {
    if (session.mode !== 'oidc' || !session.refreshToken) return Promise.resolve(undefined);
    const now = Date.now();
    for (const [k, r] of renewals) if (now - r.at > RENEWAL_REUSE_MS) renewals.delete(k);
    const key = digest(session.refreshToken);
    const hit = renewals.get(key);
    if (hit) return hit.result;
    const result = refresh(session, session.refreshToken);
    renewals.set(key, { at: now, result });
    // An unchanged session (provider unreachable) is retried by the next request, not reused.
    void result.then((s) => {
      if (s === session) renewals.delete(key);
    });
    return result;
  };

  return { routes, renew };
}
