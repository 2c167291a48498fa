import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, encodeFrame, exitStatusPayload, offeredProtocols, ResizeParser, selectProtocol } from './execProtocol.ts';

const v5 = selectProtocol(['v5.channel.k8s.io'])!;
const b64 = selectProtocol(['base64.channel.k8s.io'])!;

test('the first offered protocol we speak wins; bearer entries are ignored; unknown offers are refused', () => {
  assert.equal(selectProtocol(offeredProtocols('base64url.bearer.authorization.k8s.io.dG9rZW4, v4.channel.k8s.io, v5.channel.k8s.io'))?.name, 'v4.channel.k8s.io');
  assert.equal(selectProtocol(offeredProtocols('v5.base64.channel.k8s.io, v4.base64.channel.k8s.io'))?.name, 'v4.base64.channel.k8s.io');
  assert.equal(selectProtocol(offeredProtocols('spdy/3.1')), undefined);
  assert.deepEqual(selectProtocol(offeredProtocols(undefined)), { name: '', version: 1, base64: false });
});

test('binary frames carry the channel byte; base64 frames a digit and base64 text', () => {
  assert.deepEqual([...(encodeFrame(v5, 1, 'hi') as Buffer)], [1, 104, 105]);
  assert.equal(encodeFrame(b64, 1, 'hi'), '1aGk=');
  assert.deepEqual(decodeFrame(b64, Buffer.from('0ZWNobwo='), false), { channel: 0, payload: Buffer.from('echo\n') });
});

test('a v5 close frame names the channel being closed', () => {
  const f = decodeFrame(v5, Buffer.from([255, 0]), true);
  assert.equal(f?.channel, 255);
  assert.equal(f?.payload[0], 0);
});

test('resize objects may be split across frames or packed together, in either casing', () => {
  const p = new ResizeParser();
  assert.deepEqual(p.push('{"Width":100,'), []);
  assert.deepEqual(p.push('"Height":40}{"width":80,"height":24}'), [{ cols: 100, rows: 40 }, { cols: 80, rows: 24 }]);
});

test('exit status: v4+ JSON with ExitCode cause, v1 plain text only on failure', () => {
  assert.equal(exitStatusPayload(v5, { code: 0 }, ['true']), '{"metadata":{},"status":"Success"}');
  const failure = JSON.parse(exitStatusPayload(v5, { code: 3 }, ['sh', '-c', 'exit 3'])!);
  assert.equal(failure.reason, 'NonZeroExitCode');
  assert.deepEqual(failure.details.causes, [{ reason: 'ExitCode', message: '3' }]);
  assert.equal(exitStatusPayload(b64, { code: 0 }, []), undefined);
  assert.match(exitStatusPayload(b64, { code: 2 }, ['x'])!, /exit code 2/);
});
