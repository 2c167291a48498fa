/**
 * Proxy soak (numbers for the closing note; its short form is a smoke test, never a timed one):
 * many concurrent watches of mixed kinds and exec sessions exchanging input and output, held
 * open through the console's `/k8s/{context}` proxy against the demo cluster with churn, then
 * the same through `kubectl proxy`. Prints errors (must be 0), events and exec round trips
 * received, and the proxy process's RSS at start, middle and end (should stay flat).
 *
 *   node --import tsx bench/soak.ts [--seconds 60] [--watches 200] [--execs 20] [--churn 20]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { runningSeedPod } from '../web/e2e/terminalStack.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    watches: { type: 'string', default: '200' },
    execs: { type: 'string', default: '20' },
    churn: { type: 'string', default: '20' },
  },
});
const seconds = Number(values.seconds);
const watchCount = Number(values.watches);
const execCount = Number(values.execs);
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ url: string; pid: number }> {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      // Only the start-up lines matter; the console's request log would grow without bound.
      if (out.length > 100_000) return;
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ url: m[1], pid: child.pid! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}: ${out.slice(0, 2000)}`)));
  });
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

interface Tally {
  errors: string[];
  events: number;
  /** Watches re-opened after the API server ended them (its timeout), as informers do. */
  rewatches: number;
  execRoundTrips: number;
}

/** Collections watched, in turn: namespaced and cluster-wide, core and grouped. */
const KINDS = [
  '/api/v1/pods',
  '/api/v1/namespaces/scale/pods',
  '/api/v1/events',
  '/apis/apps/v1/deployments',
  '/apis/apps/v1/replicasets',
  '/api/v1/services',
  '/api/v1/configmaps',
  '/api/v1/nodes',
  '/api/v1/namespaces',
  '/apis/discovery.k8s.io/v1/endpointslices',
];

/** One watch held until `stop`, resumed from its last resourceVersion when the server ends it. */
async function holdWatch(base: string, path: string, tally: Tally, stop: AbortSignal): Promise<void> {
  const list = await fetch(`${base}${path}?limit=1`, { signal: stop });
  if (list.status !== 200) return void tally.errors.push(`list ${path}: HTTP ${list.status}`);
  let rv = ((await list.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  while (!stop.aborted) {
    const res = await fetch(`${base}${path}?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`, { signal: stop });
    if (res.status !== 200) return void tally.errors.push(`watch ${path}: HTTP ${res.status}`);
    let buf = '';
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const event = JSON.parse(buf.slice(0, nl)) as { type: string; object: { metadata?: { resourceVersion?: string }; code?: number; message?: string } };
        buf = buf.slice(nl + 1);
        if (event.type === 'ERROR') return void tally.errors.push(`watch ${path}: ERROR ${event.object.code} ${event.object.message}`);
        rv = event.object.metadata?.resourceVersion ?? rv;
        tally.events++;
      }
    }
    if (!stop.aborted) tally.rewatches++;
  }
}

/** A shell over the v5 channel protocol: types `echo` lines and waits for each to come back. */
function holdExec(base: string, pod: { pod: string; container: string }, n: number, tally: Tally, stop: AbortSignal): Promise<void> {
  const url = `${base.replace(/^http/, 'ws')}/api/v1/namespaces/shop/pods/${pod.pod}/exec?command=sh&container=${pod.container}&stdin=true&stdout=true&stderr=true`;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, ['v5.channel.k8s.io']);
    let seq = 0;
    let out = '';
    const send = () => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(`echo soak-${n}-${++seq}\n`)]));
    const finish = () => {
      stop.removeEventListener('abort', finish);
      ws.close(1000);
    };
    stop.addEventListener('abort', finish);
    ws.on('open', send);
    ws.on('message', (data: Buffer) => {
      if (data[0] === 3 && data.length > 1) tally.errors.push(`exec ${n}: status ${data.subarray(1).toString()}`);
      if (data[0] !== 1) return;
      out += data.subarray(1).toString();
      if (out.includes(`soak-${n}-${seq}\n`)) {
        tally.execRoundTrips++;
        out = '';
        if (!stop.aborted) setTimeout(send, 100);
      }
    });
    ws.on('error', (err) => tally.errors.push(`exec ${n}: ${err.message}`));
    ws.on('close', (code) => {
      if (!stop.aborted) tally.errors.push(`exec ${n}: closed early with ${code}`);
      resolve();
    });
  });
}

async function soak(name: string, base: string, pid: number, pod: { pod: string; container: string }): Promise<void> {
  const tally: Tally = { errors: [], events: 0, rewatches: 0, execRoundTrips: 0 };
  const stop = new AbortController();
  const rss = [rssMiB(pid)];
  const running = [
    ...Array.from({ length: watchCount }, (_, i) => holdWatch(base, KINDS[i % KINDS.length], tally, stop.signal)),
    ...Array.from({ length: execCount }, (_, i) => holdExec(base, pod, i, tally, stop.signal)),
  ].map((p) => p.catch((err: Error) => void (stop.signal.aborted || tally.errors.push(err.message))));
  await new Promise((r) => setTimeout(r, (seconds * 1000) / 2));
  rss.push(rssMiB(pid));
  await new Promise((r) => setTimeout(r, (seconds * 1000) / 2));
  rss.push(rssMiB(pid));
  stop.abort();
  await Promise.all(running);
  console.log(
    `${name.padEnd(18)} errors ${String(tally.errors.length).padStart(3)}  events ${String(tally.events).padStart(8)}  rewatches ${String(tally.rewatches).padStart(4)}  ` +
      `exec round trips ${String(tally.execRoundTrips).padStart(6)}  RSS MiB start/middle/end ${rss.join(' / ')}`,
  );
  for (const e of tally.errors.slice(0, 10)) console.log(`  error: ${e}`);
}

const demo = await start(process.execPath, ['--import', 'tsx', 'server/sim/main.ts', '--port', '0', '--scale', '500', '--churn', values.churn!, '--speed', '20'], {}, /listening on (http\S+)/);
const dir = mkdtempSync(join(tmpdir(), 'bench-soak-'));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: demo\nclusters:\n- name: demo\n  cluster: {server: "${demo.url}"}\nusers:\n- name: demo\n  user: {}\ncontexts:\n- name: demo\n  context: {cluster: demo, user: demo}\n`);
// kubectl proxy refuses exec and attach by default (--reject-paths): let them through to compare.
const kproxy = await start('kubectl', ['proxy', '--port=0', '--reject-paths=^$'], { KUBECONFIG: kubeconfig }, /Starting to serve on (\S+)/);
const consoleApp = await start(process.execPath, ['--import', 'tsx', 'server/main.ts'], { KUBECONFIG: kubeconfig, PORT: '0', CONSOLE_DIST_DIR: '/nonexistent' }, /"url":"(http[^"]+)"/);
const pod = await runningSeedPod(demo.url, 'shop', 'frontend');

console.log(`${watchCount} watches and ${execCount} exec sessions for ${seconds} s each; demo cluster churn ${values.churn}/s; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
await soak('console /k8s/demo', `${consoleApp.url.replace(/\/$/, '')}/k8s/demo`, consoleApp.pid, pod);
await soak('kubectl proxy', `http://${kproxy.url}`, kproxy.pid, pod);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exit(0);
