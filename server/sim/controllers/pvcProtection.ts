import type { KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from '../api/admission/storageObjectInUse.ts';
import { ControlLoop, keyOf, splitKey } from './controlLoop.ts';

const CLAIMS = 'persistentvolumeclaims';
const VOLUMES = 'persistentvolumes';

type Pod = Readonly<KubeObject>;
interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName?: string };
  ephemeral?: unknown;
}

/** protectionutil.IsDeletionCandidate: being deleted and still holding the finalizer. */
function isDeletionCandidate(o: Readonly<KubeObject>, finalizer: string): boolean {
  return Boolean(o.metadata.deletionTimestamp) && Boolean(o.metadata.finalizers?.includes(finalizer));
}

/** protectionutil.NeedToAddFinalizer: not being deleted and missing the finalizer. */
function needsFinalizer(o: Readonly<KubeObject>, finalizer: string): boolean {
  return !o.metadata.deletionTimestamp && !o.metadata.finalizers?.includes(finalizer);
}

/** The kubelet is done with the pod, or it was force-deleted: deletionTimestamp with a zero grace period. */
function podIsShutDown(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp) && pod.metadata.deletionGracePeriodSeconds === 0;
}

/** volumeutil.IsPodTerminated: Failed or Succeeded, or deleted with every container stopped. */
function podIsTerminated(pod: Pod): boolean {
  if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return true;
  const statuses = (pod.status?.containerStatuses as { state?: { terminated?: unknown } }[] | undefined) ?? [];
  return Boolean(pod.metadata.deletionTimestamp) && statuses.every((s) => s.state?.terminated);
}

/** ephemeral.VolumeIsForPod: the claim named <pod>-<volume> is the pod's own (its controller owner). */
function claimIsForPod(pod: Pod, pvc: Readonly<KubeObject>): boolean {
  return Boolean(pvc.metadata.ownerReferences?.some((r) => r.controller && r.uid === pod.metadata.uid));
}

/**
 * podUsesPVC of the pvc-protection controller (kube-controller-manager 1.32): only a pod
 * bound to a node counts, because the kubelet refuses to start a pod whose claim is being
 * deleted. A persistentVolumeClaim volume counts whatever the pod's phase (a completed Job
 * pod keeps the claim until the pod is deleted); a generic ephemeral volume counts until the
 * pod is shut down.
 */
export function podUsesClaim(pod: Pod, pvc: Readonly<KubeObject>): boolean {
  if (!pod.spec?.nodeName || pod.metadata.namespace !== pvc.metadata.namespace) return false;
  for (const v of (pod.spec.volumes as PodVolume[] | undefined) ?? []) {
    if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) return true;
    if (v.ephemeral && !podIsShutDown(pod) && `${pod.metadata.name}-${v.name}` === pvc.metadata.name && claimIsForPod(pod, pvc)) return true;
  }
  return false;
}

function claimNamesOf(pod: Pod): string[] {
  return ((pod.spec?.volumes as PodVolume[] | undefined) ?? []).flatMap((v) => {
    if (v.persistentVolumeClaim?.claimName) return [v.persistentVolumeClaim.claimName];
    return v.ephemeral ? [`${pod.metadata.name}-${v.name}`] : [];
  });
}

abstract class ProtectionLoop extends ControlLoop {
  protected setFinalizer(resource: string, o: Readonly<KubeObject>, finalizer: string, present: boolean): void {
    this.ctx.store.mutate(resource, o.metadata.namespace, o.metadata.name ?? '', (x) => {
      if (x.metadata.uid !== o.metadata.uid || Boolean(x.metadata.finalizers?.includes(finalizer)) === present) return false;
      const rest = (x.metadata.finalizers ?? []).filter((f) => f !== finalizer);
      x.metadata.finalizers = present ? [...rest, finalizer] : rest;
      if (!x.metadata.finalizers.length) delete x.metadata.finalizers;
    });
  }
}

/**
 * The pvc-protection controller: a claim being deleted keeps kubernetes.io/pvc-protection
 * while a pod uses it (podUsesClaim) and loses it, and so goes, once none does. A claim not
 * being deleted that lacks the finalizer gets it (claims created before the admission plugin).
 */
class PvcProtectionController extends ProtectionLoop {
  readonly name = 'pvc-protection-controller';

  protected watch(): void {
    this.on(CLAIMS, (e) => {
      if (e.type !== 'DELETED' && (needsFinalizer(e.object, PVC_PROTECTION_FINALIZER) || isDeletionCandidate(e.object, PVC_PROTECTION_FINALIZER))) this.queue.add(keyOf(e.object));
    });
    // Only pods that can free a claim: deleted, terminated, or not (or no longer) on a node.
    this.on('pods', (e) => {
      const pods = [e.object, ...(e.old && e.old.metadata.uid !== e.object.metadata.uid ? [e.old] : [])];
      for (const pod of pods) {
        if (e.type !== 'DELETED' && pod === e.object && !podIsTerminated(pod) && pod.spec?.nodeName) continue;
        for (const name of claimNamesOf(pod)) this.queue.add(`${pod.metadata.namespace}/${name}`);
      }
    });
    this.queueAll(CLAIMS);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pvc = this.ctx.store.get(CLAIMS, namespace, name);
    if (!pvc) return;
    if (isDeletionCandidate(pvc, PVC_PROTECTION_FINALIZER)) {
      const inUse = this.ctx.store.listRefs('pods', namespace).some((p) => podUsesClaim(p, pvc));
      if (!inUse) this.setFinalizer(CLAIMS, pvc, PVC_PROTECTION_FINALIZER, false);
    } else if (needsFinalizer(pvc, PVC_PROTECTION_FINALIZER)) {
      this.setFinalizer(CLAIMS, pvc, PVC_PROTECTION_FINALIZER, true);
    }
  }
}

/**
 * The pv-protection controller: a volume being deleted keeps kubernetes.io/pv-protection while
 * its status.phase is Bound, and loses it once the PV controller moves it on (Released,
 * Available, Failed). A volume not being deleted that lacks the finalizer gets it.
 */
class PvProtectionController extends ProtectionLoop {
  readonly name = 'pv-protection-controller';

  protected watch(): void {
    this.on(VOLUMES, (e) => {
      if (e.type !== 'DELETED' && (needsFinalizer(e.object, PV_PROTECTION_FINALIZER) || isDeletionCandidate(e.object, PV_PROTECTION_FINALIZER))) this.queue.add(keyOf(e.object));
    });
    this.queueAll(VOLUMES);
  }

  protected sync(key: string): void {
    const pv = this.ctx.store.get(VOLUMES, undefined, key);
    if (!pv) return;
    if (isDeletionCandidate(pv, PV_PROTECTION_FINALIZER)) {
      if (pv.status?.phase !== 'Bound') this.setFinalizer(VOLUMES, pv, PV_PROTECTION_FINALIZER, false);
    } else if (needsFinalizer(pv, PV_PROTECTION_FINALIZER)) {
      this.setFinalizer(VOLUMES, pv, PV_PROTECTION_FINALIZER, true);
    }
  }
}

export function pvcProtectionController(): Controller {
  return new PvcProtectionController();
}

export function pvProtectionController(): Controller {
  return new PvProtectionController();
}
