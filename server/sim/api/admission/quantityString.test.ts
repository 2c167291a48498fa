import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity, nanos, quantityFromNanos } from './quantityString.ts';

test('quantities print as resource.Quantity.String() does', () => {
  const cases: [string, string][] = [
    ['0.5', '500m'], ['1', '1'], ['1500m', '1500m'], ['2000', '2k'], ['100M', '100M'], ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'], ['512', '512'], ['0', '0'], ['1e3', '1e3'], ['100Mi', '100Mi'], ['0.1', '100m'], ['10G', '10G'],
  ];
  for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, input);
});

test('a sum keeps the format of its first term', () => {
  assert.equal(quantityFromNanos(nanos('64Mi') + nanos('64Mi'), 'BinarySI'), '128Mi');
  assert.equal(quantityFromNanos(nanos('100m') + nanos('200m'), 'DecimalSI'), '300m');
  assert.equal(quantityFromNanos(nanos('500Mi') + nanos('1'), 'BinarySI'), '524288001');
});
