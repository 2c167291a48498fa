import type { KubeObject } from '../../../kube/object.ts';
import { rfc3339 } from '../../../kube/object.ts';
import type { Store, StoreEvent } from '../store.ts';
import { resourceKey, type ResourceRegistry } from '../resources.ts';
import { CRD_KEY, specOf, typeFromDefinition } from './customResourceInfo.ts';

/** The finalizer that holds a CRD until its custom resources are gone (apiextensions' CustomResourceCleanupFinalizer). */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

function withCondition(conditions: Condition[], next: Condition): Condition[] {
  const old = conditions.find((c) => c.type === next.type);
  if (old && old.status === next.status && old.reason === next.reason && old.message === next.message) return conditions;
  const entry = { ...next, lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : rfc3339() };
  return old ? conditions.map((c) => (c === old ? entry : c)) : [...conditions, entry];
}

/** Another CRD (or a built-in) already serving this group + plural, kind or a short name. */
function nameConflict(registry: ResourceRegistry, crd: Readonly<KubeObject>): string | undefined {
  const spec = specOf(crd);
  const owner = registry.find(resourceKey({ group: spec.group, plural: spec.names.plural }));
  if (owner && owner.custom?.definition !== crd.metadata.name) return `"${spec.names.plural}" is already in use`;
  for (const t of registry.types) {
    if (t.group !== spec.group || t.custom?.definition === crd.metadata.name) continue;
    if (t.kind === spec.names.kind) return `"${spec.names.kind}" is already in use`;
    const taken = spec.names.shortNames?.find((s) => t.shortNames?.includes(s) || t.plural === s);
    if (taken) return `"${taken}" is already in use`;
  }
  return undefined;
}

/**
 * What apiextensions-apiserver's naming, establishing, finalizer and storage-version controllers
 * do, in one store listener: an accepted CRD is served at once (the type is registered before
 * the create returns, so a custom resource can follow straight away), its status gets
 * acceptedNames, NamesAccepted and Established; a deleted one loses its custom resources,
 * then its finalizer, then its served type.
 */
export function runDefinitionController(store: Store, registry: ResourceRegistry): () => void {
  const cleanups = new Map<string, () => void>();

  const reconcileStatus = (name: string) => {
    store.mutate(CRD_KEY, undefined, name, (crd) => {
      if (crd.metadata.deletionTimestamp) return false;
      const spec = specOf(crd);
      const status = (crd.status ??= {});
      const conflict = nameConflict(registry, crd);
      let conditions: Condition[] = status.conditions ?? [];
      if (conflict) {
        conditions = withCondition(conditions, { type: 'NamesAccepted', status: 'False', reason: 'NameConflict', message: conflict });
        conditions = withCondition(conditions, { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' });
      } else {
        status.acceptedNames = { ...spec.names };
        conditions = withCondition(conditions, { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' });
        conditions = withCondition(conditions, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' });
      }
      status.acceptedNames ??= { plural: '', kind: '' };
      status.conditions = conditions;
      const storage = spec.versions.find((v) => v.storage)?.name;
      const stored: string[] = status.storedVersions ?? [];
      if (storage && !stored.includes(storage)) status.storedVersions = [...stored, storage];
      if (!(crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) crd.metadata.finalizers = [...(crd.metadata.finalizers ?? []), CLEANUP_FINALIZER];
    });
  };

  /** Delete every custom resource of a terminating CRD; drop the finalizer once none is left. */
  const cleanUp = (crd: Readonly<KubeObject>) => {
    const name = crd.metadata.name ?? '';
    const key = resourceKey({ group: specOf(crd).group, plural: specOf(crd).names.plural });
    const served = registry.find(key)?.custom?.definition === name;
    const finish = () => {
      if (served && store.count(key) > 0) return;
      cleanups.get(name)?.();
      cleanups.delete(name);
      store.mutate(CRD_KEY, undefined, name, (c) => {
        const finalizers = (c.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
        if (finalizers.length === (c.metadata.finalizers ?? []).length) return false;
        c.metadata.finalizers = finalizers;
      });
    };
    if (served && !cleanups.has(name)) {
      store.mutate(CRD_KEY, undefined, name, (c) => {
        const status = (c.status ??= {});
        status.conditions = withCondition(status.conditions ?? [], { type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' });
      }, { statusOnly: true });
      cleanups.set(name, store.subscribe((e) => e.type === 'DELETED' && queueMicrotask(finish), key));
      for (const o of [...store.listRefs(key)]) {
        if (!o.metadata.deletionTimestamp) store.delete(key, o.metadata.namespace, o.metadata.name ?? '');
      }
    }
    finish();
  };

  const onEvent = (e: StoreEvent) => {
    const crd = e.object;
    const name = crd.metadata.name ?? '';
    const spec = specOf(crd);
    const key = resourceKey({ group: spec.group, plural: spec.names.plural });
    if (e.type === 'DELETED') {
      if (registry.find(key)?.custom?.definition === name) registry.unregister(key);
      return;
    }
    if (crd.metadata.deletionTimestamp) {
      // Changes are made after the event has reached every listener, so watchers see them in order.
      queueMicrotask(() => cleanUp(crd));
      return;
    }
    if (!nameConflict(registry, crd)) registry.register(typeFromDefinition(crd));
    queueMicrotask(() => reconcileStatus(name));
  };

  for (const crd of store.listRefs(CRD_KEY)) onEvent({ type: 'ADDED', rv: 0, resource: CRD_KEY, object: crd });
  const unsubscribe = store.subscribe(onEvent, CRD_KEY);
  return () => {
    unsubscribe();
    for (const stop of cleanups.values()) stop();
  };
}
