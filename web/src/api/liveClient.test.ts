import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientMessage, ServerMessage } from '../../../server/views/live/protocol.ts';
import { LiveClient, liveRequestFromKey, liveRequestKey, type LiveSocket } from './liveClient.ts';

/** A socket the test drives by hand: what the client sent, and server messages on demand. */
class FakeSocket implements LiveSocket {
  readyState = 0;
  sent: ClientMessage[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close(code = 1000, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  push(msg: ServerMessage): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

function clientWithFakes() {
  const sockets: FakeSocket[] = [];
  const client = new LiveClient('ws://test/api/live', {
    socketFactory: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    delay: () => 1,
    releaseGraceMs: 1,
  });
  return { client, sockets };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
const pods = { view: 'pods', context: 'demo', namespaces: ['shop'] };

test('subscriptions made before the socket opens are sent once it opens', () => {
  const { client, sockets } = clientWithFakes();
  client.subscribe(pods, () => {});
  assert.equal(client.connection().phase, 'connecting');
  sockets[0].open();
  assert.equal(client.connection().phase, 'open');
  assert.deepEqual(sockets[0].sent, [{ type: 'subscribe', id: 's1', view: 'pods', context: 'demo', namespaces: ['shop'] }]);
  client.close();
});

test('two views asking for the same list share one server subscription', () => {
  const { client, sockets } = clientWithFakes();
  sockets[0].open();
  let a = 0;
  let b = 0;
  client.subscribe(pods, () => a++);
  client.subscribe({ ...pods, namespaces: ['shop'] }, () => b++);
  assert.equal(sockets[0].sent.filter((m) => m.type === 'subscribe').length, 1);
  sockets[0].push({ type: 'snapshot', id: 's1', rows: [{ key: 'shop/api-1' }] });
  assert.equal(a, 1);
  assert.equal(b, 1);
  assert.equal(client.peek(pods).rows.size, 1);
  client.close();
});

test('after the socket drops the client reconnects and resubscribes for a fresh snapshot', async () => {
  const { client, sockets } = clientWithFakes();
  sockets[0].open();
  client.subscribe(pods, () => {});
  sockets[0].push({ type: 'snapshot', id: 's1', rows: [{ key: 'shop/api-1' }, { key: 'shop/web-1' }] });

  sockets[0].close(1006, '');
  assert.equal(client.connection().phase, 'reconnecting');
  assert.match(client.connection().reason ?? '', /1006/);
  assert.equal(client.peek(pods).status, 'stale');
  assert.equal(client.peek(pods).rows.size, 2, 'rows stay visible while reconnecting');

  await tick();
  assert.equal(sockets.length, 2, 'a new socket was opened');
  sockets[1].open();
  assert.equal(client.connection().phase, 'open');
  assert.deepEqual(sockets[1].sent, [{ type: 'subscribe', id: 's1', view: 'pods', context: 'demo', namespaces: ['shop'] }]);
  sockets[1].push({ type: 'snapshot', id: 's1', rows: [{ key: 'shop/web-1' }] });
  assert.equal(client.peek(pods).status, 'live');
  assert.deepEqual([...client.peek(pods).rows.keys()], ['shop/web-1']);
  client.close();
});

test('leaving a view unsubscribes on the server once no one else watches it', async () => {
  const { client, sockets } = clientWithFakes();
  sockets[0].open();
  const release = client.subscribe(pods, () => {});
  release();
  await tick();
  assert.deepEqual(sockets[0].sent.at(-1), { type: 'unsubscribe', id: 's1' });
  client.close();
});

test('a refused subscription carries the Status to the view', () => {
  const { client, sockets } = clientWithFakes();
  sockets[0].open();
  client.subscribe({ view: 'pods', context: 'lab' }, () => {});
  sockets[0].push({
    type: 'error',
    id: 's1',
    status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'cannot reach cluster "lab"', reason: 'ServiceUnavailable', code: 503 },
  });
  const state = client.peek({ view: 'pods', context: 'lab' });
  assert.equal(state.status, 'error');
  assert.equal(state.error?.reason, 'ServiceUnavailable');
  client.close();
});

test('the order of namespaces does not make a different subscription', () => {
  assert.equal(
    liveRequestKey({ view: 'pods', context: 'demo', namespaces: ['shop', 'default'] }),
    liveRequestKey({ view: 'pods', context: 'demo', namespaces: ['default', 'shop'] }),
  );
});

test('a request rebuilt from its key subscribes to the same view, context, namespaces and params', () => {
  // useLiveList subscribes with the rebuilt request; a field lost on the way would change the subscription.
  const req = { view: 'pods', context: 'kind/dev:1', namespaces: ['shop', 'default'], params: { selector: 'app=web', node: 'n1' } };
  const rebuilt = liveRequestFromKey(liveRequestKey(req));
  assert.deepEqual(rebuilt, { view: 'pods', context: 'kind/dev:1', namespaces: ['default', 'shop'], params: { node: 'n1', selector: 'app=web' } });
  assert.equal(liveRequestKey(rebuilt), liveRequestKey(req));
});

test('after a sign-in the client drops the old socket at once and subscribes again on a new one', () => {
  const { client, sockets } = clientWithFakes();
  client.subscribe(pods, () => {});
  sockets[0].open();
  client.reconnect();
  assert.equal(sockets[0].readyState, 3, 'the socket of the old session is closed');
  assert.equal(sockets.length, 2);
  sockets[1].open();
  assert.deepEqual(sockets[1].sent, [{ type: 'subscribe', id: 's1', view: 'pods', context: 'demo', namespaces: ['shop'] }]);
  client.close();
});

test('a 401 on the live channel and a dropped socket are reported to the sign-in store', async () => {
  const { onSessionDoubt } = await import('./sessionSignal.ts');
  const doubts: string[] = [];
  const stop = onSessionDoubt((d) => doubts.push(d));
  const { client, sockets } = clientWithFakes();
  sockets[0].open();
  sockets[0].push({ type: 'error', id: 's9', status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Unauthorized', code: 401, message: 'token revoked' } });
  sockets[0].close(1006, '');
  assert.deepEqual(doubts, ['unauthorized', 'connectionLost']);
  stop();
  client.close();
});

test('messages still arriving on the socket a sign-in replaced are ignored (its 401s belong to the old session)', async () => {
  const { onSessionDoubt } = await import('./sessionSignal.ts');
  const doubts: string[] = [];
  const stop = onSessionDoubt((d) => doubts.push(d));
  const { client, sockets } = clientWithFakes();
  let calls = 0;
  client.subscribe(pods, () => calls++);
  sockets[0].open();
  client.reconnect();
  sockets[1].open();
  const before = calls;
  sockets[0].push({ type: 'error', id: 's1', status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Unauthorized', code: 401, message: 'old token' } });
  assert.deepEqual(doubts, []);
  assert.equal(calls, before, 'the subscription did not take the old socket’s error');
  stop();
  client.close();
});

test('the first screen a list asks for goes with its subscribe, and the latest one with a re-subscribe of a list still without rows; it does not split the subscription', async () => {
  const { client, sockets } = clientWithFakes();
  sockets[0].open();
  const release = client.subscribe(pods, () => {}, { rows: 100, order: { field: 'name' } });
  client.subscribe(pods, () => {}, { rows: 100, order: { field: 'restarts', descending: true } });
  const subscribes = sockets[0].sent.filter((m) => m.type === 'subscribe');
  assert.equal(subscribes.length, 1);
  assert.deepEqual(subscribes[0].type === 'subscribe' && subscribes[0].firstScreen, { rows: 100, order: { field: 'name' } });
  sockets[0].close(1006);
  await tick();
  sockets[1].open();
  const again = sockets[1].sent.find((m) => m.type === 'subscribe');
  assert.deepEqual(again?.type === 'subscribe' && again.firstScreen, { rows: 100, order: { field: 'restarts', descending: true } });
  sockets[1].push({ type: 'snapshot', id: 's1', rows: [{ key: 'shop/a' }], more: true });
  assert.equal(client.peek(pods).status, 'loading');
  sockets[1].push({ type: 'rest', id: 's1', rows: [{ key: 'shop/b' }] });
  assert.equal(client.peek(pods).status, 'live');
  assert.equal(client.peek(pods).rows.size, 2);
  // A list with rows on screen reconnects for a whole snapshot: it is not cut back to a first screen.
  sockets[1].close(1006);
  await tick();
  sockets[2].open();
  const whole = sockets[2].sent.find((m) => m.type === 'subscribe');
  assert.equal(whole?.type === 'subscribe' && whole.firstScreen, undefined);
  assert.equal(client.peek(pods).status, 'stale');
  release();
  client.close();
});
