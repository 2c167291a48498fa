import type { KubeObject } from '../../kube/object.ts';
import type { Store } from '../api/store.ts';
import { volumeNodeAffinityMatches } from '../../kube/nodeSelector.ts';
import { ANN, claimClass, findBestMatch, podClaimNames } from '../../kube/pvMatch.ts';

/**
 * The scheduler's VolumeBinding plugin: claims must exist; unbound Immediate claims block
 * the pod outright; bound volumes must be reachable from the node; unbound
 * WaitForFirstConsumer claims get a volume chosen (static) or the node announced to the
 * provisioner (dynamic) once the pod has a node.
 */

export interface ClaimAssignment {
  pvc: Readonly<KubeObject>;
  /** A static volume the scheduler binds the claim to; absent means: provision on the node. */
  pv?: Readonly<KubeObject>;
}

export interface PodVolumes {
  /** PreFilter rejection (same for every node). */
  error?: string;
  boundVolumes: Readonly<KubeObject>[];
  delayedClaims: Readonly<KubeObject>[];
}

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
export const BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const NODE_CONFLICT = 'node(s) had volume node affinity conflict';

export function isClaimFullyBound(pvc: Readonly<KubeObject>): boolean {
  return !!pvc.spec?.volumeName && pvc.metadata.annotations?.[ANN.bindCompleted] === 'yes';
}

export function volumePreFilter(store: Store, pod: Readonly<KubeObject>): PodVolumes {
  const out: PodVolumes = { boundVolumes: [], delayedClaims: [] };
  const ns = pod.metadata.namespace;
  let unboundImmediate = false;
  for (const { name, ephemeral } of podClaimNames(pod)) {
    const pvc = store.get('persistentvolumeclaims', ns, name);
    if (!pvc) {
      out.error = ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
      return out;
    }
    if (pvc.metadata.deletionTimestamp) {
      out.error = `persistentvolumeclaim "${name}" is being deleted`;
      return out;
    }
    if (isClaimFullyBound(pvc)) {
      const pv = store.get('persistentvolumes', undefined, pvc.spec.volumeName as string);
      if (!pv) {
        out.error = `persistentvolume "${pvc.spec.volumeName}" not found`;
        return out;
      }
      out.boundVolumes.push(pv);
      continue;
    }
    const cls = store.get('storageclasses.storage.k8s.io', undefined, claimClass(pvc));
    if (cls?.volumeBindingMode === 'WaitForFirstConsumer' && !pvc.spec?.volumeName) out.delayedClaims.push(pvc);
    else unboundImmediate = true;
  }
  if (unboundImmediate) out.error = 'pod has unbound immediate PersistentVolumeClaims';
  return out;
}

interface TopologyTerm {
  matchLabelExpressions?: { key: string; values: string[] }[];
}

function classAllowsNode(cls: Readonly<KubeObject>, node: Readonly<KubeObject>): boolean {
  const terms = cls.allowedTopologies as TopologyTerm[] | undefined;
  if (!terms?.length) return true;
  const labels = node.metadata.labels ?? {};
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key] ?? '')));
}

/** Filter one node; returns the reason it is rejected, or the plan for the delayed claims. */
export function volumeFilter(store: Store, vols: PodVolumes, node: Readonly<KubeObject>): { reason: string } | { assignments: ClaimAssignment[] } {
  for (const pv of vols.boundVolumes) if (!volumeNodeAffinityMatches(pv, node)) return { reason: NODE_CONFLICT };
  const assignments: ClaimAssignment[] = [];
  const taken = new Set<string>();
  const volumes = store.listRefs('persistentvolumes');
  for (const pvc of vols.delayedClaims) {
    const pv = findBestMatch(pvc, volumes, { delayBinding: true, node, exclude: taken });
    if (pv) {
      taken.add(pv.metadata.name ?? '');
      assignments.push({ pvc, pv });
      continue;
    }
    const cls = store.get('storageclasses.storage.k8s.io', undefined, claimClass(pvc));
    if (!cls || cls.provisioner === NO_PROVISIONER || !classAllowsNode(cls, node)) return { reason: BIND_CONFLICT };
    assignments.push({ pvc });
  }
  return { assignments };
}

/**
 * Assume + PreBind: bind chosen static volumes (claimRef, as the scheduler's binder does)
 * and tell provisioners the node. Returns true when every claim is already bound.
 */
export function bindPodVolumes(store: Store, assignments: ClaimAssignment[], nodeName: string): void {
  for (const a of assignments) {
    const ns = a.pvc.metadata.namespace;
    const name = a.pvc.metadata.name ?? '';
    if (a.pv) {
      store.mutate('persistentvolumes', undefined, a.pv.metadata.name ?? '', (pv) => {
        if (pv.spec?.claimRef) return false;
        pv.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: ns, name, uid: a.pvc.metadata.uid, apiVersion: 'v1', resourceVersion: a.pvc.metadata.resourceVersion };
        pv.metadata.annotations = { ...pv.metadata.annotations, [ANN.boundByController]: 'yes' };
      });
    } else {
      store.mutate('persistentvolumeclaims', ns, name, (pvc) => {
        if (pvc.metadata.annotations?.[ANN.selectedNode] === nodeName) return false;
        pvc.metadata.annotations = { ...pvc.metadata.annotations, [ANN.selectedNode]: nodeName };
      });
    }
  }
}

/** Undo the node announcement when volume binding timed out (Unreserve). */
export function unreservePodVolumes(store: Store, pod: Readonly<KubeObject>): void {
  for (const { name } of podClaimNames(pod)) {
    store.mutate('persistentvolumeclaims', pod.metadata.namespace, name, (pvc) => {
      if (isClaimFullyBound(pvc) || !pvc.metadata.annotations?.[ANN.selectedNode]) return false;
      delete pvc.metadata.annotations[ANN.selectedNode];
    });
  }
}

/** All the pod's claims are bound (the binding cycle may go on). */
export function podClaimsBound(store: Store, pod: Readonly<KubeObject>): boolean {
  return podClaimNames(pod).every(({ name }) => {
    const pvc = store.get('persistentvolumeclaims', pod.metadata.namespace, name);
    return !!pvc && isClaimFullyBound(pvc);
  });
}
