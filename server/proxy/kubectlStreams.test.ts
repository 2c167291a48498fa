/**
 * Real clients through the console against the demo cluster: Debian's kubectl 1.20 (exec and
 * port-forward over raw SPDY/3.1) beside kubectl 1.32 (exec over websocket v5, port-forward over
 * SPDY inside a websocket) and kubectl 1.32 told to use SPDY, each through `/k8s/{context}` of
 * one replica and through the shipped nginx in front of two replicas: exit codes, stdin, attach,
 * a terminal's size, and a port-forwarded GET; the Python client's and client-node's channel
 * websockets likewise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalNginx, type LocalNginx } from '../../deploy/nginx/localNginx.ts';
import { demoContext } from '../clusters/demo.ts';
import { startDemoCluster, type DemoCluster } from '../sim/index.ts';
import { eventually } from '../testing/eventually.ts';
import { openWebSocket, rawRequest, runningPod, startConsole, writeKubeconfig, type RunningConsole } from '../testing/consoleFixture.ts';
import { requireKubectl, runKubectl } from '../testing/kubectl.ts';
import { runInTty } from '../testing/inTty.ts';
import { debianKubectl } from '../testing/oldKubectl.ts';
import { runPython } from '../testing/python.ts';
import { startPortForward } from '../testing/portForward.ts';

requireKubectl();
const dir = mkdtempSync(join(tmpdir(), 'kubectl-streams-'));
let cluster: DemoCluster;
const replicas: RunningConsole[] = [];
let nginx: LocalNginx;
let oldKubectl: string;

/** A pod in `default` on node-a with one container, Running when this resolves. */
async function runningPodWith(apiRoot: string, name: string, container: Record<string, unknown>): Promise<void> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'node-a', restartPolicy: 'Never', containers: [container] } };
  const created = await fetch(`${apiRoot}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(pod) });
  assert.equal(created.status, 201, await created.text());
  for (;;) {
    const p = (await (await fetch(`${apiRoot}/api/v1/namespaces/default/pods/${name}`)).json()) as { status?: { phase?: string } };
    if (p.status?.phase === 'Running') return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A shell waiting on stdin, for one attach (it ends with the session). */
const attachPod = (client: number, route: number) => `streams-attach-${client}-${route}`;

test.before(async () => {
  oldKubectl = await debianKubectl();
  cluster = await startDemoCluster({ speed: 20 });
  await runningPod(cluster.url, 'streams-shell');
  // The demo cluster answers on port 80 as nginx would.
  await runningPodWith(cluster.url, 'streams-web', { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] });
  for (let i = 0; i < clients.length; i++) {
    for (let j = 0; j < routes.length; j++) {
      await runningPodWith(cluster.url, attachPod(i, j), { name: 'sh', image: 'busybox:1.36', command: ['sh'], stdin: true, stdinOnce: true });
    }
  }
  for (let i = 0; i < 2; i++) replicas.push(await startConsole([demoContext(cluster.url)], { basePath: '/console/', trustProxy: 'loopback' }));
  nginx = await startLocalNginx(replicas.map((r) => r.port));
  writeKubeconfig(join(dir, 'console'), [{ name: 'demo', server: `${replicas[0].url}k8s/demo`, namespace: 'default' }]);
  writeKubeconfig(join(dir, 'nginx'), [{ name: 'demo', server: `${nginx.base}k8s/demo`, namespace: 'default' }]);
});
test.after(async () => {
  await nginx?.stop();
  for (const r of replicas) await r.close();
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Which upgrade each client must have made, judged by the console's request log: SPDY POSTs, websockets GET. */
const clients: { name: string; bin: () => string; env?: NodeJS.ProcessEnv; execMethod: string; portForwardMethod: string }[] = [
  { name: 'kubectl 1.20 (SPDY)', bin: () => oldKubectl, execMethod: 'POST', portForwardMethod: 'POST' },
  { name: 'kubectl 1.32 (websockets)', bin: () => 'kubectl', execMethod: 'GET', portForwardMethod: 'GET' },
  // What a 1.32 client-go program that has not opted into websockets does.
  {
    name: 'kubectl 1.32 forced to SPDY',
    bin: () => 'kubectl',
    env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false', KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' },
    execMethod: 'POST',
    portForwardMethod: 'POST',
  },
];

/** Upgrades the replicas logged (`METHOD status`) while `run` ran and until they ended. */
async function upgradesDuring(run: () => Promise<void>, path: RegExp): Promise<string[]> {
  const from = replicas.map((r) => r.logs.length);
  await run();
  const logged = () =>
    replicas
      .flatMap((r, i) => r.logs.slice(from[i]))
      .map((l) => JSON.parse(l) as { msg: string; upgrade?: boolean; method: string; status: number; path: string })
      .filter((l) => l.msg === 'request' && l.upgrade && path.test(l.path))
      .map((l) => `${l.method} ${l.status}`);
  await eventually(() => logged().length > 0, 'the upgrade to be logged');
  return logged();
}
const routes = [
  { name: 'through the console', kubeconfig: () => join(dir, 'console'), server: () => `${replicas[0].url}k8s/demo` },
  { name: 'through nginx in front of two replicas', kubeconfig: () => join(dir, 'nginx'), server: () => `${nginx.base}k8s/demo` },
];

for (const [ci, client] of clients.entries()) {
  for (const [ri, route] of routes.entries()) {
    const run = (args: string[], input?: string) => runKubectl(args, { kubeconfig: route.kubeconfig(), bin: client.bin(), env: client.env, input });

    test(`${client.name} ${route.name}: exec -- sh -c 'exit 3' returns 3`, async () => {
      const upgrades = await upgradesDuring(async () => {
        const r = await run(['exec', 'streams-shell', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
        assert.equal(r.code, 3, r.stderr);
        assert.equal(r.stdout, 'out\n');
        assert.match(r.stderr, /^err\n/);
      }, /\/exec$/);
      assert.deepEqual(upgrades, [`${client.execMethod} 101`]);
    });

    test(`${client.name} ${route.name}: exec -i passes stdin`, async () => {
      const r = await run(['exec', '-i', 'streams-shell', '--', 'cat'], 'first line\nsecond line\n');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'first line\nsecond line\n');
    });

    test(`${client.name} ${route.name}: attach -i joins the container's shell, which runs what is typed and exits 5`, async () => {
      const upgrades = await upgradesDuring(async () => {
        const r = await run(['attach', '-i', attachPod(ci, ri)], 'echo attached-ok\nexit 5\n');
        assert.equal(r.code, 5, r.stderr);
        assert.match(r.stdout, /attached-ok\n/);
      }, /\/attach$/);
      assert.deepEqual(upgrades, [`${client.execMethod} 101`]);
    });

    test(`${client.name} ${route.name}: exec -it sees the terminal's size`, async () => {
      const r = await runInTty({ rows: 21, cols: 93 }, [client.bin(), 'exec', '-it', 'streams-shell', '--', 'sh', '-c', 'stty size; exit 4'], { env: { ...client.env, KUBECONFIG: route.kubeconfig() } });
      assert.equal(r.code, 4, r.output);
      assert.match(r.output, /^21 93\r\n/);
    });

    test(`${client.name} ${route.name}: port-forward, then an HTTP GET gets the container's answer`, async () => {
      const upgrades = await upgradesDuring(async () => {
        const pf = await startPortForward(['streams-web', ':80'], { kubeconfig: route.kubeconfig(), bin: client.bin(), env: client.env });
        try {
          const res = await fetch(`http://127.0.0.1:${pf.port}/`);
          assert.equal(res.status, 200);
          assert.match(await res.text(), /Welcome to nginx!/);
        } finally {
          await pf.stop();
        }
      }, /\/portforward$/);
      assert.deepEqual(upgrades, [`${client.portForwardMethod} 101`], 'no fallback to another protocol');
    });
  }
}

for (const route of routes) {
  test(`the Python client (channel websockets) ${route.name}: exec output, and portforward() reads nginx's page`, async () => {
    const out = await runPython(route.kubeconfig(), [
      'from kubernetes.stream import stream, portforward',
      "said = stream(v1.connect_get_namespaced_pod_exec, 'streams-shell', 'default', command=['sh', '-c', 'echo from python'], stderr=True, stdin=False, stdout=True, tty=False)",
      "pf = portforward(v1.connect_get_namespaced_pod_portforward, 'streams-web', 'default', ports='80')",
      's = pf.socket(80)',
      's.setblocking(True)',
      "s.sendall(b'GET / HTTP/1.1\\r\\nHost: web\\r\\nConnection: close\\r\\n\\r\\n')",
      "data = b''",
      'while True:',
      '    chunk = s.recv(4096)',
      '    if not chunk: break',
      '    data += chunk',
      's.close()',
      'pf.close()',
      'print(json.dumps([said, data.decode()]))',
    ]);
    const [said, page] = JSON.parse(out) as [string, string];
    assert.equal(said, 'from python\n');
    assert.match(page, /^HTTP\/1\.1 200 OK\r\n[\s\S]*Welcome to nginx!/);
  });
}

for (const route of routes) {
  test(`client-node (channel websockets) ${route.name}: PortForward reads nginx's page`, async () => {
    const kc = new k8s.KubeConfig();
    // client-node refuses plain http unless TLS verification is off.
    kc.loadFromOptions({
      clusters: [{ name: 'demo', server: route.server(), skipTLSVerify: true }],
      users: [{ name: 'demo' }],
      contexts: [{ name: 'demo', cluster: 'demo', user: 'demo' }],
      currentContext: 'demo',
    });
    const output = new PassThrough();
    const input = new PassThrough();
    let got = '';
    output.on('data', (c: Buffer) => (got += c.toString('latin1')));
    const ws = await new k8s.PortForward(kc).portForward('default', 'streams-web', [80], output, new PassThrough(), input);
    input.write('GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n');
    await eventually(() => /Welcome to nginx!/.test(got), `nginx's page (got ${JSON.stringify(got)})`);
    assert.match(got, /^HTTP\/1\.1 200 OK\r\n/);
    if (typeof ws !== 'function') ws.close();
  });
}

test('a websocket GET on a non-streaming path gets the API server\'s own refusal through the console; a websocket POST is still refused', async () => {
  const path = 'api/v1/namespaces/default/pods';
  const direct = await openWebSocket(`${cluster.url.replace(/^http/, 'ws')}/${path}`, { protocols: ['v5.channel.k8s.io'] });
  const proxied = await openWebSocket(`${replicas[0].url.replace(/^http/, 'ws')}k8s/demo/${path}`, { protocols: ['v5.channel.k8s.io'] });
  assert.equal(direct.status, 400);
  assert.equal(proxied.status, direct.status);
  assert.deepEqual(JSON.parse(proxied.body ?? ''), JSON.parse(direct.body ?? ''));
  const post = await rawRequest(replicas[0].port, '/console/k8s/demo/api/v1/namespaces/default/pods/streams-shell/exec?command=sh', {
    method: 'POST',
    headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
  });
  assert.equal(post.status, 400);
  assert.equal((JSON.parse(post.body) as { message: string }).message, 'only GET requests with "Upgrade: websocket" can be upgraded');
});
