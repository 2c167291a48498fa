import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PendingSearch } from './pendingSearch.ts';

test('a second change before the first is rendered builds on the first', () => {
  const p = new PendingSearch();
  assert.equal(p.base('/c/demo/pods', '?ns=load'), '?ns=load');
  p.record('/c/demo/pods', '?ns=load', '?ns=load&sort=restarts');
  // Still rendering ?ns=load: the sort is not on screen yet, but the filter keeps it.
  assert.equal(p.base('/c/demo/pods', '?ns=load'), '?ns=load&sort=restarts');
  p.record('/c/demo/pods', '?ns=load', '?ns=load&sort=restarts&q=l');
  assert.equal(p.base('/c/demo/pods', '?ns=load'), '?ns=load&sort=restarts&q=l');
});

test('an intermediate render does not roll back to it', () => {
  const p = new PendingSearch();
  p.record('/v', '', '?a=1');
  p.record('/v', '', '?a=1&b=2');
  assert.equal(p.base('/v', '?a=1'), '?a=1&b=2', 'the first change rendered, the second not yet');
  assert.equal(p.base('/v', '?a=1&b=2'), '?a=1&b=2', 'caught up');
  assert.equal(p.base('/v', '?a=1'), '?a=1', 'after catching up, the screen is the truth again (Back)');
});

test('Back or a link to another search drops what was asked for', () => {
  const p = new PendingSearch();
  p.record('/v', '?q=a', '?q=ab');
  assert.equal(p.base('/v', '?ns=other'), '?ns=other');
  assert.equal(p.base('/v', '?q=a'), '?q=a', 'forgotten for good');
});

test('another page starts from what it shows', () => {
  const p = new PendingSearch();
  p.record('/c/demo/pods', '', '?q=web');
  assert.equal(p.base('/c/demo/deployments', '?ns=shop'), '?ns=shop');
});
