import { type KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import type { Condition } from './podConditions.ts';
import { ANN, claimClass, defaultStorageClass, findBestMatch, isVolumeBoundToClaim, podClaimNames, requestedStorage, volumeCapacity, volumeClass } from '../../kube/pvMatch.ts';
import { quantityOrZero } from '../../kube/quantity.ts';
import { hasReason } from '../api/apiErrorReason.ts';

const COMPONENT = 'persistentvolume-controller';
/** The controller re-syncs every claim and volume this often (its informer resync period). */
const RESYNC_MS = 15_000;
/** Provisioners that ship a volume plugin in-tree but are served by CSI since migration. */
const MIGRATED = new Set(['kubernetes.io/aws-ebs', 'kubernetes.io/gce-pd', 'kubernetes.io/azure-disk', 'kubernetes.io/azure-file', 'kubernetes.io/cinder', 'kubernetes.io/vsphere-volume', 'kubernetes.io/portworx-volume']);

const CLAIMS = 'persistentvolumeclaims';
const VOLUMES = 'persistentvolumes';
const CLASSES = 'storageclasses.storage.k8s.io';

/**
 * The PV controller of kube-controller-manager (binder, reclaim, retroactive default class),
 * with the volume-expand controller. For a pending claim it first
 * looks for a matching existing volume; failing that it takes the class from
 * spec.storageClassName or the beta annotation volume.beta.kubernetes.io/storage-class and
 * asks that class's provisioner. Provisioning and resizing themselves are left to external
 * controllers (pvProvisioner.ts), as in a real cluster. The protection finalizers are the
 * pvc- and pv-protection controllers' (pvcProtection.ts): a claim being deleted stays, and its
 * volume Bound, until its finalizer goes.
 */
class PersistentVolumeController extends ControlLoop {
  readonly name = 'persistentvolume-controller';
  private stopResync: (() => void) | undefined;

  protected watch(): void {
    this.on(CLAIMS, (e) => {
      this.queue.add(`pvc:${e.object.metadata.namespace}/${e.object.metadata.name}`);
      if (e.object.spec?.volumeName) this.queue.add(`pv:${e.object.spec.volumeName}`);
      for (const pv of this.ctx.store.listRefs(VOLUMES)) if (pv.spec?.claimRef?.uid === e.object.metadata.uid) this.queue.add(`pv:${pv.metadata.name}`);
    });
    this.on(VOLUMES, (e) => {
      this.queue.add(`pv:${e.object.metadata.name}`);
      const ref = e.object.spec?.claimRef as { namespace?: string; name?: string } | undefined;
      if (ref?.name) this.queue.add(`pvc:${ref.namespace}/${ref.name}`);
    });
    // Pods going away may release a claim being deleted; new pods may wait on a WaitForFirstConsumer claim.
    this.on('pods', (e) => {
      for (const { name } of podClaimNames(e.object)) this.queue.add(`pvc:${e.object.metadata.namespace}/${name}`);
    });
    this.on(CLASSES, () => this.resync());
    this.resync();
    this.stopResync = this.ctx.clock.every(RESYNC_MS, () => this.resync());
  }

  override stop(): void {
    this.stopResync?.();
    this.stopResync = undefined;
    super.stop();
  }

  private resync(): void {
    for (const c of this.ctx.store.listRefs(CLAIMS)) if (c.status?.phase !== 'Bound' || c.metadata.deletionTimestamp) this.queue.add(`pvc:${c.metadata.namespace}/${c.metadata.name}`);
    for (const v of this.ctx.store.listRefs(VOLUMES)) if (v.status?.phase !== 'Bound' || v.metadata.deletionTimestamp) this.queue.add(`pv:${v.metadata.name}`);
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key.slice(key.indexOf(':') + 1));
    if (key.startsWith('pvc:')) {
      const pvc = this.ctx.store.get(CLAIMS, namespace, name);
      if (pvc) this.syncClaim(pvc);
    } else {
      const pv = this.ctx.store.get(VOLUMES, undefined, name);
      if (pv) this.syncVolume(pv);
    }
  }

  private event(o: Readonly<KubeObject>, type: 'Normal' | 'Warning', reason: string, message: string, component = COMPONENT): void {
    this.ctx.events.record(o, type, reason, message, component);
  }

  private claimStatus(pvc: Readonly<KubeObject>, phase: string, pv?: Readonly<KubeObject>): void {
    this.ctx.store.mutate(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '', (c) => {
      const status = { ...c.status, phase };
      if (pv) {
        status.accessModes = pv.spec?.accessModes;
        status.capacity ??= pv.spec?.capacity;
      } else if (phase === 'Pending') {
        delete status.accessModes;
        delete status.capacity;
      }
      if (JSON.stringify(status) === JSON.stringify(c.status)) return false;
      c.status = status;
    }, { statusOnly: true });
  }

  private volumePhase(pv: Readonly<KubeObject>, phase: string): void {
    this.ctx.store.mutate(VOLUMES, undefined, pv.metadata.name ?? '', (v) => {
      if (v.status?.phase === phase) return false;
      v.status = { ...v.status, phase, lastPhaseTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
    }, { statusOnly: true });
  }

  private podsUsing(pvc: Readonly<KubeObject>): Readonly<KubeObject>[] {
    return this.ctx.store.listRefs('pods', pvc.metadata.namespace).filter((p) => podClaimNames(p).some((c) => c.name === pvc.metadata.name));
  }

  private syncClaim(pvc: Readonly<KubeObject>): void {
    // Terminating: still the volume's claim until the pvc-protection controller lets it go.
    if (pvc.metadata.deletionTimestamp) return;
    // RetroactiveDefaultStorageClass: a claim that never named a class gets today's default.
    if (pvc.spec?.storageClassName === undefined && pvc.metadata.annotations?.[ANN.betaStorageClass] === undefined && !pvc.spec?.volumeName) {
      const def = defaultStorageClass(this.ctx.store.listRefs(CLASSES));
      if (def) {
        this.ctx.store.mutate(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '', (c) => {
          if (c.spec.storageClassName !== undefined) return false;
          c.spec.storageClassName = def.metadata.name;
        });
        return;
      }
    }
    if (pvc.metadata.annotations?.[ANN.bindCompleted] !== 'yes') return this.syncUnboundClaim(pvc);
    const pv = this.ctx.store.get(VOLUMES, undefined, pvc.spec?.volumeName ?? '');
    if (!pv) {
      if (pvc.status?.phase !== 'Lost') this.event(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return this.claimStatus(pvc, 'Lost');
    }
    if (!pv.spec?.claimRef || isVolumeBoundToClaim(pv, pvc)) {
      if (!pv.spec?.claimRef) return this.bind(pv, pvc);
      this.claimStatus(pvc, 'Bound', pv);
      if (pv.status?.phase !== 'Bound') this.volumePhase(pv, 'Bound');
      return this.checkExpansion(pvc);
    }
    if (pvc.status?.phase !== 'Lost') this.event(pvc, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
    this.claimStatus(pvc, 'Lost');
  }

  private syncUnboundClaim(pvc: Readonly<KubeObject>): void {
    const cls = this.ctx.store.get(CLASSES, undefined, claimClass(pvc));
    if (pvc.spec?.volumeName) {
      const pv = this.ctx.store.get(VOLUMES, undefined, pvc.spec.volumeName);
      if (!pv) return this.claimStatus(pvc, 'Pending');
      if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc)) {
        this.event(pvc, 'Warning', 'FailedBinding', `volume "${pv.metadata.name}" already bound to a different claim.`);
        return this.claimStatus(pvc, 'Pending');
      }
      const mismatch = volumeMismatch(pv, pvc);
      if (mismatch && !pv.spec?.claimRef) {
        this.event(pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pv.metadata.name}": ${mismatch}`);
        return this.claimStatus(pvc, 'Pending');
      }
      return this.bind(pv, pvc);
    }
    const delayBinding = cls?.volumeBindingMode === 'WaitForFirstConsumer';
    const pv = findBestMatch(pvc, this.ctx.store.listRefs(VOLUMES), { delayBinding });
    if (pv) return this.bind(pv, pvc);
    if (delayBinding && !pvc.metadata.annotations?.[ANN.selectedNode]) {
      const waiting = this.podsUsing(pvc).filter((p) => !p.spec?.nodeName).map((p) => p.metadata.name);
      if (waiting.length) this.event(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod${waiting.length > 1 ? 's' : ''} ${waiting.join(',')} to be scheduled`);
      else this.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    } else if (claimClass(pvc) !== '') {
      this.provisionClaim(pvc, cls);
    } else {
      this.event(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    }
    this.claimStatus(pvc, 'Pending');
  }

  /** Hand the claim to its class's provisioner: only external ones exist in this cluster. */
  private provisionClaim(pvc: Readonly<KubeObject>, cls: Readonly<KubeObject> | undefined): void {
    if (!cls) {
      this.event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${claimClass(pvc)}" not found`);
      return;
    }
    const provisioner = (cls.provisioner as string | undefined) ?? '';
    if (provisioner.startsWith('kubernetes.io/') && !MIGRATED.has(provisioner)) {
      this.event(pvc, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
      return;
    }
    this.ctx.store.mutate(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '', (c) => {
      const a = c.metadata.annotations ?? {};
      if (a[ANN.storageProvisioner] === provisioner && a[ANN.betaStorageProvisioner] === provisioner) return false;
      c.metadata.annotations = { ...a, [ANN.betaStorageProvisioner]: provisioner, [ANN.storageProvisioner]: provisioner };
    });
    this.event(
      pvc,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  /** Bind both ways: claimRef on the volume, volumeName on the claim, the annotations, then both phases Bound. */
  private bind(pv: Readonly<KubeObject>, pvc: Readonly<KubeObject>): void {
    const setClaimRef = !isVolumeBoundToClaim(pv, pvc) || !pv.spec?.claimRef?.uid;
    const boundPv = this.ctx.store.mutate(VOLUMES, undefined, pv.metadata.name ?? '', (v) => {
      if (!setClaimRef) return false;
      if (!isVolumeBoundToClaim(v, pvc)) v.metadata.annotations = { ...v.metadata.annotations, [ANN.boundByController]: 'yes' };
      v.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion };
    });
    if (!boundPv) return;
    this.volumePhase(boundPv, 'Bound');
    const boundPvc = this.ctx.store.mutate(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '', (c) => {
      const a = { ...c.metadata.annotations };
      if (!c.spec.volumeName) {
        c.spec.volumeName = boundPv.metadata.name;
        a[ANN.boundByController] = 'yes';
      }
      a[ANN.bindCompleted] = 'yes';
      c.metadata.annotations = a;
    });
    if (boundPvc) this.claimStatus(boundPvc, 'Bound', boundPv);
  }

  private syncVolume(pv: Readonly<KubeObject>): void {
    const ref = pv.spec?.claimRef as { namespace?: string; name?: string; uid?: string } | undefined;
    if (!ref) return this.volumePhase(pv, 'Available');
    if (!ref.uid) return this.volumePhase(pv, 'Available');
    const claim = this.ctx.store.get(CLAIMS, ref.namespace, ref.name ?? '');
    if (claim && claim.metadata.uid === ref.uid) {
      if (claim.spec?.volumeName === pv.metadata.name && claim.metadata.annotations?.[ANN.bindCompleted] === 'yes') this.volumePhase(pv, 'Bound');
      else if (claim.spec?.volumeName && claim.spec.volumeName !== pv.metadata.name) this.unbindVolume(pv);
      return;
    }
    if (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') return this.reclaim(pv);
    this.volumePhase(pv, 'Released');
  }

  /** The claim is gone: Retain keeps the volume Released, Delete removes it, Recycle makes it Available again. */
  private reclaim(pv: Readonly<KubeObject>): void {
    const policy = (pv.spec?.persistentVolumeReclaimPolicy as string | undefined) ?? 'Retain';
    if (policy === 'Recycle') return this.unbindVolume(pv);
    if (policy !== 'Delete' || pv.status?.phase === 'Failed') return;
    if (!pv.metadata.annotations?.[ANN.provisionedBy]) {
      this.event(pv, 'Warning', 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`);
      return this.volumePhase(pv, 'Failed');
    }
    // The external provisioner deletes the backing storage, then the object.
    this.ctx.clock.after(1000, () => {
      const fresh = this.ctx.store.get(VOLUMES, undefined, pv.metadata.name ?? '');
      // A volume already being deleted is still the provisioner's to clean up (its finalizer).
      if (!fresh || fresh.metadata.uid !== pv.metadata.uid || fresh.status?.phase !== 'Released') return;
      this.dropFinalizer(VOLUMES, fresh, 'external-provisioner.volume.kubernetes.io/finalizer');
      try {
        this.ctx.store.delete(VOLUMES, undefined, fresh.metadata.name ?? '', { preconditions: { uid: fresh.metadata.uid } });
      } catch (err) {
        // Gone already, or a new volume of the same name (the uid precondition). Anything else is
        // logged: this runs on a timer, where a throw would take the whole demo cluster down.
        if (!hasReason(err, 'NotFound', 'Conflict')) console.error(`[sim] deleting released volume ${fresh.metadata.name} failed`, err);
      }
    });
  }

  private unbindVolume(pv: Readonly<KubeObject>): void {
    const v = this.ctx.store.mutate(VOLUMES, undefined, pv.metadata.name ?? '', (o) => {
      delete o.spec.claimRef;
      if (o.metadata.annotations) delete o.metadata.annotations[ANN.boundByController];
    });
    if (v) this.volumePhase(v, 'Available');
  }

  private dropFinalizer(resource: string, o: Readonly<KubeObject>, finalizer: string): void {
    this.ctx.store.mutate(resource, o.metadata.namespace, o.metadata.name ?? '', (x) => {
      if (!x.metadata.finalizers?.includes(finalizer)) return false;
      x.metadata.finalizers = x.metadata.finalizers.filter((f) => f !== finalizer);
      if (!x.metadata.finalizers.length) delete x.metadata.finalizers;
    });
  }

  /** The expand controller: a grown request on a class that allows it goes to the external resizer. */
  private checkExpansion(pvc: Readonly<KubeObject>): void {
    const want = requestedStorage(pvc);
    const have = quantityOrZero(pvc.status?.capacity?.storage as string | undefined);
    if (want <= have) return;
    const conditions = (pvc.status?.conditions as Condition[] | undefined) ?? [];
    if (conditions.some((c) => c.type === 'Resizing' || c.type === 'FileSystemResizePending')) return;
    const cls = this.ctx.store.get(CLASSES, undefined, claimClass(pvc));
    if (!cls?.allowVolumeExpansion) return;
    const resizer = (cls.provisioner as string | undefined) ?? '';
    if (pvc.metadata.annotations?.[ANN.storageResizer] === resizer) return;
    this.ctx.store.mutate(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '', (c) => {
      c.metadata.annotations = { ...c.metadata.annotations, [ANN.storageResizer]: resizer };
    });
    this.event(pvc, 'Normal', 'ExternalExpanding', 'waiting for an external controller to expand this PVC', 'volume_expand');
  }
}

/** checkVolumeSatisfyClaim: why a volume the claim asked for by name cannot be bound to it. */
function volumeMismatch(pv: Readonly<KubeObject>, pvc: Readonly<KubeObject>): string | undefined {
  if (volumeCapacity(pv) < requestedStorage(pvc)) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  const modes = new Set((pv.spec?.accessModes as string[] | undefined) ?? []);
  if (!((pvc.spec?.accessModes as string[] | undefined) ?? []).every((m) => modes.has(m))) return 'incompatible accessMode';
  return undefined;
}

export function persistentVolumeController(): Controller {
  return new PersistentVolumeController();
}
