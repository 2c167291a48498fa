/**
 * Fuzz cases for `/k8s/{context}/…`: real API paths with a segment replaced, inserted or doubled,
 * odd contexts, queries and headers. Reads may go anywhere; writes (the proxy passes writes
 * through, so a valid one would succeed) are sent only with what must make them refused:
 * a traversal segment (400, docs/api.md), a context that does not exist, a foreign Origin, or an
 * object or namespace that does not exist.
 */
import { FOREIGN_ORIGINS, HOSTILE_SEGMENTS, NOISE_HEADERS, type Segment } from './hostileValues.ts';
import type { Expectation, HttpCase } from './httpCase.ts';
import type { CaseEnv, CaseFactory } from './caseEnv.ts';
import type { Prng } from './prng.ts';

/** Paths the demo cluster serves; `{v}` is the victim namespace. The first six answer 200 whatever the noise. */
const PATHS = [
  '/api',
  '/apis',
  '/version',
  '/api/v1/namespaces',
  '/api/v1/namespaces/{v}/pods',
  '/apis/apps/v1/namespaces/{v}/deployments/web',
  '/api/v1',
  '/apis/apps/v1',
  '/api/v1/namespaces/{v}',
  '/api/v1/namespaces/{v}/pods/solo',
  '/api/v1/namespaces/{v}/pods/solo/log',
  '/api/v1/namespaces/{v}/configmaps/settings',
  '/apis/apps/v1/namespaces/{v}/deployments',
  '/apis/apps/v1/namespaces/{v}/deployments/web/scale',
  '/apis/apps/v1/namespaces/{v}/statefulsets/db',
  '/apis/batch/v1/namespaces/{v}/cronjobs/nightly',
  '/apis/policy/v1/namespaces/{v}/poddisruptionbudgets',
  '/api/v1/nodes',
  '/api/v1/pods',
  '/apis/apps/v1/deployments',
  '/healthz',
  '/readyz',
  '/livez',
  '/openapi/v2',
  '/apis/authorization.k8s.io/v1',
];
const ALWAYS_OK = 6;

const QUERIES = [
  '?limit=-1',
  '?limit=1e308',
  '?limit=2147483648',
  '?labelSelector=%3D%3D%3D',
  '?labelSelector=app%20in%20(',
  '?fieldSelector=metadata.name%3D..',
  '?continue=garbage',
  '?resourceVersion=abc',
  '?resourceVersionMatch=Exact&resourceVersion=1',
  '?timeoutSeconds=1e308',
  '?watch=0',
  '?pretty=1',
  '?%zz=1',
  '?a=%00',
  '?x=/../../api',
  '?tailLines=-1',
  '?sinceSeconds=1e308',
  '?container=..',
  '?limitBytes=0',
  '?' + 'q='.repeat(2000),
];

/** Would a server that decodes up to three times see `.`, `..`, `/`, `\` or NUL in this segment? */
export function refusedSegment(raw: string): 'climbs' | 'separator' | 'encoding' | undefined {
  let s = raw;
  for (let i = 0; i < 3 && s.includes('%'); i++) {
    try {
      s = decodeURIComponent(s);
    } catch (err) {
      if (!(err instanceof URIError)) throw err;
      return 'encoding';
    }
  }
  if (s === '.' || s === '..') return 'climbs';
  if (/[/\\\0]/.test(s)) return 'separator';
  return undefined;
}

const CONTEXTS: readonly Segment[] = [
  { raw: 'nope', tag: 'unknown context' },
  { raw: 'DEMO', tag: 'uppercase context' },
  { raw: '%64emo%20', tag: 'context with a space' },
  { raw: '__proto__', tag: '__proto__' },
  { raw: 'constructor', tag: 'constructor' },
  { raw: '..', tag: '..' },
  { raw: '%2e%2e', tag: '%2e%2e' },
  { raw: '%zz', tag: 'bad percent-encoding' },
  { raw: '', tag: 'empty' },
  { raw: 'a'.repeat(300), tag: '300 chars' },
];

const PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json'];
const ODD_WRITE_TYPES = ['application/json', ...PATCH_TYPES, 'application/apply-patch+yaml', 'text/plain', 'application/x-www-form-urlencoded'];

interface Shaped {
  segments: string[];
  label: string;
  /** What the path alone makes of the answer. */
  expect?: Expectation;
}

/** A real path with one change, and what docs/api.md says the proxy must answer for it. */
function shapePath(rng: Prng, victim: string, method: string): Shaped {
  const i = rng.int(0, PATHS.length - 1);
  const segments = PATHS[i].replace('{v}', victim).split('/').slice(1);
  const ok: Expectation | undefined = i < ALWAYS_OK && method === 'GET' ? { kind: 'status', status: 200 } : undefined;
  const op = rng.int(0, 9);
  if (op <= 1) return { segments, label: 'path as is', expect: ok };
  if (op === 9) return { segments: [...segments, ''], label: 'trailing /' };
  const seg = rng.pick(HOSTILE_SEGMENTS);
  const refused = refusedSegment(seg.raw);
  const expect: Expectation | undefined = refused === 'climbs' || refused === 'separator' ? { kind: 'status', status: 400 } : refused ? { kind: 'refused' } : undefined;
  const at = rng.int(0, segments.length - 1);
  if (op <= 5) return { segments: segments.map((s, j) => (j === at ? seg.raw : s)), label: `segment:${seg.tag}`, expect };
  if (op <= 7) return { segments: [...segments.slice(0, at), seg.raw, ...segments.slice(at)], label: `inserted:${seg.tag}`, expect };
  return { segments: [...segments.slice(0, at), '', ...segments.slice(at)], label: '//', expect: { kind: 'status', status: 400 } };
}

function proxyCase(env: CaseEnv): HttpCase {
  const { rng, world } = env;
  let method = rng.weighted([[60, 'GET'], [8, 'HEAD'], [4, 'OPTIONS'], [28, 'WRITE']] as const) as string;
  let shaped = shapePath(rng, world.victim, method);
  let context: Segment = rng.chance(0.08) ? { raw: '%64emo', tag: 'percent-encoded context' } : { raw: env.context, tag: env.context };
  const labels: string[] = [];
  let expect: Expectation = shaped.expect ?? { kind: 'answer' };
  if (rng.chance(0.12)) {
    context = rng.pick(CONTEXTS);
    labels.push(`context:${context.tag}`);
    // A path the proxy refuses as well may be refused for either reason first.
    const pathRefused = shaped.expect !== undefined && !(shaped.expect.kind === 'status' && shaped.expect.status === 200);
    const plainUnknown = (context.tag === 'unknown context' || context.tag === 'uppercase context') && !pathRefused;
    expect = plainUnknown ? { kind: 'status', status: 404 } : { kind: 'refused' };
  }
  const headers: Record<string, string> = {};
  if (rng.chance(0.3)) Object.assign(headers, rng.pick(NOISE_HEADERS));
  // The API server may refuse a media type it cannot produce (406): no longer a sure 200.
  if (headers.Accept && expect.kind === 'status' && expect.status === 200) expect = { kind: 'answer' };
  const query = rng.chance(0.25) ? rng.pick(QUERIES) : '';
  let body: string | undefined;
  if (method === 'WRITE') {
    method = rng.pick(['POST', 'PUT', 'PATCH', 'DELETE']);
    const refusedAlready = expect.kind !== 'answer' && !(expect.kind === 'status' && expect.status === 200);
    if (!refusedAlready) {
      const why = rng.int(0, 2);
      if (why === 0) {
        headers.Origin = rng.pick(FOREIGN_ORIGINS).replace('{port}', String(env.port)).replace('{other}', String(env.port - 1));
        labels.push(`origin:${headers.Origin}`);
        expect = { kind: 'status', status: 403 };
      } else if (why === 1 && method !== 'PUT') {
        const ghost = `ghost-${rng.int(1, 99999)}`;
        const ns = rng.pick([world.victim, world.fuzz]);
        shaped = method === 'POST' ? { segments: ['api', 'v1', 'namespaces', ghost, 'configmaps'], label: 'no such namespace' } : { segments: ['api', 'v1', 'namespaces', ns, 'pods', ghost], label: 'no such pod' };
        expect = { kind: 'refused' };
      } else {
        const seg = rng.pick(HOSTILE_SEGMENTS.filter((s) => refusedSegment(s.raw) === 'climbs'));
        shaped = { segments: ['api', 'v1', 'namespaces', world.victim, 'pods', seg.raw], label: `write to pods/${seg.tag}` };
        expect = { kind: 'status', status: 400 };
      }
    }
    // Only a write refused for its path or context may also carry a content type the API server refuses.
    if (refusedAlready && rng.chance(0.5)) {
      headers['Content-Type'] = rng.pick(ODD_WRITE_TYPES);
      expect = { kind: 'refused' };
    } else headers['Content-Type'] = method === 'PATCH' ? rng.pick(PATCH_TYPES) : 'application/json';
    body = JSON.stringify(rng.pick([{ metadata: { labels: { fuzz: 'x' } } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fuzz-made' }, data: { a: 'b' } }, [{ op: 'remove', path: '/metadata' }], { spec: { replicas: 1e308 } }]));
  }
  labels.unshift(shaped.label);
  const path = `/k8s/${context.raw}/${shaped.segments.join('/')}${query}`;
  return { n: env.n, route: `${method} /k8s/{context}/…`, label: labels.join(' + '), method, path, headers, body, expect };
}

export function proxyFactories(count: number): CaseFactory[] {
  return Array.from({ length: count }, () => proxyCase);
}
