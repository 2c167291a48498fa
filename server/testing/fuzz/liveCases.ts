/**
 * Fuzz frames for the `/api/live` websocket (server/views/live/protocol.ts, clientMessage.ts):
 * every message type with fields missing, mistyped, huge or hostile; frames that are not JSON,
 * not text or too big; and what the server must answer each with.
 */
import { HOSTILE_SEGMENTS, ODD_KEYS, ODD_STRINGS } from './hostileValues.ts';
import type { Prng } from './prng.ts';

/**
 * - `error`: an `error` message (4xx) before the pong that follows;
 * - `snapshot`: the subscription's `snapshot` (a valid subscription: the channel really works);
 * - `reply`: a `snapshot` or a 4xx `error` for the subscription (or a 400 for the frame);
 * - `quiet`: nothing but the pong;
 * - `close`: the server closes the socket with 1009 (message too big).
 */
export type LiveExpect = 'error' | 'snapshot' | 'reply' | 'quiet' | 'close';

export interface LiveCase {
  label: string;
  frame: string | Buffer;
  binary?: boolean;
  expect: LiveExpect;
  /** The subscription id a `reply` belongs to (unsubscribed afterwards). */
  id?: string;
}

const VIEWS = ['namespaces', 'pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'nodes', 'events'];
const BAD_VIEWS = ['', 'Pods', 'pod', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '../pods', 'secrets', 'x'.repeat(5000)];
const BAD_CONTEXTS = ['', 'nope', 'DEMO', '__proto__', 'constructor', '..', 'demo\u0000', 'x'.repeat(5000)];
/** Over the server's 64 KiB message limit. */
const OVERSIZE = 64 * 1024 + 100;

const sub = (id: unknown, view: unknown, context: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'subscribe', id, view, context, ...extra });

export function liveCase(rng: Prng, n: number, victim: string, context: string): LiveCase {
  const id = `s${n}`;
  const roll = rng.int(0, 19);
  const view = rng.pick(VIEWS);
  switch (roll) {
    case 0:
    case 1:
      return { label: `subscribe ${view}`, frame: sub(id, view, context, rng.chance(0.5) ? { namespaces: [victim] } : {}), expect: 'snapshot', id };
    case 2: {
      const ns = rng.pick([...HOSTILE_SEGMENTS.map((s) => decodeURIComponent(s.raw.replace(/%(?![0-9a-fA-F]{2})/g, '%25'))), '', 'UPPER', 'kube-system']);
      return { label: `subscribe namespace:${JSON.stringify(ns.slice(0, 20))}`, frame: sub(id, view, context, { namespaces: [ns] }), expect: 'reply', id };
    }
    case 3: {
      const v = rng.pick(BAD_VIEWS);
      return { label: `subscribe view:${JSON.stringify(v.slice(0, 20))}`, frame: sub(id, v, context), expect: 'reply', id };
    }
    case 4: {
      const c = rng.pick(BAD_CONTEXTS);
      return { label: `subscribe context:${JSON.stringify(c.slice(0, 20))}`, frame: sub(id, view, c), expect: 'reply', id };
    }
    case 5: {
      const params = rng.pick<unknown>([{ kind: 'Pod', name: '..' }, { labelSelector: '===' }, { a: 5 }, [], null, 'x', { nested: { a: 'b' } }, { big: 'p'.repeat(60_000) }, JSON.parse(`{"${rng.pick(ODD_KEYS)}": "x"}`)]);
      return { label: `subscribe params:${JSON.stringify(params).slice(0, 30)}`, frame: sub(id, view, context, { params }), expect: 'reply', id };
    }
    case 6: {
      const badId = rng.pick<unknown>([undefined, '', 'i'.repeat(129), 5, null, {}, ['a'], true]);
      return { label: `subscribe id:${JSON.stringify(badId)?.slice(0, 20)}`, frame: sub(badId, view, context), expect: 'error' };
    }
    case 7: {
      const namespaces = rng.pick<unknown>(['victim', [1], [null], {}, Array.from({ length: 501 }, (_, i) => `ns-${i}`), [[victim]]]);
      return { label: `subscribe namespaces:${JSON.stringify(namespaces).slice(0, 20)}`, frame: sub(id, view, context, { namespaces }), expect: 'error' };
    }
    case 8:
      return { label: 'subscribe without view or context', frame: JSON.stringify({ type: 'subscribe', id, ...(rng.chance(0.5) ? { view } : { context }) }), expect: 'error' };
    case 9:
      return { label: 'unsubscribe of an unknown id', frame: JSON.stringify({ type: 'unsubscribe', id: rng.pick(['never-subscribed', '', '__proto__', 'x'.repeat(1000)]) }), expect: 'quiet' };
    case 10:
      return { label: 'unsubscribe without a string id', frame: JSON.stringify({ type: 'unsubscribe', id: rng.pick<unknown>([undefined, 5, null, {}]) }), expect: 'error' };
    case 11: {
      const type = rng.pick<unknown>(['SUBSCRIBE', 'hello', 'snapshot', 'pong', '__proto__', 'constructor', '', 5, null, undefined, ['ping']]);
      return { label: `type:${JSON.stringify(type)}`, frame: JSON.stringify({ type, id }), expect: 'error' };
    }
    case 12: {
      const text = rng.pick(['not json', '', '{', '{"type":"ping"', 'null', '5', '"ping"', 'true', '[]', '[{"type":"ping"}]', '\u0000', '\ufeff{"type":"ping","t":1}']);
      return { label: `not a message:${JSON.stringify(text)}`, frame: text, expect: 'error' };
    }
    case 13:
      return { label: 'binary frame', frame: Buffer.from(rng.pick(['{"type":"ping","t":1}', '\u0000\u0001\u0002'])), binary: true, expect: 'error' };
    case 14:
      return { label: 'ping with odd t', frame: JSON.stringify({ type: 'ping', t: rng.pick<unknown>(['x', null, 1e308, -1, {}, [], 'y'.repeat(10_000)]) }), expect: 'quiet' };
    case 15:
      return { label: 'frame over 64 KiB', frame: JSON.stringify({ type: 'ping', t: 1, pad: 'p'.repeat(OVERSIZE) }), expect: 'close' };
    case 16:
      return { label: 'deeply nested frame', frame: '['.repeat(20_000) + ']'.repeat(20_000), expect: 'error' };
    case 17: {
      const odd = rng.pick(ODD_STRINGS);
      const oddId = String(odd.json).slice(0, 100);
      return { label: `subscribe id:${odd.tag}`, frame: sub(oddId, view, context), expect: 'reply', id: oddId };
    }
    case 18:
      return { label: 'subscribe twice with one id', frame: sub(id, view, context), expect: 'reply', id };
    default:
      // Written out: in an object literal `__proto__` would set the prototype, not a key.
      return { label: 'subscribe with __proto__ and extra fields', frame: `${sub(id, view, context).slice(0, -1)},"__proto__":{"namespaces":["x"],"view":"secrets"},"extra":"${'p'.repeat(rng.int(0, 30_000))}"}`, expect: 'reply', id };
  }
}
