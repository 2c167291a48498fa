import type { KubeObject } from '../../kube/object.ts';
import { RESOURCES, apiVersionOf, resourceKey, type ResourceType } from './resources.ts';
import { coreToEventsV1, eventsV1ToCore } from './eventsV1.ts';
import { hpaFromV1, hpaToV1, isHpaV1 } from './admission/autoscalingV1.ts';

/** events.k8s.io Events live in the core `events` table; every other resource has its own. */
export function storeKeyOf(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return type.group === 'events.k8s.io' ? 'events' : resourceKey(type);
}

/** The version objects are stored in, whatever the emulated cluster serves (CronJob stays batch/v1). */
export function storageApiVersion(type: ResourceType): string {
  const key = storeKeyOf(type);
  const base = RESOURCES.find((r) => resourceKey(r) === key);
  return apiVersionOf(base ?? type, (base ?? type).versions[0]);
}

function storedKind(type: ResourceType): string {
  return type.kind;
}

/** The object as a client of `version` sees it. Never mutates the stored object. */
export function toServed(type: ResourceType, version: string, obj: Readonly<KubeObject>): KubeObject {
  const apiVersion = apiVersionOf(type, version);
  if (type.group === 'events.k8s.io') return coreToEventsV1(obj as KubeObject, apiVersion);
  if (type.group === 'autoscaling' && version === 'v1') return hpaToV1(obj, apiVersion);
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion, kind: type.kind, ...rest } as KubeObject;
}

/** A client's object in the storage version (a fresh object the caller may change). */
export function toStored(type: ResourceType, obj: KubeObject): KubeObject {
  if (type.group === 'events.k8s.io') return eventsV1ToCore(obj);
  if (type.group === 'autoscaling' && isHpaV1(obj)) return hpaFromV1(obj, storageApiVersion(type));
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion: storageApiVersion(type), kind: storedKind(type), ...rest } as KubeObject;
}

export function listKind(type: ResourceType): string {
  return `${type.kind}List`;
}
