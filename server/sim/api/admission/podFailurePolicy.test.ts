import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { admit } from './index.ts';
import { create, rejection, testContext } from './testContext.ts';

const job = (spec: Record<string, unknown>, restartPolicy = 'Never'): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'etl', namespace: 'shop' },
  spec: { template: { spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox:1.36' }] } }, ...spec },
});

const refusal = (obj: KubeObject) => {
  const ctx = testContext();
  return rejection(() => admit(ctx.store.type('jobs.batch'), obj, undefined, ctx, 'create'));
};

test('a pod failure policy with restartPolicy OnFailure is refused in the API server words', () => {
  const err = refusal(job({ podFailurePolicy: { rules: [] } }, 'OnFailure'));
  assert.equal(err.message, 'Job.batch "etl" is invalid: spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified');
});

test('a valid pod failure policy is stored and makes podReplacementPolicy default to Failed', () => {
  const ctx = testContext();
  const podFailurePolicy = {
    rules: [
      { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    ],
  };
  const stored = create(ctx, 'jobs.batch', job({ podFailurePolicy }));
  assert.deepEqual(stored.spec.podFailurePolicy, podFailurePolicy);
  assert.equal(stored.spec.podReplacementPolicy, 'Failed');
});

test('each broken rule gets the field error kube-apiserver gives', () => {
  const err = refusal(
    job({
      podReplacementPolicy: 'TerminatingOrFailed',
      podFailurePolicy: {
        rules: [
          { action: 'Explode', onExitCodes: { containerName: 'nope', operator: 'In', values: [0, 3, 3, 1] } },
          { action: 'FailIndex', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] },
          { onExitCodes: { values: [] } },
          { action: 'Ignore' },
        ],
      },
    }),
  );
  const causes = (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
  assert.deepEqual(causes, [
    'spec.podFailurePolicy.rules[0].action: Unsupported value: "Explode": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
    'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template',
    'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
    'spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3',
    'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 3, 3, 1}: must be ordered',
    'spec.podFailurePolicy.rules[1].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
    'spec.podFailurePolicy.rules[1].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
    'spec.podFailurePolicy.rules[2].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
    'spec.podFailurePolicy.rules[2].onExitCodes.operator: Required value: valid values: ["In" "NotIn"]',
    'spec.podFailurePolicy.rules[2].onExitCodes.values: Invalid value: []int32{}: at least one value is required',
    'spec.podFailurePolicy.rules[3]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
    'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
  ]);
});

test('backoffLimitPerIndex and maxFailedIndexes need an Indexed job', () => {
  const err = refusal(job({ backoffLimitPerIndex: 1, maxFailedIndexes: 1 }));
  const causes = (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
  assert.deepEqual(causes, ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode', 'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode']);
});
