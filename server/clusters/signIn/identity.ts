import type { IncomingMessage, ServerResponse } from 'node:http';

/** Who acts through the console, and the session that carries a signed-in user's credentials. */

export type AuthMode = 'local' | 'token' | 'oidc' | 'serviceaccount';

export const AUTH_MODES: readonly AuthMode[] = ['local', 'token', 'oidc', 'serviceaccount'];

/** Modes in which every user brings their own identity (and the console needs a session). */
export const signsIn = (mode: AuthMode): mode is 'token' | 'oidc' => mode === 'token' || mode === 'oidc';

/** As the API server sees the user (SelfSubjectReview's userInfo). */
export interface Identity {
  user: string;
  groups: string[];
  uid?: string;
}

/**
 * What the encrypted cookie holds. The bearer token is what the BFF sends to the API server
 * for this user: the pasted token, or the OIDC ID token (kube-apiserver's --oidc-* flags
 * verify ID tokens, not access tokens).
 */
export interface Session {
  mode: 'token' | 'oidc';
  /** The cluster context the user signed in to. */
  context: string;
  token: string;
  identity: Identity;
  /** When the session ends (ms since the epoch): the TTL, or the token's own expiry if sooner. */
  expiresAt: number;
  /** OIDC only: to get a fresh ID token before the current one expires. */
  refreshToken?: string;
  /** OIDC only: the ID token's exp (ms since the epoch). */
  tokenExpiresAt?: number;
}

/** `GET {base}auth/session`: what the SPA needs to know, never a credential. */
export interface SessionInfo {
  mode: AuthMode;
  signedIn: boolean;
  user?: { name: string; groups: string[] };
  context?: string;
  expiresAt?: string;
}

/** Seal a new session into the response's cookies. */
export type StartSession = (req: IncomingMessage, res: ServerResponse, session: Session) => Promise<void>;
