import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../kube/object.ts';
import { admit } from './index.ts';
import { create, rejection, testContext } from './testContext.ts';

const deployment = (selector: Record<string, string>, labels: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: selector }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
});

test('a deployment gets replicas, strategy, history and deadline defaults', () => {
  const ctx = testContext();
  const d = create(ctx, 'deployments.apps', deployment({ app: 'web' }, { app: 'web' }));
  assert.equal(d.spec.replicas, 1);
  assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  assert.equal(d.spec.template.spec.restartPolicy, 'Always');
  assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.deepEqual(d.status, {});
});

test('a deployment whose selector does not match its template is rejected', () => {
  const ctx = testContext();
  const err = rejection(() => admit(ctx.store.type('deployments.apps'), deployment({ app: 'web' }, { app: 'api' }), undefined, ctx, 'create'));
  assert.equal(err.code, 422);
  assert.equal(err.message, 'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`');
});

test("a deployment's selector cannot change", () => {
  const ctx = testContext();
  const old = create(ctx, 'deployments.apps', deployment({ app: 'web' }, { app: 'web', v: '2' }));
  const next = structuredClone(old);
  next.spec.selector = { matchLabels: { v: '2' } };
  const err = rejection(() => admit(ctx.store.type('deployments.apps'), next, old, ctx, 'update'));
  assert.equal(err.message, 'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
});

test('statefulsets and daemonsets get their update strategy defaults', () => {
  const ctx = testContext();
  const base = deployment({ app: 'db' }, { app: 'db' });
  const sts = create(ctx, 'statefulsets.apps', { ...base, kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { ...base.spec, serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] } });
  assert.equal(sts.spec.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(sts.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(sts.spec.volumeClaimTemplates[0].spec.volumeMode, 'Filesystem');
  const changed = structuredClone(sts);
  changed.spec.serviceName = 'other';
  assert.match(rejection(() => admit(ctx.store.type('statefulsets.apps'), changed, sts, ctx, 'update')).message, /spec: Forbidden: updates to statefulset spec for fields other than 'replicas'/);
  const ds = create(ctx, 'daemonsets.apps', { ...base, kind: 'DaemonSet', metadata: { name: 'logs', namespace: 'shop' } });
  assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(ds.spec.revisionHistoryLimit, 10);
});
