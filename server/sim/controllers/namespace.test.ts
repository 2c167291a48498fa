import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentController } from './deployment.ts';
import { garbageCollector } from './garbageCollector.ts';
import { namespaceController } from './namespace.ts';
import { replicaSetController } from './replicaset.ts';
import { serviceAccountController } from './serviceAccount.ts';
import { eventually } from '../../testing/eventually.ts';
import { testCluster } from './testCluster.ts';

test('every namespace gets a default service account, recreated when deleted', async () => {
  const tc = testCluster([serviceAccountController()]);
  try {
    tc.ctx.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    await eventually(() => tc.ctx.store.get('serviceaccounts', 'team-a', 'default'), 'default SA in team-a');
    assert.ok(tc.ctx.store.get('serviceaccounts', 'shop', 'default'));
    tc.ctx.store.delete('serviceaccounts', 'team-a', 'default');
    await eventually(() => tc.ctx.store.get('serviceaccounts', 'team-a', 'default'), 'default SA recreated');
  } finally {
    tc.close();
  }
});

test('deleting a namespace deletes its contents, shows Terminating, and then the namespace goes', async () => {
  const tc = testCluster([garbageCollector(), deploymentController(), replicaSetController(), namespaceController()]);
  const phases: string[] = [];
  const unsubscribe = tc.ctx.store.subscribe((e) => {
    if (e.object.metadata.name === 'shop' && e.object.status?.phase) phases.push(e.object.status.phase);
  }, 'namespaces');
  try {
    tc.create('deployments.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    tc.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { a: '1' } });
    await eventually(() => tc.ctx.store.list('pods', 'shop').filter((p) => p.status?.phase === 'Running').length === 2, 'two running pods');
    const marked = tc.ctx.store.delete('namespaces', undefined, 'shop');
    assert.ok(marked.metadata.deletionTimestamp, 'the namespace waits for its finalizer');
    await eventually(() => !tc.ctx.store.get('namespaces', undefined, 'shop'), 'namespace gone');
    assert.ok(phases.includes('Terminating'));
    for (const r of ['pods', 'replicasets.apps', 'deployments.apps', 'configmaps']) assert.equal(tc.ctx.store.list(r, 'shop').length, 0, r);
    assert.ok(tc.ctx.store.get('namespaces', undefined, 'default'), 'other namespaces stay');
  } finally {
    unsubscribe();
    tc.close();
  }
});

test("content held by its own finalizer keeps the namespace Terminating with the controller's conditions; creations through admission are refused", async () => {
  const tc = testCluster([namespaceController()]);
  try {
    tc.ctx.store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'shop', finalizers: ['example.com/hold'] } });
    tc.ctx.store.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'also-held', namespace: 'shop', finalizers: ['example.com/hold'] } });
    tc.ctx.store.delete('namespaces', undefined, 'shop');
    const conditions = () => (tc.ctx.store.get('namespaces', undefined, 'shop')?.status?.conditions ?? []) as { type: string; status: string; reason: string; message: string }[];
    await eventually(() => conditions().some((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True'), 'content remaining');
    assert.deepEqual(
      conditions().map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
        ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
        ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
        ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: configmaps. has 1 resource instances, secrets. has 1 resource instances'],
        ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizerRemain', 'Some finalizers are remaining: example.com/hold in 2 resource instances'],
      ],
    );
    assert.throws(
      () => tc.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }),
      (err: { code: number; message: string; details?: { causes?: unknown[] } }) => {
        assert.equal(err.code, 403);
        assert.equal(err.message, 'pods "late" is forbidden: unable to create new content in namespace shop because it is being terminated');
        assert.deepEqual(err.details?.causes, [{ reason: 'NamespaceTerminating', message: 'namespace shop is being terminated', field: 'metadata.namespace' }]);
        return true;
      },
    );
    for (const r of ['configmaps', 'secrets']) {
      tc.ctx.store.mutate(r, 'shop', r === 'secrets' ? 'also-held' : 'held', (o) => void delete o.metadata.finalizers);
    }
    await eventually(() => !tc.ctx.store.get('namespaces', undefined, 'shop'), 'namespace gone');
  } finally {
    tc.close();
  }
});
