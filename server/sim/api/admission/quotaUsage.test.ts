import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { evaluatorFor, podCharges, podUsage, usageToList } from './quotaUsage.ts';
import { quotaUsed } from '../../controllers/resourceQuota.ts';

const pod = (name: string, extra: Partial<KubeObject> = {}, resources?: object): KubeObject => ({
  metadata: { name, namespace: 'ns' },
  spec: { containers: [{ name: 'app', ...(resources ? { resources } : {}) }] },
  status: { phase: 'Running' },
  ...extra,
});

test("a pod charges pods, count/pods and its requests and limits (a limit alone is also the request, as defaulting makes it)", () => {
  const usage = usageToList(podUsage(pod('a', {}, { limits: { cpu: '500m', memory: '1Gi' }, requests: { memory: '256Mi' } })));
  assert.deepEqual(usage, { 'count/pods': '1', cpu: '500m', 'limits.cpu': '500m', 'limits.memory': '1Gi', memory: '256Mi', pods: '1', 'requests.cpu': '500m', 'requests.memory': '256Mi' });
});

test('finished pods and pods past their deletion grace period stop charging (QuotaV1Pod)', () => {
  assert.equal(podCharges(pod('done', { status: { phase: 'Succeeded' } })), false);
  const deleting = pod('going', { metadata: { name: 'going', deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 } });
  assert.equal(podCharges(deleting, Date.parse('2026-01-01T00:00:40Z')), true);
  assert.equal(podCharges(deleting, Date.parse('2026-01-01T00:01:01Z')), false);
});

test('the quota controller sums what the namespace charges, scopes included, zero for what nothing uses', () => {
  const quota = { metadata: { name: 'q' }, spec: { hard: { pods: '10', 'requests.memory': '1Gi', 'requests.cpu': '2' }, scopes: ['NotBestEffort'] } } as KubeObject;
  const pods = [pod('a', {}, { requests: { memory: '64Mi' } }), pod('b', {}, { requests: { memory: '64Mi' } }), pod('besteffort')];
  const used = quotaUsed(quota, (r) => (r === 'pods' ? pods : []));
  // The BestEffort pod is outside the NotBestEffort scope; nothing requests cpu.
  assert.deepEqual(used, { pods: '2', 'requests.cpu': '0', 'requests.memory': '128Mi' });
  assert.equal(evaluatorFor('deployments.apps').matches('count/deployments.apps'), true);
});
