import { ApiError, methodNotSupported } from '../../kube/status.ts';
import { rfc3339 } from '../../kube/object.ts';
import { objectFilter } from '../../kube/selectors.ts';
import { sendJson } from './respond.ts';
import { serveReview } from './reviews.ts';
import type { Scope } from './scope.ts';

/** Resources computed per request: reviews from the authenticators and authorizer, metrics from the kubelet. */
export async function serveVirtual(scope: Scope, verb: string): Promise<void> {
  const { type } = scope;
  if (type.group === 'authorization.k8s.io' || type.group === 'authentication.k8s.io') return serveReview(scope, verb);
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
