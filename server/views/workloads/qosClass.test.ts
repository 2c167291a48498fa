import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qosClass } from '../../kube/qosClass.ts';

const c = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });

test('a pod without requests or limits is BestEffort', () => {
  assert.equal(qosClass({ spec: { containers: [{}] } }), 'BestEffort');
});

test('limits equal to requests on cpu and memory in every container make a pod Guaranteed', () => {
  assert.equal(qosClass({ spec: { containers: [c({ cpu: '500m', memory: '1Gi' }, { cpu: '0.5', memory: '1Gi' })] } }), 'Guaranteed');
  // A request left out defaults to the limit.
  assert.equal(qosClass({ spec: { containers: [c(undefined, { cpu: '1', memory: '1Gi' })] } }), 'Guaranteed');
});

test('requests below limits, or one container without limits, make a pod Burstable', () => {
  assert.equal(qosClass({ spec: { containers: [c({ cpu: '250m', memory: '256Mi' }, { cpu: '1', memory: '512Mi' })] } }), 'Burstable');
  assert.equal(qosClass({ spec: { containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), {}] } }), 'Burstable');
});
