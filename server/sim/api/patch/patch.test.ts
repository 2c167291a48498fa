import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch } from './index.ts';
import type { Json } from './merge.ts';

const deployment = (): Json => ({
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
          { name: 'sidecar', image: 'envoy:1' },
        ],
        tolerations: [{ key: 'a', operator: 'Exists' }],
      },
    },
  },
});

test('kubectl set image: a strategic patch changes one container and keeps the others', () => {
  const out = applyPatch('strategic', deployment(), { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } }) as {
    spec: { template: { spec: { containers: { name: string; image: string; env?: unknown[] }[] } } };
  };
  const cs = out.spec.template.spec.containers;
  assert.deepEqual(cs.map((c) => `${c.name}=${c.image}`), ['web=nginx:1.28', 'sidecar=envoy:1']);
  assert.equal(cs[0].env?.length, 1);
});

test('strategic merge adds env by name, deletes with $patch, and replaces lists without a merge key', () => {
  const out = applyPatch('strategic', deployment(), {
    spec: {
      template: {
        spec: {
          containers: [{ name: 'web', env: [{ name: 'B', value: '2' }, { name: 'A', $patch: 'delete' }] }, { name: 'sidecar', $patch: 'delete' }],
          tolerations: [{ key: 'b', operator: 'Exists' }],
        },
      },
    },
  }) as { spec: { template: { spec: { containers: { name: string; env: { name: string }[] }[]; tolerations: { key: string }[] } } } };
  const spec = out.spec.template.spec;
  assert.deepEqual(spec.containers.map((c) => c.name), ['web']);
  assert.deepEqual(spec.containers[0].env.map((e) => e.name), ['B']);
  assert.deepEqual(spec.tolerations.map((t) => t.key), ['b']);
});

test('merge patch replaces lists and deletes with null', () => {
  const out = applyPatch('merge', deployment(), { metadata: { labels: { app: null, tier: 'front' } }, spec: { replicas: 5 } }) as {
    metadata: { labels: Record<string, string> };
    spec: { replicas: number };
  };
  assert.deepEqual(out.metadata.labels, { tier: 'front' });
  assert.equal(out.spec.replicas, 5);
});

test('JSON patch applies add/replace/remove and a failing test op is a 422', () => {
  const out = applyPatch('json', deployment(), [
    { op: 'test', path: '/spec/replicas', value: 2 },
    { op: 'replace', path: '/spec/replicas', value: 3 },
    { op: 'add', path: '/metadata/labels/tier', value: 'front' },
    { op: 'remove', path: '/spec/template/spec/containers/1' },
    { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'late', image: 'x' } },
  ]) as { spec: { replicas: number; template: { spec: { containers: { name: string }[] } } }; metadata: { labels: Record<string, string> } };
  assert.equal(out.spec.replicas, 3);
  assert.equal(out.metadata.labels.tier, 'front');
  assert.deepEqual(out.spec.template.spec.containers.map((c) => c.name), ['web', 'late']);
  assert.throws(() => applyPatch('json', deployment(), [{ op: 'test', path: '/spec/replicas', value: 9 }]), (e: { code?: number }) => e.code === 422);
});
