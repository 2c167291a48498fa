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
