import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namespaceRow } from './namespaceRow.ts';

test('a namespace row carries name, phase, labels and creation time', () => {
  const row = namespaceRow({
    metadata: { name: 'shop', creationTimestamp: '2025-01-01T00:00:00Z', labels: { team: 'web' } },
    status: { phase: 'Active' },
  });
  assert.deepEqual(row, { key: 'shop', name: 'shop', phase: 'Active', labels: { team: 'web' }, creationTimestamp: '2025-01-01T00:00:00Z' });
});

test('a namespace being deleted without a status yet reads Terminating', () => {
  assert.equal(namespaceRow({ metadata: { name: 'old', deletionTimestamp: '2025-01-02T00:00:00Z' } }).phase, 'Terminating');
});
