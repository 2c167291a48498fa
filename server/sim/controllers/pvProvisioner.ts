import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../kube/object.ts';
import type { Controller } from '../context.ts';
import { createAdmitted } from '../api/admittedCreate.ts';
import { ControlLoop, splitKey } from './controlLoop.ts';
import { ANN, claimClass, podClaimNames } from '../../kube/pvMatch.ts';

/** The storage drivers installed in the demo cluster; claims for any other provisioner wait, as they would for a driver that is not running. */
export const SIMULATED_PROVISIONERS = ['k8s.io/minikube-hostpath', 'rancher.io/local-path', 'hostpath.csi.k8s.io'] as const;

/** Simulated time an external provisioner takes for one volume. */
const PROVISION_MS = 2000;

const CLAIMS = 'persistentvolumeclaims';
const VOLUMES = 'persistentvolumes';

function provisionerOf(pvc: Readonly<KubeObject>): string | undefined {
  return pvc.metadata.annotations?.[ANN.storageProvisioner] ?? pvc.metadata.annotations?.[ANN.betaStorageProvisioner];
}

/** Where each driver keeps the data, as the real provisioners lay it out. */
function volumeSource(provisioner: string, pvc: Readonly<KubeObject>, node: string | undefined): Record<string, unknown> {
  const { namespace, name, uid } = pvc.metadata;
  if (provisioner === 'k8s.io/minikube-hostpath') return { hostPath: { path: `/tmp/hostpath-provisioner/${namespace}/${name}`, type: '' } };
  if (provisioner === 'rancher.io/local-path') {
    return {
      hostPath: { path: `/opt/local-path-provisioner/pvc-${uid}_${namespace}_${name}`, type: 'DirectoryOrCreate' },
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
    };
  }
  return {
    csi: { driver: provisioner, volumeHandle: randomUUID(), fsType: 'ext4', volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': `${Date.now()}-8081-${provisioner}` } },
    ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.hostpath.csi/node', operator: 'In', values: [node] }] }] } } } : {}),
  };
}

/**
 * external-provisioner for the drivers above: creates `pvc-<uid>` volumes for claims the PV
 * controller handed over. Expansion is volumeExpansion.ts's (external-resizer and the kubelet).
 */
class ExternalStorageController extends ControlLoop {
  readonly name = 'external-storage';
  private readonly instance = randomUUID();
  private readonly inFlight = new Set<string>();

  protected watch(): void {
    this.on(CLAIMS, (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    this.on('pods', (e) => {
      if (e.object.spec?.nodeName) for (const { name } of podClaimNames(e.object)) this.queue.add(`${e.object.metadata.namespace}/${name}`);
    });
    this.queueAll(CLAIMS);
  }

  private component(provisioner: string): string {
    return `${provisioner}_${provisioner.split('/').pop()}-provisioner-0_${this.instance}`;
  }

  protected sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pvc = this.ctx.store.get(CLAIMS, namespace, name);
    if (!pvc || pvc.metadata.deletionTimestamp || this.inFlight.has(key)) return;
    if (!pvc.spec?.volumeName) this.provision(key, pvc);
  }

  private provision(key: string, pvc: Readonly<KubeObject>): void {
    const provisioner = provisionerOf(pvc);
    if (!provisioner || !(SIMULATED_PROVISIONERS as readonly string[]).includes(provisioner)) return;
    const cls = this.ctx.store.get('storageclasses.storage.k8s.io', undefined, claimClass(pvc));
    if (!cls || cls.provisioner !== provisioner) return;
    const node = pvc.metadata.annotations?.[ANN.selectedNode];
    if (cls.volumeBindingMode === 'WaitForFirstConsumer' && !node) return;
    const pvName = `pvc-${pvc.metadata.uid}`;
    if (this.ctx.store.get(VOLUMES, undefined, pvName)) return;
    this.inFlight.add(key);
    this.ctx.events.record(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`, this.component(provisioner));
    this.ctx.clock.after(PROVISION_MS, () => {
      this.inFlight.delete(key);
      const fresh = this.ctx.store.get(CLAIMS, pvc.metadata.namespace, pvc.metadata.name ?? '');
      if (!fresh || fresh.metadata.uid !== pvc.metadata.uid || fresh.spec?.volumeName || this.ctx.store.get(VOLUMES, undefined, pvName)) return;
      const annotations: Record<string, string> = { [ANN.provisionedBy]: provisioner };
      if (provisioner === 'rancher.io/local-path' && node) annotations['local.path.provisioner/selected-node'] = node;
      const pv: KubeObject = {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: pvName, annotations },
        spec: {
          capacity: { storage: fresh.spec?.resources?.requests?.storage ?? '1Gi' },
          accessModes: fresh.spec?.accessModes ?? ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
          storageClassName: claimClass(fresh),
          volumeMode: fresh.spec?.volumeMode ?? 'Filesystem',
          claimRef: { kind: 'PersistentVolumeClaim', namespace: fresh.metadata.namespace, name: fresh.metadata.name, uid: fresh.metadata.uid, apiVersion: 'v1', resourceVersion: fresh.metadata.resourceVersion },
          ...(cls.mountOptions ? { mountOptions: cls.mountOptions } : {}),
          ...volumeSource(provisioner, fresh, node),
        },
        status: { phase: 'Pending' },
      };
      try {
        createAdmitted(this.ctx, VOLUMES, pv);
        this.ctx.events.record(fresh, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, this.component(provisioner));
      } catch (err) {
        this.ctx.events.record(fresh, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${claimClass(fresh)}": ${(err as Error).message}`, this.component(provisioner));
      }
    });
  }
}

export function externalStorageController(): Controller {
  return new ExternalStorageController();
}
