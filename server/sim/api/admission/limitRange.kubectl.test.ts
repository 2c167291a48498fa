import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';

// LimitRange as the LimitRanger admission plugin applies it: defaults filled in, pods outside
// min, max or the limit/request ratio refused with 403 in the plugin's words.
const demo = demoClusterForKubectl({ seed: false });
const ok = demo.ok;
const refused = demo.refused;

function pod(name: string, resources?: object): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ranges' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...(resources ? { resources } : {}) }] } });
}

const RANGE = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'defaults', namespace: 'ranges' },
  spec: {
    limits: [
      { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' }, max: { cpu: '1' }, min: { cpu: '50m' }, maxLimitRequestRatio: { memory: '2' } },
    ],
  },
};

before(async () => {
  await ok(['create', 'namespace', 'ranges']);
  await ok(['create', '-f', '-'], JSON.stringify(RANGE));
});

test('a LimitRange is stored with its defaulting (defaultRequest from default) and listed as NAME, CREATED AT', async () => {
  const stored = JSON.parse(await ok(['get', 'limitrange', 'defaults', '-n', 'ranges', '-o', 'json'])) as { spec: { limits: Record<string, unknown>[] } };
  assert.deepEqual(stored.spec.limits[0].defaultRequest, { cpu: '100m', memory: '256Mi' });
  assert.match(await ok(['get', 'limits', '-n', 'ranges']), /^NAME\s+CREATED AT\ndefaults\s+\d{4}-\d\d-\d\dT/);
  const described = await ok(['describe', 'limitrange', 'defaults', '-n', 'ranges']);
  assert.match(described, /Container\s+cpu\s+50m\s+1\s+100m\s+500m\s+-/);
});

test('a pod without resources gets the default requests and limits, and the annotation saying so', async () => {
  await ok(['create', '-f', '-'], pod('plain'));
  const created = JSON.parse(await ok(['get', 'pod', 'plain', '-n', 'ranges', '-o', 'json'])) as {
    metadata: { annotations: Record<string, string> };
    spec: { containers: { resources: object }[] };
    status: { qosClass: string };
  };
  assert.deepEqual(created.spec.containers[0].resources, { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
  assert.equal(created.metadata.annotations['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
  assert.equal(created.status.qosClass, 'Burstable');
});

test('pods outside min, max or the ratio are refused with the LimitRanger messages', async () => {
  assert.equal(
    await refused(['create', '-f', '-'], pod('big', { limits: { cpu: '2' } })),
    'Error from server (Forbidden): error when creating "STDIN": pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
  );
  assert.equal(
    await refused(['create', '-f', '-'], pod('tiny', { requests: { cpu: '10m' } })),
    'Error from server (Forbidden): error when creating "STDIN": pods "tiny" is forbidden: minimum cpu usage per Container is 50m, but request is 10m',
  );
  assert.equal(
    await refused(['create', '-f', '-'], pod('stretchy', { requests: { memory: '64Mi' }, limits: { memory: '512Mi', cpu: '2' } })),
    'Error from server (Forbidden): error when creating "STDIN": pods "stretchy" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, memory max limit to request ratio per Container is 2, but provided ratio is 8.000000]',
  );
});

test('a LimitRange whose min is above its max is invalid', async () => {
  const bad = { ...RANGE, metadata: { name: 'bad', namespace: 'ranges' }, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } };
  const err = await refused(['create', '-f', '-'], JSON.stringify(bad));
  assert.match(err, /The LimitRange "bad" is invalid: \n?.*spec\.limits\[0\]\.min\[cpu\]: Invalid value: "2": min value 2 is greater than max value 1/);
});

test('a claim outside a PersistentVolumeClaim range is refused with the storage min and max messages', async () => {
  const range = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'storage', namespace: 'ranges' }, spec: { limits: [{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '5Gi' } }] } };
  await ok(['create', '-f', '-'], JSON.stringify(range));
  const claim = (name: string, size: string) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'ranges' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } });
  assert.equal(
    await refused(['create', '-f', '-'], claim('huge', '10Gi')),
    'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "huge" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi',
  );
  assert.equal(
    await refused(['create', '-f', '-'], claim('tiny', '500Mi')),
    'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "tiny" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
  );
  await ok(['create', '-f', '-'], claim('fits', '2Gi'));
});
