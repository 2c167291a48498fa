/**
 * Every object a pod spec names — ConfigMaps, Secrets, PersistentVolumeClaims and the
 * ServiceAccount — with where each is used (container and env var, mount path, volume) and
 * whether the use is optional, across init, app and ephemeral containers. kubectl shows a
 * pod's spec; it does not turn these names into objects one can check exist.
 */
import type { V1Container, V1EphemeralContainer, V1PodSpec, V1Volume } from '@kubernetes/client-node';

export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';
export type ContainerRole = 'init' | 'app' | 'ephemeral';

export interface ContainerAt {
  container: string;
  role: ContainerRole;
}

/** One place a pod uses the object. */
export type ReferenceUse =
  /** All keys as env vars (`envFrom`), each name prefixed with `prefix` when set. */
  | (ContainerAt & { via: 'envFrom'; prefix?: string; optional: boolean })
  /** One key as one env var (`env[].valueFrom.configMapKeyRef` / `secretKeyRef`). */
  | (ContainerAt & { via: 'envKey'; variable: string; key: string; optional: boolean })
  /** A volume (`projected` when one source of a projected volume), with every mount of it; `keys` when `items` picks some. */
  | { via: 'volume'; volume: string; projected: boolean; mounts: (ContainerAt & { mountPath: string; readOnly: boolean })[]; keys?: string[]; optional: boolean }
  | { via: 'imagePullSecret'; optional: false }
  /** `spec.serviceAccountName`; `defaulted` when the spec names none and the API server uses "default". */
  | { via: 'serviceAccount'; defaulted: boolean; optional: false }
  /** A StatefulSet's volumeClaimTemplates entry: the claim of one ordinal. */
  | { via: 'claimTemplate'; template: string; ordinal: number; optional: false };

export interface PodReference {
  kind: ReferencedKind;
  name: string;
  uses: ReferenceUse[];
  /** Some use is not optional: without the object the pod cannot start (or, for a claim, be scheduled). */
  required: boolean;
}

/** The StatefulSet around a pod template: its claims are `<template>-<set>-<ordinal>`. */
export interface StatefulSetClaims {
  setName: string;
  replicas: number;
  /** `spec.ordinals.start`; 0 when unset. */
  firstOrdinal?: number;
  templates: readonly string[];
}

type AnyContainer = V1Container | V1EphemeralContainer;

function containersOf(spec: V1PodSpec): (ContainerAt & { c: AnyContainer })[] {
  return [
    ...(spec.initContainers ?? []).map((c) => ({ container: c.name, role: 'init' as const, c })),
    ...(spec.containers ?? []).map((c) => ({ container: c.name, role: 'app' as const, c })),
    ...(spec.ephemeralContainers ?? []).map((c) => ({ container: c.name, role: 'ephemeral' as const, c })),
  ];
}

/** The objects `spec` references, in order of first mention; claims of `statefulSet` templates included. */
export function podTemplateReferences(spec: V1PodSpec, statefulSet?: StatefulSetClaims): PodReference[] {
  const found = new Map<string, PodReference>();
  const add = (kind: ReferencedKind, name: string | undefined, use: ReferenceUse) => {
    if (!name) return;
    const key = `${kind}/${name}`;
    const ref = found.get(key) ?? { kind, name, uses: [], required: false };
    ref.uses.push(use);
    ref.required ||= !use.optional;
    found.set(key, ref);
  };
  const containers = containersOf(spec);

  for (const { c, ...at } of containers) {
    for (const from of c.envFrom ?? []) {
      const prefix = from.prefix ? { prefix: from.prefix } : {};
      if (from.configMapRef) add('ConfigMap', from.configMapRef.name, { via: 'envFrom', ...at, ...prefix, optional: from.configMapRef.optional === true });
      if (from.secretRef) add('Secret', from.secretRef.name, { via: 'envFrom', ...at, ...prefix, optional: from.secretRef.optional === true });
    }
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const s = e.valueFrom?.secretKeyRef;
      if (cm) add('ConfigMap', cm.name, { via: 'envKey', ...at, variable: e.name, key: cm.key, optional: cm.optional === true });
      if (s) add('Secret', s.name, { via: 'envKey', ...at, variable: e.name, key: s.key, optional: s.optional === true });
    }
  }

  // A StatefulSet's template claim replaces a pod volume of the same name (as the controller does).
  const templated = new Set(statefulSet?.templates ?? []);
  for (const v of spec.volumes ?? []) {
    const mounts = containers.flatMap(({ c, ...at }) =>
      (c.volumeMounts ?? []).filter((m) => m.name === v.name).map((m) => ({ ...at, mountPath: m.mountPath, readOnly: m.readOnly === true })),
    );
    if (templated.has(v.name)) continue;
    for (const r of volumeSources(v)) add(r.kind, r.name, { via: 'volume', volume: v.name, projected: r.projected, mounts, ...(r.keys ? { keys: r.keys } : {}), optional: r.optional });
  }

  if (statefulSet) {
    const first = statefulSet.firstOrdinal ?? 0;
    for (const template of statefulSet.templates) {
      for (let i = 0; i < statefulSet.replicas; i++) {
        const ordinal = first + i;
        add('PersistentVolumeClaim', `${template}-${statefulSet.setName}-${ordinal}`, { via: 'claimTemplate', template, ordinal, optional: false });
      }
    }
  }

  for (const s of spec.imagePullSecrets ?? []) add('Secret', s.name, { via: 'imagePullSecret', optional: false });
  // `serviceAccount` is the deprecated alias the API server still copies into serviceAccountName.
  const account = spec.serviceAccountName || spec.serviceAccount;
  add('ServiceAccount', account || 'default', { via: 'serviceAccount', defaulted: !account, optional: false });
  return [...found.values()];
}

interface VolumeSource {
  kind: ReferencedKind;
  name: string | undefined;
  projected: boolean;
  optional: boolean;
  keys?: string[];
}

function volumeSources(v: V1Volume): VolumeSource[] {
  const keys = (items: { key: string }[] | undefined) => (items?.length ? { keys: items.map((i) => i.key) } : {});
  const out: VolumeSource[] = [];
  if (v.configMap) out.push({ kind: 'ConfigMap', name: v.configMap.name, projected: false, optional: v.configMap.optional === true, ...keys(v.configMap.items) });
  if (v.secret) out.push({ kind: 'Secret', name: v.secret.secretName, projected: false, optional: v.secret.optional === true, ...keys(v.secret.items) });
  if (v.persistentVolumeClaim) out.push({ kind: 'PersistentVolumeClaim', name: v.persistentVolumeClaim.claimName, projected: false, optional: false });
  for (const s of v.projected?.sources ?? []) {
    if (s.configMap) out.push({ kind: 'ConfigMap', name: s.configMap.name, projected: true, optional: s.configMap.optional === true, ...keys(s.configMap.items) });
    if (s.secret) out.push({ kind: 'Secret', name: s.secret.name, projected: true, optional: s.secret.optional === true, ...keys(s.secret.items) });
  }
  return out;
}

/** The keys `use` needs the object to hold (an env key, or a volume's `items`); empty when it takes whatever is there. */
export function keysNeeded(use: ReferenceUse): string[] {
  if (use.via === 'envKey') return [use.key];
  if (use.via === 'volume') return use.keys ?? [];
  return [];
}
