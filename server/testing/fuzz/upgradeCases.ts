/**
 * Websocket upgrades that must be refused before any session starts (docs/api.md: only GET with
 * `Upgrade: websocket`, same origin, a path that is the live channel or a proxied API path), and
 * two that must be accepted, so the refusals are not just a broken handshake.
 */
import type { CaseEnv, CaseFactory } from './caseEnv.ts';
import type { Expectation, HttpCase } from './httpCase.ts';

const HANDSHAKE = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'ZnV6ei1oYW5kc2hha2UtMQ==' };

interface Attempt {
  label: string;
  method?: string;
  path: (env: CaseEnv) => string;
  headers?: (env: CaseEnv) => Record<string, string>;
  expect: Expectation;
}

const status = (s: number): Expectation => ({ kind: 'status', status: s });
const exec = (env: CaseEnv, pod = 'solo') => `/k8s/${env.context}/api/v1/namespaces/${env.world.victim}/pods/${pod}/exec?command=true&stdout=true`;

const ATTEMPTS: readonly Attempt[] = [
  { label: 'live channel', path: () => '/api/live', expect: status(101) },
  { label: 'live channel with a query', path: () => '/api/live?x=%00', expect: status(101) },
  { label: 'live channel from a foreign page', path: () => '/api/live', headers: () => ({ Origin: 'https://evil.example' }), expect: status(403) },
  { label: 'live channel from the console host over https', path: () => '/api/live', headers: (e) => ({ Origin: `https://127.0.0.1:${e.port}` }), expect: status(403) },
  { label: 'live channel with a foreign Host', path: () => '/api/live', headers: () => ({ Host: 'evil.example' }), expect: status(403) },
  { label: 'live channel by POST', method: 'POST', path: () => '/api/live', expect: status(400) },
  { label: 'live channel upgraded to h2c', path: () => '/api/live', headers: () => ({ Upgrade: 'h2c' }), expect: status(400) },
  { label: 'live channel without a key', path: () => '/api/live', headers: () => ({ 'Sec-WebSocket-Key': '' }), expect: { kind: 'refused' } },
  { label: 'live channel, websocket version 99', path: () => '/api/live', headers: () => ({ 'Sec-WebSocket-Version': '99' }), expect: { kind: 'refused' } },
  { label: 'nothing to upgrade at /api/live/x', path: () => '/api/live/x', expect: status(404) },
  { label: 'nothing to upgrade at /api/contexts', path: () => '/api/contexts', expect: status(404) },
  { label: 'exec from a foreign page', path: (e) => exec(e), headers: () => ({ Origin: 'http://localhost.evil.example' }), expect: status(403) },
  { label: 'exec by POST', method: 'POST', path: (e) => exec(e), expect: status(400) },
  { label: 'exec of pod ..', path: (e) => exec(e, '..'), expect: status(400) },
  { label: 'exec of pod %2e%2e', path: (e) => exec(e, '%2e%2e'), expect: status(400) },
  { label: 'exec in an unknown context', path: (e) => exec(e).replace(`/k8s/${e.context}/`, '/k8s/nope/'), expect: status(404) },
  { label: 'exec with a token subprotocol', path: (e) => exec(e, 'no-such-pod'), headers: () => ({ 'Sec-WebSocket-Protocol': 'v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.bm90LXRoZS10b2tlbg' }), expect: { kind: 'answer' } },
];

function upgradeCase(a: Attempt, env: CaseEnv): HttpCase {
  return { n: env.n, route: `${a.method ?? 'GET'} upgrade`, label: a.label, method: a.method ?? 'GET', path: a.path(env), headers: { ...HANDSHAKE, ...a.headers?.(env) }, expect: a.expect };
}

/** Each attempt `rounds` times, spread through the run. */
export function upgradeFactories(rounds: number): CaseFactory[] {
  return Array.from({ length: rounds }, () => ATTEMPTS.map((a) => (env: CaseEnv) => upgradeCase(a, env))).flat();
}
