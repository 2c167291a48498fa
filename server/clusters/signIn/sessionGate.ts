/**
 * The door in token and oidc modes: a request to /api or /k8s (or a websocket upgrade) acts as
 * the user whose session cookie it carries, with that user's own token, or gets a 401 Status —
 * and then nothing reaches the API server. In local and serviceaccount modes every request acts
 * through the console's own credentials, as before. Either way the request's identity is
 * remembered for the audit log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatusBody } from '../../kube/status.ts';
import type { Logger } from '../../log.ts';
import { actAs, type ClusterContext, type ClusterRegistry } from '../types.ts';
import { signsIn, type AuthMode, type Identity, type Session } from './identity.ts';
import { SESSION_COOKIE, parseCookies, type CookieOptions, type SessionSealer } from './sessionCookie.ts';
import type { UserContexts } from './userContexts.ts';

/** Renews an OIDC session's ID token (oidcSignIn.ts); undefined when the session cannot be renewed. */
export type SessionRenewer = (session: Session) => Promise<Session | undefined>;

/** Renew this long before the ID token expires, so a request in flight does not carry a dead one. */
const RENEW_AHEAD_MS = 60_000;

const identities = new WeakMap<object, Identity>();

/** Who a request acted as, for the audit log; undefined before the gate ran. */
export function identityOf(req: object): Identity | undefined {
  return identities.get(req);
}

export function rememberIdentity(req: object, who: Identity): void {
  identities.set(req, who);
}

export function signInRequired(reason: 'SessionRequired' | 'SessionExpired'): StatusBody {
  const message = reason === 'SessionRequired' ? 'sign in to use the console' : 'your session has ended; sign in again';
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Unauthorized', code: 401, details: { causes: [{ reason, message }] } };
}

export interface GateDeps {
  mode: AuthMode;
  /** The console's own registry (its credentials). */
  clusters: ClusterRegistry;
  sealer?: SessionSealer;
  users: UserContexts;
  renew?: SessionRenewer;
  /** Who the console's own credentials are (local and serviceaccount modes), once known. */
  consoleIdentity(ctx: ClusterContext | undefined): Identity;
  cookieOptions(req: IncomingMessage): CookieOptions;
  log: Logger;
}

export type GateResult = { ok: true; session?: Session } | { ok: false; status: StatusBody };

export interface SessionGate {
  /** Attaches the registry and identity the request acts with, or answers why it may not. */
  admit(req: IncomingMessage, res?: ServerResponse): Promise<GateResult>;
}

export function createSessionGate(deps: GateDeps): SessionGate {
  const { mode, sealer } = deps;
  return {
    async admit(req, res) {
      if (!signsIn(mode) || !sealer) {
        rememberIdentity(req, deps.consoleIdentity(deps.clusters.get(deps.clusters.current)));
        return { ok: true };
      }
      let session = await sealer.open(req);
      const hadCookie = parseCookies(req.headers.cookie).has(SESSION_COOKIE);
      const now = Date.now();
      if (!session || session.mode !== mode || session.expiresAt <= now) return { ok: false, status: signInRequired(hadCookie ? 'SessionExpired' : 'SessionRequired') };
      if (session.mode === 'oidc' && session.tokenExpiresAt !== undefined && session.tokenExpiresAt - now < RENEW_AHEAD_MS) {
        // An upgrade has no response to carry the renewed cookie, and a provider that rotates
        // refresh tokens would refuse the one left in it next time: upgrades never renew. The
        // socket ends with its token (admitUpgrade); a plain request — the SPA asks auth/session
        // before reconnecting — renews.
        if (!res) {
          if (session.tokenExpiresAt <= now) return { ok: false, status: signInRequired('SessionExpired') };
        } else {
          const renewed = deps.renew ? await deps.renew(session) : undefined;
          if (!renewed) return { ok: false, status: signInRequired('SessionExpired') };
          session = renewed;
          if (!res.headersSent) {
            res.appendHeader('Set-Cookie', sealer.setCookies(await sealer.seal(session), deps.cookieOptions(req), Math.ceil((session.expiresAt - now) / 1000)));
          }
        }
      }
      const base = deps.clusters.get(session.context);
      if (!base) return { ok: false, status: signInRequired('SessionExpired') };
      actAs(req, deps.users.registryFor(base, session.token, session.identity, session.mode));
      rememberIdentity(req, session.identity);
      return { ok: true, session };
    },
  };
}
