import { deepCopy } from './jsonTree.ts';

/**
 * Objects as they travel on the wire (JSON). client-node's model classes use Date for
 * timestamps and are shaped for its serializer, so the demo cluster stores plain JSON
 * and reads fields through these minimal shapes.
 */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // Each kind has its own spec/status shape; controllers narrow them with their own types.
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  [field: string]: unknown;
}

export function rfc3339(d: Date = new Date()): string {
  // join() gives one flat string; `+`, templates and replace() give a rope (3x the memory,
  // and every object and event in the store holds a few timestamps).
  return [d.toISOString().slice(0, 19), 'Z'].join('');
}

/** RFC3339 with microseconds, as events.k8s.io eventTime and managed fields use. */
export function rfc3339Micro(d: Date = new Date()): string {
  return d.toISOString().replace(/Z$/, '000Z');
}

/** A deep copy of a stored object (JSON trees; see jsonTree.ts for why not structuredClone). */
export function clone<T>(o: T): T {
  return deepCopy(o);
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}
