/**
 * The BFF's memory per N pods, measured in this process (V8 heap after a full GC, before and
 * after): the pods informer's cache as it lists a demo cluster of N pods, one live subscription
 * of the pods view on it (its snapshot sent), and what the view models would cost if kept; plus
 * the snapshot message's size. The demo cluster runs in a worker thread, whose V8 heap is its
 * own: its allocations (and their collection) stay out of the readings.
 *
 *   node --import tsx bench/bffMemory.ts [--pods 10000]
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { KubeObject } from '../server/kube/object.ts';
import { silentLogger } from '../server/log.ts';
import { demoContext } from '../server/clusters/demo.ts';
import { startDemoCluster } from '../server/sim/index.ts';
import { Informer } from '../server/views/cache/informer.ts';
import { Subscription } from '../server/views/live/subscription.ts';
import { podRow, podsView } from '../server/views/pods/podRow.ts';
import { runningPod } from '../web/e2e/loadCluster.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export interface BffMemory {
  cacheMb: number;
  subscriptionMb: number;
  rowsMb: number;
  snapshotBytes: number;
}

/** Worker side: a demo cluster of N load pods; posts its URL, closes when told. */
async function serveLoadCluster(pods: number): Promise<void> {
  const cluster = await startDemoCluster({ speed: 20, controllers: false, seed: false });
  cluster.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'load' } } as KubeObject);
  for (let i = 0; i < pods; i++) cluster.store.create('pods', runningPod(i));
  parentPort?.once('message', () => void cluster.close().then(() => parentPort?.close()));
  parentPort?.postMessage(cluster.url);
}

export async function measureBffMemory(pods: number): Promise<BffMemory> {
  // Node 20 does not carry --import's loader hooks into workers: the worker registers tsx itself.
  const start = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(start, { eval: true, workerData: { pods } });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const before = heapAfterGc();
    const informer = new Informer(demoContext(url), podsView.resources[0], silentLogger);
    const synced = new Promise<void>((resolve) => informer.on((e) => e.type === 'synced' && resolve()));
    informer.start();
    await synced;
    const withCache = heapAfterGc();

    let snapshotBytes = 0;
    const subscription = new Subscription(
      { id: 's1', view: podsView, namespaces: ['load'], params: {}, informers: [informer] },
      { send: (m) => (snapshotBytes = JSON.stringify(m).length), congested: () => false },
      100,
      silentLogger,
    );
    subscription.start();
    const withSubscription = heapAfterGc();

    const rows = [...informer.cache.values()].map(podRow);
    const withRows = heapAfterGc();
    const mb = (bytes: number) => bytes / 2 ** 20;
    const result = { cacheMb: mb(withCache - before), subscriptionMb: mb(withSubscription - withCache), rowsMb: mb(withRows - withSubscription), snapshotBytes };
    // Held until here, so the readings above count them.
    subscription.dispose();
    informer.stop();
    void rows.length;
    return result;
  } finally {
    worker.postMessage('close');
    await exited;
  }
}

if (!isMainThread) {
  await serveLoadCluster((workerData as { pods: number }).pods);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--pods');
  const pods = i > 0 ? Number(process.argv[i + 1]) : 10_000;
  const r = await measureBffMemory(pods);
  console.log(`BFF per ${pods} pods: informer cache ${r.cacheMb.toFixed(1)} MiB, one subscription ${r.subscriptionMb.toFixed(2)} MiB, view models if kept ${r.rowsMb.toFixed(1)} MiB, snapshot ${(r.snapshotBytes / 1024).toFixed(0)} KiB (${(r.snapshotBytes / pods).toFixed(0)} B/pod)`);
}
