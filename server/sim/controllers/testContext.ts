import type { KubeObject } from '../../kube/object.ts';
import { ResourceRegistry, servedResources } from '../api/resources.ts';
import { Store } from '../api/store.ts';
import { Clock, EventRecorder, type Controller, type SimContext } from '../context.ts';

/**
 * A bare demo-cluster context for controller tests: store, fast clock, events, and the
 * given controllers running. Nothing else moves pods; tests play the kubelet themselves.
 */
export function testContext(controllers: Controller[], speed = 200): { ctx: SimContext; close(): void } {
  const store = new Store(new ResourceRegistry(servedResources(32)));
  const ctx: SimContext = { store, clock: new Clock(speed), events: new EventRecorder(store), kubeMinor: 32 };
  for (const ns of ['default', 'shop', 'batch', 'storage-demo']) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  for (const c of controllers) c.start(ctx);
  return {
    ctx,
    close() {
      for (const c of controllers) c.stop();
      ctx.clock.stopAll();
    },
  };
}

/** Messages of the events recorded for an object, in order. */
export function eventsFor(ctx: SimContext, obj: Readonly<KubeObject>): { reason: string; message: string; type: string; count: number }[] {
  return ctx.store
    .listRefs('events', obj.metadata.namespace || 'default')
    .filter((e) => (e.involvedObject as { name?: string; kind?: string }).name === obj.metadata.name && (e.involvedObject as { kind?: string }).kind === obj.kind)
    .map((e) => ({ reason: e.reason as string, message: e.message as string, type: e.type as string, count: e.count as number }));
}

export function testNode(name: string, cpu: string, memory: string, taints: { key: string; value?: string; effect: string }[] = []): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: taints.length ? { taints } : {},
    status: { allocatable: { cpu, memory, pods: '110' }, capacity: { cpu, memory, pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export function testPod(name: string, namespace: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { schedulerName: 'default-scheduler', ...spec }, status: { phase: 'Pending' } };
}
