import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { after } from 'node:test';
import { demoClusterForKubectl } from '../../testing/kubectl.ts';
import { debianKubectl } from '../../testing/oldKubectl.ts';
import { eventually } from '../../testing/eventually.ts';
import { runPython } from '../../testing/python.ts';
import { WebSocket } from 'ws';

// port-forward in each form clients use: kubectl 1.20 (raw SPDY/3.1), kubectl 1.32 (SPDY
// tunnelled in a websocket, and raw SPDY when websockets are turned off) and the Python
// client (the channel websocket protocol). nginx answers with its page, a declared port of a
// non-web container echoes, and a closed port gets containerd's "connection refused".
const demo = demoClusterForKubectl();
const NS = 'port-forward';

before(async () => {
  await debianKubectl();
  const ok = async (args: string[]) => {
    const r = await demo.kubectl(['-n', NS, ...args], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  };
  assert.equal((await demo.kubectl(['create', 'namespace', NS])).code, 0);
  await ok(['run', 'web', '--image=nginx:1.27', '--port=80']);
  await ok(['run', 'box', '--image=busybox:1.36', '--port=7000', '--', 'sleep', '3600']);
  await ok(['wait', '--for=condition=Ready', 'pod/web', 'pod/box', '--timeout=60s']);
});

const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill();
});

interface Forward {
  /** Local port for each remote port, as kubectl printed them. */
  local: Map<number, number>;
  stderr(): string;
  /** Resolves with kubectl's exit code. */
  exited: Promise<number | null>;
  stop(): void;
}

/** Starts `kubectl port-forward` on free local ports and waits for its "Forwarding from" lines. */
async function portForward(bin: string, env: NodeJS.ProcessEnv, target: string, ports: number[]): Promise<Forward> {
  const child = spawn(bin, ['-n', NS, 'port-forward', target, ...ports.map((p) => `:${p}`), '-v=4'], { env: { ...process.env, ...env, KUBECONFIG: demo.kubeconfig } });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const local = await eventually(() => {
    const found = new Map([...stdout.matchAll(/Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)/g)].map((m) => [Number(m[2]), Number(m[1])]));
    return found.size === ports.length && found;
  }, `kubectl port-forward to print its ports (stderr: ${stderr})`, 20_000);
  return {
    local,
    stderr: () => stderr,
    exited,
    stop: () => {
      child.kill();
      running.delete(child);
    },
  };
}

const CLIENTS = [
  { name: 'kubectl 1.20 (SPDY)', bin: debianKubectl, env: {} },
  { name: 'kubectl 1.32 (SPDY in a websocket)', bin: async () => 'kubectl', env: {} },
  { name: 'kubectl 1.32 with KUBECTL_PORT_FORWARD_WEBSOCKETS=false (SPDY)', bin: async () => 'kubectl', env: { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' } },
];

for (const client of CLIENTS) {
  test(`${client.name}: port-forward then an HTTP GET gets nginx's page; a closed port reports connection refused`, async () => {
    const pf = await portForward(await client.bin(), client.env, 'pod/web', [80, 81]);
    try {
      const res = await fetch(`http://127.0.0.1:${pf.local.get(80)}/`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /<title>Welcome to nginx!<\/title>/);
      assert.equal((await fetch(`http://127.0.0.1:${pf.local.get(80)}/missing`)).status, 404);
      await assert.rejects(fetch(`http://127.0.0.1:${pf.local.get(81)}/`));
      await eventually(() => /error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace .*connect: connection refused/.test(pf.stderr()), 'the error stream message in kubectl output');
      if (client.name.includes('in a websocket')) {
        // kubectl -v=4 logs the tunnel's negotiation, and a fallback to raw SPDY if it was refused.
        assert.match(pf.stderr(), /negotiated protocol: portforward\.k8s\.io/);
        assert.doesNotMatch(pf.stderr(), /fallback to secondary dialer/);
      }
    } finally {
      pf.stop();
    }
  });
}

test('kubectl 1.20: a port a busybox container declares echoes what it is sent', async () => {
  const pf = await portForward(await debianKubectl(), {}, 'pod/box', [7000]);
  try {
    const socket = connect(pf.local.get(7000)!, '127.0.0.1');
    let got = '';
    socket.on('data', (c: Buffer) => (got += c));
    socket.write('ping over spdy\n');
    await eventually(() => got === 'ping over spdy\n', `the echo (got ${JSON.stringify(got)})`);
    socket.destroy();
  } finally {
    pf.stop();
  }
});

test('the Python client (channel websocket) reads nginx through portforward() and gets the error for a closed port', async () => {
  const out = await runPython(demo.kubeconfig, [
    'from kubernetes.stream import portforward',
    `pf = portforward(v1.connect_get_namespaced_pod_portforward, 'web', '${NS}', ports='80,81')`,
    's = pf.socket(80)',
    's.setblocking(True)',
    "s.sendall(b'GET / HTTP/1.1\\r\\nHost: web\\r\\nConnection: close\\r\\n\\r\\n')",
    "data = b''",
    'while True:',
    '    chunk = s.recv(4096)',
    '    if not chunk: break',
    '    data += chunk',
    's.close()',
    'import time',
    'for _ in range(200):',
    '    if pf.error(81): break',
    '    time.sleep(0.01)',
    'print(json.dumps([data.decode(), pf.error(80), pf.error(81)]))',
    'pf.close()',
  ]);
  const [page, error80, error81] = JSON.parse(out) as [string, string | null, string | null];
  assert.match(page, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(page, /Welcome to nginx!/);
  assert.equal(error80, null);
  assert.match(error81 ?? '', /^error forwarding port 81 to pod [0-9a-f]{64}, uid : .*connect: connection refused/);
});

test('the channel protocol opens each port\'s data and error channel with the port, little-endian, then carries the bytes', async () => {
  const url = `${demo.cluster.url.replace('http', 'ws')}/api/v1/namespaces/${NS}/pods/web/portforward?ports=80`;
  const ws = new WebSocket(url, ['v4.channel.k8s.io']);
  const frames: Buffer[] = [];
  ws.on('message', (data: Buffer) => frames.push(data));
  ws.on('open', () => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET / HTTP/1.0\r\n\r\n')])));
  const code = await new Promise<number>((resolve, reject) => {
    ws.on('close', (c) => resolve(c));
    ws.on('error', reject);
  });
  assert.equal(ws.protocol, 'v4.channel.k8s.io');
  assert.deepEqual([...frames[0]], [0, 80, 0]);
  assert.deepEqual([...frames[1]], [1, 80, 0]);
  const data = Buffer.concat(frames.slice(2).filter((f) => f[0] === 0).map((f) => f.subarray(1))).toString();
  assert.match(data, /^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: close\r\n\r\n<!DOCTYPE html>/);
  assert.equal(code, 1000, 'the socket closes once the server closed the only connection');
});

test('portforward without an upgrade, or to a pod no node has taken, is refused before anything is forwarded', async () => {
  const plain = await fetch(`${demo.cluster.url}/api/v1/namespaces/${NS}/pods/web/portforward?ports=80`, { method: 'POST' });
  assert.equal(plain.status, 400);
  assert.equal(((await plain.json()) as { message: string }).message, 'Upgrade request required');
  const stuck = await demo.kubectl(['-n', NS, 'run', 'stuck', '--image=nginx:1.27', '--overrides={"spec":{"nodeSelector":{"disk":"none-has-this"}}}']);
  assert.equal(stuck.code, 0, stuck.stderr);
  const unscheduled = await fetch(`${demo.cluster.url}/api/v1/namespaces/${NS}/pods/stuck/portforward?ports=80`, { method: 'POST' });
  assert.equal(unscheduled.status, 400);
  assert.equal(((await unscheduled.json()) as { message: string }).message, 'pod stuck does not have a host assigned');
  // The channel protocol needs its ports in the query; the kubelet refuses before upgrading.
  const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const ws = new WebSocket(`${demo.cluster.url.replace('http', 'ws')}/api/v1/namespaces/${NS}/pods/web/portforward`, ['v4.channel.k8s.io']);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => reject(new Error('upgraded without ports')));
    ws.on('error', () => {});
  });
  assert.deepEqual(refused, { status: 400, body: 'query parameter "port" is required\n' });
});

test('kubectl 1.32: deleting the pod ends its port-forward with "lost connection to pod"', async () => {
  const made = await demo.kubectl(['-n', NS, 'run', 'brief', '--image=nginx:1.27']);
  assert.equal(made.code, 0, made.stderr);
  assert.equal((await demo.kubectl(['-n', NS, 'wait', '--for=condition=Ready', 'pod/brief', '--timeout=60s'])).code, 0);
  const pf = await portForward('kubectl', {}, 'pod/brief', [80]);
  try {
    assert.equal((await fetch(`http://127.0.0.1:${pf.local.get(80)}/`)).status, 200);
    assert.equal((await demo.kubectl(['-n', NS, 'delete', 'pod', 'brief', '--wait=false'])).code, 0);
    assert.equal(await pf.exited, 1, pf.stderr());
    assert.match(pf.stderr(), /lost connection to pod/);
  } finally {
    pf.stop();
  }
});
