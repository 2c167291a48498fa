import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, rejection, testContext } from './testContext.ts';

const LEASES = 'leases.coordination.k8s.io';
const lease = (spec: Record<string, unknown>) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', namespace: 'shop' }, spec });

test('a lease stores its times as MicroTime and refuses non-positive durations and negative transitions', () => {
  const ctx = testContext();
  const stored = create(ctx, LEASES, lease({ holderIdentity: 'a', leaseDurationSeconds: 15, renewTime: '2026-01-02T03:04:05Z', acquireTime: '2026-01-02T03:04:05.12Z' }));
  assert.equal(stored.spec.renewTime, '2026-01-02T03:04:05.000000Z');
  assert.equal(stored.spec.acquireTime, '2026-01-02T03:04:05.120000Z');
  const e = rejection(() => create(ctx, LEASES, { ...lease({ leaseDurationSeconds: 0, leaseTransitions: -1 }), metadata: { name: 'bad', namespace: 'shop' } }));
  assert.equal(e.code, 422);
  assert.equal(e.message, 'Lease.coordination.k8s.io "bad" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]');
});

test('wrong types in a lease are decoding errors (400), and nothing is stored', () => {
  const ctx = testContext();
  assert.equal(rejection(() => create(ctx, LEASES, lease({ renewTime: 'yesterday' }))).code, 400);
  assert.match(rejection(() => create(ctx, LEASES, lease({ leaseDurationSeconds: 1.5 }))).message, /cannot unmarshal number 1\.5 into Go struct field LeaseSpec\.spec\.leaseDurationSeconds of type int32/);
  assert.match(rejection(() => create(ctx, LEASES, lease({ holderIdentity: 7 }))).message, /cannot unmarshal number into Go struct field LeaseSpec\.spec\.holderIdentity of type string/);
  assert.equal(ctx.store.list(LEASES).length, 0);
});
