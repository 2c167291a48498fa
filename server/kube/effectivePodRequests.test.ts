import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectivePodRequests } from './effectivePodRequests.ts';
import { cpuMillis, parseQuantity } from './quantity.ts';

const c = (cpu: string, memory = '0') => ({ name: 'c', resources: { requests: { cpu, memory } } });

test('quantities read like resource.Quantity: milli, binary and decimal suffixes, exponents', () => {
  assert.equal(parseQuantity('100m'), 0.1);
  assert.equal(parseQuantity('1Ki'), 1024);
  assert.equal(parseQuantity('1.5Gi'), 1.5 * 2 ** 30);
  assert.equal(parseQuantity('2M'), 2e6);
  assert.equal(parseQuantity('1k'), 1000);
  assert.equal(parseQuantity('3e3'), 3000);
  assert.equal(cpuMillis('0.5'), 500);
  assert.equal(cpuMillis('1'), 1000);
  assert.throws(() => parseQuantity('12 apples'));
});

test('an init container of 3 CPU with app containers of 1+1 CPU counts 3 CPU against the node', () => {
  assert.equal(effectivePodRequests({ initContainers: [c('3')], containers: [c('1'), c('1')] }).cpu, 3000);
});

test('an init container of 1 CPU with app containers of 2+2 CPU counts 4 CPU', () => {
  assert.equal(effectivePodRequests({ initContainers: [c('1')], containers: [c('2'), c('2')] }).cpu, 4000);
});

test('sidecar init containers keep running, so they add to the app containers; overhead comes on top', () => {
  const spec = {
    initContainers: [{ ...c('500m', '64Mi'), restartPolicy: 'Always' }, c('2')],
    containers: [c('1', '128Mi')],
    overhead: { cpu: '250m', memory: '10Mi' },
  };
  const r = effectivePodRequests(spec);
  // max(sidecar 0.5 + app 1 = 1.5, plain init 2 + sidecar 0.5 = 2.5) + 0.25 overhead
  assert.equal(r.cpu, 2750);
  assert.equal(r.memory, (64 + 128 + 10) * 2 ** 20);
});

test('a limit without a request counts as the request, as API defaulting makes it', () => {
  assert.equal(effectivePodRequests({ containers: [{ resources: { limits: { cpu: '750m' } } }] }).cpu, 750);
});
