import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/object.ts';
import { controllerRevisionHistory, revisionHistory } from './revisionHistory.ts';

const ctl = (kind: string, uid: string) => [{ apiVersion: 'apps/v1', kind, name: 'x', uid, controller: true }];
const template = (image: string) => ({ metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }] } });

test('the revision list names each ReplicaSet revision with its images, change-cause and pods, newest first', () => {
  const d: KubeObject = { kind: 'Deployment', metadata: { name: 'api', uid: 'd1', annotations: { 'deployment.kubernetes.io/revision': '2' } } };
  const rss: KubeObject[] = [
    { metadata: { name: 'api-1', uid: 'r1', creationTimestamp: '2025-01-01T00:00:00Z', annotations: { 'deployment.kubernetes.io/revision': '1', 'kubernetes.io/change-cause': 'release 1.4.2' }, ownerReferences: ctl('Deployment', 'd1') }, spec: { template: template('api:1.4.2') } },
    { metadata: { name: 'api-2', uid: 'r2', creationTimestamp: '2025-01-02T00:00:00Z', annotations: { 'deployment.kubernetes.io/revision': '2' }, ownerReferences: ctl('Deployment', 'd1') }, spec: { template: template('api:1.5.0') } },
    { metadata: { name: 'other', uid: 'r3', annotations: { 'deployment.kubernetes.io/revision': '7' }, ownerReferences: ctl('Deployment', 'zz') }, spec: { template: template('x') } },
  ];
  const pods: KubeObject[] = [
    { metadata: { name: 'p1', ownerReferences: ctl('ReplicaSet', 'r2') }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    { metadata: { name: 'p2', ownerReferences: ctl('ReplicaSet', 'r2') }, status: {} },
  ];
  const h = revisionHistory(d, rss, pods);
  assert.deepEqual(
    h.map((r) => [r.revision, r.images, r.changeCause, r.pods, r.current]),
    [
      [2, ['api:1.5.0'], undefined, { total: 2, ready: 1 }, true],
      [1, ['api:1.4.2'], 'release 1.4.2', { total: 0, ready: 0 }, false],
    ],
  );
});

test('a statefulset\'s revisions come from its ControllerRevisions, current being the update revision', () => {
  const sts: KubeObject = { kind: 'StatefulSet', metadata: { name: 'db', uid: 's1' }, status: { updateRevision: 'db-b' } };
  const data = (image: string) => ({ spec: { template: { ...template(image), $patch: 'replace' } } });
  const crs: KubeObject[] = [
    { metadata: { name: 'db-a', ownerReferences: ctl('StatefulSet', 's1') }, revision: 1, data: data('postgres:16.3') },
    { metadata: { name: 'db-b', ownerReferences: ctl('StatefulSet', 's1') }, revision: 2, data: data('postgres:16.4') },
  ];
  const pods: KubeObject[] = [{ metadata: { name: 'db-0', labels: { 'controller-revision-hash': 'db-b' }, ownerReferences: ctl('StatefulSet', 's1') } }];
  const h = controllerRevisionHistory(sts, crs, pods);
  assert.deepEqual(h.map((r) => [r.revision, r.images[0], r.pods.total, r.current]), [[2, 'postgres:16.4', 1, true], [1, 'postgres:16.3', 0, false]]);
});
