import type { KubeObject } from '../../../kube/object.ts';
import { apiVersionOf, resourceKey, type ResourceType } from '../resources.ts';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps.ts';
import { cronJobPrinter, jobPrinter } from './batch.ts';
import { configMapPrinter, endpointsPrinter, namespacePrinter, nodePrinter, secretPrinter, serviceAccountPrinter, servicePrinter } from './core.ts';
import { endpointSlicePrinter } from './discovery.ts';
import { eventPrinter } from './events.ts';
import { podPrinter } from './pods.ts';
import { podDisruptionBudgetPrinter } from './policy.ts';
import { resourceQuotaPrinter } from './quota.ts';
import { horizontalPodAutoscalerPrinter } from './autoscaling.ts';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking.ts';
import { column, CREATED_DESCRIPTION, nameColumn, type Printer } from './printer.ts';
import { clusterRoleBindingPrinter, leasePrinter, roleBindingPrinter } from './rbac.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage.ts';

/** Printers by resource key, as kube-apiserver registers them (pkg/printers/internalversion). */
const PRINTERS: Record<string, Printer> = {
  pods: podPrinter,
  services: servicePrinter,
  endpoints: endpointsPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  events: eventPrinter,
  'events.events.k8s.io': eventPrinter,
  configmaps: configMapPrinter,
  secrets: secretPrinter,
  serviceaccounts: serviceAccountPrinter,
  persistentvolumes: persistentVolumePrinter,
  persistentvolumeclaims: persistentVolumeClaimPrinter,
  'deployments.apps': deploymentPrinter,
  'replicasets.apps': replicaSetPrinter,
  'statefulsets.apps': statefulSetPrinter,
  'daemonsets.apps': daemonSetPrinter,
  'controllerrevisions.apps': controllerRevisionPrinter,
  'jobs.batch': jobPrinter,
  'cronjobs.batch': cronJobPrinter,
  'endpointslices.discovery.k8s.io': endpointSlicePrinter,
  'storageclasses.storage.k8s.io': storageClassPrinter,
  'poddisruptionbudgets.policy': podDisruptionBudgetPrinter,
  resourcequotas: resourceQuotaPrinter,
  'horizontalpodautoscalers.autoscaling': horizontalPodAutoscalerPrinter,
  'ingresses.networking.k8s.io': ingressPrinter,
  'ingressclasses.networking.k8s.io': ingressClassPrinter,
  'networkpolicies.networking.k8s.io': networkPolicyPrinter,
  'rolebindings.rbac.authorization.k8s.io': roleBindingPrinter,
  'clusterrolebindings.rbac.authorization.k8s.io': clusterRoleBindingPrinter,
  'leases.coordination.k8s.io': leasePrinter,
};

/** The API server's default table for kinds without a printer: Name and Created At. */
const defaultPrinter: Printer = {
  columns: [nameColumn(), column('Created At', 'date', CREATED_DESCRIPTION)],
  cells(o) {
    return [o.metadata.name, o.metadata.creationTimestamp ?? null];
  },
};

export function printerFor(type: Pick<ResourceType, 'group' | 'plural'>): Printer {
  return PRINTERS[resourceKey(type)] ?? defaultPrinter;
}

export interface TableOptions {
  includeObject: 'None' | 'Metadata' | 'Object';
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
  /** Time the ages are computed at (ms); defaults to now. */
  now?: number;
}

/** A meta.k8s.io/v1 Table of `objects`, as `kubectl get` asks for with `as=Table`. */
export function toTable(type: ResourceType, objects: readonly KubeObject[], opts: TableOptions, printer: Printer = printerFor(type)): object {
  const now = opts.now ?? Date.now();
  const fallbackApiVersion = apiVersionOf(type, type.versions[0]);
  const rows = objects.map((o) => {
    const row: Record<string, unknown> = { cells: printer.cells(o, now) };
    const conditions = printer.conditions?.(o);
    if (conditions) row.conditions = conditions;
    if (opts.includeObject === 'Metadata') {
      row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
    } else if (opts.includeObject === 'Object') {
      row.object = { ...o, apiVersion: o.apiVersion ?? fallbackApiVersion, kind: o.kind ?? type.kind };
    }
    return row;
  });
  const metadata: Record<string, unknown> = { resourceVersion: opts.resourceVersion };
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions: printer.columns, rows };
}
