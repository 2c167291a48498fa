/**
 * The namespaces a user can reach when they may not list namespaces (a ServiceAccount bound to
 * a namespace-scoped Role, say): the namespace picker must still offer something. Candidates:
 * the namespace in the user's identity (`system:serviceaccount:<ns>:<name>`), the context's
 * default namespace, and the names the user typed into the picker. Each is checked with a
 * SelfSubjectAccessReview made as the user — `list pods` in it, what the first view needs —
 * so the picker never offers a namespace the API server would refuse.
 */
import type { ClusterContext } from '../../clusters/types.ts';
import { kubeJson } from '../../clusters/kubeRequest.ts';
import { KubeStatusError } from '../../clusters/kubeStatus.ts';

export interface ReachableNamespace {
  name: string;
  /** list pods is allowed in it. */
  reachable: boolean;
  /** Where the candidate came from. */
  source: 'identity' | 'context' | 'typed';
}

export interface ReachableNamespaces {
  /** The user may list namespaces: the live list is the answer, `namespaces` is empty. */
  canList: boolean;
  /** Who the API server says the user is, when it can tell (SelfSubjectReview). */
  user?: string;
  namespaces: ReachableNamespace[];
}

/** At most this many typed names are checked per request (each one is an access review). */
export const MAX_TYPED = 20;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The typed names worth asking about: DNS labels (what a namespace name is), deduplicated, bounded. */
export function typedCandidates(raw: string | undefined): string[] {
  const names = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => DNS_LABEL.test(s));
  return [...new Set(names)].slice(0, MAX_TYPED);
}

/** `system:serviceaccount:team-a:viewer` → `team-a`. */
export function namespaceOfUser(user: string | undefined): string | undefined {
  const m = /^system:serviceaccount:([^:]+):[^:]+$/.exec(user ?? '');
  return m && DNS_LABEL.test(m[1]) ? m[1] : undefined;
}

async function allowed(ctx: ClusterContext, attrs: { verb: string; resource: string; namespace?: string }): Promise<boolean> {
  const r = await kubeJson<{ status?: { allowed?: boolean } }>(ctx, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    method: 'POST',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { group: '', ...attrs } } },
  });
  return r.status?.allowed === true;
}

/** The user's name, or undefined where the cluster has no SelfSubjectReview (before 1.28 beta / 1.27 alpha). */
async function userName(ctx: ClusterContext): Promise<string | undefined> {
  try {
    const r = await kubeJson<{ status?: { userInfo?: { username?: string } } }>(ctx, '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    return r.status?.userInfo?.username;
  } catch (err) {
    if (err instanceof KubeStatusError && (err.status.code === 404 || err.status.code === 403)) return undefined;
    throw err;
  }
}

export async function reachableNamespaces(ctx: ClusterContext, typed: readonly string[]): Promise<ReachableNamespaces> {
  if (await allowed(ctx, { verb: 'list', resource: 'namespaces' })) return { canList: true, namespaces: [] };
  const user = await userName(ctx);
  const candidates = new Map<string, ReachableNamespace['source']>();
  const own = namespaceOfUser(user);
  if (own) candidates.set(own, 'identity');
  if (ctx.namespace && DNS_LABEL.test(ctx.namespace) && !candidates.has(ctx.namespace)) candidates.set(ctx.namespace, 'context');
  for (const name of typed) if (!candidates.has(name)) candidates.set(name, 'typed');
  const namespaces = await Promise.all(
    [...candidates].map(async ([name, source]) => ({ name, source, reachable: await allowed(ctx, { verb: 'list', resource: 'pods', namespace: name }) })),
  );
  return { canList: false, ...(user ? { user } : {}), namespaces };
}
