import { rfc3339, type KubeObject } from '../../kube/object.ts';
import { ANN, requestedStorage } from '../../kube/pvMatch.ts';
import { quantityOrZero } from '../../kube/quantity.ts';
import type { Controller } from '../context.ts';
import { ControlLoop, keyOf, splitKey } from './controlLoop.ts';
import { SIMULATED_PROVISIONERS } from './pvProvisioner.ts';

/** Simulated time the storage backend takes to grow a volume (ControllerExpandVolume). */
const CONTROLLER_EXPAND_MS = 1500;
/** Simulated time the kubelet takes to grow the file system on the node (NodeExpandVolume). */
const NODE_EXPAND_MS = 1000;

const CLAIMS = 'persistentvolumeclaims';
const VOLUMES = 'persistentvolumes';

/** status.allocatedResourceStatuses["storage"] values (RecoverVolumeExpansionFailure, beta and on in 1.32). */
const CONTROLLER_RESIZE_IN_PROGRESS = 'ControllerResizeInProgress';
const NODE_RESIZE_PENDING = 'NodeResizePending';
const NODE_RESIZE_IN_PROGRESS = 'NodeResizeInProgress';

const RESIZING = 'Resizing';
const FS_RESIZE_PENDING = 'FileSystemResizePending';
const FS_RESIZE_PENDING_MESSAGE = 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.';

interface ClaimCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  message?: string;
}

interface ClaimStatus {
  capacity?: Record<string, string>;
  conditions?: ClaimCondition[];
  allocatedResources?: Record<string, string>;
  allocatedResourceStatuses?: Record<string, string>;
}

type Claim = Readonly<KubeObject>;

function resizeStatusOf(pvc: Claim): string | undefined {
  return (pvc.status as ClaimStatus | undefined)?.allocatedResourceStatuses?.storage;
}

/**
 * util.MergeResizeConditionsOfPVC: the resize conditions (Resizing, FileSystemResizePending)
 * become exactly `next` (one already there with the same status keeps its times); others stay.
 */
function mergeResizeConditions(old: ClaimCondition[] | undefined, next: ClaimCondition[]): ClaimCondition[] | undefined {
  const resize = new Set([RESIZING, FS_RESIZE_PENDING]);
  const out = (old ?? []).filter((c) => !resize.has(c.type));
  for (const n of next) {
    const kept = old?.find((c) => c.type === n.type && c.status === n.status);
    out.push(kept ?? n);
  }
  return out.length ? out : undefined;
}

function condition(type: string, message?: string): ClaimCondition {
  return { type, status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(), ...(message ? { message } : {}) };
}

/** Drop allocatedResourceStatuses["storage"], and the map with it when empty. */
function clearResizeStatus(s: ClaimStatus): void {
  if (!s.allocatedResourceStatuses) return;
  delete s.allocatedResourceStatuses.storage;
  if (!Object.keys(s.allocatedResourceStatuses).length) delete s.allocatedResourceStatuses;
}

abstract class ClaimStatusLoop extends ControlLoop {
  /** Patch a claim's status (the claim must still be the one we read: same uid). */
  protected patchStatus(pvc: Claim, change: (s: ClaimStatus) => void): Claim | undefined {
    return this.ctx.store.mutate(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '', (c) => {
      if (c.metadata.uid !== pvc.metadata.uid) return false;
      c.status ??= {};
      const before = JSON.stringify(c.status);
      change(c.status as ClaimStatus);
      if (!(c.status as ClaimStatus).conditions) delete c.status.conditions;
      if (JSON.stringify(c.status) === before) return false;
    }, { statusOnly: true });
  }

  protected fresh(pvc: Claim): Claim | undefined {
    const c = this.ctx.store.get(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '');
    return c && c.metadata.uid === pvc.metadata.uid ? c : undefined;
  }
}

/**
 * external-resizer (kubernetes-csi, expand_and_recover.go) for the simulated drivers: a claim
 * the expand controller annotated with volume.kubernetes.io/storage-resizer whose request
 * outgrew status.capacity is marked Resizing (allocatedResources = the new size,
 * allocatedResourceStatuses ControllerResizeInProgress, event Resizing); a moment later the
 * backend has grown the volume: the PV's capacity is the new size, and then either the claim
 * waits for the node (FileSystemResizePending, NodeResizePending, event
 * FileSystemResizeRequired: a Filesystem volume, whose file system the kubelet must grow) or,
 * for a Block volume that needs no node step, it is done (status.capacity, conditions and
 * resize status cleared, event VolumeResizeSuccessful).
 */
class ExternalResizer extends ClaimStatusLoop {
  readonly name = 'external-resizer';
  private readonly inFlight = new Set<string>();

  protected watch(): void {
    this.on(CLAIMS, (e) => {
      if (e.type !== 'DELETED') this.queue.add(keyOf(e.object));
    });
    this.queueAll(CLAIMS);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pvc = this.ctx.store.get(CLAIMS, namespace, name);
    if (!pvc || this.inFlight.has(key)) return;
    const resizer = pvc.metadata.annotations?.[ANN.storageResizer];
    if (!resizer || !(SIMULATED_PROVISIONERS as readonly string[]).includes(resizer) || pvc.status?.phase !== 'Bound') return;
    const pv = this.ctx.store.get(VOLUMES, undefined, pvc.spec?.volumeName ?? '');
    // pvCanBeExpanded: the volume must be bound to this very claim.
    if (!pv || pv.spec?.claimRef?.uid !== pvc.metadata.uid || pv.spec?.claimRef?.namespace !== namespace) return;
    const newSize = this.targetSize(pvc);
    if (!newSize) return;

    this.inFlight.add(key);
    const component = `external-resizer ${resizer}`;
    const marked = this.patchStatus(pvc, (s) => {
      s.conditions = mergeResizeConditions(s.conditions, [condition(RESIZING)]);
      s.allocatedResourceStatuses = { ...s.allocatedResourceStatuses, storage: CONTROLLER_RESIZE_IN_PROGRESS };
      s.allocatedResources = { ...s.allocatedResources, storage: newSize };
    });
    this.ctx.events.record(marked ?? pvc, 'Normal', 'Resizing', `External resizer is resizing volume ${pv.metadata.name}`, component);
    this.ctx.clock.after(CONTROLLER_EXPAND_MS, () => {
      this.inFlight.delete(key);
      const claim = this.fresh(pvc);
      if (!claim) return;
      // updatePVCapacity: the backend now holds newSize.
      this.ctx.store.mutate(VOLUMES, undefined, pv.metadata.name ?? '', (v) => {
        if (v.metadata.uid !== pv.metadata.uid || v.spec.capacity?.storage === newSize) return false;
        v.spec.capacity = { ...v.spec.capacity, storage: newSize };
      });
      if (pv.spec?.volumeMode === 'Block') {
        this.patchStatus(claim, (s) => {
          s.capacity = { ...s.capacity, storage: newSize };
          s.conditions = mergeResizeConditions(s.conditions, []);
          clearResizeStatus(s);
        });
        this.ctx.events.record(claim, 'Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded', component);
      } else {
        this.patchStatus(claim, (s) => {
          s.conditions = mergeResizeConditions(s.conditions, [condition(FS_RESIZE_PENDING, FS_RESIZE_PENDING_MESSAGE)]);
          s.allocatedResourceStatuses = { ...s.allocatedResourceStatuses, storage: NODE_RESIZE_PENDING };
        });
        this.ctx.events.record(claim, 'Normal', 'FileSystemResizeRequired', 'Require file system resize of volume on node', component);
      }
      this.queue.add(key);
    });
  }

  /**
   * The size to expand to, or undefined when there is nothing to do: the request, when it is
   * above status.capacity and no earlier expansion still waits for the node (a request grown
   * again meanwhile is expanded once the node has finished). An expansion in the controller
   * is never interrupted (inFlight): it finishes at the size it started with.
   */
  private targetSize(pvc: Claim): string | undefined {
    const status = pvc.status as ClaimStatus | undefined;
    const resizeStatus = resizeStatusOf(pvc);
    const request = pvc.spec?.resources?.requests?.storage as string | undefined;
    if (!request || resizeStatus === NODE_RESIZE_PENDING || resizeStatus === NODE_RESIZE_IN_PROGRESS) return undefined;
    if (requestedStorage(pvc) <= quantityOrZero(status?.capacity?.storage)) return undefined;
    return request;
  }
}

/**
 * The kubelet's side of an online expansion (operationexecutor NodeExpander): once the resizer
 * left a claim NodeResizePending, the kubelet of a node where a running pod mounts it marks it
 * NodeResizeInProgress, grows the file system, records FileSystemResizeSuccessful on the pod and
 * the claim, and sets status.capacity to the volume's size, clearing the resize conditions and
 * status (MarkFSResizeFinished). With no such pod the claim stays FileSystemResizePending until
 * one starts.
 */
class NodeVolumeExpander extends ClaimStatusLoop {
  readonly name = 'kubelet-volume-expander';
  private readonly inFlight = new Set<string>();

  protected watch(): void {
    this.on(CLAIMS, (e) => {
      if (e.type !== 'DELETED') this.queue.add(keyOf(e.object));
    });
    this.on('pods', (e) => {
      if (e.type === 'DELETED' || e.object.status?.phase !== 'Running') return;
      for (const v of (e.object.spec?.volumes as { persistentVolumeClaim?: { claimName?: string } }[] | undefined) ?? []) {
        if (v.persistentVolumeClaim?.claimName) this.queue.add(`${e.object.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
      }
    });
    this.queueAll(CLAIMS);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pvc = this.ctx.store.get(CLAIMS, namespace, name);
    if (!pvc || this.inFlight.has(key)) return;
    const resizeStatus = resizeStatusOf(pvc);
    if (resizeStatus !== NODE_RESIZE_PENDING && resizeStatus !== NODE_RESIZE_IN_PROGRESS) return;
    const pv = this.ctx.store.get(VOLUMES, undefined, pvc.spec?.volumeName ?? '');
    const pod = this.ctx.store
      .listRefs('pods', namespace)
      .find((p) => p.spec?.nodeName && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && ((p.spec.volumes as { persistentVolumeClaim?: { claimName?: string } }[] | undefined) ?? []).some((v) => v.persistentVolumeClaim?.claimName === name));
    if (!pv || !pod) return;
    const node = pod.spec.nodeName as string;
    const newSize = pv.spec?.capacity?.storage as string;
    this.inFlight.add(key);
    this.patchStatus(pvc, (s) => {
      s.allocatedResourceStatuses = { ...s.allocatedResourceStatuses, storage: NODE_RESIZE_IN_PROGRESS };
    });
    this.ctx.clock.after(NODE_EXPAND_MS, () => {
      this.inFlight.delete(key);
      const claim = this.fresh(pvc);
      if (!claim) return;
      const message = `MountVolume.NodeExpandVolume succeeded for volume "${pv.metadata.name}" ${node}`;
      const user = this.ctx.store.get('pods', namespace, pod.metadata.name ?? '');
      if (user) this.ctx.events.record(user, 'Normal', 'FileSystemResizeSuccessful', message, 'kubelet', node);
      this.ctx.events.record(claim, 'Normal', 'FileSystemResizeSuccessful', message, 'kubelet', node);
      this.patchStatus(claim, (s) => {
        s.capacity = { ...s.capacity, storage: newSize };
        s.conditions = mergeResizeConditions(s.conditions, []);
        clearResizeStatus(s);
      });
    });
  }
}

export function externalResizer(): Controller {
  return new ExternalResizer();
}

export function nodeVolumeExpander(): Controller {
  return new NodeVolumeExpander();
}
