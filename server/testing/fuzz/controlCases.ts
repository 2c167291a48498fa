/**
 * Control cases: writes that must succeed, on objects made for them in the fuzz namespace. They
 * keep the suite honest — a console that refused everything would pass every fuzz case — and
 * they check the other half of "only the named object changes": each names its object, and the
 * snapshot allows that object and what it owns to change, nothing else.
 */
import type { CaseEnv, CaseFactory } from './caseEnv.ts';
import type { DirectApi } from './directApi.ts';
import type { HttpCase } from './httpCase.ts';

const ok = { kind: 'status', status: 200 } as const;
const json = { 'Content-Type': 'application/json' };

export interface ControlRound {
  /** Makes the round's objects (through the API server, not the console). */
  prepare(api: DirectApi, ns: string): Promise<void>;
  cases: CaseFactory[];
}

export function controlRound(k: number): ControlRound {
  const d = `ctl-${k}`;
  const pod = `ctl-pod-${k}`;
  // Every case of the round may change both objects: what one write sets in motion (a pod's
  // graceful deletion, the garbage collector) can land while the next case runs.
  const named = (env: CaseEnv) => [`deployments.apps ${env.world.fuzz}/${d}`, `pods ${env.world.fuzz}/${pod}`];
  const api = (env: CaseEnv) => `/api/contexts/${env.context}/namespaces/${env.world.fuzz}`;
  const seen = (env: CaseEnv) => env.world.seen('deployments', d, env.world.fuzz);
  const write = (env: CaseEnv, method: string, path: string, body: unknown, label: string): HttpCase => ({
    n: env.n,
    route: `control: ${label}`,
    label,
    method,
    path: `${api(env)}/${path}`,
    headers: { ...json, Origin: `http://127.0.0.1:${env.port}` },
    body: JSON.stringify(body),
    expect: ok,
    named: named(env),
  });
  const read = (env: CaseEnv, path: string, label: string): HttpCase => ({ n: env.n, route: `control: ${label}`, label, method: 'GET', path, headers: {}, expect: ok });
  const cases: CaseFactory[] = [
    (env) => read(env, '/api/contexts', 'list contexts'),
    (env) => read(env, `${api(env)}/deployments/${d}/detail`, 'workload detail'),
    (env) => write(env, 'PUT', `deployments/${d}/scale`, { replicas: 2, uid: seen(env)?.uid, generation: seen(env)?.generation }, 'scale to 2'),
    (env) => write(env, 'POST', `deployments/${d}/set-image`, { container: 'main', image: 'nginx:1.29', generation: seen(env)?.generation }, 'set image'),
    (env) => write(env, 'POST', `deployments/${d}/restart`, { uid: seen(env)?.uid }, 'restart'),
    (env) => write(env, 'POST', `deployments/${d}/pause`, {}, 'pause'),
    (env) => write(env, 'POST', `deployments/${d}/resume`, { resourceVersion: seen(env)?.resourceVersion }, 'resume'),
    (env) => read(env, `${api(env)}/deployments/${d}/revisions/1/diff`, 'revision diff'),
    (env) => write(env, 'POST', `deployments/${d}/rollback`, { revision: 1, generation: seen(env)?.generation }, 'roll back to revision 1'),
    (env) => read(env, `/k8s/${env.context}/apis/apps/v1/namespaces/${env.world.fuzz}/deployments/${d}`, 'proxied GET'),
    (env) => ({
      ...write(env, 'PATCH', '', { metadata: { labels: { patched: 'yes' } } }, 'proxied merge patch'),
      path: `/k8s/${env.context}/apis/apps/v1/namespaces/${env.world.fuzz}/deployments/${d}`,
      headers: { 'Content-Type': 'application/merge-patch+json' },
    }),
    (env) => ({ ...write(env, 'POST', '', { verb: 'delete', resource: 'deployments', group: 'apps', namespace: env.world.fuzz }, 'can-i'), path: `/api/contexts/${env.context}/can-i` }),
    (env) => write(env, 'POST', `pods/${pod}/evict`, {}, 'evict a pod no budget protects'),
    (env) => write(env, 'DELETE', `deployments/${d}`, { confirmName: d, propagationPolicy: 'Background', uid: seen(env)?.uid }, 'delete'),
  ];
  return {
    async prepare(directApi, ns) {
      const labels = { app: d };
      await directApi('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: d },
        spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
      });
      await directApi('POST', `/api/v1/namespaces/${ns}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: pod }, spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', 'infinity'] }] } });
    },
    cases,
  };
}
