import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admit } from './index.ts';
import { create, rejection, testContext } from './testContext.ts';

test('a namespace is Active with the kubernetes finalizer and its name label', () => {
  const ctx = testContext([]);
  const ns = create(ctx, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });
  assert.deepEqual(ns.status, { phase: 'Active' });
  assert.equal(ns.metadata.labels?.['kubernetes.io/metadata.name'], 'team-a');
});

test('services get a unique cluster IP, TCP ports and node ports in range', () => {
  const ctx = testContext();
  const a = create(ctx, 'services', { metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  assert.equal(a.spec.type, 'ClusterIP');
  assert.match(a.spec.clusterIP, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
  assert.deepEqual(a.spec.clusterIPs, [a.spec.clusterIP]);
  assert.deepEqual(a.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  assert.deepEqual([a.spec.sessionAffinity, a.spec.ipFamilyPolicy, a.spec.internalTrafficPolicy], ['None', 'SingleStack', 'Cluster']);
  assert.deepEqual(a.spec.ipFamilies, ['IPv4']);
  const b = create(ctx, 'services', { metadata: { name: 'api', namespace: 'shop' }, spec: { type: 'NodePort', ports: [{ port: 8080 }] } });
  assert.notEqual(b.spec.clusterIP, a.spec.clusterIP);
  assert.ok(b.spec.ports[0].nodePort >= 30000 && b.spec.ports[0].nodePort <= 32767);
  const headless = create(ctx, 'services', { metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', ports: [{ port: 5432 }] } });
  assert.deepEqual(headless.spec.clusterIPs, ['None']);
});

test('a service replaced without its cluster IP keeps it', () => {
  const ctx = testContext();
  const old = create(ctx, 'services', { metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } });
  const next = { metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 81 }] } };
  admit(ctx.store.type('services'), next, old, ctx, 'update');
  assert.equal((next.spec as { clusterIP?: string }).clusterIP, old.spec.clusterIP);
});

test('secrets default to Opaque, fold stringData into base64 data and reject bad base64', () => {
  const ctx = testContext();
  const s = create(ctx, 'secrets', { metadata: { name: 'db', namespace: 'shop' }, stringData: { password: 'hunter2' } });
  assert.equal(s.type, 'Opaque');
  assert.deepEqual(s.data, { password: 'aHVudGVyMg==' });
  assert.equal(s.stringData, undefined);
  const err = rejection(() => admit(ctx.store.type('secrets'), { metadata: { name: 'x', namespace: 'shop' }, data: { a: 'not base64!' } }, undefined, ctx, 'create'));
  assert.equal(err.code, 400);
});

test('config keys must be valid', () => {
  const ctx = testContext();
  const err = rejection(() => admit(ctx.store.type('configmaps'), { metadata: { name: 'c', namespace: 'shop' }, data: { 'bad key': 'v' } }, undefined, ctx, 'create'));
  assert.match(err.message, /data\[bad key\]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '\.'/);
});
