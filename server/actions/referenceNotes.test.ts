import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podTemplateReferences } from '../kube/podTemplateReferences.ts';
import { referenceNotes } from './references.ts';

const only = (spec: Parameters<typeof podTemplateReferences>[0], kind: string, name: string, stateful?: Parameters<typeof podTemplateReferences>[1]) => {
  const ref = podTemplateReferences(spec, stateful).find((r) => r.kind === kind && r.name === name);
  assert.ok(ref, `${kind}/${name} referenced`);
  return ref;
};

test('a missing ConfigMap read only through a volume leaves the pods in ContainerCreating, not CreateContainerConfigError', () => {
  const ref = only({ containers: [{ name: 'web', volumeMounts: [{ name: 'conf', mountPath: '/etc/conf' }] }], volumes: [{ name: 'conf', configMap: { name: 'web-conf' } }] }, 'ConfigMap', 'web-conf');
  assert.deepEqual(referenceNotes(ref, { state: 'missing' }), [{ code: 'missingRequired', kind: 'ConfigMap', name: 'web-conf', effect: 'mountFails' }]);
});

test('a missing image pull secret is its own note: the kubelet pulls without it', () => {
  const ref = only({ containers: [{ name: 'c' }], imagePullSecrets: [{ name: 'registry' }] }, 'Secret', 'registry');
  assert.deepEqual(referenceNotes(ref, { state: 'missing' }), [{ code: 'missingPullSecret', name: 'registry' }]);
});

test("a present Secret without a volume item's key flags the key; an optional env key that is absent is only a note", () => {
  const ref = only(
    {
      containers: [{ name: 'c', env: [{ name: 'T', valueFrom: { secretKeyRef: { name: 'tls', key: 'token', optional: true } } }] }],
      volumes: [{ name: 'certs', secret: { secretName: 'tls', items: [{ key: 'tls.crt', path: 'crt' }, { key: 'tls.key', path: 'key' }] } }],
    },
    'Secret',
    'tls',
  );
  const present = { state: 'present' as const, object: { metadata: { name: 'tls' }, data: { 'tls.crt': 'eA==' } } };
  assert.deepEqual(referenceNotes(ref, present), [
    { code: 'missingKey', kind: 'Secret', name: 'tls', key: 'token', optional: true, effect: 'configError' },
    { code: 'missingKey', kind: 'Secret', name: 'tls', key: 'tls.key', optional: false, effect: 'mountFails' },
  ]);
});

test("a StatefulSet's claim not created yet is expected; a claim that exists unbound, a missing ServiceAccount and a 403 are each said", () => {
  const claim = only({ containers: [{ name: 'pg' }] }, 'PersistentVolumeClaim', 'data-pg-0', { setName: 'pg', replicas: 1, templates: ['data'] });
  assert.deepEqual(referenceNotes(claim, { state: 'missing' }), [{ code: 'claimFromTemplate', name: 'data-pg-0', template: 'data' }]);
  assert.deepEqual(referenceNotes(claim, { state: 'present', object: { metadata: { name: 'data-pg-0' }, status: { phase: 'Pending' } } }), [
    { code: 'claimNotBound', name: 'data-pg-0', phase: 'Pending' },
  ]);
  const account = only({ containers: [{ name: 'c' }], serviceAccountName: 'builder' }, 'ServiceAccount', 'builder');
  assert.deepEqual(referenceNotes(account, { state: 'missing' }), [{ code: 'missingServiceAccount', name: 'builder' }]);
  assert.deepEqual(referenceNotes(account, { state: 'forbidden' }), [{ code: 'forbidden', kind: 'ServiceAccount', name: 'builder' }]);
});
