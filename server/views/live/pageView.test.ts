import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageView } from './pageView.ts';

test('a list page names its view, its context (decoded) and its namespaces as the SPA reads them', () => {
  assert.deepEqual(pageView('/c/demo/pods', ''), { context: 'demo', view: 'pods', namespaces: [] });
  assert.deepEqual(pageView('/c/demo/pods/', 'ns=shop,default'), { context: 'demo', view: 'pods', namespaces: ['shop', 'default'] });
  assert.deepEqual(pageView('/c/demo/pods', 'ns=%20shop%20,,shop&sort=-age&q=web'), { context: 'demo', view: 'pods', namespaces: ['shop'] });
  assert.deepEqual(pageView('/c/demo/pods', 'ns=a&ns=b'), { context: 'demo', view: 'pods', namespaces: ['a'] }, 'the first ns, as URLSearchParams.get gives it');
  assert.deepEqual(pageView('/c/arn%3Aaws%3Aeks%2Fprod/deployments', ''), { context: 'arn:aws:eks/prod', view: 'deployments', namespaces: [] });
  // A cluster-scoped list subscribes with no namespaces whatever the address holds.
  assert.deepEqual(pageView('/c/demo/nodes', 'ns=shop'), { context: 'demo', view: 'nodes', namespaces: [] });
  assert.deepEqual(pageView('/c/demo/persistentvolumes', 'ns=shop'), { context: 'demo', view: 'persistentvolumes', namespaces: [] });
});

test('every other page, and anything the SPA would not subscribe with, is no list page', () => {
  const none: [string, string][] = [
    ['/', ''],
    ['/c/demo', ''],
    ['/c/demo/', ''],
    ['/c//pods', ''],
    ['/c/demo/pods/default/web-1', ''], // a detail page
    ['/c/demo/pods/default', ''],
    ['/c/demo/terminal', ''],
    ['/c/demo/k/pods', ''], // the generic list: its view needs discovery first
    ['/c/demo/cronjobs', ''], // a resolved view, likewise
    ['/c/demo/configmaps', ''], // a kind without a list page of its own
    ['/c/demo/constructor', ''],
    ['/c/demo/__proto__', ''],
    ['/c/demo/..', ''],
    ['/c/demo/.', ''],
    ['/c/%E0%A4%A/pods', ''], // a malformed escape
    ['/x/demo/pods', ''],
    ['c/demo/pods', ''],
    ['/c/demo/pods', 'ns=..'],
    ['/c/demo/pods', 'ns=shop,.'],
    ['/c/demo/pods', 'ns=Shop'],
    ['/c/demo/pods', `ns=${'a'.repeat(64)}`],
    ['/c/demo/pods', `ns=${Array.from({ length: 21 }, (_, i) => `ns${i}`).join(',')}`],
  ];
  for (const [path, query] of none) assert.equal(pageView(path, query), undefined, `${path}?${query}`);
  assert.deepEqual(pageView('/c/demo/pods', 'ns=1e308'), { context: 'demo', view: 'pods', namespaces: ['1e308'] }, 'a label of digits and letters is a namespace name');
  assert.deepEqual(pageView(`/c/${'x'.repeat(300)}/pods`, '')?.context.length, 300, 'any context name is only looked up, never used as a path');
});
