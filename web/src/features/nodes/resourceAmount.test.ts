import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesAmount, cpuCores, percentOf } from './resourceAmount.ts';

test('cpu millicores read as cores: 1500m is 1.5, 4000m is 4', () => {
  assert.equal(cpuCores(1500), '1.5');
  assert.equal(cpuCores(4000), '4');
  assert.equal(cpuCores(250), '0.25');
});

test('memory reads as Mi/Gi and shares as whole percents', () => {
  assert.equal(bytesAmount(512 * 2 ** 20), '512Mi');
  assert.equal(bytesAmount(8 * 2 ** 30), '8Gi');
  assert.equal(percentOf(3, 4), 75);
  assert.equal(percentOf(1, 0), 0);
});
