import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor } from '../openapi/schemaLookup.ts';
import { fieldSetOf } from './fieldSetOf.ts';

// List types come from the kind's schema (x-kubernetes-list-type and list-map-keys).

test('a Node\'s addresses are a list keyed by type, as its schema declares', () => {
  const set = fieldSetOf({ status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] } }, schemaFor('', 'v1', 'Node'));
  assert.deepEqual(set.toFieldsV1(), { 'f:status': { 'f:addresses': { 'k:{"type":"InternalIP"}': { '.': {}, 'f:address': {}, 'f:type': {} } } } });
});

test('container ports key on containerPort and protocol, the protocol defaulting to TCP', () => {
  const pod = schemaFor('', 'v1', 'Pod');
  const set = fieldSetOf({ spec: { containers: [{ name: 'web', ports: [{ containerPort: 80 }] }] } }, pod);
  assert.ok(set.has(['f:spec', 'f:containers', 'k:{"name":"web"}', 'f:ports', 'k:{"containerPort":80,"protocol":"TCP"}', 'f:containerPort']));
});

test('tolerations are atomic and a LabelSelector is owned as one value', () => {
  const d = schemaFor('apps', 'v1', 'Deployment');
  const set = fieldSetOf({ spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } } } }, d);
  assert.deepEqual(set.toFieldsV1(), { 'f:spec': { 'f:selector': {}, 'f:template': { 'f:spec': { 'f:tolerations': {} } } } });
});
