import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldCause } from '../admission/fieldErrors.ts';
import type { JsonSchema } from './definitionTypes.ts';
import { validateAgainstSchema } from './schemaValidation.ts';
import { pruneUnknownFields } from './pruning.ts';
import { applyDefaults } from './defaulting.ts';
import { customResourcePrinter, evaluatePath } from './printerColumns.ts';

const SPEC: JsonSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string', minLength: 3, maxLength: 10 },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        mode: { type: 'string', enum: ['fast', 'slow'] },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
        port: { 'x-kubernetes-int-or-string': true },
        note: { type: 'string', nullable: true },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
};

function messages(value: unknown): string[] {
  const out: FieldCause[] = [];
  validateAgainstSchema(value, SPEC, '', out);
  return out.map((c) => `${c.field}: ${c.message}`);
}

test('a string where the schema says integer is refused in kube-openapi words', () => {
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', replicas: 'string' } }), [
    'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
  ]);
});

test('required, pattern, bounds, lengths, enum and item counts each say what the real server says', () => {
  assert.deepEqual(messages({ spec: {} }), ['spec.cronSpec: Required value']);
  assert.deepEqual(messages({ spec: { cronSpec: 'often' } }), [
    `spec.cronSpec: Invalid value: "often": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`,
  ]);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', replicas: 0 } }), ['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1']);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', replicas: 11 } }), ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10']);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', image: 'ab' } }), ['spec.image: Invalid value: "ab": spec.image in body should be at least 3 chars long']);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', image: 'abcdefghijk' } }), ['spec.image: Too long: may not be more than 10 bytes']);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', mode: 'medium' } }), ['spec.mode: Unsupported value: "medium": supported values: "fast", "slow"']);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', tags: ['a', 'b', 'c'] } }), ['spec.tags: Too many: 3: must have at most 2 items']);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', tags: [] } }), ['spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items']);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', tags: [1] } }), ['spec.tags[0]: Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"']);
});

test('int-or-string takes both, nullable takes null, preserve-unknown-fields takes anything', () => {
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', port: 80, note: null, extra: { a: [1, { b: 2 }] } } }), []);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', port: 'http' } }), []);
  assert.equal(messages({ spec: { cronSpec: '* * * * *', port: true } }).length, 1);
  assert.deepEqual(messages({ spec: { cronSpec: '* * * * *', image: null } }), ['spec.image: Invalid value: "null": spec.image in body must be of type string: "null"']);
});

test('pruning drops undeclared fields but keeps apiVersion, kind, metadata, preserved and map values', () => {
  const obj = { apiVersion: 'x/v1', kind: 'K', metadata: { name: 'n' }, spec: { cronSpec: '* * * * *', bogus: 1, extra: { anything: true }, labels: { a: 'b' } }, top: 2 };
  const pruned = pruneUnknownFields(obj, SPEC);
  assert.deepEqual(pruned.sort(), ['.spec.bogus', '.top']);
  assert.deepEqual(obj, { apiVersion: 'x/v1', kind: 'K', metadata: { name: 'n' }, spec: { cronSpec: '* * * * *', extra: { anything: true }, labels: { a: 'b' } } });
});

test('defaults fill missing fields only', () => {
  const missing: Record<string, unknown> = { spec: { cronSpec: '* * * * *' } };
  applyDefaults(missing, SPEC);
  assert.deepEqual(missing, { spec: { cronSpec: '* * * * *', replicas: 1 } });
  const given: Record<string, unknown> = { spec: { replicas: 5 } };
  applyDefaults(given, SPEC);
  assert.deepEqual(given, { spec: { replicas: 5 } });
});

test('printer columns: Name then the CRD columns typed as the tableconvertor does; without columns, Name and Age', () => {
  const printer = customResourcePrinter([
    { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', priority: 1 },
    { name: 'First', type: 'string', jsonPath: '.spec.tags[0]' },
  ]);
  assert.deepEqual(printer.columns.map((c) => [c.name, c.type, c.priority]), [['Name', 'string', 0], ['Spec', 'string', 0], ['Replicas', 'integer', 1], ['First', 'string', 0]]);
  assert.equal(printer.columns[1].description, 'Custom resource definition column (in JSONPath format): .spec.cronSpec');
  const obj = { apiVersion: 'x/v1', kind: 'K', metadata: { name: 'n', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { cronSpec: '* * * * *', tags: ['a'] } };
  assert.deepEqual(printer.cells(obj, Date.parse('2024-01-01T00:05:00Z')), ['n', '* * * * *', null, 'a']);
  const plain = customResourcePrinter(undefined);
  assert.deepEqual(plain.columns.map((c) => c.name), ['Name', 'Age']);
  assert.deepEqual(plain.cells(obj, Date.parse('2024-01-01T00:05:00Z')), ['n', '5m']);
  assert.equal(evaluatePath(obj, ".metadata['name']"), 'n');
});
