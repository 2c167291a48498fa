import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration } from './humanDuration.ts';

test('ages read the way kubectl prints them', () => {
  const s = 1000;
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [182 * s, '3m2s'],
    [300 * s, '5m'],
    [45 * 60 * s, '45m'],
    [(5 * 3600 + 30 * 60) * s, '5h30m'],
    [20 * 3600 * s, '20h'],
    [(2 * 86400 + 5 * 3600) * s, '2d5h'],
    [3 * 86400 * s, '3d'],
    [400 * 86400 * s, '400d'],
    [(3 * 365 + 20) * 86400 * s, '3y20d'],
    [10 * 365 * 86400 * s, '10y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});
