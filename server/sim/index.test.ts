import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDemoCluster } from './index.ts';

test('a demo cluster asked to leave out a controller it does not have refuses to start, naming the ones it has', async () => {
  await assert.rejects(startDemoCluster({ seed: false, controllers: { except: ['replicaset', 'replica-set'] } }), (err: Error) => {
    assert.match(err.message, /no controller named replica-set \(there are .*\breplicaset\b/);
    return true;
  });
});
