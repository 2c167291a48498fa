import { cacheKeyOf, type ClusterContext } from '../clusters/types.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { badRequest } from '../clusters/kubeStatus.ts';

export interface AccessQuestion {
  verb: string;
  resource: string;
  group?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

/** How long an answer stands: permissions rarely change, and a view asks about many buttons at once. */
const TTL_MS = 30_000;

/** SelfSubjectAccessReview through the context's own credentials, cached per context and attributes. */
export function createAccessChecker(now: () => number = Date.now) {
  const cache = new Map<string, { at: number; answer: Promise<AccessAnswer> }>();
  return async function canI(ctx: ClusterContext, q: AccessQuestion): Promise<AccessAnswer> {
    if (typeof q.verb !== 'string' || !q.verb || typeof q.resource !== 'string' || !q.resource) throw badRequest('verb and resource are required');
    const attrs = { verb: q.verb, resource: q.resource, group: q.group ?? '', subresource: q.subresource ?? '', namespace: q.namespace ?? '', name: q.name ?? '' };
    const key = `${cacheKeyOf(ctx)}\u0000${Object.values(attrs).join('\u0000')}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < TTL_MS) return hit.answer;
    for (const [k, v] of cache) if (now() - v.at >= TTL_MS) cache.delete(k);
    const answer = kubeJson<{ status?: AccessAnswer }>(ctx, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attrs } },
    }).then((r) => ({ allowed: !!r.status?.allowed, ...(r.status?.denied ? { denied: true } : {}), ...(r.status?.reason ? { reason: r.status.reason } : {}) }));
    cache.set(key, { at: now(), answer });
    // A failed review is not remembered: the next question asks again.
    answer.catch(() => cache.delete(key));
    return answer;
  };
}
