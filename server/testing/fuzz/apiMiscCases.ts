/**
 * Fuzz cases for the rest of `/api`: the context list, the can-i route, paths and methods no
 * route serves, Host headers (DNS rebinding: 403 unless loopback, docs/api.md) and requests too
 * large for the HTTP parser.
 */
import type { CaseEnv, CaseFactory } from './caseEnv.ts';
import { HOSTILE_SEGMENTS, NOISE_HEADERS, ODD_QUERIES, ODD_STRINGS } from './hostileValues.ts';
import type { Expectation, HttpCase } from './httpCase.ts';
import { addNoise, serialise, type Draft } from './requestShape.ts';

const status = (s: number): Expectation => ({ kind: 'status', status: s });

const HOSTS: readonly [string, Expectation][] = [
  ['localhost:{port}', status(200)],
  ['[::1]:{port}', status(200)],
  ['LOCALHOST', status(200)],
  ['127.0.0.1', status(200)],
  ['evil.example', status(403)],
  ['evil.example:{port}', status(403)],
  ['127.0.0.1.evil.example', status(403)],
  ['localhost.evil.example', status(403)],
];

const UNSERVED = ['/api', '/api/', '/api/nothing', '/api/contexts/{ctx}', '/api/contexts/{ctx}/namespaces', '/api/contexts/{ctx}/namespaces/{v}/deployments/web', '/api/contexts/{ctx}/namespaces/{v}/deployments/web/', '/api/%2e%2e/contexts', '/api/../k8s/{ctx}/api', '/API/CONTEXTS', '/api/contexts/', '/api/contexts;x', '/api/contexts%00', '/api/live'];

function misc(env: CaseEnv): HttpCase {
  const { rng } = env;
  const base = { n: env.n, headers: {} as Record<string, string>, expect: { kind: 'answer' } as Expectation };
  const kind = rng.int(0, 9);
  if (kind <= 1) {
    const headers = rng.chance(0.6) ? { ...rng.pick(NOISE_HEADERS) } : {};
    return { ...base, route: 'GET /api/contexts', label: Object.keys(headers).join(', ') || 'plain', method: rng.pick(['GET', 'GET', 'HEAD']), path: `/api/contexts${rng.pick(ODD_QUERIES)}`, headers, expect: status(200) };
  }
  if (kind === 2) {
    const [host, expect] = rng.pick(HOSTS);
    const h = host.replace('{port}', String(env.port));
    return { ...base, route: 'GET /api/contexts with a Host', label: `Host:${JSON.stringify(h)}`, method: 'GET', path: '/api/contexts', headers: { Host: h }, expect };
  }
  if (kind <= 4) {
    const path = rng.pick(UNSERVED).replace('{ctx}', env.context).replace('{v}', env.world.victim);
    const method = rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
    const d: Draft = { headers: {}, body: method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : { replicas: 1 }, query: '', expect: { kind: 'answer' }, labels: [] };
    addNoise(d, rng, env.port, { body: d.body !== undefined });
    const out = serialise(d);
    return { ...base, route: `${method} (no such route)`, label: path, method, path, headers: out.headers, body: out.body, expect: d.body ? { kind: 'refused' } : { kind: 'answer' } };
  }
  if (kind <= 7) {
    const odd = () => rng.pick<unknown>([...ODD_STRINGS.map((s) => s.json), 5, null, [], {}, 'get', 'deployments', decodeURIComponent(rng.pick(HOSTILE_SEGMENTS).raw.replace(/%(?![0-9a-fA-F]{2})/g, '%25'))]);
    const body = { verb: odd(), resource: odd(), group: odd(), subresource: odd(), namespace: odd(), name: odd() };
    const d: Draft = { headers: {}, body, query: '', expect: { kind: 'answer' }, labels: [] };
    addNoise(d, rng, env.port, { body: true });
    const out = serialise(d);
    return { ...base, route: 'POST /api/contexts/{context}/can-i', label: 'odd review fields', method: 'POST', path: `/api/contexts/${env.context}/can-i`, headers: out.headers, body: out.body };
  }
  if (kind === 8) return { ...base, route: 'GET (URL over 16 kB)', label: 'URL over 16 kB', method: 'GET', path: `/api/contexts?x=${'u'.repeat(20_000)}` };
  return { ...base, route: 'GET (headers over 16 kB)', label: 'header over 16 kB', method: 'GET', path: '/api/contexts', headers: { 'X-Big': 'h'.repeat(20_000) } };
}

export function apiMiscFactories(count: number): CaseFactory[] {
  return Array.from({ length: count }, () => misc);
}
