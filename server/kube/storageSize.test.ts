import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storageSizeProblem } from './storageSize.ts';

test('storage sizes with binary or decimal units pass; empty, unit typos, zero, 1e308 and non-strings are refused', () => {
  for (const ok of ['10Gi', '500M', '1.5Gi', '1Ti', '1073741824', '8Ei']) assert.equal(storageSizeProblem(ok), undefined, ok);
  assert.equal(storageSizeProblem(''), 'empty');
  assert.equal(storageSizeProblem(undefined), 'empty');
  for (const bad of ['10GB', '10 Gi', 'ten', '10gi', ' 1Gi', '1Gi\n', 'x'.repeat(100)]) assert.equal(storageSizeProblem(bad), 'malformed', bad);
  for (const wrong of [10, 1e308, true, ['1Gi'], { storage: '1Gi' }]) assert.equal(storageSizeProblem(wrong), 'malformed', JSON.stringify(wrong));
  assert.equal(storageSizeProblem('0'), 'notPositive');
  assert.equal(storageSizeProblem('-1Gi'), 'notPositive');
  assert.equal(storageSizeProblem('1e308'), 'tooLarge');
  assert.equal(storageSizeProblem('9Ei'), 'tooLarge');
});
