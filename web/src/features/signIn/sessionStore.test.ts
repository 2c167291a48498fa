import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportSessionDoubt } from '../../api/sessionSignal.ts';
import { endsSessionOn401 } from '../../api/sessionSignal.ts';
import type { SessionInfo } from './sessionApi.ts';
import { createSessionStore } from './sessionStore.ts';

const alice: SessionInfo = { mode: 'token', signedIn: true, user: { name: 'alice', groups: ['dev'] } };
const nobody: SessionInfo = { mode: 'token', signedIn: false };

test('a first visit without a session is signed out but not "ended": the sign-in page, not the dialog', async () => {
  const store = createSessionStore(async () => nobody);
  await store.refresh();
  assert.equal(store.get().phase, 'signedOut');
  assert.equal(store.get().ended, false);
  store.dispose();
});

test('a 401 from the API while signed in ends the session and asks for the dialog over the page', async () => {
  const store = createSessionStore(async () => alice);
  await store.refresh();
  assert.equal(store.get().phase, 'signedIn');
  reportSessionDoubt('unauthorized');
  assert.equal(store.get().phase, 'signedOut');
  assert.equal(store.get().ended, true);
  assert.equal(store.get().info?.user, undefined, 'the old identity is no longer shown');
  store.signedIn(alice);
  assert.deepEqual([store.get().phase, store.get().ended], ['signedIn', false]);
  store.dispose();
});

test('a lost live connection asks the BFF: still signed in stays, signed out ends the session', async () => {
  let answer = alice;
  const store = createSessionStore(async () => answer);
  await store.refresh();
  reportSessionDoubt('connectionLost');
  await store.refresh();
  assert.equal(store.get().phase, 'signedIn');
  answer = nobody;
  reportSessionDoubt('connectionLost');
  await store.refresh();
  assert.deepEqual([store.get().phase, store.get().ended], ['signedOut', true]);
  store.dispose();
});

test('signing out on purpose shows the sign-in page, not the dialog', async () => {
  const store = createSessionStore(async () => alice);
  await store.refresh();
  store.signedOut();
  assert.deepEqual([store.get().phase, store.get().ended], ['signedOut', false]);
  store.dispose();
});

test('in local mode a 401 is the kubeconfig’s problem, worded by statusSentence: no sign-in dialog', async () => {
  const store = createSessionStore(async () => ({ mode: 'local', signedIn: true }));
  await store.refresh();
  reportSessionDoubt('unauthorized');
  assert.equal(store.get().phase, 'signedIn');
  store.dispose();
});

test('only /api and /k8s 401s end a session, not the sign-in endpoint refusing a token', () => {
  assert.equal(endsSessionOn401('/api/contexts', '/'), true);
  assert.equal(endsSessionOn401('/console/k8s/demo/api/v1/pods', '/console/'), true);
  assert.equal(endsSessionOn401('http://127.0.0.1:8080/api/live', '/'), true);
  assert.equal(endsSessionOn401('/auth/token', '/'), false);
  assert.equal(endsSessionOn401('/api/x', '/console/'), false);
});
