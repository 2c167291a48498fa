import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authUrl, oidcLoginUrl } from './sessionApi.ts';

test('the identity provider sign-in returns to the page the user was on, under the base path', () => {
  assert.equal(oidcLoginUrl('/console/c/demo/pods?ns=team-a', '/console/'), '/console/auth/oidc/login?return=%2Fconsole%2Fc%2Fdemo%2Fpods%3Fns%3Dteam-a');
  assert.equal(authUrl('session', '/'), '/auth/session');
});

test('a return path outside the console is not passed on: the callback would refuse it anyway', () => {
  assert.equal(oidcLoginUrl('/elsewhere', '/console/'), '/console/auth/oidc/login?return=%2Fconsole%2F');
});
