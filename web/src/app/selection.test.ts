import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carriedSearch, formatNamespaces, parseNamespaces, searchString, viewPath, withParam } from './selection.ts';

test('a deep link with ns=shop,default selects those two namespaces', () => {
  assert.deepEqual(parseNamespaces('shop,default'), ['shop', 'default']);
});

test('no ns parameter (or an empty one) means all namespaces', () => {
  assert.deepEqual(parseNamespaces(null), []);
  assert.deepEqual(parseNamespaces(''), []);
  assert.deepEqual(parseNamespaces(' , '), []);
});

test('hand-edited URLs with spaces and repeats still select each namespace once', () => {
  assert.deepEqual(parseNamespaces('shop, default,shop'), ['shop', 'default']);
  assert.equal(formatNamespaces(['shop', 'shop', 'batch']), 'shop,batch');
});

test('moving to another view keeps the namespaces but not the filter', () => {
  const search = new URLSearchParams('ns=shop,default&q=api&sort=-age');
  assert.equal(carriedSearch(search), '?ns=shop,default');
  assert.equal(carriedSearch(new URLSearchParams('q=api')), '');
});

test('clearing the filter removes it from the URL instead of leaving q=', () => {
  const next = withParam(new URLSearchParams('ns=shop&q=api'), 'q', '');
  assert.equal(next.toString(), 'ns=shop');
  assert.equal(withParam(next, 'q', 'web').get('q'), 'web');
});

test('a kubeconfig context name with slashes and colons stays one path segment', () => {
  assert.equal(viewPath('arn:aws:eks:eu-west-1:1:cluster/prod', 'pods'), '/c/arn%3Aaws%3Aeks%3Aeu-west-1%3A1%3Acluster%2Fprod/pods');
  assert.equal(viewPath('demo', 'namespaces'), '/c/demo/namespaces');
});

test('the address bar shows ns=shop,default, not an escaped comma, and still escapes the rest', () => {
  const search = new URLSearchParams();
  search.set('ns', 'shop,default');
  search.set('q', 'a&b c');
  assert.equal(searchString(search), '?ns=shop,default&q=a%26b+c');
  assert.equal(searchString(new URLSearchParams()), '');
  assert.deepEqual(parseNamespaces(new URLSearchParams(searchString(search)).get('ns')), ['shop', 'default']);
});
