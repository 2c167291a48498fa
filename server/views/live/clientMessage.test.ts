import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMessage } from './clientMessage.ts';

test('a well-formed subscribe is accepted with defaults filled in', () => {
  assert.deepEqual(parseClientMessage('{"type":"subscribe","id":"1","view":"pods","context":"demo"}'), {
    type: 'subscribe',
    id: '1',
    view: 'pods',
    context: 'demo',
    namespaces: [],
    params: {},
  });
});

test('malformed messages are refused with a reason', () => {
  assert.equal(parseClientMessage('not json'), 'message is not JSON');
  assert.match(String(parseClientMessage('{"type":"subscribe","id":"1","view":"pods"}')), /context/);
  assert.match(String(parseClientMessage('{"type":"subscribe","id":"1","view":"pods","context":"d","namespaces":"shop"}')), /namespaces/);
  assert.match(String(parseClientMessage('{"type":"subscribe","id":"1","view":"pods","context":"d","params":{"a":1}}')), /params/);
  assert.match(String(parseClientMessage('{"type":"launch"}')), /unknown message type/);
});

test('namespaces that could not exist are refused, so a filter never holds path syntax', () => {
  for (const ns of ['..', '.', 'a/b', '', 'UPPER', 'x'.repeat(64)]) {
    assert.match(String(parseClientMessage(JSON.stringify({ type: 'subscribe', id: '1', view: 'pods', context: 'd', namespaces: ['shop', ns] }))), /is not a valid namespace name/, ns);
  }
  assert.equal(typeof parseClientMessage(JSON.stringify({ type: 'subscribe', id: '1', view: 'pods', context: 'd', namespaces: ['shop', 'kube-system'] })), 'object');
});

test('a subscribe may name its first screen: how many rows, in which order', () => {
  const base = { type: 'subscribe', id: '1', view: 'pods', context: 'd' };
  const parsed = parseClientMessage(JSON.stringify({ ...base, firstScreen: { rows: 100, order: { field: 'restarts', descending: true } } }));
  assert.deepEqual(typeof parsed === 'object' && parsed.type === 'subscribe' ? parsed.firstScreen : parsed, { rows: 100, order: { field: 'restarts', descending: true } });
  for (const firstScreen of [{ rows: 0, order: { field: 'name' } }, { rows: 100_000, order: { field: 'name' } }, { rows: 10 }, { rows: 10, order: { field: '' } }, { rows: 10, order: { field: 'name', descending: 'yes' } }, 'all']) {
    assert.match(String(parseClientMessage(JSON.stringify({ ...base, firstScreen }))), /firstScreen needs/, JSON.stringify(firstScreen));
  }
});
