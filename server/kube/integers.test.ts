import { test } from 'node:test';
import assert from 'node:assert/strict';
import { integerProblem } from './integers.ts';

test('int32 bounds are the Go type\'s, and the lower bound is validation\'s', () => {
  const replicas = { type: 'int32', min: 0 } as const;
  assert.equal(integerProblem('spec.replicas', 0, replicas), undefined);
  assert.equal(integerProblem('spec.replicas', 2147483647, replicas), undefined);
  assert.equal(integerProblem('spec.replicas', 2147483648, replicas), 'spec.replicas: cannot unmarshal number 2147483648 into a field of type int32');
  assert.equal(integerProblem('spec.replicas', 1e308, replicas), 'spec.replicas: cannot unmarshal number 1e+308 into a field of type int32');
  assert.equal(integerProblem('spec.replicas', -1, replicas), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(integerProblem('spec.replicas', 1.5, replicas), 'spec.replicas: cannot unmarshal number 1.5 into a field of type int32');
  assert.equal(integerProblem('spec.replicas', Number.NaN, replicas), 'spec.replicas: cannot unmarshal number NaN into a field of type int32');
});

test('values of another JSON type are named by their type', () => {
  const rule = { type: 'int64' } as const;
  assert.equal(integerProblem('generation', '1', rule), 'generation: cannot unmarshal string into a field of type int64');
  assert.equal(integerProblem('generation', null, rule), 'generation: cannot unmarshal null into a field of type int64');
  assert.equal(integerProblem('generation', [1], rule), 'generation: cannot unmarshal array into a field of type int64');
  assert.equal(integerProblem('generation', { n: 1 }, rule), 'generation: cannot unmarshal object into a field of type int64');
  assert.equal(integerProblem('generation', true, rule), 'generation: cannot unmarshal boolean into a field of type int64');
  assert.equal(integerProblem('generation', 2 ** 60, rule), `generation: cannot unmarshal number ${2 ** 60} into a field of type int64`);
});
