import type { KubeObject } from '../../kube/object.ts';
import type { DeleteOptions, Store } from '../api/store.ts';

/**
 * Delete a pod as the API server does for a client that gives no grace period: a pod
 * bound to a node gets its terminationGracePeriodSeconds (the kubelet finishes the
 * deletion); an unbound or finished pod goes at once.
 */
export function deletePod(store: Store, pod: Readonly<KubeObject>, opts: Omit<DeleteOptions, 'gracePeriodSeconds'> = {}): void {
  const phase = pod.status?.phase;
  const bound = !!pod.spec?.nodeName;
  const grace = bound && phase !== 'Succeeded' && phase !== 'Failed' ? ((pod.spec?.terminationGracePeriodSeconds as number | undefined) ?? 30) : 0;
  store.delete('pods', pod.metadata.namespace, pod.metadata.name!, {
    ...opts,
    preconditions: { uid: pod.metadata.uid },
    ...(grace > 0 ? { gracePeriodSeconds: grace } : {}),
  });
}

/** Delete any object; pods gracefully as above. */
export function deleteObject(store: Store, resource: string, obj: Readonly<KubeObject>, opts: Omit<DeleteOptions, 'gracePeriodSeconds'> = {}): void {
  if (resource === 'pods') deletePod(store, obj, opts);
  else store.delete(resource, obj.metadata.namespace, obj.metadata.name!, { ...opts, preconditions: { uid: obj.metadata.uid } });
}
