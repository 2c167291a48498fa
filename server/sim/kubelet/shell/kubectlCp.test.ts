import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { eventually } from '../../../testing/eventually.ts';

const k = demoClusterForKubectl({ seed: false, speed: 50 });
const ALL_BYTES = Buffer.from([...Array(256).keys()]);

let created = false;
/** The pod, created on first use: demoClusterForKubectl starts the cluster in its own before hook. */
async function box(): Promise<void> {
  if (!created) {
    created = true;
    const { store } = k.cluster;
    if (!store.get('namespaces', undefined, 'default')) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    store.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
    store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box', namespace: 'default' }, spec: { nodeName: 'node-a', containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  }
  await eventually(() => k.cluster.store.get('pods', 'default', 'box')?.status?.phase === 'Running', 'box Running');
}

/** Every file under `dir`, by relative path, with its bytes. */
function tree(dir: string, prefix = ''): Map<string, Buffer | 'dir'> {
  const out = new Map<string, Buffer | 'dir'>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const rel = prefix + name;
    if (statSync(path).isDirectory()) {
      out.set(rel, 'dir');
      for (const [p, v] of tree(path, `${rel}/`)) out.set(p, v);
    } else out.set(rel, readFileSync(path));
  }
  return out;
}

test('kubectl cp copies a text file and a binary file into a pod and back out byte for byte', async () => {
  await box();
  const text = join(k.dir, 'notes.txt');
  const binary = join(k.dir, 'all.bin');
  writeFileSync(text, 'héllo from the laptop\nline two\n');
  writeFileSync(binary, ALL_BYTES);

  let r = await k.kubectl(['cp', text, 'default/box:/tmp/notes.txt']);
  assert.equal(r.code, 0, r.stderr);
  r = await k.kubectl(['cp', binary, 'default/box:/tmp/all.bin']);
  assert.equal(r.code, 0, r.stderr);

  r = await k.kubectl(['exec', 'box', '--', 'cat', '/tmp/notes.txt']);
  assert.equal(r.stdout, 'héllo from the laptop\nline two\n');
  r = await k.kubectl(['exec', 'box', '--', 'wc', '-c', '/tmp/all.bin']);
  assert.equal(r.stdout.trim(), '256 /tmp/all.bin');

  r = await k.kubectl(['cp', 'default/box:/tmp/all.bin', join(k.dir, 'all.back')]);
  assert.equal(r.code, 0, r.stderr);
  // The container's tar warns on stderr, which kubectl cp prints on its stdout.
  assert.equal(r.stdout, "tar: removing leading '/' from member names\n");
  assert.deepEqual(readFileSync(join(k.dir, 'all.back')), ALL_BYTES);
  r = await k.kubectl(['cp', 'default/box:/tmp/notes.txt', join(k.dir, 'notes.back')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(k.dir, 'notes.back'), 'utf8'), 'héllo from the laptop\nline two\n');
});

test('kubectl cp copies a directory tree into an existing directory of the pod and back out identical', async () => {
  await box();
  const src = join(k.dir, 'site');
  mkdirSync(join(src, 'assets', 'img'), { recursive: true });
  mkdirSync(join(src, 'empty'));
  writeFileSync(join(src, 'index.html'), '<h1>hi</h1>\n');
  writeFileSync(join(src, 'assets', 'app.js'), 'console.log(1)\n');
  writeFileSync(join(src, 'assets', 'img', 'all.bin'), ALL_BYTES);

  let r = await k.kubectl(['exec', 'box', '--', 'mkdir', '-p', '/srv']);
  assert.equal(r.code, 0, r.stderr);
  // /srv exists and is a directory (kubectl asks with `test -d`), so the tree lands in /srv/site.
  r = await k.kubectl(['cp', src, 'default/box:/srv']);
  assert.equal(r.code, 0, r.stderr);
  r = await k.kubectl(['exec', 'box', '--', 'sh', '-c', 'cat /srv/site/index.html /srv/site/assets/app.js; ls /srv/site; wc -c < /srv/site/assets/img/all.bin']);
  assert.equal(r.stdout, '<h1>hi</h1>\nconsole.log(1)\nassets\nempty\nindex.html\n256\n');

  const back = join(k.dir, 'site.back');
  r = await k.kubectl(['cp', 'default/box:/srv/site', back]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(tree(back), tree(src));
});

test('kubectl cp from a pod copies /etc/hostname; a missing remote file fails as tar says', async () => {
  await box();
  const out = join(k.dir, 'hostname');
  let r = await k.kubectl(['cp', 'default/box:/etc/hostname', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(out, 'utf8'), 'box\n');
  r = await k.kubectl(['exec', 'box', '--', 'tar', 'cf', '-', '/nope']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /tar: \/nope: No such file or directory/);
});
