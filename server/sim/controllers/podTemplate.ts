import type { KubeObject, OwnerReference } from '../../kube/object.ts';
import { clone } from '../../kube/object.ts';

/** The alphabet of k8s.io/apimachinery/pkg/util/rand (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: maps each character onto ALPHANUMS so the result is a safe name suffix. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

/** FNV-1a, 32 bit (hash/fnv New32a). */
export function fnv32a(data: string | Uint8Array, seed = 0x811c9dc5): number {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let h = seed;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** JSON with object keys sorted, so equal templates hash equally whatever the key order. */
export function canonicalJson(v: unknown, dropNulls = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x, dropNulls)).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined && !(dropNulls && x === null))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x, dropNulls)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A pod template as the controllers' Go structs see it: a field sent as null decodes to its
 * zero value, the same as a field left out. kubectl sends `metadata.creationTimestamp: null`
 * in every template it writes (`rollout undo` among them), and the real hash and
 * EqualIgnoreHash do not see it.
 */
function templateJson(template: unknown): string {
  const t = { ...((template ?? {}) as { metadata?: Record<string, unknown> }) };
  // ObjectMeta is a struct: left out, empty, or all null, it is the same zero value.
  if (t.metadata && Object.values(t.metadata).every((x) => x === null || x === undefined)) delete t.metadata;
  return canonicalJson(t, true);
}

/**
 * controller.ComputeHash: FNV-32a of the pod template (plus the collision count, as four
 * little-endian bytes in an 8-byte buffer), printed in decimal and safe-encoded. The real
 * one hashes Go's deep-printed struct; hashing canonical JSON keeps the same properties
 * (stable, 6–10 characters, changes with any template change).
 */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(templateJson(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Templates equal once the pod-template-hash label is ignored (deploymentutil.EqualIgnoreHash). */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  const strip = (t: unknown) => {
    const c = clone((t ?? {}) as { metadata?: { labels?: Record<string, string> } });
    if (c.metadata?.labels) {
      delete c.metadata.labels[POD_TEMPLATE_HASH];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    if (c.metadata && Object.keys(c.metadata).length === 0) delete c.metadata;
    return templateJson(c);
  };
  return strip(a) === strip(b);
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  // The pod spec is carried over whole; the kubelet and scheduler read it.
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A pod from a template (controller.GetPodFromTemplate): `generateName` `<owner>-` unless a name is given. */
export function podFromTemplate(template: PodTemplate, namespace: string, owner: OwnerReference, name?: { name?: string; generateName?: string }): KubeObject {
  const t = clone(template);
  const metadata: KubeObject['metadata'] = {
    ...(name?.name ? { name: name.name } : { generateName: name?.generateName ?? `${owner.name}-` }),
    namespace,
    labels: t.metadata?.labels ?? {},
    ownerReferences: [owner],
  };
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) metadata.annotations = t.metadata.annotations;
  if (t.metadata?.finalizers?.length) metadata.finalizers = t.metadata.finalizers;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: t.spec ?? {} };
}
