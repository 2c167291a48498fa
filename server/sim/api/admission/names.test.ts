import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admit } from './index.ts';
import { rejection, testContext } from './testContext.ts';

test('an invalid name gets the real 422 with the RFC 1123 message', () => {
  const ctx = testContext();
  const err = rejection(() => admit(ctx.store.type('configmaps'), { metadata: { name: 'Bad_Name', namespace: 'shop' } }, undefined, ctx, 'create'));
  assert.equal(err.code, 422);
  assert.equal(err.reason, 'Invalid');
  assert.equal(
    err.message,
    `ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  );
  assert.deepEqual(err.details?.causes?.[0], { reason: 'FieldValueInvalid', field: 'metadata.name', message: err.message.split('metadata.name: ')[1] });
});

test('services need DNS-1035 labels and namespaces DNS-1123 labels', () => {
  const ctx = testContext();
  const svc = rejection(() => admit(ctx.store.type('services'), { metadata: { name: '1web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } }, undefined, ctx, 'create'));
  assert.match(svc.message, /a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character \(e\.g\. 'my-name', {2}or 'abc-123', regex used for validation is '\[a-z\]\(\[-a-z0-9\]\*\[a-z0-9\]\)\?'\)/);
  const ns = rejection(() => admit(ctx.store.type('namespaces'), { metadata: { name: 'team.a' } }, undefined, ctx, 'create'));
  assert.match(ns.message, /^Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": a lowercase RFC 1123 label/);
});

test('generateName gets a random suffix before validation', () => {
  const ctx = testContext();
  const obj = { metadata: { generateName: 'report-', namespace: 'shop' } };
  admit(ctx.store.type('configmaps'), obj, undefined, ctx, 'create');
  assert.match((obj.metadata as { name?: string }).name ?? '', /^report-[a-z0-9]{5}$/);
});

test('creating in a missing namespace is 404, in a terminating one 403', () => {
  const ctx = testContext();
  assert.equal(rejection(() => admit(ctx.store.type('configmaps'), { metadata: { name: 'c', namespace: 'nope' } }, undefined, ctx, 'create')).code, 404);
  ctx.store.mutate('namespaces', undefined, 'shop', (n) => {
    n.status = { phase: 'Terminating' };
  });
  const err = rejection(() => admit(ctx.store.type('configmaps'), { metadata: { name: 'c', namespace: 'shop' } }, undefined, ctx, 'create'));
  assert.equal(err.code, 403);
  assert.equal(err.message, 'configmaps "c" is forbidden: unable to create new content in namespace shop because it is being terminated');
});
