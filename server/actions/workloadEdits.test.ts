import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeStatusError } from '../clusters/kubeStatus.ts';
import type { KubeObject } from '../kube/object.ts';
import { LARGE_SCALE_UP, setImage, setReplicas } from './workloadEdits.ts';

const deployment = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } }) as KubeObject;

test(`adding more than ${LARGE_SCALE_UP} replicas at once is refused with the numbers, unless allowLargeScale says it is meant`, () => {
  const d = deployment(5);
  const err = (() => {
    try {
      setReplicas(d, 5 + LARGE_SCALE_UP + 1);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof KubeStatusError);
  assert.equal(err.status.details?.causes?.[0]?.reason, 'LargeScaleUp');
  assert.equal(err.status.details?.causes?.[0]?.message, `5→${5 + LARGE_SCALE_UP + 1}`);
  assert.equal(d.spec.replicas, 5);
  setReplicas(d, 5 + LARGE_SCALE_UP + 1, true);
  assert.equal(d.spec.replicas, 5 + LARGE_SCALE_UP + 1);
});

test(`exactly ${LARGE_SCALE_UP} more, and any scale-down, need no confirmation`, () => {
  const d = deployment(5);
  setReplicas(d, 5 + LARGE_SCALE_UP);
  assert.equal(d.spec.replicas, 5 + LARGE_SCALE_UP);
  setReplicas(d, 0);
  assert.equal(d.spec.replicas, 0);
});

test('the largest int32 is a valid replicas value; one more is not', () => {
  const d = deployment(2147483000);
  setReplicas(d, 2147483647);
  assert.equal(d.spec.replicas, 2147483647);
  assert.throws(() => setReplicas(d, 2147483648), /cannot unmarshal number 2147483648 into a field of type int32/);
});

test('set image keeps the reference exactly as given and records the change-cause', () => {
  const d = deployment(1);
  setImage(d, 'web', 'registry.example.com:5000/team/web@sha256:' + 'a'.repeat(64));
  assert.equal(d.spec.template.spec.containers[0].image, 'registry.example.com:5000/team/web@sha256:' + 'a'.repeat(64));
  assert.throws(() => setImage(d, 'web', 'nginx:1.28\n'), /may not contain spaces, tabs, newlines or NUL/);
});
