import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textMatches } from './textMatches.ts';

const api = { text: 'api shop demo.registry/shop/api:1.5.0 Progressing', labels: { app: 'api', tier: 'backend' } };

test('every word of the filter must appear, ignoring case', () => {
  assert.ok(textMatches(api.text, api.labels, 'API shop'));
  assert.ok(!textMatches(api.text, api.labels, 'api batch'));
  assert.ok(textMatches(api.text, api.labels, '   '));
});

test('app=api narrows by label like a selector; != excludes; key= asks for the label', () => {
  assert.ok(textMatches(api.text, api.labels, 'tier=backend'));
  assert.ok(!textMatches(api.text, api.labels, 'tier=web'));
  assert.ok(textMatches(api.text, api.labels, 'tier!=web'));
  assert.ok(!textMatches(api.text, api.labels, 'tier!=backend'));
  assert.ok(textMatches(api.text, api.labels, 'app='));
  assert.ok(!textMatches(api.text, api.labels, 'team='));
  assert.ok(textMatches(api.text, api.labels, 'shop app=api'));
});
