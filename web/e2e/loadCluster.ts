/**
 * A demo cluster holding N running pods in namespace `load`, and a console in front of it:
 * the big-list test and the big-list benchmark measure the table, not the simulation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../server/kube/object.ts';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { writeKubeconfig } from '../../server/testing/consoleFixture.ts';
import { consoleSession, startConsole, type ConsoleProcess, type ConsoleSession } from './harness.ts';

/** `load-00042`: zero-padded, so name order is index order. */
export const loadPodName = (i: number) => `load-${String(i).padStart(5, '0')}`;

/** A Running, ready pod; every 97th has restarted 3 times (something to sort by). */
export function runningPod(i: number): KubeObject {
  const now = new Date().toISOString();
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: loadPodName(i), namespace: 'load', labels: { app: 'load' } },
    // No nodeName: the demo kubelet would start running every container in this process.
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'app', image: 'nginx:1.27', imageID: '', ready: true, started: true, restartCount: i % 97 === 0 ? 3 : 0, state: { running: { startedAt: now } } }],
    },
  } as KubeObject;
}

export interface LoadCluster {
  cluster: DemoCluster;
  /** The console, pointed at the cluster through a kubeconfig (context `demo`). */
  console: ConsoleProcess;
  close(): Promise<void>;
}

export async function startLoadCluster(pods: number): Promise<LoadCluster> {
  // No controllers: the rows stay exactly as written.
  const cluster = await startDemoCluster({ speed: 20, controllers: false, seed: false });
  const dir = mkdtempSync(join(tmpdir(), 'console-load-'));
  try {
    cluster.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'load' } } as KubeObject);
    for (let i = 0; i < pods; i++) cluster.store.create('pods', runningPod(i));
    writeKubeconfig(join(dir, 'config'), [{ name: 'demo', server: cluster.url }]);
    const front = await startConsole({ KUBECONFIG: join(dir, 'config'), CONSOLE_DEMO: '' });
    return {
      cluster,
      console: front,
      close: async () => {
        await front.stop();
        await cluster.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A test file's console session over a load cluster of `pods` pods, started before its tests and
 * stopped after them; `load()` is the cluster, for writing to it while a test runs.
 */
export function loadClusterSession(pods: number): { session: ConsoleSession; load: () => LoadCluster } {
  let load: LoadCluster | undefined;
  const session = consoleSession(
    async () => {
      load = await startLoadCluster(pods);
      return load.console;
    },
    // consoleSession stops the console; closing again only waits for its exit.
    () => load?.close(),
  );
  return {
    session,
    load: () => {
      if (!load) throw new Error('the load cluster is not started yet');
      return load;
    },
  };
}
