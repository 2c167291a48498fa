import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { healthAnswer } from './health.ts';

const demo = demoClusterForKubectl({ seed: false });

async function raw(path: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return demo.kubectl(['get', '--raw', path]);
}

test('/readyz?verbose lists every check as kube-apiserver does and ends with "readyz check passed"', async () => {
  const r = await raw('/readyz?verbose');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 5), ['[+]ping ok', '[+]log ok', '[+]etcd ok', '[+]etcd-readiness ok', '[+]informer-sync ok']);
  assert.ok(lines.includes('[+]poststarthook/rbac/bootstrap-roles ok'));
  assert.deepEqual(lines.slice(-2), ['[+]shutdown ok', 'readyz check passed']);
});

test('/livez?verbose and /healthz?verbose end with their own name; plain /readyz is "ok"', async () => {
  const live = await raw('/livez?verbose');
  assert.match(live.stdout, /^\[\+\]ping ok\n\[\+\]log ok\n\[\+\]etcd ok\n[\s\S]*\nlivez check passed\n$/);
  assert.doesNotMatch(live.stdout, /\[\+\]informer-sync ok|\[\+\]shutdown ok/);
  assert.match((await raw('/healthz?verbose')).stdout, /\nhealthz check passed\n$/);
  assert.equal((await raw('/readyz')).stdout, 'ok');
});

test('/readyz/<check> answers one check; an unknown check is 404; ?exclude marks a check excluded', async () => {
  assert.equal((await raw('/readyz/etcd')).stdout, 'ok');
  assert.equal((await raw('/livez/poststarthook/rbac/bootstrap-roles')).stdout, 'ok');
  const missing = await raw('/readyz/nonsense');
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /NotFound/);
  const excluded = await raw('/readyz?verbose&exclude=etcd&exclude=nope');
  assert.match(excluded.stdout, /\n\[\+\]etcd excluded: ok\n/);
  assert.match(excluded.stdout, /\nwarn: some health checks cannot be excluded: no matches for "nope"\nreadyz check passed\n$/);
  assert.equal(healthAnswer('/version', new URLSearchParams()), undefined);
});
