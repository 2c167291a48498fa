import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundByRate, resourceReplicas, stabilize, type PodSample } from './hpaReplicas.ts';

const pod = (name: string, usageMillis: number | undefined, extra: Partial<PodSample> = {}): PodSample => ({ name, requestMillis: 100, usageMillis, ready: true, pending: false, ...extra });

test('desired = ceil(current × utilization / target), within the 0.1 tolerance nothing changes', () => {
  assert.deepEqual(resourceReplicas(2, 50, [pod('a', 90), pod('b', 90)]), { replicas: 4, utilization: 90, rawUtilizationMillis: 90 });
  assert.equal(resourceReplicas(2, 50, [pod('a', 54), pod('b', 54)]).replicas, 2);
  assert.equal(resourceReplicas(4, 50, [pod('a', 10), pod('b', 10), pod('c', 10), pod('d', 10)]).replicas, 1);
});

test('a pod without a sample counts as 100% when scaling down and 0% when scaling up; unready pods count 0% when scaling up', () => {
  // Two pods at 10% and one without metrics: scaling down assumes the missing one uses its request.
  assert.equal(resourceReplicas(3, 50, [pod('a', 10), pod('b', 10), pod('c', undefined)]).replicas, 3);
  assert.equal(resourceReplicas(2, 50, [pod('a', 100), pod('b', 0, { ready: false })]).replicas, 2);
  assert.throws(() => resourceReplicas(1, 50, [pod('a', 10, { requestMillis: undefined, missingRequestContainer: 'app' })]), /^Error: missing request for cpu in container app of Pod a$/);
});

test('the scale-down window keeps the highest recent recommendation; the bounds say which limit held', () => {
  const history = [{ replicas: 5, at: 0 }];
  const ms = (s: number) => s;
  const held = stabilize(2, 5, history, {}, { stabilizationWindowSeconds: 300 }, 1000, ms);
  assert.equal(held.recommendation, 5);
  assert.equal(held.condition.reason, 'ScaleDownStabilized');
  const later = stabilize(2, 5, history, {}, { stabilizationWindowSeconds: 300 }, 400_000, ms);
  assert.equal(later.recommendation, 2);
  assert.deepEqual(boundByRate(9, 2, 1, 5, () => 100, () => 0).condition.reason, 'TooManyReplicas');
  assert.deepEqual(boundByRate(9, 2, 1, 10, () => 6, () => 0), { replicas: 6, condition: { status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' } });
  assert.equal(boundByRate(3, 3, 1, 10, () => 6, () => 0).condition.reason, 'DesiredWithinRange');
});
