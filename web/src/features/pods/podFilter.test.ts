import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podMatches } from './podFilter.ts';

const api = { name: 'api-7d9f-x2x', namespace: 'shop', node: 'node-a', status: 'Running' };
const worker = { name: 'report-28391', namespace: 'batch', node: undefined, status: 'Pending' };

test('q=api finds the api pods by name', () => {
  assert.ok(podMatches(api, 'api'));
  assert.ok(!podMatches(worker, 'api'));
});

test('the filter also finds pods by namespace, node and status, ignoring case', () => {
  assert.ok(podMatches(api, 'NODE-A'));
  assert.ok(podMatches(worker, 'pending'));
  assert.ok(podMatches(worker, 'batch'));
});

test('several words narrow the list: every word must match', () => {
  assert.ok(podMatches(api, 'shop api'));
  assert.ok(!podMatches(api, 'shop pending'));
});

test('an empty filter shows everything', () => {
  assert.ok(podMatches(worker, '  '));
});
