import assert from 'node:assert/strict';
import { test } from 'node:test';
import { credentialsFor } from '../credentials.ts';
import { contextAt } from '../../testing/testUpstream.ts';
import { createUserContexts } from './userContexts.ts';

const base = contextAt('http://127.0.0.1:1', 'c');
const alice = { user: 'alice@example.com', groups: ['team-a'] };

test("an OIDC user's renewed ID token replaces the old one in place: same context, same informers, the new token sent", async () => {
  const users = createUserContexts();
  const first = users.registryFor(base, 'id-token-1', alice, 'oidc').get('c');
  assert.equal((await credentialsFor(first!).apply()).headers.Authorization, 'Bearer id-token-1');
  const renewed = users.registryFor(base, 'id-token-2', alice, 'oidc').get('c');
  assert.equal(renewed, first, 'the same context object (and so the same informers and pool)');
  assert.equal((await credentialsFor(renewed!).apply()).headers.Authorization, 'Bearer id-token-2');
  assert.equal(users.size(), 1);
  const otherGroups = users.registryFor(base, 'id-token-3', { ...alice, groups: ['team-a', 'admins'] }, 'oidc').get('c');
  assert.notEqual(otherGroups, first, 'different groups, different rights: another principal');
});

test('pasted tokens are each their own principal, and no user context ever carries the console credential', async () => {
  const users = createUserContexts();
  const a = users.registryFor(base, 'token-a', { user: 'system:serviceaccount:team-a:viewer', groups: [] }, 'token').get('c');
  const b = users.registryFor(base, 'token-b', { user: 'system:serviceaccount:team-a:viewer', groups: [] }, 'token').get('c');
  assert.notEqual(a, b);
  assert.notEqual(a?.principal, undefined);
  assert.equal(a?.namespace, 'team-a', "a service account's own namespace is its default");
  assert.equal((await credentialsFor(b!).apply()).headers.Authorization, 'Bearer token-b');
});
