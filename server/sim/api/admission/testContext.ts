import { Clock, EventRecorder, type SimContext } from '../../context.ts';
import type { ApiError } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { ResourceRegistry, servedResources } from '../resources.ts';
import { Store } from '../store.ts';
import { admit } from './index.ts';

/** A bare store with the given namespaces, for admission tests (no controllers, no timers). */
export function testContext(namespaces: string[] = ['default', 'shop']): SimContext {
  const store = new Store(new ResourceRegistry(servedResources(32)));
  const ctx: SimContext = { store, clock: new Clock(1), events: new EventRecorder(store), kubeMinor: 32 };
  for (const ns of namespaces) store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  return ctx;
}

/** Admit as a POST would, then store it; returns the stored object. */
export function create(ctx: SimContext, key: string, obj: KubeObject): KubeObject {
  admit(ctx.store.type(key), obj, undefined, ctx, 'create');
  return ctx.store.create(key, obj);
}

/** The ApiError admission throws (fails the test when it does not throw). */
export function rejection(fn: () => void): ApiError {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected admission to reject the object');
}
