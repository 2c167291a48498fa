/**
 * Sign-in as a whole: the mode, the session gate, the `{base}auth` routes and the registry the
 * product routes fall back to. In token and oidc modes that fallback holds contexts with no
 * credential at all, so a route that forgot to act as the user would reach the API server
 * anonymously — never with the console's own account.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Router } from 'express';
import type { StatusBody } from '../../kube/status.ts';
import type { Logger } from '../../log.ts';
import { sendStatus, sendStatusBody } from '../../http/errors.ts';
import { createRegistry, type ClusterContext, type ClusterRegistry } from '../types.ts';
import type { AuthSettings } from './authSettings.ts';
import { signsIn, type AuthMode, type Identity, type SessionInfo, type StartSession } from './identity.ts';

export type { StartSession } from './identity.ts';
import { createSessionGate, identityOf, type SessionRenewer } from './sessionGate.ts';
import { createSessionSealer, type CookieOptions, type SessionSealer } from './sessionCookie.ts';
import { signInRouter } from './signInRouter.ts';
import { anonymousContext, createUserContexts } from './userContexts.ts';
import { jwtClaims } from './whoAmI.ts';

/** What the OIDC flow (oidcSignIn.ts) adds: its login/callback routes and ID-token renewal. */
export interface OidcFlow {
  routes: Router;
  renew: SessionRenewer;
}

export interface SignInOptions {
  mode: AuthMode;
  settings: AuthSettings;
  clusters: ClusterRegistry;
  basePath: string;
  publicUrl?: URL;
  log: Logger;
  /**
   * oidc mode: builds the flow (createOidcFlow) given the sealer and cookie rules. Called at
   * start and again on use until it succeeds, so an identity provider that is down when the
   * console starts delays sign-in, not the console.
   */
  oidc?: (parts: OidcParts) => Promise<OidcFlow>;
}

export interface OidcParts {
  sealer: SessionSealer;
  cookieOptions: (req: IncomingMessage) => CookieOptions;
  startSession: StartSession;
}


export interface SignIn {
  mode: AuthMode;
  /** What routes use when no user registry is attached to a request. */
  fallback: ClusterRegistry;
  /** Express middleware for `{base}api` and `{base}k8s`. */
  gate: RequestHandler;
  /**
   * The same check for a websocket upgrade: a Status to refuse it with, or when the session
   * behind it ends (a socket outliving its session is closed then).
   */
  admitUpgrade(req: IncomingMessage): Promise<{ refusal: StatusBody } | { endsAt?: number }>;
  /** Mount at `{base}auth`. */
  routes: Router;
  identityOf(req: object): Identity | undefined;
}

/**
 * Who the console's own credentials are (local and serviceaccount modes), without asking the
 * API server — so no request is sent that the user did not cause: a service-account token
 * names its account in its `sub` claim; otherwise the kubeconfig's user name stands in.
 */
const knownConsoleIdentity = new WeakMap<ClusterContext, { at: number; who: Identity }>();
/** A projected token rotates, but its account does not change; the file is re-read a minute later at most. */
const CONSOLE_IDENTITY_TTL_MS = 60_000;

function consoleIdentity(ctx: ClusterContext | undefined): Identity {
  if (!ctx) return { user: 'unknown', groups: [] };
  const hit = knownConsoleIdentity.get(ctx);
  if (hit && Date.now() - hit.at < CONSOLE_IDENTITY_TTL_MS) return hit.who;
  const who = readConsoleIdentity(ctx);
  knownConsoleIdentity.set(ctx, { at: Date.now(), who });
  return who;
}

function readConsoleIdentity(ctx: ClusterContext): Identity {
  const user = ctx.kubeConfig.getCurrentUser();
  if (!user) return { user: 'unknown', groups: [] };
  let token = user.token;
  if (!token && user.authProvider?.config?.tokenFile) {
    try {
      token = readFileSync(user.authProvider.config.tokenFile as string, 'utf8').trim();
    } catch (err) {
      if (!(err instanceof Error)) throw err;
    }
  }
  const sub = token ? jwtClaims(token)?.sub : undefined;
  return typeof sub === 'string' && sub ? { user: sub, groups: [] } : { user: `kubeconfig user ${user.name}`, groups: [] };
}

export function createSignIn(opts: SignInOptions): SignIn {
  const { mode, settings, clusters, log } = opts;
  const sealer = signsIn(mode) ? createSessionSealer(settings.sessionKeys) : undefined;
  const users = createUserContexts();
  const cookieOptions = (req: IncomingMessage): CookieOptions => ({
    basePath: opts.basePath,
    secure: opts.publicUrl?.protocol === 'https:' || Boolean((req as { secure?: boolean }).secure),
  });
  const startSession: StartSession = async (req, res, session) => {
    if (!sealer) throw new Error('no sessions in this mode');
    const maxAge = Math.max(1, Math.ceil((session.expiresAt - Date.now()) / 1000));
    res.appendHeader('Set-Cookie', sealer.setCookies(await sealer.seal(session), cookieOptions(req), maxAge));
  };
  let oidcFlow: Promise<OidcFlow> | undefined;
  const oidc = (): Promise<OidcFlow> => {
    if (!sealer || !opts.oidc) return Promise.reject(new Error('OIDC is not configured'));
    oidcFlow ??= opts.oidc({ sealer, cookieOptions, startSession }).catch((err: Error) => {
      oidcFlow = undefined;
      log.warn('the identity provider cannot be reached', { err: err.message });
      throw err;
    });
    return oidcFlow;
  };
  if (mode === 'oidc') oidc().catch(() => {});
  const renew: SessionRenewer = async (session) => (await oidc().catch(() => undefined))?.renew(session);
  const oidcRoutes: RequestHandler = (req, res, next) => {
    oidc().then(
      (flow) => flow.routes(req, res, next),
      (err: Error) => sendStatus(res, 503, 'ServiceUnavailable', `the identity provider cannot be reached: ${err.message}`),
    );
  };
  const gate = createSessionGate({ mode, clusters, sealer, users, renew, consoleIdentity, cookieOptions, log });
  const fallback = signsIn(mode) ? createRegistry(clusters.list().map(anonymousContext), clusters.current) : clusters;

  // Through the gate, so asking who is signed in also renews an OIDC session's ID token (the
  // SPA asks before it reconnects a live socket, which cannot renew by itself).
  const info = async (req: IncomingMessage, res: ServerResponse): Promise<SessionInfo> => {
    if (!signsIn(mode)) {
      const who = consoleIdentity(clusters.get(clusters.current));
      return { mode, signedIn: true, user: { name: who.user, groups: who.groups }, context: clusters.current };
    }
    const admitted = await gate.admit(req, res);
    const session = admitted.ok ? admitted.session : undefined;
    if (!session) return { mode, signedIn: false };
    return { mode, signedIn: true, user: { name: session.identity.user, groups: session.identity.groups }, context: session.context, expiresAt: new Date(session.expiresAt).toISOString() };
  };

  return {
    mode,
    fallback,
    gate: (req, res, next) => {
      gate.admit(req, res).then((r) => (r.ok ? next() : sendStatusBody(res, r.status)), next);
    },
    async admitUpgrade(req) {
      const r = await gate.admit(req);
      if (!r.ok) return { refusal: r.status };
      // An OIDC socket ends with its ID token: informers cannot renew it mid-stream.
      const ends = [r.session?.expiresAt, r.session?.tokenExpiresAt].filter((t): t is number => t !== undefined);
      return ends.length ? { endsAt: Math.min(...ends) } : {};
    },
    routes: signInRouter({ mode, clusters, sealer, settings, info, startSession, cookieOptions, oidcRoutes: mode === 'oidc' ? oidcRoutes : undefined, log }),
    identityOf,
  };
}
