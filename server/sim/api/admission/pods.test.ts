import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { admit } from './index.ts';
import { create, rejection, testContext } from './testContext.ts';

const pod = (containers: Record<string, unknown>[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers } });

test('a new pod gets the defaults a real API server writes', () => {
  const ctx = testContext();
  const p = create(ctx, 'pods', pod([{ name: 'app', image: 'nginx' }, { name: 'side', image: 'envoy:1.30', resources: { requests: { cpu: '100m' } } }]));
  const s = p.spec;
  assert.deepEqual([s.restartPolicy, s.dnsPolicy, s.schedulerName, s.terminationGracePeriodSeconds, s.serviceAccountName, s.enableServiceLinks], ['Always', 'ClusterFirst', 'default-scheduler', 30, 'default', true]);
  assert.deepEqual(s.securityContext, {});
  assert.equal(s.containers[0].imagePullPolicy, 'Always');
  assert.equal(s.containers[1].imagePullPolicy, 'IfNotPresent');
  assert.equal(s.containers[0].terminationMessagePath, '/dev/termination-log');
  assert.equal(s.containers[0].terminationMessagePolicy, 'File');
  assert.deepEqual(s.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  assert.ok(s.containers[0].volumeMounts.some((m: { mountPath: string }) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount'));
  assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'Burstable' });
});

test('QoS class follows requests and limits', () => {
  const ctx = testContext();
  const guaranteed = create(ctx, 'pods', { ...pod([{ name: 'a', image: 'x:1', resources: { limits: { cpu: '1', memory: '1Gi' } } }]), metadata: { name: 'g', namespace: 'shop' } });
  assert.equal(guaranteed.status.qosClass, 'Guaranteed');
  const best = create(ctx, 'pods', { ...pod([{ name: 'a', image: 'x:1' }]), metadata: { name: 'b', namespace: 'shop' } });
  assert.equal(best.status.qosClass, 'BestEffort');
});

test('a container without an image is rejected with Required value', () => {
  const ctx = testContext();
  const err = rejection(() => admit(ctx.store.type('pods'), pod([{ name: 'app' }]), undefined, ctx, 'create'));
  assert.equal(err.message, 'Pod "web" is invalid: spec.containers[0].image: Required value');
  assert.equal(err.details?.causes?.[0].reason, 'FieldValueRequired');
});

test('a running pod may change its image but not its ports', () => {
  const ctx = testContext();
  const old = create(ctx, 'pods', pod([{ name: 'app', image: 'nginx:1.26' }]));
  const newImage = structuredClone(old);
  newImage.spec.containers[0].image = 'nginx:1.27';
  admit(ctx.store.type('pods'), newImage, old, ctx, 'update');
  const newPort = structuredClone(old);
  newPort.spec.containers[0].ports = [{ containerPort: 8080 }];
  const err = rejection(() => admit(ctx.store.type('pods'), newPort, old, ctx, 'update'));
  assert.match(err.message, /^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/);
});
