/**
 * Who a bearer token belongs to, asked of the API server itself — the console never decides
 * whether a token is valid. SelfSubjectReview (v1 from 1.28, v1beta1 1.27, v1alpha1 1.26) made
 * with the token answers for any authenticated user; older clusters get a TokenReview made with
 * the console's own account (the one right the least-privilege deploy grants it); failing both,
 * a SelfSubjectAccessReview proves the token authenticates, and the name comes from the token's
 * own claims (the API server has just accepted it).
 */
import { KubeStatusError, failureStatus } from '../kubeStatus.ts';
import { kubeJson } from '../kubeRequest.ts';
import type { ClusterContext } from '../types.ts';
import type { Identity } from './identity.ts';

interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
}

const SELF_REVIEW_VERSIONS = ['v1', 'v1beta1', 'v1alpha1'] as const;

const absent = (err: unknown) => err instanceof KubeStatusError && (err.status.code === 404 || err.status.code === 405);
const refused = (err: unknown) => err instanceof KubeStatusError && err.status.code === 401;

function identityOf(info: UserInfo | undefined): Identity | undefined {
  if (!info?.username) return undefined;
  return { user: info.username, groups: Array.isArray(info.groups) ? info.groups.filter((g) => typeof g === 'string') : [], ...(info.uid ? { uid: info.uid } : {}) };
}

/** The unverified claims of a JWT, for a display name only. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

export const notAccepted = (why: string) => new KubeStatusError(failureStatus(401, 'Unauthorized', `the cluster did not accept this token: ${why}`));

/**
 * `asUser` is the context carrying the token; `asConsole` the console's own (for TokenReview),
 * absent when the console has no account of its own to ask with.
 */
export async function whoAmI(asUser: ClusterContext, token: string, asConsole?: ClusterContext): Promise<Identity> {
  for (const v of SELF_REVIEW_VERSIONS) {
    try {
      const review = await kubeJson<{ status?: { userInfo?: UserInfo } }>(asUser, `/apis/authentication.k8s.io/${v}/selfsubjectreviews`, {
        method: 'POST',
        body: { apiVersion: `authentication.k8s.io/${v}`, kind: 'SelfSubjectReview' },
      });
      const who = identityOf(review.status?.userInfo);
      if (who) return who;
      break;
    } catch (err) {
      if (refused(err)) throw notAccepted((err as KubeStatusError).status.message ?? 'Unauthorized');
      if (!absent(err)) break;
    }
  }
  if (asConsole) {
    try {
      const review = await kubeJson<{ status?: { authenticated?: boolean; user?: UserInfo; error?: string } }>(asConsole, '/apis/authentication.k8s.io/v1/tokenreviews', {
        method: 'POST',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
      });
      if (review.status?.authenticated === false) throw notAccepted(review.status.error || 'the token review says it is not authenticated');
      const who = identityOf(review.status?.user);
      if (who) return who;
    } catch (err) {
      if (err instanceof KubeStatusError && err.status.code === 401 && err.status.message?.startsWith('the cluster did not accept')) throw err;
      // The console may not review tokens (no right, or no account): fall through.
    }
  }
  try {
    await kubeJson(asUser, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { nonResourceAttributes: { path: '/api', verb: 'get' } } },
    });
  } catch (err) {
    if (refused(err)) throw notAccepted((err as KubeStatusError).status.message ?? 'Unauthorized');
    throw err;
  }
  const claims = jwtClaims(token);
  const name = [claims?.sub, claims?.email].find((v): v is string => typeof v === 'string' && v !== '');
  return { user: name ?? 'an unnamed token user', groups: [] };
}
