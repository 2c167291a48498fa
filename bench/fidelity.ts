/**
 * Fidelity run: everyday kubectl 1.32 and Python-client (python3-kubernetes 22.6) cases
 * against a seeded demo cluster, each judged by what a real Kubernetes 1.32 cluster does.
 * A measurement, not a test: it exits 0 whatever the count.
 *
 *   node --import tsx bench/fidelity.ts              every case
 *   node --import tsx bench/fidelity.ts --only logs  the cases whose name holds "logs" (any case)
 *   node --import tsx bench/fidelity.ts --list       the case names
 *
 * Prints `PASS|DIFF  <area>  <case>` per case (a DIFF with what was seen and expected), then
 * `fidelity: N of M cases behave as Kubernetes 1.32 (kubectl K1/M1, python P1/P2)`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoCluster } from '../server/sim/index.ts';
import { NS, createHarness, type Case, type Harness, type Outcome } from './fidelity/harness.ts';
import { readCases } from './fidelity/kubectlRead.ts';
import { writeCases } from './fidelity/kubectlWrite.ts';
import { runtimeCases } from './fidelity/kubectlRuntime.ts';
import { clusterCases } from './fidelity/kubectlCluster.ts';
import { pythonCases } from './fidelity/python.ts';
import { FIXTURES } from './fidelity/fixtures.ts';

const { values } = parseArgs({ options: { only: { type: 'string' }, list: { type: 'boolean', default: false } } });
const cases: Case[] = [...readCases, ...writeCases, ...runtimeCases, ...clusterCases, ...pythonCases].filter((c) => !values.only || c.name.toLowerCase().includes(values.only.toLowerCase()));

if (values.list) {
  for (const c of cases) console.log(`${c.area}  ${c.name}`);
  process.exit(0);
}

/** The objects cases read: a looping shell, a two-container pod, a crash-looping pod, a served deployment, a CRD. */
async function setUp(h: Harness): Promise<void> {
  const must = async (args: string[], input?: string) => {
    const r = await h.kubectl(args, { input, timeoutMs: 150_000 });
    if (r.code !== 0) throw new Error(`set-up: kubectl ${args.join(' ')}: ${r.stderr}`);
  };
  await must(['apply', '-f', '-'], FIXTURES);
  await must(['wait', '--for=condition=Established', 'crd/crontabs.stable.example.com', '--timeout=60s']);
  await must(['apply', '-f', '-'], 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: nightly, namespace: fidelity}\nspec: {cronSpec: "*/5 * * * *", image: my-awesome-cron-image, replicas: 1}\n');
  await must(['wait', '--for=condition=Ready', 'pod/shell', 'pod/duo', '-n', NS, '--timeout=120s']);
  await must(['rollout', 'status', 'deploy/web', '-n', NS, '--timeout=120s']);
  // The crash-looping pod has restarted once, so it has a previous log.
  await must(['wait', '--for=jsonpath={.status.containerStatuses[0].restartCount}=1', 'pod/crashy', '-n', NS, '--timeout=120s']);
}

const dir = mkdtempSync(join(tmpdir(), 'fidelity-'));
const kubeconfig = join(dir, 'kubeconfig');
const cluster = await startDemoCluster({ port: 0, writeKubeconfig: kubeconfig });
const h = createHarness(kubeconfig, dir);
const tally = { kubectl: [0, 0], python: [0, 0] };
try {
  await setUp(h);
  for (const c of cases) {
    let o: Outcome;
    try {
      o = await c.run(h);
    } catch (err) {
      o = { ok: false, observed: `threw ${(err as Error).message}`, expected: 'no exception' };
    }
    tally[c.area][1]++;
    if (o.ok) tally[c.area][0]++;
    console.log(o.ok ? `PASS  ${c.area}  ${c.name}` : `DIFF  ${c.area}  ${c.name}: got ${o.observed}; Kubernetes 1.32: ${o.expected}`);
  }
} finally {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
}
const [k1, m1] = tally.kubectl;
const [p1, p2] = tally.python;
console.log(`fidelity: ${k1 + p1} of ${m1 + p2} cases behave as Kubernetes 1.32 (kubectl ${k1}/${m1}, python ${p1}/${p2})`);
process.exit(0);
