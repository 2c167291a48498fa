import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoClusterForKubectl } from '../../../testing/kubectl.ts';
import { eventually } from '../../../testing/eventually.ts';

const k = demoClusterForKubectl({ seed: false, speed: 50 });

let created = false;
/** An nginx pod behind Service `web`, a Service `empty` with no pods, and a busybox pod to look from. */
async function setUp(): Promise<{ webIP: string; emptyIP: string }> {
  const { store } = k.cluster;
  if (!created) {
    created = true;
    for (const ns of ['default', 'shop']) if (!store.get('namespaces', undefined, ns)) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    store.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
    store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'shop', labels: { app: 'web' } }, spec: { nodeName: 'node-a', containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } });
    // Through the API server, which allocates the ClusterIPs; `create service` selects app=<name>.
    for (const args of [['-n', 'shop', 'web', '--tcp=8080:80'], ['-n', 'default', 'empty', '--tcp=80:80']]) {
      const r = await k.kubectl(['create', 'service', 'clusterip', ...args]);
      assert.equal(r.code, 0, r.stderr);
    }
    store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box', namespace: 'default' }, spec: { nodeName: 'node-a', containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  }
  await eventually(() => store.get('pods', 'default', 'box')?.status?.phase === 'Running', 'box Running');
  await eventually(() => ((store.get('endpoints', 'shop', 'web')?.subsets as { addresses?: unknown[] }[] | undefined)?.[0]?.addresses?.length ?? 0) > 0, 'web has a ready endpoint');
  const ip = (ns: string, name: string) => String(store.get('services', ns, name)?.spec?.clusterIP ?? '');
  return { webIP: ip('shop', 'web'), emptyIP: ip('default', 'empty') };
}

test('nslookup resolves Service names through the search list to their ClusterIPs, as busybox prints it', async () => {
  const { webIP, emptyIP } = await setUp();
  assert.match(webIP, /^\d+\.\d+\.\d+\.\d+$/);
  let r = await k.kubectl(['exec', 'box', '--', 'nslookup', 'web.shop']);
  assert.equal(r.code, 0, r.stderr);
  // The A answer, then the candidates that had none: the other A lookups and every AAAA lookup.
  const noAnswer = (names: string[]) => names.map((n) => `*** Can't find ${n}: No answer\n`).join('');
  const search = ['web.shop.default.svc.cluster.local', 'web.shop.svc.cluster.local', 'web.shop.cluster.local'];
  assert.equal(r.stdout, `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.shop.svc.cluster.local\nAddress: ${webIP}\n\n${noAnswer([search[0], search[2], ...search])}\n`);
  r = await k.kubectl(['exec', 'box', '--', 'nslookup', 'empty']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`Name:\\tempty\\.default\\.svc\\.cluster\\.local\\nAddress: ${emptyIP.replace(/\./g, '\\.')}\\n`));
  r = await k.kubectl(['exec', 'box', '--', 'nslookup', 'nope']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\*\* server can't find nope\.default\.svc\.cluster\.local: NXDOMAIN/);
});

test('wget -qO- a Service by name gets the page of the nginx pod behind it; no endpoints is refused; an unknown name a bad address', async () => {
  const { emptyIP } = await setUp();
  let r = await k.kubectl(['exec', 'box', '--', 'wget', '-qO-', 'http://web.shop:8080/']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
  r = await k.kubectl(['exec', 'box', '--', 'wget', '-qO-', 'http://empty']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `wget: can't connect to remote host (${emptyIP}): Connection refused\ncommand terminated with exit code 1\n`);
  r = await k.kubectl(['exec', 'box', '--', 'wget', '-qO-', 'http://nope:80']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "wget: bad address 'nope:80'\ncommand terminated with exit code 1\n");
  // The web pod's port 80 directly, by pod IP.
  const podIP = String(k.cluster.store.get('pods', 'shop', 'web-0')?.status?.podIP);
  r = await k.kubectl(['exec', 'box', '--', 'sh', '-c', `wget -O /tmp/page http://${podIP}/ 2>&1; grep -c nginx /tmp/page`]);
  assert.equal(r.stdout, `Connecting to ${podIP} (${podIP}:80)\nsaving to '/tmp/page'\n'/tmp/page' saved\n1\n`);
});

test('nc -zv checks a Service port as busybox nc reports it; a request piped through nc gets the HTTP answer', async () => {
  const { webIP, emptyIP } = await setUp();
  let r = await k.kubectl(['exec', 'box', '--', 'nc', '-zv', 'web.shop', '8080']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `web.shop (${webIP}:8080) open\n`);
  // A refusal is silent with one -v, as netcat 1.10 scans; -vv names it.
  r = await k.kubectl(['exec', 'box', '--', 'nc', '-zv', 'empty', '80']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'command terminated with exit code 1\n');
  r = await k.kubectl(['exec', 'box', '--', 'nc', '-zvv', 'empty', '80']);
  assert.equal(r.stderr, `nc: empty (${emptyIP}:80): Connection refused\ncommand terminated with exit code 1\n`);
  r = await k.kubectl(['exec', 'box', '--', 'nc', '-z', 'nope', '80']);
  assert.equal(r.stderr, "nc: bad address 'nope'\ncommand terminated with exit code 1\n");
  r = await k.kubectl(['exec', 'box', '--', 'sh', '-c', `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc web.shop 8080`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^HTTP\/1\.1 200 OK\r\nContent-Type: text\/html\r\nContent-Length: \d+\r\nConnection: close\r\n\r\n<!DOCTYPE html>[\s\S]*<title>Welcome to nginx!<\/title>/);
});

test('df -h lists the container mounts and grows with what it writes; du -sh sums a directory', async () => {
  await setUp();
  const before = await k.kubectl(['exec', 'box', '--', 'df']);
  assert.equal(before.code, 0, before.stderr);
  const lines = before.stdout.trim().split('\n');
  assert.equal(lines[0], 'Filesystem           1K-blocks      Used Available Use% Mounted on');
  assert.match(lines[1], /^overlay\s+\d+\s+\d+\s+\d+\s+\d+% \/$/);
  assert.ok(lines.some((l) => l.endsWith(' /var/run/secrets/kubernetes.io/serviceaccount')), before.stdout);
  const usedBefore = Number(lines[1].split(/\s+/)[2]);
  const r = await k.kubectl(['exec', 'box', '--', 'sh', '-c', 'mkdir -p /data && seq 1 100000 > /data/n && du -sh /data && du -s /data && df | sed -n 2p && df -h | head -n 2']);
  assert.equal(r.code, 0, r.stderr);
  const [duH, duK, overlay, dfHead, dfH] = r.stdout.trim().split('\n');
  // 588,895 bytes of numbers: 144 4K blocks (576K) plus the directory's own 4K.
  assert.equal(duH, '580.0K\t/data');
  assert.equal(duK, '580\t/data');
  assert.equal(Number(overlay.split(/\s+/)[2]) - usedBefore, 576);
  assert.equal(dfHead, 'Filesystem                Size      Used Available Use% Mounted on');
  assert.match(dfH, /^overlay\s+94\.3G\s+9\.8G\s+84\.5G\s+\d+% \/$/);
});
