import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { V1PodSpec } from '@kubernetes/client-node';
import { keysNeeded, podTemplateReferences } from './podTemplateReferences.ts';
import { nearMiss, servicesSelecting, type ServiceSelectorShape } from './serviceSelection.ts';

const byName = (spec: V1PodSpec, ...rest: Parameters<typeof podTemplateReferences> extends [unknown, ...infer R] ? R : never) =>
  new Map(podTemplateReferences(spec, ...rest).map((r) => [`${r.kind}/${r.name}`, r]));

test('an api container reading a ConfigMap wholesale and one Secret key names both, required, with the container and variable', () => {
  const refs = byName({
    containers: [
      {
        name: 'api',
        envFrom: [{ configMapRef: { name: 'api-config' }, prefix: 'APP_' }],
        env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }, { name: 'PLAIN', value: 'x' }],
      },
    ],
  });
  assert.deepEqual(refs.get('ConfigMap/api-config'), {
    kind: 'ConfigMap',
    name: 'api-config',
    required: true,
    uses: [{ via: 'envFrom', container: 'api', role: 'app', prefix: 'APP_', optional: false }],
  });
  const secret = refs.get('Secret/db');
  assert.equal(secret?.required, true);
  assert.deepEqual(secret?.uses, [{ via: 'envKey', container: 'api', role: 'app', variable: 'DB_PASSWORD', key: 'password', optional: false }]);
  assert.deepEqual(keysNeeded(secret!.uses[0]), ['password']);
});

test('optional references stay optional only while every use is optional', () => {
  const refs = byName({
    containers: [
      { name: 'a', envFrom: [{ configMapRef: { name: 'flags', optional: true } }, { secretRef: { name: 'extra', optional: true } }] },
      { name: 'b', env: [{ name: 'F', valueFrom: { configMapKeyRef: { name: 'flags', key: 'f' } } }] },
    ],
  });
  assert.equal(refs.get('ConfigMap/flags')?.required, true, 'container b needs flags.f');
  assert.equal(refs.get('Secret/extra')?.required, false);
});

test('volumes name their objects with every mount, across init, app and ephemeral containers; projected sources and items count', () => {
  const refs = byName({
    initContainers: [{ name: 'migrate', volumeMounts: [{ name: 'conf', mountPath: '/init/conf', readOnly: true }] }],
    containers: [{ name: 'web', volumeMounts: [{ name: 'conf', mountPath: '/etc/conf' }, { name: 'data', mountPath: '/data' }] }],
    ephemeralContainers: [{ name: 'debugger', volumeMounts: [{ name: 'bundle', mountPath: '/bundle' }] }],
    volumes: [
      { name: 'conf', configMap: { name: 'web-conf', items: [{ key: 'nginx.conf', path: 'nginx.conf' }] } },
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'tls', secret: { secretName: 'web-tls', optional: true } },
      { name: 'bundle', projected: { sources: [{ configMap: { name: 'ca-bundle' } }, { secret: { name: 'client-cert', optional: true } }, { serviceAccountToken: { path: 'token' } }] } },
    ],
  });
  const conf = refs.get('ConfigMap/web-conf')!;
  assert.deepEqual(conf.uses, [
    {
      via: 'volume',
      volume: 'conf',
      projected: false,
      keys: ['nginx.conf'],
      optional: false,
      mounts: [
        { container: 'migrate', role: 'init', mountPath: '/init/conf', readOnly: true },
        { container: 'web', role: 'app', mountPath: '/etc/conf', readOnly: false },
      ],
    },
  ]);
  assert.equal(refs.get('PersistentVolumeClaim/web-data')?.required, true);
  assert.equal(refs.get('Secret/web-tls')?.required, false, 'an optional secret volume');
  const ca = refs.get('ConfigMap/ca-bundle')!;
  assert.equal(ca.uses[0].via === 'volume' && ca.uses[0].projected, true);
  assert.deepEqual(ca.uses[0].via === 'volume' && ca.uses[0].mounts, [{ container: 'debugger', role: 'ephemeral', mountPath: '/bundle', readOnly: false }]);
  assert.equal(refs.get('Secret/client-cert')?.required, false);
});

test('the service account defaults to "default"; image pull secrets are references too', () => {
  const plain = byName({ containers: [{ name: 'c' }] });
  assert.deepEqual(plain.get('ServiceAccount/default')?.uses, [{ via: 'serviceAccount', defaulted: true, optional: false }]);
  const named = byName({ containers: [{ name: 'c' }], serviceAccountName: 'builder', imagePullSecrets: [{ name: 'registry' }] });
  assert.equal(named.has('ServiceAccount/default'), false);
  assert.deepEqual(named.get('ServiceAccount/builder')?.uses, [{ via: 'serviceAccount', defaulted: false, optional: false }]);
  assert.deepEqual(named.get('Secret/registry')?.uses, [{ via: 'imagePullSecret', optional: false }]);
  assert.ok(byName({ containers: [{ name: 'c' }], serviceAccount: 'legacy' }).has('ServiceAccount/legacy'), 'the deprecated serviceAccount field');
});

test("a StatefulSet's claim templates become one claim per ordinal, replacing a pod volume of the same name", () => {
  const refs = byName(
    { containers: [{ name: 'pg', volumeMounts: [{ name: 'data', mountPath: '/var/lib/pg' }] }], volumes: [{ name: 'data', emptyDir: {} }] },
    { setName: 'postgres', replicas: 2, firstOrdinal: 3, templates: ['data'] },
  );
  assert.deepEqual(
    [...refs.keys()].filter((k) => k.startsWith('PersistentVolumeClaim/')),
    ['PersistentVolumeClaim/data-postgres-3', 'PersistentVolumeClaim/data-postgres-4'],
  );
  assert.deepEqual(refs.get('PersistentVolumeClaim/data-postgres-4')?.uses, [{ via: 'claimTemplate', template: 'data', ordinal: 4, optional: false }]);
});

test('a Service selects a pod when every selector pair is among its labels; no selector selects nothing', () => {
  const services: ServiceSelectorShape[] = [
    { metadata: { name: 'api' }, spec: { selector: { app: 'api' } } },
    { metadata: { name: 'api-v2' }, spec: { selector: { app: 'api', version: 'v2' } } },
    { metadata: { name: 'manual' }, spec: {} },
    { metadata: { name: 'empty' }, spec: { selector: {} } },
  ];
  assert.deepEqual(
    servicesSelecting(services, { app: 'api', version: 'v1', tier: 'backend' }).map((s) => s.metadata.name),
    ['api'],
  );
  assert.deepEqual(servicesSelecting(services, undefined), []);
});

test('a near miss names the pairs a pod lacks; a pod matching all or none is no near miss', () => {
  const selector = { app: 'api', version: 'v2' };
  assert.deepEqual(nearMiss(selector, { app: 'api', version: 'v1' }), [{ key: 'version', wanted: 'v2', actual: 'v1' }]);
  assert.deepEqual(nearMiss(selector, { app: 'api' }), [{ key: 'version', wanted: 'v2' }]);
  assert.equal(nearMiss(selector, { app: 'api', version: 'v2' }), undefined);
  assert.equal(nearMiss(selector, { app: 'web' }), undefined);
  assert.equal(nearMiss({}, { app: 'web' }), undefined);
});
