import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesLabels, objectFilter, parseLabelSelector } from './selectors.ts';

const pod = (labels: Record<string, string>, phase = 'Running', nodeName = 'node-a') => ({
  metadata: { name: 'p', namespace: 'shop', labels },
  spec: { nodeName },
  status: { phase },
});

test('label selectors accept every operator kubectl users type', () => {
  const labels = { app: 'web', tier: 'front', canary: 'true' };
  const cases: [string, boolean][] = [
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app in (web,api)', true],
    ['app notin (web,api)', false],
    ['canary', true],
    ['!canary', false],
    ['!missing', true],
    ['app=web,tier=back', false],
    ['app in (web), tier notin (back)', true],
    ['', true],
  ];
  for (const [sel, want] of cases) assert.equal(matchesLabels(parseLabelSelector(sel), labels), want, sel);
});

test('a malformed label selector is a 400 BadRequest', () => {
  assert.throws(() => parseLabelSelector('app in (web'), (e: { code?: number }) => e.code === 400);
});

test('field selectors filter pods by phase and node, and refuse unknown fields like the API server', () => {
  const q = (s: string) => new URLSearchParams({ fieldSelector: s });
  assert.equal(objectFilter(q('status.phase=Running'), 'pods').matches(pod({})), true);
  assert.equal(objectFilter(q('status.phase!=Running'), 'pods').matches(pod({})), false);
  assert.equal(objectFilter(q('spec.nodeName=node-b,metadata.namespace=shop'), 'pods').matches(pod({})), false);
  assert.throws(
    () => objectFilter(q('spec.image=nginx'), 'pods'),
    (e: { code?: number; message?: string }) => e.code === 400 && e.message === 'field label not supported: spec.image',
  );
});

test('event field selectors reach into involvedObject', () => {
  const ev = { metadata: { name: 'e', namespace: 'shop' }, involvedObject: { kind: 'Pod', name: 'web-1' }, type: 'Warning', reason: 'BackOff' };
  const f = objectFilter(new URLSearchParams({ fieldSelector: 'involvedObject.kind=Pod,involvedObject.name=web-1,type=Warning' }), 'events');
  assert.equal(f.matches(ev), true);
});
