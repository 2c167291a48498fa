import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startConsole, type RunningConsole } from '../testing/consoleFixture.ts';
import { apiserverBool, isStreamingRequest } from './streamingRequest.ts';
import { contextAt, startHttpUpstream, startSilentUpstream, type TestUpstream } from '../testing/testUpstream.ts';

/** Short enough to keep the suite quick; the slow upstream answers streams well after it. */
const FIRST_BYTE_MS = 300;
const STREAM_HEADERS_AFTER_MS = 3 * FIRST_BYTE_MS;
/** Without the deadline these requests would hang: fail instead. */
const HANGS = { timeout: 10_000 };

let silent: TestUpstream;
let slow: TestUpstream;
let consoleUnderTest: RunningConsole;

test.before(async () => {
  silent = await startSilentUpstream();
  // Answers everything, but only after three first-byte deadlines: a watch or follow must wait for it.
  slow = await startHttpUpstream((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"type":"ADDED"}\n'), STREAM_HEADERS_AFTER_MS);
  });
  const timeouts = { connectMs: 2_000, firstByteMs: FIRST_BYTE_MS };
  consoleUnderTest = await startConsole([contextAt(silent.url, 'silent', timeouts), contextAt(slow.url, 'slow', timeouts)]);
});
test.after(async () => {
  await consoleUnderTest.close();
  await silent.close();
  await slow.close();
});

test('an API server that accepts the connection and never answers is a 504 Timeout naming the context', HANGS, async () => {
  const started = Date.now();
  const res = await fetch(`${consoleUnderTest.origin}/k8s/silent/api/v1/namespaces/default/pods`);
  assert.equal(res.status, 504);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const status = (await res.json()) as { kind: string; reason: string; code: number; message: string };
  assert.deepEqual([status.kind, status.reason, status.code], ['Status', 'Timeout', 504]);
  assert.match(status.message, /^context "silent": the API server at http:\/\/127\.0\.0\.1:\d+ sent no response within 0\.3 s$/);
  assert.ok(Date.now() - started >= FIRST_BYTE_MS, 'not before the deadline');
  assert.ok(silent.seen.some((line) => line.startsWith('GET /api/v1/namespaces/default/pods')), 'the request did reach the API server');
});

test('a write and a watch=false list get the deadline too', HANGS, async () => {
  const post = await fetch(`${consoleUnderTest.origin}/k8s/silent/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(post.status, 504);
  const notAWatch = await fetch(`${consoleUnderTest.origin}/k8s/silent/api/v1/pods?watch=false`);
  assert.equal(notAWatch.status, 504);
});

test('watches (any spelling kube-apiserver takes) and log follows wait for their headers as long as it takes', HANGS, async () => {
  const streams = [
    '/api/v1/pods?watch=1',
    '/api/v1/pods?watch=true',
    '/api/v1/pods?watch=True',
    '/api/v1/pods?watch',
    '/api/v1/watch/namespaces/default/pods',
    '/apis/apps/v1/watch/deployments',
    '/api/v1/namespaces/default/pods/web-0/log?follow=true&container=main',
  ];
  const answers = await Promise.all(streams.map((p) => fetch(`${consoleUnderTest.origin}/k8s/slow${p}`).then(async (r) => [r.status, await r.text()])));
  for (const [i, [status, body]] of answers.entries()) {
    assert.equal(status, 200, streams[i]);
    assert.equal(body, '{"type":"ADDED"}\n', streams[i]);
  }
  const plain = await fetch(`${consoleUnderTest.origin}/k8s/slow/api/v1/pods`);
  assert.equal(plain.status, 504, 'the same slow server times out a plain list');
});

test('streams are recognised as kube-apiserver parses booleans: only 0 and false (any case) are false', () => {
  for (const v of ['1', 't', 'true', 'True', 'TRUE', 'yes', '']) assert.equal(apiserverBool(v), true, v);
  for (const v of ['0', 'false', 'False', 'FALSE']) assert.equal(apiserverBool(v), false, v);
  assert.equal(apiserverBool(null), false);
  assert.equal(isStreamingRequest('/api/v1/pods', '?watch=0&watch=1'), false, 'the first value counts');
  assert.equal(isStreamingRequest('/api/v1/namespaces/default/configmaps/watch', ''), false, 'an object named watch is not a watch path');
  assert.equal(isStreamingRequest('/apis/batch/v1/watch/jobs', ''), true);
});
