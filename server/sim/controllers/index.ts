import type { Controller } from '../context.ts';
import { clusterRoleAggregationController } from './clusterRoleAggregation.ts';
import { cronJobController } from './cronjob.ts';
import { daemonSetController } from './daemonset.ts';
import { deploymentController } from './deployment.ts';
import { disruptionController } from './disruption.ts';
import { endpointsController } from './endpoints.ts';
import { endpointSliceController } from './endpointSlices.ts';
import { garbageCollector } from './garbageCollector.ts';
import { jobController } from './job.ts';
import { namespaceController } from './namespace.ts';
import { nodeLeaseHeartbeat } from './nodeLease.ts';
import { nodeLifecycleController } from './nodeLifecycle.ts';
import { persistentVolumeController } from './persistentVolume.ts';
import { externalStorageController } from './pvProvisioner.ts';
import { pvcProtectionController, pvProtectionController } from './pvcProtection.ts';
import { externalResizer, nodeVolumeExpander } from './volumeExpansion.ts';
import { replicaSetController } from './replicaset.ts';
import { resourceQuotaController } from './resourceQuota.ts';
import { horizontalPodAutoscalerController } from './horizontalPodAutoscaler.ts';
import { rootCaPublisher } from './rootCaPublisher.ts';
import { schedulerController } from './scheduler.ts';
import { serviceAccountController } from './serviceAccount.ts';
import { serviceAccountTokenSecrets } from './serviceAccountTokenSecrets.ts';
import { statefulSetController } from './statefulset.ts';

/**
 * Every control loop of the demo cluster, in start order: what kube-controller-manager,
 * kube-scheduler and the external storage provisioners run. The kubelet is separate
 * (server/sim/kubelet) because the API server also routes logs and exec to it.
 */
export function allControllers(): Controller[] {
  return [
    garbageCollector(),
    namespaceController(),
    serviceAccountController(),
    serviceAccountTokenSecrets(),
    rootCaPublisher(),
    clusterRoleAggregationController(),
    nodeLeaseHeartbeat(),
    deploymentController(),
    replicaSetController(),
    statefulSetController(),
    daemonSetController(),
    jobController(),
    cronJobController(),
    endpointsController(),
    endpointSliceController(),
    disruptionController(),
    resourceQuotaController(),
    horizontalPodAutoscalerController(),
    persistentVolumeController(),
    pvcProtectionController(),
    pvProtectionController(),
    externalStorageController(),
    externalResizer(),
    nodeVolumeExpander(),
    nodeLifecycleController(),
    schedulerController(),
  ];
}
