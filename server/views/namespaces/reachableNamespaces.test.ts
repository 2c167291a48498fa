import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadKubeconfig } from '../../clusters/kubeconfig.ts';
import type { ClusterContext } from '../../clusters/types.ts';
import { writeKubeconfig } from '../../testing/consoleFixture.ts';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { namespaceOfUser, reachableNamespaces, typedCandidates } from './reachableNamespaces.ts';

// TLS, so that bearer tokens are sent; the demo cluster enforces RBAC for the tokens it issues.
const demo = demoClusterForKubectl({ tls: true, seed: false });

async function ok(...args: string[]): Promise<string> {
  const r = await demo.kubectl(args, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** A context acting as `team-a/viewer`, who may list pods in team-a only (and in "shared", granted below). */
let viewer: Promise<ClusterContext> | undefined;
function viewerContext(): Promise<ClusterContext> {
  viewer ??= (async () => {
    for (const ns of ['team-a', 'team-b', 'shared']) await ok('create', 'namespace', ns);
    await ok('create', 'serviceaccount', 'viewer', '-n', 'team-a');
    for (const ns of ['team-a', 'shared']) {
      await ok('create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods', '-n', ns);
      await ok('create', 'rolebinding', 'viewer', '--role=pod-reader', '--serviceaccount=team-a:viewer', '-n', ns);
    }
    const token = (await ok('create', 'token', 'viewer', '-n', 'team-a')).trim();
    const file = join(demo.dir, 'viewer.kubeconfig');
    writeKubeconfig(file, [{ name: 'viewer', server: demo.cluster.url, token, caPem: demo.cluster.tls?.caPem }]);
    return loadKubeconfig([file]).contexts[0];
  })();
  return viewer;
}

test('a service account that may not list namespaces is offered its own namespace and the typed ones it can reach', async () => {
  const ctx = await viewerContext();
  const r = await reachableNamespaces(ctx, ['shared', 'team-b']);
  assert.equal(r.canList, false);
  assert.equal(r.user, 'system:serviceaccount:team-a:viewer');
  assert.deepEqual(r.namespaces, [
    { name: 'team-a', source: 'identity', reachable: true },
    { name: 'shared', source: 'typed', reachable: true },
    { name: 'team-b', source: 'typed', reachable: false },
  ]);
});

test('the admin, who may list namespaces, is told to use the list', async () => {
  await viewerContext();
  const admin = loadKubeconfig([demo.kubeconfig]).contexts[0];
  assert.deepEqual(await reachableNamespaces(admin, ['team-b']), { canList: true, namespaces: [] });
});

test('typed names are namespace names only, at most 20, and a service account user names its namespace', () => {
  assert.deepEqual(typedCandidates(' shop, Shop,../x,shop,a-b '), ['shop', 'a-b']);
  assert.equal(typedCandidates(Array.from({ length: 30 }, (_, i) => `n${i}`).join(',')).length, 20);
  assert.deepEqual(typedCandidates(['.', '..', '%2e%2e', 'a/b', 'a'.repeat(300), '', ' '].join(',')), [], 'nothing that is not a namespace name reaches an access review');
  assert.deepEqual(typedCandidates(undefined), []);
  assert.equal(namespaceOfUser('system:serviceaccount:team-a:viewer'), 'team-a');
  assert.equal(namespaceOfUser('alice'), undefined);
  assert.equal(namespaceOfUser(undefined), undefined);
});
