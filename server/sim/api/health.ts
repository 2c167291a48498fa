/**
 * /healthz, /livez and /readyz as kube-apiserver 1.32 answers them (apiserver/pkg/server/healthz):
 * `ok`, or with `?verbose` one `[+]check ok` line per check and `<name> check passed`; `?exclude=`
 * skips a check ("excluded: ok"); `/readyz/<check>` runs one check. Everything here is healthy.
 */
const POST_START_HOOKS = [
  'start-apiserver-admission-initializer',
  'generic-apiserver-start-informers',
  'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter',
  'storage-object-count-tracker-hook',
  'start-apiextensions-informers',
  'start-apiextensions-controllers',
  'crd-informer-synced',
  'start-system-namespaces-controller',
  'start-cluster-authentication-info-controller',
  'start-kube-apiserver-identity-lease-controller',
  'start-kube-apiserver-identity-lease-garbage-collector',
  'start-legacy-token-tracking-controller',
  'start-service-ip-repair-controllers',
  'rbac/bootstrap-roles',
  'scheduling/bootstrap-system-priority-classes',
  'priority-and-fairness-config-producer',
  'bootstrap-controller',
  'aggregator-reload-proxy-client-cert',
  'start-kube-aggregator-informers',
  'apiservice-status-local-available-controller',
  'apiservice-status-remote-available-controller',
  'apiservice-registration-controller',
  'apiservice-discovery-controller',
  'kube-apiserver-autoregistration',
].map((h) => `poststarthook/${h}`);
const AFTER_HOOKS = ['autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller'];

const LIVEZ = ['ping', 'log', 'etcd', ...POST_START_HOOKS, ...AFTER_HOOKS];
const CHECKS: Record<string, string[]> = {
  healthz: LIVEZ,
  livez: LIVEZ,
  readyz: ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', ...POST_START_HOOKS, ...AFTER_HOOKS, 'shutdown'],
};

export interface HealthAnswer {
  status: number;
  body: string;
}

/** The answer for a health path, or undefined when `pathname` is not one (or names no check: a 404 for the caller). */
export function healthAnswer(pathname: string, query: URLSearchParams): HealthAnswer | undefined {
  const [, endpoint, ...rest] = pathname.replace(/\/$/, '').split('/');
  const checks = CHECKS[endpoint ?? ''];
  if (!checks) return undefined;
  if (rest.length) return checks.includes(rest.join('/')) ? { status: 200, body: 'ok' } : undefined;
  const excluded = new Set(query.getAll('exclude'));
  const lines: string[] = [];
  for (const check of checks) {
    if (excluded.delete(check)) lines.push(`[+]${check} excluded: ok`);
    else lines.push(`[+]${check} ok`);
  }
  if (excluded.size) lines.push(`warn: some health checks cannot be excluded: no matches for ${[...excluded].sort().map((e) => `"${e}"`).join(',')}`);
  if (!query.has('verbose')) return { status: 200, body: 'ok' };
  return { status: 200, body: `${lines.join('\n')}\n${endpoint} check passed\n` };
}
