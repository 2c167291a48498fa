import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainRequests } from './requestsExplanation.ts';

const c = (cpu: string, memory: string, restartPolicy?: string) => ({ ...(restartPolicy ? { restartPolicy } : {}), resources: { requests: { cpu, memory } } });

test('a pod of one container asks for what that container asks for: the app containers run together', () => {
  const [cpu, memory] = explainRequests({ containers: [c('12', '4Gi')] });
  assert.deepEqual(cpu, { resource: 'cpu', effective: 12000, rule: 'together', running: [12000], sidecars: false, largestInit: 0, overhead: false });
  assert.equal(memory.effective, 4 * 2 ** 30);
});

test('an init container of 3 CPU outweighs app containers of 1 + 1 CPU, because init containers run one at a time', () => {
  const [cpu, memory] = explainRequests({ containers: [c('1', '1Gi'), c('1', '1Gi')], initContainers: [c('3', '512Mi')] });
  assert.equal(cpu.rule, 'largestInit');
  assert.equal(cpu.effective, 3000);
  assert.equal(cpu.largestInit, 3000);
  assert.deepEqual(cpu.running, [1000, 1000]);
  assert.equal(memory.rule, 'runningCovers', 'memory: the two app containers (2Gi) ask for more than the init container');
});

test('a sidecar runs with the app containers, and pod overhead is called out when it adds to the amount', () => {
  const [cpu] = explainRequests({ containers: [c('500m', '64Mi')], initContainers: [c('250m', '64Mi', 'Always')], overhead: { cpu: '100m' } });
  assert.equal(cpu.rule, 'together');
  assert.equal(cpu.sidecars, true);
  assert.deepEqual(cpu.running, [500, 250]);
  assert.equal(cpu.effective, 850);
  assert.equal(cpu.overhead, true);
});
