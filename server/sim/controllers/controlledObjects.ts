import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../api/store.ts';
import { controllerOf } from './ownership.ts';

const BY_CONTROLLER = 'controller-uid';

/** Index value: the controller's uid, or one bucket per namespace for objects without a controller. */
function controllerKey(o: Readonly<KubeObject>): string {
  return controllerOf(o)?.uid ?? `orphan\u0000${o.metadata.namespace ?? ''}`;
}

function byController(store: Store, resource: string, value: string, namespace: string | undefined): KubeObject[] {
  store.index(resource, BY_CONTROLLER, controllerKey);
  return store.byIndex(resource, BY_CONTROLLER, value).filter((o) => o.metadata.namespace === namespace);
}

/**
 * Objects of `resource` in the owner's namespace that it controls, in store order: what
 * `listRefs(resource, ns).filter(isControlledBy)` returns, without scanning the namespace
 * (10,000 pods at --scale, on every ReplicaSet sync).
 */
export function controlledObjects(store: Store, resource: string, owner: Readonly<KubeObject>): KubeObject[] {
  const uid = owner.metadata.uid;
  return uid ? byController(store, resource, uid, owner.metadata.namespace) : [];
}

/** Objects of `resource` in a namespace without a controller (candidates for adoption), in store order. */
export function orphanObjects(store: Store, resource: string, namespace: string | undefined): KubeObject[] {
  return byController(store, resource, `orphan\u0000${namespace ?? ''}`, namespace);
}
