/**
 * What the demo cluster loads before it answers. Each module costs start-up time (under tsx,
 * about a millisecond and a half of loader work each), so the parts only some requests need
 * load at their first use. This test fails when a static import brings one back into start-up.
 * Their behaviour is tested where it lives; a demo cluster starting is tested everywhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadedWith, packagesLoadedBy } from '../testing/importGraph.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const atStart = loadedWith(ROOT, 'server/sim/index.ts');

/** Loaded at first use: the part, and the code that loads it. */
const LAZY: { files: RegExp; loadedBy: string }[] = [
  { files: /^server\/sim\/kubelet\/shell\/(?!io\.ts$|vfs\.ts$)/, loadedBy: 'kubelet/containerProcess.ts, at the first container process' },
  { files: /^server\/sim\/api\/openapi(\.ts$|\/(documents|swaggerDocument|swaggerProtobuf)\.ts$)/, loadedBy: 'api/machinery.ts, at the first /openapi request' },
  { files: /^server\/sim\/api\/tables\/index\.ts$/, loadedBy: 'Machinery.prepare, at the first Table request' },
  { files: /^server\/sim\/api\/crd\/(definitionValidation|customResourceAdmission|schemaValidation|structuralSchema|customScale)\.ts$/, loadedBy: 'withCustomResources.prepare, at the first CRD or custom resource request' },
  { files: /^server\/sim\/(kubelet\/(execSession|execSpdy|portForward)|spdy\/connection)\.ts$/, loadedBy: 'the kubelet, at the first exec, attach or port-forward' },
  { files: /^server\/sim\/api\/(apply\/|patch\/|fieldValidation\.ts$|openapi\/schemaLookup\.ts$)/, loadedBy: 'api/writeParts.ts and the router, at the first request that may write' },
];

test('the parts only some requests need are not loaded at start-up', () => {
  for (const { files, loadedBy } of LAZY) {
    const early = [...atStart].filter((f) => files.test(f));
    assert.deepEqual(early, [], `loaded at start-up, meant to load from ${loadedBy}`);
  }
  // The websocket server comes with the first exec session; the demo cluster's start needs no package.
  assert.ok(!packagesLoadedBy(ROOT, atStart).has('ws'));
});

test('start-up loads a bounded number of modules', () => {
  // 176 when this was written (271 before the lazy parts); growing past the budget is a decision to make, not a drift.
  assert.ok(atStart.size <= 190, `start-up loads ${atStart.size} modules`);
  assert.ok(atStart.has('server/sim/kubelet/containerProcess.ts') && atStart.has('server/sim/api/machinery.ts') && atStart.has('server/sim/api/writeParts.ts'));
});
