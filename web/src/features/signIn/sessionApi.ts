/**
 * The sign-in endpoints of the BFF (`{base}auth/...`, contract of issue #11). The token goes
 * out once, in a POST body; it is never kept by the SPA (no storage, no URL, no state after
 * the request).
 */
import { ApiError } from '../../api/apiError.ts';
import { fetchJson } from '../../api/fetchJson.ts';
import { basePath } from '../../api/urls.ts';

export type SignInMode = 'local' | 'token' | 'oidc' | 'serviceaccount';

export interface SessionUser {
  name: string;
  groups: string[];
}

/** `GET {base}auth/session`. */
export interface SessionInfo {
  mode: SignInMode;
  signedIn: boolean;
  user?: SessionUser;
  context?: string;
  /** RFC 3339. */
  expiresAt?: string;
}

export function authUrl(path: string, base = basePath()): string {
  return `${base}auth/${path.replace(/^\/+/, '')}`;
}

/** A console without sign-in (older than issue #11) has no auth/session: it acts as local mode. */
const WITHOUT_SIGN_IN: SessionInfo = { mode: 'local', signedIn: true };

export async function loadSession(signal?: AbortSignal): Promise<SessionInfo> {
  try {
    return await fetchJson<SessionInfo>(authUrl('session'), { signal });
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return WITHOUT_SIGN_IN;
    throw err;
  }
}

/** `POST {base}auth/token`: a 401 is the API server refusing the token, thrown as an ApiError. */
export function signInWithToken(token: string): Promise<SessionInfo> {
  return fetchJson<SessionInfo>(authUrl('token'), { method: 'POST', body: { token } });
}

export async function signOut(): Promise<void> {
  await fetchJson<undefined>(authUrl('logout'), { method: 'POST' });
}

/** Where the identity provider's sign-in starts; `returnPath` is where the callback sends the browser back. */
export function oidcLoginUrl(returnPath: string, base = basePath()): string {
  const back = returnPath.startsWith(base) ? returnPath : base;
  return `${authUrl('oidc/login', base)}?return=${encodeURIComponent(back)}`;
}
