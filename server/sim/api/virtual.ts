import { ApiError, methodNotSupported } from '../../kube/status.ts';
import { rfc3339, type KubeObject } from '../../kube/object.ts';
import type { ResourceAttributes } from './policy.ts';
import { objectFilter } from '../../kube/selectors.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';

/** Resources computed per request: access reviews from the policy, metrics from the kubelet. */
export async function serveVirtual(scope: Scope, verb: string): Promise<void> {
  const { type } = scope;
  if (type.group === 'authorization.k8s.io') {
    if (verb !== 'create') throw methodNotSupported(type.plural, verb);
    const review = (parseBody(await readBody(scope.req), scope.req.headers['content-type']) ?? {}) as KubeObject;
    const spec = (review.spec ?? {}) as { resourceAttributes?: Partial<ResourceAttributes>; nonResourceAttributes?: unknown; namespace?: string };
    let status: object;
    if (type.plural === 'selfsubjectaccessreviews') {
      const ra = spec.resourceAttributes;
      const allowed = ra
        ? scope.deps.authorizer.allows(scope.user, {
            verb: ra.verb ?? '',
            group: ra.group ?? '',
            resource: ra.resource ?? '',
            subresource: ra.subresource || undefined,
            namespace: ra.namespace || undefined,
            name: ra.name || undefined,
          })
        : true;
      status = allowed ? { allowed: true, reason: 'allowed by the demo cluster policy' } : { allowed: false };
    } else {
      status = {
        resourceRules: scope.deps.authorizer.rulesIn(scope.user, spec.namespace ?? 'default'),
        nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/openapi', '/openapi/*', '/version', '/version/'] }],
        incomplete: false,
      };
    }
    sendJson(scope.res, 201, { kind: type.kind, apiVersion: `${type.group}/${scope.version}`, metadata: { creationTimestamp: null }, spec, status });
    return;
  }
  if (type.group === 'metrics.k8s.io') {
    if (verb !== 'get' && verb !== 'list') throw methodNotSupported(type.plural, verb);
    serveMetrics(scope, verb);
    return;
  }
  throw methodNotSupported(type.plural, verb);
}

function serveMetrics(scope: Scope, verb: 'get' | 'list'): void {
  const { store } = scope.deps.ctx;
  const { kubelet } = scope.deps;
  const pods = scope.type.plural === 'pods';
  const timestamp = rfc3339();
  const apiVersion = `metrics.k8s.io/${scope.version}`;
  const filter = objectFilter(new URLSearchParams({ labelSelector: scope.query.get('labelSelector') ?? '' }), pods ? 'pods' : 'nodes');
  const source = store.listRefs(pods ? 'pods' : 'nodes', scope.namespace).filter((o) => (!scope.name || o.metadata.name === scope.name) && filter.matches(o));
  const items: object[] = [];
  for (const o of source) {
    const metadata = { name: o.metadata.name, namespace: o.metadata.namespace, creationTimestamp: timestamp, labels: o.metadata.labels };
    if (pods) {
      const containers = kubelet.podMetrics(o);
      if (containers) items.push({ kind: 'PodMetrics', apiVersion, metadata, timestamp, window: '15s', containers });
    } else {
      const usage = kubelet.nodeMetrics(o);
      if (usage) items.push({ kind: 'NodeMetrics', apiVersion, metadata, timestamp, window: '20s', usage });
    }
  }
  if (verb === 'get') {
    if (!items[0]) {
      throw new ApiError(404, 'NotFound', `${pods ? 'podmetrics' : 'nodemetrics'}.metrics.k8s.io "${scope.name}" not found`, {
        name: scope.name,
        group: 'metrics.k8s.io',
        kind: pods ? 'pods' : 'nodes',
      });
    }
    sendJson(scope.res, 200, items[0]);
    return;
  }
  const list = items.map((i) => {
    const { kind: _k, apiVersion: _a, ...rest } = i as { kind: string; apiVersion: string };
    return rest;
  });
  sendJson(scope.res, 200, { kind: pods ? 'PodMetricsList' : 'NodeMetricsList', apiVersion, metadata: {}, items: list });
}
