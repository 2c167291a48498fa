/**
 * Proxy benchmark (numbers for the closing note; never a timed test): the same requests
 * straight to the demo cluster, through `kubectl proxy`, and through the console's
 * `/k8s/{context}` proxy, in one run, each server in its own process.
 *
 *   node --import tsx bench/proxy.ts [--scale 1000] [--runs 30] [--profile DIR] [--console-entry FILE]
 *
 * `--profile DIR` writes a V8 CPU profile of the console process there (open it in Chrome's
 * DevTools); `--console-entry` runs another console entry point (a proxy variant to compare).
 * On Linux it also prints the CPU time kubectl proxy and the console spent per one-pod GET and
 * per full list, JIT warm-up included (one warm-up request each).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { quantile } from './quantile.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '30' },
    profile: { type: 'string' },
    'console-entry': { type: 'string', default: 'server/main.ts' },
  },
});
const runs = Number(values.runs);
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<string> {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let started = false;
    const onData = (d: Buffer) => {
      // Only the start-up lines matter: the console logs every request, and scanning that would
      // cost the measuring process time between requests.
      if (started) return;
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        started = true;
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}: ${out}`)));
  });
}

/**
 * CPU time a process has used, in milliseconds (utime + stime of /proc/PID/stat, all threads, in
 * Linux's USER_HZ of 100 ticks a second); undefined off Linux. Steadier than latency on a loaded
 * machine: it does not count time spent waiting for a core.
 */
function cpuMs(child: ChildProcess): number | undefined {
  const stat = `/proc/${child.pid}/stat`;
  if (!existsSync(stat)) return undefined;
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** p50 and p90 of one target's timings, in milliseconds. */
interface Timing {
  p50: number;
  p90: number;
}

/** Each target's timings, measured in turns (one request per target per round) so load drifts hit all alike. */
async function interleaved(targets: Record<string, string>, rounds: number, request: (base: string) => Promise<unknown>): Promise<Record<string, Timing>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (const base of Object.values(targets)) await request(base);
  for (let i = 0; i < rounds; i++) {
    for (const [name, base] of Object.entries(targets)) {
      const t = performance.now();
      await request(base);
      times[name].push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, ts]) => [k, { p50: quantile(ts, 0.5), p90: quantile(ts, 0.9) }]));
}

const demo = await start(process.execPath, ['--import', 'tsx', 'server/sim/main.ts', '--port', '0', '--scale', values.scale!, '--speed', '20'], {}, /listening on (http\S+)/);
const dir = mkdtempSync(join(tmpdir(), 'bench-proxy-'));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: demo\nclusters:\n- name: demo\n  cluster: {server: "${demo}"}\nusers:\n- name: demo\n  user: {}\ncontexts:\n- name: demo\n  context: {cluster: demo, user: demo}\n`);
const kproxy = await start('kubectl', ['proxy', '--port=0'], { KUBECONFIG: kubeconfig }, /Starting to serve on (\S+)/);
const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
const consoleUrl = await start(process.execPath, [...profile, '--import', 'tsx', values['console-entry']!], { KUBECONFIG: kubeconfig, PORT: '0', CONSOLE_DIST_DIR: '/nonexistent' }, /"url":"(http[^"]+)"/);

const targets = {
  'API server directly': demo,
  'kubectl proxy': `http://${kproxy}`,
  'console /k8s/demo': `${consoleUrl.replace(/\/$/, '')}/k8s/demo`,
};

// Let the scaled pods appear before measuring.
for (;;) {
  const body = (await (await fetch(`${demo}/api/v1/pods?limit=1`)).json()) as { metadata: { remainingItemCount?: number } };
  if ((body.metadata.remainingItemCount ?? 0) + 1 >= Number(values.scale)) break;
  await new Promise((r) => setTimeout(r, 500));
}

const pod = ((await (await fetch(`${demo}/api/v1/namespaces/shop/pods?limit=1`)).json()) as { items: { metadata: { name: string } }[] }).items[0].metadata.name;
console.log(`${values.scale} scaled pods; ${runs} runs each (${runs * 5} for one pod); milliseconds, p50 / p90; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
const proxies = { 'kubectl proxy': children[1], console: children[2] };

/** Runs `measure` (`rounds` interleaved requests and one warm-up each) and the CPU ms each proxy spent per request. */
async function withCpu<T>(rounds: number, measure: () => Promise<T>): Promise<[T, (number | undefined)[]]> {
  const before = Object.values(proxies).map(cpuMs);
  const result = await measure();
  const perRequest = Object.values(proxies).map((c, i) => {
    const [start, end] = [before[i], cpuMs(c)];
    return start === undefined || end === undefined ? undefined : (end - start) / (rounds + 1);
  });
  return [result, perRequest];
}

const [one, cpuPerGet] = await withCpu(runs * 5, () => interleaved(targets, runs * 5, async (base) => (await fetch(`${base}/api/v1/namespaces/shop/pods/${pod}`)).arrayBuffer()));
const [all, cpuPerList] = await withCpu(runs, () => interleaved(targets, runs, async (base) => (await fetch(`${base}/api/v1/pods`)).arrayBuffer()));
const table = await interleaved(targets, runs, async (base) =>
  (await fetch(`${base}/api/v1/pods`, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } })).arrayBuffer(),
);
const cell = (t: Timing, digits: number) => `${t.p50.toFixed(digits)} / ${t.p90.toFixed(digits)}`;
console.log('target'.padEnd(22), 'GET one pod'.padStart(15), 'list all pods'.padStart(15), 'list as Table'.padStart(15));
for (const name of Object.keys(targets)) {
  console.log(name.padEnd(22), cell(one[name], 2).padStart(15), cell(all[name], 1).padStart(15), cell(table[name], 1).padStart(15));
}
const [d, k, c] = Object.keys(targets);
const ratio = (a: string, b: string, q: keyof Timing) =>
  `${(one[a][q] / one[b][q]).toFixed(2)}x one pod, ${(all[a][q] / all[b][q]).toFixed(2)}x list, ${(table[a][q] / table[b][q]).toFixed(2)}x Table`;
console.log('');
for (const q of ['p50', 'p90'] as const) {
  console.log(`${q} console / direct: ${ratio(c, d, q)}`);
  console.log(`${q} console / kubectl proxy: ${ratio(c, k, q)}`);
  console.log(`${q} kubectl proxy / direct: ${ratio(k, d, q)}`);
}
if (!cpuPerGet.includes(undefined)) {
  console.log(`CPU per one-pod GET: ${Object.keys(proxies).map((name, i) => `${name} ${(cpuPerGet[i]! * 1000).toFixed(0)} us`).join(', ')} (10 ms ticks)`);
}
if (!cpuPerList.includes(undefined)) {
  console.log(`CPU per full list: ${Object.keys(proxies).map((name, i) => `${name} ${cpuPerList[i]!.toFixed(1)} ms`).join(', ')} (10 ms ticks)`);
}
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
// The console writes its CPU profile as it exits: wait for that before leaving.
await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill('SIGTERM'))))));
process.exit(0);
