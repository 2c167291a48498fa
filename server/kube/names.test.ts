import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invalidNameMessage, nameProblems } from './names.ts';

test('path syntax is never a name, whatever the kind', () => {
  for (const rule of ['dns1123Subdomain', 'dns1123Label', 'dns1035Label'] as const) {
    assert.deepEqual(nameProblems(rule, '..'), ["may not be '..'"]);
    assert.deepEqual(nameProblems(rule, '.'), ["may not be '.'"]);
    assert.deepEqual(nameProblems(rule, 'a/b'), ["may not contain '/'"]);
    assert.deepEqual(nameProblems(rule, '%2e'), ["may not contain '%'"]);
  }
});

test('a subdomain may have dots and 253 characters; a label neither', () => {
  assert.deepEqual(nameProblems('dns1123Subdomain', 'web.v2'), []);
  assert.deepEqual(nameProblems('dns1123Subdomain', 'a'.repeat(253)), []);
  assert.deepEqual(nameProblems('dns1123Subdomain', 'a'.repeat(254)), ['must be no more than 253 characters']);
  assert.equal(nameProblems('dns1123Label', 'web.v2').length, 1);
  assert.deepEqual(nameProblems('dns1123Label', 'a'.repeat(64)), ['must be no more than 63 characters']);
  assert.deepEqual(nameProblems('dns1035Label', '1abc').length, 1);
  assert.deepEqual(nameProblems('dns1123Label', '1abc'), []);
});

test('the message is the API server\'s, value quoted and long values cut', () => {
  assert.equal(
    invalidNameMessage('metadata.name', 'dns1123Subdomain', 'Web'),
    `metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  );
  assert.equal(invalidNameMessage('metadata.name', 'dns1123Subdomain', 'web'), undefined);
  assert.match(invalidNameMessage('metadata.name', 'dns1123Label', 'x'.repeat(300)) ?? '', /^metadata\.name: Invalid value: "x{80}…": must be no more than 63 characters/);
  assert.equal(invalidNameMessage('metadata.name', 'dns1123Label', ''), 'metadata.name: Required value: name or generateName is required');
});
