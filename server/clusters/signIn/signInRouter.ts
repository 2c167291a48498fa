/**
 * `{base}auth`: what the sign-in page talks to. GET session says the mode and who is signed
 * in; POST token turns a pasted bearer token into a session (the token goes into the encrypted
 * cookie and is never sent back); POST logout ends the session. The OIDC flow adds its login
 * and callback routes here. Contract: docs/api.md "Sign-in".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { Router, type RequestHandler, type Response } from 'express';
import { API_HEADERS } from '../../http/headers.ts';
import { sendStatus, sendStatusBody } from '../../http/errors.ts';
import type { Logger } from '../../log.ts';
import { KubeStatusError } from '../kubeStatus.ts';
import type { ClusterRegistry } from '../types.ts';
import type { AuthSettings } from './authSettings.ts';
import type { AuthMode, Session, SessionInfo, StartSession } from './identity.ts';
import type { CookieOptions, SessionSealer } from './sessionCookie.ts';
import { contextAsUser } from './userContexts.ts';
import { jwtClaims, whoAmI } from './whoAmI.ts';

/** Service-account and OIDC tokens are 1–2 KB; anything this long is not a token. */
const MAX_TOKEN_CHARS = 16 * 1024;

export interface SignInRouterDeps {
  mode: AuthMode;
  clusters: ClusterRegistry;
  sealer?: SessionSealer;
  settings: AuthSettings;
  info(req: IncomingMessage, res: ServerResponse): Promise<SessionInfo>;
  startSession: StartSession;
  cookieOptions(req: IncomingMessage): CookieOptions;
  /** The OIDC flow's routes, once its identity provider has been discovered. */
  oidcRoutes?: RequestHandler;
  log: Logger;
}

/** The session ends at the TTL, or when the token itself expires if that is sooner. */
export function sessionEnd(token: string, ttlMs: number, now = Date.now()): number {
  const exp = jwtClaims(token)?.exp;
  const byTtl = now + ttlMs;
  return typeof exp === 'number' && Number.isFinite(exp) && exp * 1000 < byTtl ? exp * 1000 : byTtl;
}

function tokenFrom(body: unknown): string | KubeStatusError {
  const bad = (message: string) => new KubeStatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', code: 400, message });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('the request body must be a JSON object with a "token"');
  const token: unknown = (body as { token?: unknown }).token;
  if (typeof token !== 'string') return bad('"token" must be a string');
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  if (!trimmed) return bad('"token" is empty');
  if (trimmed.length > MAX_TOKEN_CHARS) return bad(`"token" is longer than ${MAX_TOKEN_CHARS} characters`);
  // A header value cannot carry control characters or non-ASCII; the API server would never see it.
  if (!/^[\x21-\x7e]+$/.test(trimmed)) return bad('"token" holds characters a bearer token cannot have');
  return trimmed;
}

export function signInRouter(deps: SignInRouterDeps): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set(API_HEADERS);
    next();
  });
  router.get('/session', async (req, res, next) => {
    try {
      res.json(await deps.info(req, res));
    } catch (err) {
      next(err);
    }
  });

  router.post('/token', express.json({ limit: '64kb' }), async (req, res: Response) => {
    if (deps.mode !== 'token') return sendStatus(res, 404, 'NotFound', `sign-in with a token is off: this console signs in with "${deps.mode}"`);
    if (!req.is('application/json')) return sendStatus(res, 415, 'UnsupportedMediaType', 'POST auth/token needs Content-Type: application/json');
    const token = tokenFrom(req.body);
    if (token instanceof KubeStatusError) return sendStatusBody(res, token.status);
    const contextName = deps.clusters.current;
    const base = deps.clusters.get(contextName);
    if (!base) return sendStatus(res, 503, 'ServiceUnavailable', 'the console has no cluster to sign in to');
    try {
      const identity = await whoAmI(contextAsUser(base, token, ''), token, base);
      const session: Session = { mode: 'token', context: contextName, token, identity, expiresAt: sessionEnd(token, deps.settings.sessionTtlMs) };
      await deps.startSession(req, res, session);
      deps.log.info('signed in', { user: identity.user, groups: identity.groups, mode: 'token', context: contextName });
      res.json({ mode: 'token', signedIn: true, user: { name: identity.user, groups: identity.groups }, context: contextName, expiresAt: new Date(session.expiresAt).toISOString() } satisfies SessionInfo);
    } catch (err) {
      if (err instanceof KubeStatusError) return sendStatusBody(res, err.status);
      throw err;
    }
  });

  router.post('/logout', (req, res) => {
    if (deps.sealer) res.append('Set-Cookie', deps.sealer.clearCookies(deps.cookieOptions(req)));
    res.status(204).end();
  });

  if (deps.oidcRoutes) router.use('/oidc', deps.oidcRoutes);
  router.use((req, res) => sendStatus(res, 404, 'NotFound', `sign-in has no ${req.method} ${req.path.slice(0, 200)}`));
  return router;
}
