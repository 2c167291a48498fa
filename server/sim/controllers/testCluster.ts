import type { KubeObject } from '../../kube/object.ts';
import { rfc3339 } from '../../kube/object.ts';
import { ResourceRegistry, servedResources } from '../api/resources.ts';
import { Store } from '../api/store.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { Clock, EventRecorder, type Controller, type SimContext } from '../context.ts';
import { hasReason } from '../api/apiErrorReason.ts';

/**
 * Test support for controller tests: an in-process store and a fast clock, plus a
 * stand-in for the scheduler and kubelet that binds pods, starts them Ready and finishes
 * graceful deletions (the real ones live elsewhere in the demo cluster).
 */
export interface TestCluster {
  ctx: SimContext;
  /** Which pods become Ready; the default is all. */
  readyWhen: (pod: Readonly<KubeObject>) => boolean;
  /** Create as a client would, through admission (defaults), so templates compare as on a real cluster. */
  create(resource: string, obj: KubeObject): KubeObject;
  close(): void;
}

export function testCluster(controllers: Controller[], opts: { speed?: number; nodes?: KubeObject[] } = {}): TestCluster {
  const store = new Store(new ResourceRegistry(servedResources(32)));
  const clock = new Clock(opts.speed ?? 100);
  const ctx: SimContext = { store, clock, events: new EventRecorder(store), kubeMinor: 32 };
  for (const ns of ['default', 'shop']) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] } });
  for (const n of opts.nodes ?? [node('node-a')]) store.create('nodes', n);
  const tc: TestCluster = { ctx, readyWhen: () => true, create: (resource, obj) => createAdmitted(ctx, resource, obj), close };
  const pending = new Set<NodeJS.Immediate>();
  const later = (fn: () => void) => {
    const t = setImmediate(() => {
      pending.delete(t);
      try {
        fn();
      } catch (err) {
        // The pod changed or went meanwhile; the next event brings it back.
        if (!hasReason(err, 'NotFound', 'Conflict')) throw err;
      }
    });
    pending.add(t);
  };
  const unsubscribe = store.subscribe((e) => {
    const pod = e.object;
    if (e.type === 'DELETED') return;
    const { namespace, name } = pod.metadata;
    if (pod.metadata.deletionTimestamp) {
      if (!pod.metadata.finalizers?.length) later(() => store.delete('pods', namespace, name!));
      return;
    }
    if (pod.status?.phase === 'Running') return;
    later(() => {
      const fresh = store.get('pods', namespace, name!);
      if (!fresh || fresh.metadata.deletionTimestamp || fresh.status?.phase === 'Running') return;
      const nodeName = fresh.spec?.nodeName ?? affinityNode(fresh) ?? 'node-a';
      if (!fresh.spec.nodeName) {
        fresh.spec.nodeName = nodeName;
        store.update('pods', fresh);
      }
      const ready = tc.readyWhen(fresh);
      const now = rfc3339();
      store.mutate('pods', namespace, name!, (p) => {
        p.status = {
          phase: 'Running',
          podIP: `10.244.0.${Math.floor(Math.random() * 250) + 2}`,
          conditions: [
            { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
            { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
          ],
        };
      }, { statusOnly: true });
    });
  }, 'pods');
  for (const c of controllers) c.start(ctx);

  function close(): void {
    for (const c of controllers) c.stop();
    unsubscribe();
    for (const t of pending) clearImmediate(t);
    clock.stopAll();
  }
  return tc;
}

function affinityNode(pod: Readonly<KubeObject>): string | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    | { matchFields?: { key: string; values?: string[] }[] }[]
    | undefined;
  return terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}

export function node(name: string, taints: { key: string; value?: string; effect: string }[] = [], labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: taints.length ? { taints } : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

