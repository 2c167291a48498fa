import type { KubeObject } from '../../kube/object.ts';
import { clone } from '../../kube/object.ts';
import { REVISION_HASH } from './controllerRevisions.ts';
import { ownerRef, STATEFULSET_KIND } from './ownership.ts';
import { podFromTemplate, type PodTemplate } from './podTemplate.ts';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export interface ClaimTemplate {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: unknown;
}

export function claimTemplates(set: Readonly<KubeObject>): ClaimTemplate[] {
  return (set.spec?.volumeClaimTemplates as ClaimTemplate[] | undefined) ?? [];
}

/** `<template>-<set>-<ordinal>`, the claim a StatefulSet pod keeps across restarts and rescheduling. */
export function claimName(set: Readonly<KubeObject>, template: ClaimTemplate, ordinal: number): string {
  return `${template.metadata.name}-${set.metadata.name}-${ordinal}`;
}

/** The claim for one ordinal (getPersistentVolumeClaims): the template plus the set's selector labels. */
export function newClaim(set: Readonly<KubeObject>, template: ClaimTemplate, ordinal: number): KubeObject {
  const t = clone(template);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(set, template, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(t.metadata.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
      ...(t.metadata.annotations ? { annotations: t.metadata.annotations } : {}),
    },
    spec: t.spec,
  };
}

/**
 * newVersionedStatefulSetPod: pod `<set>-<ordinal>` from a revision's template, with its
 * stable identity (hostname, subdomain), identity labels and one volume per claim template.
 */
export function newStatefulPod(set: Readonly<KubeObject>, template: PodTemplate, revisionName: string, ordinal: number): KubeObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(template, set.metadata.namespace!, ownerRef(set, STATEFULSET_KIND), { name });
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [REVISION_HASH]: revisionName,
    [POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
  };
  pod.spec.hostname = name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const claims = claimTemplates(set);
  if (claims.length) {
    const names = new Set(claims.map((c) => c.metadata.name));
    pod.spec.volumes = [
      ...((pod.spec.volumes as { name: string }[] | undefined) ?? []).filter((v) => !names.has(v.name)),
      ...claims.map((c) => ({ name: c.metadata.name, persistentVolumeClaim: { claimName: claimName(set, c, ordinal) } })),
    ];
  }
  return pod;
}

/** The ordinal of a pod named `<set>-<n>`, or undefined for other names. */
export function ordinalOf(set: Readonly<KubeObject>, pod: Readonly<KubeObject>): number | undefined {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}
