/**
 * Who mounts a claim: the pods whose volumes name it (a persistentVolumeClaim volume, or a
 * generic ephemeral volume, whose claim is `<pod>-<volume>`), with each container's mount of
 * that volume (path, read-only) and the workload that runs the pod.
 */
import type { KubeObject } from '../../kube/object.ts';

export interface ClaimMount {
  container: string;
  mountPath: string;
  /** The mount's readOnly, or the volume's persistentVolumeClaim.readOnly (which forces every mount read-only). */
  readOnly: boolean;
  /** An init container's mount. */
  init?: boolean;
}

export interface ClaimUser {
  pod: string;
  /** The volume of the pod that names the claim. */
  volume: string;
  /** Through a generic ephemeral volume rather than a persistentVolumeClaim volume. */
  ephemeral: boolean;
  /** The workload that runs the pod: its controller, a ReplicaSet's Deployment named from the pod-template-hash. */
  workload?: { kind: string; name: string };
  mounts: ClaimMount[];
}

interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  ephemeral?: unknown;
}

interface Container {
  name: string;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

/**
 * A Deployment names its ReplicaSets `<deployment>-<pod-template-hash>` and labels their pods
 * with that hash, so a pod of a ReplicaSet whose name ends in its hash belongs to that Deployment.
 */
export function workloadOf(pod: Readonly<KubeObject>): { kind: string; name: string } | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return undefined;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
  return { kind: owner.kind, name: owner.name };
}

/** The pod's mounts of one claim, or undefined when the pod does not use it. */
export function claimUser(claim: string, pod: Readonly<KubeObject>): ClaimUser | undefined {
  const podName = pod.metadata.name ?? '';
  const volumes = (pod.spec?.volumes as PodVolume[] | undefined) ?? [];
  const volume = volumes.find((v) => v.persistentVolumeClaim?.claimName === claim || (v.ephemeral !== undefined && `${podName}-${v.name}` === claim));
  if (!volume) return undefined;
  const forced = volume.persistentVolumeClaim?.readOnly === true;
  const mounts: ClaimMount[] = [];
  const add = (containers: Container[] | undefined, init: boolean) => {
    for (const c of containers ?? []) {
      for (const m of c.volumeMounts ?? []) {
        if (m.name === volume.name) mounts.push({ container: c.name, mountPath: m.mountPath, readOnly: forced || m.readOnly === true, ...(init ? { init } : {}) });
      }
    }
  };
  add(pod.spec?.initContainers as Container[] | undefined, true);
  add(pod.spec?.containers as Container[] | undefined, false);
  const workload = workloadOf(pod);
  return { pod: podName, volume: volume.name, ephemeral: !volume.persistentVolumeClaim, ...(workload ? { workload } : {}), mounts };
}

/** Every pod of `pods` that uses the claim (pods of the claim's namespace), by pod name. */
export function claimUsers(claim: string, pods: Iterable<Readonly<KubeObject>>): ClaimUser[] {
  const out: ClaimUser[] = [];
  for (const pod of pods) {
    const user = claimUser(claim, pod);
    if (user) out.push(user);
  }
  return out.sort((a, b) => a.pod.localeCompare(b.pod));
}

/** The claims a pod's volumes name, as `namespace/name` keys (what a pod change touches in the claims list). */
export function claimKeysOfPod(pod: Readonly<KubeObject>): string[] {
  const ns = pod.metadata.namespace ?? '';
  const volumes = (pod.spec?.volumes as PodVolume[] | undefined) ?? [];
  return volumes.flatMap((v) => (v.persistentVolumeClaim?.claimName ? [`${ns}/${v.persistentVolumeClaim.claimName}`] : v.ephemeral !== undefined ? [`${ns}/${pod.metadata.name ?? ''}-${v.name}`] : []));
}
