/**
 * Demo-cluster benchmark (numbers for the closing note; never a timed test).
 *
 *   npm run bench:demo                 defaults: --scale 10000 --churn 50
 *   npm run bench:demo -- --scale 2000 --churn 10 --startups 9
 *   npm run bench:demo -- --against /tmp/old   start-ups alternate with another checkout's
 *                                                (a git worktree of an older commit): paired,
 *                                                so the machine's drift cancels out
 *
 * Measures: start-up time with the seed (process spawn → listening; median of --startups starts), time until every
 * scaled pod exists and until every one is Running, latency of a single GET meanwhile,
 * list latency of all pods as a server-side Table and as JSON, watch event latency
 * (create → ADDED seen), and resident memory sampled over 20 s of churn.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { quantile } from './quantile.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '10000' }, churn: { type: 'string', default: '50' }, startups: { type: 'string', default: '5' }, against: { type: 'string' } } });
const scale = Number(values.scale);
const churn = Number(values.churn);
const startups = Math.max(1, Number(values.startups) || 1);
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function startCluster(args: string[], cwd = process.cwd()): Promise<{ url: string; pid: number; ms: number; stop: () => Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/sim/main.ts', '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`demo cluster exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { url, pid: child.pid!, ms: performance.now() - t0, stop: () => (child.kill('SIGTERM'), exited) };
}

async function timed(fn: () => Promise<unknown>, runs = 5): Promise<{ median: number; min: number }> {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return { median: quantile(ts, 0.5), min: Math.min(...ts) };
}

/** Pods of the scaled Deployments (namespace `scale`): the seed's own pods do not count. */
async function scaledPodCount(url: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/namespaces/scale/pods?limit=1`);
  const body = (await r.json()) as { items: unknown[]; metadata: { remainingItemCount?: number } };
  return body.items.length + (body.metadata.remainingItemCount ?? 0);
}

async function scaledPodsNotRunning(url: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/namespaces/scale/pods?fieldSelector=status.phase!%3DRunning`);
  return ((await r.json()) as { items: unknown[] }).items.length;
}

/** GET one object every 200 ms until stopped: how responsive the API stays while controllers work. */
function sampleGets(url: string): () => Promise<number[]> {
  const ms: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await (await fetch(`${url}/api/v1/namespaces/default/serviceaccounts/default`)).arrayBuffer();
      ms.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return ms;
  };
}


async function watchLatency(url: string): Promise<number> {
  const ac = new AbortController();
  const list = (await (await fetch(`${url}/api/v1/namespaces/default/pods`)).json()) as { metadata: { resourceVersion: string } };
  const res = await fetch(`${url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`, { signal: ac.signal });
  const name = `bench-${Date.now()}`;
  const reader = res.body!.getReader();
  const t = performance.now();
  await fetch(`${url}/api/v1/namespaces/default/pods`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }),
  });
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('watch ended');
    buf += Buffer.from(value).toString();
    if (buf.includes(`"name":"${name}"`)) break;
  }
  const ms = performance.now() - t;
  ac.abort();
  return ms;
}

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
// One cold start is at the mercy of whatever else the machine does: the median of several.
const startupMs: number[] = [];
const againstMs: number[] = [];
let seedRss = NaN;
for (let i = 0; i < startups; i++) {
  const seedOnly = await startCluster([]);
  startupMs.push(seedOnly.ms);
  seedRss = rssMiB(seedOnly.pid);
  await seedOnly.stop();
  if (values.against) {
    const other = await startCluster([], values.against);
    againstMs.push(other.ms);
    await other.stop();
  }
}
console.log(`start-up with the seed: median ${quantile(startupMs, 0.5).toFixed(0)} ms, min ${Math.min(...startupMs).toFixed(0)} ms over ${startups} starts (process spawn to listening), RSS ${seedRss} MiB`);
if (values.against) {
  const ratio = quantile(startupMs, 0.5) / quantile(againstMs, 0.5);
  console.log(`  ${values.against}, alternating: median ${quantile(againstMs, 0.5).toFixed(0)} ms, min ${Math.min(...againstMs).toFixed(0)} ms; this tree / that one: ${ratio.toFixed(2)}×`);
}

const big = await startCluster(['--scale', String(scale), '--churn', String(churn), '--speed', '10']);
console.log(`start-up with --scale ${scale}: ${big.ms.toFixed(0)} ms`);
const t0 = performance.now();
const stopSampling = sampleGets(big.url);
while ((await scaledPodCount(big.url)) < scale) await new Promise((r) => setTimeout(r, 500));
console.log(`all ${scale} pods exist after ${((performance.now() - t0) / 1000).toFixed(1)} s more`);
while ((await scaledPodsNotRunning(big.url)) > 0) await new Promise((r) => setTimeout(r, 1000));
console.log(`all ${scale} pods Running after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const gets = await stopSampling();
console.log(`GET one object meanwhile: p50 ${quantile(gets, 0.5).toFixed(0)} ms, p95 ${quantile(gets, 0.95).toFixed(0)} ms, max ${quantile(gets, 1).toFixed(0)} ms (${gets.length} requests)`);
await new Promise((r) => setTimeout(r, 5000));

const table = await timed(async () => (await fetch(`${big.url}/api/v1/pods`, { headers: { accept: TABLE } })).arrayBuffer());
const json = await timed(async () => (await fetch(`${big.url}/api/v1/pods`)).arrayBuffer());
const page = await timed(async () => (await fetch(`${big.url}/api/v1/pods?limit=500`)).arrayBuffer());
console.log(`list ${scale}+ pods as Table: median ${table.median.toFixed(0)} ms (min ${table.min.toFixed(0)})`);
console.log(`list ${scale}+ pods as JSON:  median ${json.median.toFixed(0)} ms (min ${json.min.toFixed(0)})`);
console.log(`list one page of 500 pods:   median ${page.median.toFixed(0)} ms`);
const w: number[] = [];
for (let i = 0; i < 5; i++) w.push(await watchLatency(big.url));
console.log(`watch latency (create → ADDED) under churn ${churn}/s: median ${quantile(w, 0.5).toFixed(1)} ms`);
// Resident memory over 20 s of churn after the lists (their transient buffers included).
const rss: number[] = [];
for (let i = 0; i < 40; i++) {
  rss.push(rssMiB(big.pid));
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`RSS under churn ${churn}/s with ${scale} pods, 20 s sampled: median ${quantile(rss, 0.5)} MiB, max ${quantile(rss, 1)} MiB (${(quantile(rss, 1) * 1.048576).toFixed(0)} MB)`);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
big.stop();
process.exit(0);
