import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClaimDetail } from '../../../../server/views/storage/claimDetail.ts';
import { translator } from '../../i18n/translate.ts';
import { needsBoundByControllerNote, provisioningSentence, unboundSentence, verdictSentence } from './claimExplanation.ts';

const t = translator('en');
const say = (s: { key: Parameters<typeof t>[0]; vars: Record<string, string> } | undefined) => (s ? t(s.key, s.vars) : undefined);

function detail(over: Partial<ClaimDetail>): ClaimDetail {
  return {
    namespace: 'storage-demo',
    name: 'c',
    uid: 'u',
    resourceVersion: '1',
    creationTimestamp: '',
    phase: 'Pending',
    status: 'Pending',
    finalizers: [],
    resize: { state: 'none', conditions: [] },
    resizeSteps: [],
    requested: '50Gi',
    accessModes: ['ReadWriteOnce'],
    actualAccessModes: [],
    volumeMode: 'Filesystem',
    provisioning: { mode: 'awaitingVolume', provisioner: 'kubernetes.io/no-provisioner', boundByController: false },
    annotations: [],
    pods: [],
    events: [],
    labels: {},
    ...over,
  };
}

test('a manual-class claim with no matching volume says an administrator has to create one, naming size, modes and class', () => {
  const d = detail({ storageClass: { name: 'manual', from: 'spec', found: true, provisioner: 'kubernetes.io/no-provisioner' }, unbound: { cause: 'noMatchingVolume' } });
  assert.equal(
    say(unboundSentence(d)),
    'No PersistentVolume matches (50Gi, ReadWriteOnce, class manual) and the class’s provisioner kubernetes.io/no-provisioner does not create volumes: an administrator has to create a matching volume.',
  );
  assert.match(say(provisioningSentence(d)) ?? '', /^Static: nothing creates volumes/);
});

test('a claim without any class gets the no-class sentence, not an empty class name', () => {
  const d = detail({ unbound: { cause: 'noMatchingVolume' } });
  assert.match(say(unboundSentence(d)) ?? '', /^No PersistentVolume without a class matches \(50Gi, ReadWriteOnce\)/);
});

test('a WaitForFirstConsumer claim names its class and the pods it waits for, and a Bound claim has no why', () => {
  const cls = { name: 'local-wait', from: 'spec' as const, found: true, volumeBindingMode: 'WaitForFirstConsumer' };
  assert.match(say(unboundSentence(detail({ storageClass: cls, unbound: { cause: 'waitForFirstConsumer' } }))) ?? '', /^Storage class local-wait binds on first use \(WaitForFirstConsumer\)/);
  assert.match(say(unboundSentence(detail({ storageClass: cls, unbound: { cause: 'waitForPodScheduled', waitingPods: ['a', 'b'] } }))) ?? '', /^Waiting for pod a, b to be scheduled/);
  assert.equal(unboundSentence(detail({ phase: 'Bound' })), undefined);
});

test('a dynamic volume names its provisioner, and only a non-dynamic bind warns about bound-by-controller', () => {
  const dynamic = detail({ phase: 'Bound', provisioning: { mode: 'dynamic', provisioner: 'k8s.io/minikube-hostpath', boundByController: true } });
  assert.match(say(provisioningSentence(dynamic)) ?? '', /^Dynamic: k8s\.io\/minikube-hostpath created this volume/);
  assert.equal(needsBoundByControllerNote(dynamic), false);
  assert.equal(needsBoundByControllerNote(detail({ phase: 'Bound', provisioning: { mode: 'static', boundByController: true } })), true);
});

test('a candidate volume bound elsewhere names the claim that has it', () => {
  assert.equal(say(verdictSentence({ name: 'archive-pv-01', capacity: '5Gi', phase: 'Bound', verdict: 'boundElsewhere', claim: 'storage-demo/archive' })), 'bound to storage-demo/archive');
  assert.equal(say(verdictSentence({ name: 'x', capacity: '5Gi', phase: 'Released', verdict: 'notAvailable' })), 'not Available (Released)');
});
