import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { demoClusterForKubectl, runKubectl } from '../../testing/kubectl.ts';
import { debianKubectl } from '../../testing/oldKubectl.ts';

// exec as every kubectl an operator may still run does it: Debian's kubectl 1.20 (SPDY/3.1
// only), kubectl 1.32 over websocket (v5), and kubectl 1.32 made to use SPDY as client-go
// programs without websockets do. Each must see the exit code, pass stdin, and give a tty the
// terminal's size.
const demo = demoClusterForKubectl();
const NS = 'spdy-exec';

interface Client {
  name: string;
  bin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
}

const CLIENTS: Client[] = [
  { name: 'kubectl 1.20 (SPDY)', bin: debianKubectl, env: {} },
  { name: 'kubectl 1.32 (websocket)', bin: async () => 'kubectl', env: {} },
  { name: 'kubectl 1.32 with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false (SPDY)', bin: async () => 'kubectl', env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' } },
];

before(async () => {
  await debianKubectl();
  const ok = async (args: string[]) => {
    const r = await demo.kubectl(args, { timeoutMs: 60_000 });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  };
  await ok(['create', 'namespace', NS]);
  await ok(['-n', NS, 'run', 'box', '--image=busybox:1.36', '--', 'sleep', '3600']);
  // Shells waiting on stdin, one per client that attaches (the shell ends with the session).
  for (const name of ['att-0', 'att-2']) {
    const spec = { containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sh'], stdin: true, stdinOnce: true }] };
    await ok(['-n', NS, 'run', name, '--image=busybox:1.36', '--restart=Never', `--overrides=${JSON.stringify({ spec })}`]);
  }
  await ok(['-n', NS, 'wait', '--for=condition=Ready', 'pod/box', 'pod/att-0', 'pod/att-2', '--timeout=60s']);
});

async function exec(client: Client, args: string[], input?: string) {
  return runKubectl(['-n', NS, 'exec', ...args], { kubeconfig: demo.kubeconfig, bin: await client.bin(), env: client.env, input, timeoutMs: 30_000 });
}

for (const client of CLIENTS) {
  test(`${client.name}: exec -- sh -c 'exit 3' exits 3 with the output and "command terminated with exit code 3"`, async () => {
    const r = await exec(client, ['box', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, 'out\n');
    assert.match(r.stderr, /^err\n/);
    assert.match(r.stderr, /command terminated with exit code 3/);
  });

  test(`${client.name}: exec -i passes stdin to cat and ends when stdin does`, async () => {
    const r = await exec(client, ['-i', 'box', '--', 'cat'], 'hello\nthrough stdin\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'hello\nthrough stdin\n');
  });

  test(`${client.name}: exec -it sees the terminal's size in stty size`, async () => {
    // kubectl wants a terminal for -t: script(1) gives it one, sized 100x30 by stty first.
    const bin = await client.bin();
    const line = `stty cols 100 rows 30; ${bin} -n ${NS} exec -it box -- stty size`;
    const r = await runKubectl(['-qec', line, '/dev/null'], { kubeconfig: demo.kubeconfig, bin: 'script', env: client.env, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '30 100\r\n');
  });
}

for (const i of [0, 2]) {
  test(`${CLIENTS[i].name}: attach -i joins the container's shell, which runs what is typed and exits 5`, async () => {
    const client = CLIENTS[i];
    const r = await runKubectl(['-n', NS, 'attach', '-i', `att-${i}`], { kubeconfig: demo.kubeconfig, bin: await client.bin(), env: client.env, input: 'echo attached-ok\nexit 5\n', timeoutMs: 30_000 });
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stdout, /attached-ok\n/);
    assert.match(r.stderr, /command terminated with exit code 5/);
  });
}

test('kubectl 1.20: an exec the API server refuses before the SPDY upgrade shows its Status message', async () => {
  const r = await exec(CLIENTS[0], ['box', '-c', 'nope', '--', 'ls']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), 'Error from server (BadRequest): container nope is not valid for pod box');
});

function upgradeRequest(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, demo.cluster.url);
    const req = request(url, { method, headers: { Connection: 'Upgrade', ...headers } });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

test('SPDY exec negotiates the newest version the client offers that the kubelet speaks (v4, not v5)', async () => {
  const path = `/api/v1/namespaces/${NS}/pods/box/exec?command=true&stdout=true`;
  const r = await upgradeRequest('POST', path, { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v5.channel.k8s.io, v4.channel.k8s.io, v3.channel.k8s.io' });
  assert.equal(r.status, 101);
  assert.equal(r.headers['x-stream-protocol-version'], 'v4.channel.k8s.io');
  const none = await upgradeRequest('POST', path, { Upgrade: 'SPDY/3.1' });
  assert.equal(none.status, 400);
  assert.equal(none.body.trim(), 'unable to upgrade: X-Stream-Protocol-Version is required');
  const unknown = await upgradeRequest('POST', path, { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v9.channel.k8s.io' });
  assert.equal(unknown.status, 403);
});

test('websocket upgrades stay as strict as before: a POST, or a GET on a path that does not stream, is refused', async () => {
  const post = await upgradeRequest('POST', `/api/v1/namespaces/${NS}/pods/box/exec?command=true&stdout=true`, { Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' });
  assert.equal(post.status, 400);
  assert.equal(JSON.parse(post.body).message, 'Upgrade request required');
  const list = await upgradeRequest('GET', `/api/v1/namespaces/${NS}/pods`, { Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' });
  assert.equal(list.status, 400);
  assert.equal(JSON.parse(list.body).message, 'Upgrade request required');
  const spdyList = await upgradeRequest('POST', `/api/v1/namespaces/${NS}/pods`, { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' });
  assert.equal(spdyList.status, 400);
});

test('no SPDY session outlives its kubectl', async () => {
  const r = await exec(CLIENTS[0], ['box', '--', 'echo', 'done']);
  assert.equal(r.stdout, 'done\n');
  for (let tries = 0; demo.cluster.kubelet.activeSessions() > 0; tries++) {
    assert.ok(tries < 400, `${demo.cluster.kubelet.activeSessions()} sessions still open`);
    await new Promise((r) => setTimeout(r, 5));
  }
});
