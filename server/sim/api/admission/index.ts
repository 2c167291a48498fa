import type { SimContext } from '../../context.ts';
import { ApiError, notFound } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { resourceKey, type ResourceType } from '../resources.ts';
import { randomSuffix } from '../store.ts';
import { admitCronJob, admitJob } from './batch.ts';
import { admitConfigMap, admitEvent, admitNamespace, admitSecret } from './core.ts';
import { admitLease } from './coordination.ts';
import { FieldErrors } from './fieldErrors.ts';
import { validateLabels, validateName, type NameRule } from './names.ts';
import { defaultNewPod, validatePodSpec, validatePodUpdate } from './pods.ts';
import { admitPodDisruptionBudget } from './policy.ts';
import { admitResourceQuota, enforceQuota } from './resourceQuota.ts';
import { admitLimitRange, applyLimitRangeDefaults, enforceLimitRanges } from './limitRange.ts';
import { admitHorizontalPodAutoscaler } from './autoscaling.ts';
import { admitIngress, admitIngressClass, admitNetworkPolicy } from './networking.ts';
import { admitService } from './services.ts';
import { admitClusterRole, admitClusterRoleBinding, admitRole, admitRoleBinding, RBAC_GROUP } from '../rbac/admission.ts';
import { admitPersistentVolume, admitPersistentVolumeClaim, admitStorageClass, resizeForbidden } from './storage.ts';
import { addStorageProtectionFinalizer } from './storageObjectInUse.ts';
import { admitControllerRevision, admitDaemonSet, admitDeployment, admitReplicaSet, admitStatefulSet } from './workloads.ts';

type Handler = (errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined, ctx: SimContext) => void;

const HANDLERS: Record<string, Handler> = {
  pods: (errs, obj, old) => {
    if (!old) defaultNewPod(obj);
    validatePodSpec(errs, obj.spec, 'spec');
    if (old) validatePodUpdate(errs, obj, old);
  },
  namespaces: (_errs, obj, old) => admitNamespace(obj, old),
  services: (errs, obj, old, ctx) => admitService(errs, obj, old, ctx.store),
  secrets: admitSecret,
  configmaps: admitConfigMap,
  events: admitEvent,
  'events.events.k8s.io': admitEvent,
  persistentvolumeclaims: (errs, obj, old, ctx) => admitPersistentVolumeClaim(errs, obj, old, ctx.store, ctx.kubeMinor),
  persistentvolumes: admitPersistentVolume,
  'storageclasses.storage.k8s.io': admitStorageClass,
  'deployments.apps': admitDeployment,
  'replicasets.apps': admitReplicaSet,
  'statefulsets.apps': admitStatefulSet,
  'daemonsets.apps': admitDaemonSet,
  'controllerrevisions.apps': admitControllerRevision,
  'jobs.batch': admitJob,
  'cronjobs.batch': admitCronJob,
  'poddisruptionbudgets.policy': admitPodDisruptionBudget,
  'roles.rbac.authorization.k8s.io': admitRole,
  'clusterroles.rbac.authorization.k8s.io': admitClusterRole,
  'rolebindings.rbac.authorization.k8s.io': admitRoleBinding,
  'clusterrolebindings.rbac.authorization.k8s.io': admitClusterRoleBinding,
  'leases.coordination.k8s.io': admitLease,
  resourcequotas: admitResourceQuota,
  limitranges: admitLimitRange,
  'horizontalpodautoscalers.autoscaling': admitHorizontalPodAutoscaler,
  'ingresses.networking.k8s.io': admitIngress,
  'ingressclasses.networking.k8s.io': admitIngressClass,
  'networkpolicies.networking.k8s.io': admitNetworkPolicy,
};

/** Kinds whose own create path writes their initial status; other status-bearing kinds start with `status: {}`. */
const OWN_STATUS = new Set(['pods', 'namespaces', 'persistentvolumeclaims', 'persistentvolumes', 'services']);

function nameRule(type: ResourceType): NameRule {
  if (type.group === '' && type.plural === 'namespaces') return 'label';
  if (type.group === '' && type.plural === 'services') return 'dns1035';
  if (type.group === RBAC_GROUP) return 'pathSegment';
  return 'subdomain';
}

/** NamespaceLifecycle: no new objects in a missing or terminating namespace (events excepted when terminating). */
function checkNamespace(type: ResourceType, obj: KubeObject, ctx: SimContext): void {
  const ns = obj.metadata.namespace;
  if (!type.namespaced || !ns || type.virtual) return;
  const namespace = ctx.store.get('namespaces', undefined, ns);
  if (!namespace) throw notFound('namespaces', '', ns);
  const terminating = namespace.metadata.deletionTimestamp || namespace.status?.phase === 'Terminating';
  if (terminating && type.plural !== 'events') {
    const message = `unable to create new content in namespace ${ns} because it is being terminated`;
    throw new ApiError(403, 'Forbidden', `${type.plural}${type.group ? '.' + type.group : ''} "${obj.metadata.name ?? ''}" is forbidden: ${message}`, {
      name: obj.metadata.name,
      group: type.group || undefined,
      kind: type.plural,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
    });
  }
}

function validateMetadata(errs: FieldErrors, type: ResourceType, obj: KubeObject, op: 'create' | 'update'): void {
  const meta = obj.metadata;
  const rule = nameRule(type);
  if (op === 'create' && !meta.name && meta.generateName) {
    const before = errs.causes.length;
    validateName(errs, 'metadata.generateName', meta.generateName, rule, true);
    // The server names the object before validating, so the full name is checked too.
    if (errs.causes.length === before) meta.name = meta.generateName + randomSuffix();
  }
  if (!meta.name) {
    if (!meta.generateName) errs.required('metadata.name', 'name or generateName is required');
  } else {
    validateName(errs, 'metadata.name', meta.name, rule);
  }
  if (type.namespaced && !meta.namespace) errs.required('metadata.namespace');
  validateLabels(errs, 'metadata.labels', meta.labels);
}

/**
 * Default and validate `obj` in place before it is created or replaced, as the real API server's
 * defaulting, registry strategies and admission plugins do. Throws ApiError: 422 Invalid with
 * field causes, 404 for a missing namespace, 403 for a terminating namespace or a forbidden resize.
 */
export function admit(type: ResourceType, obj: KubeObject, old: KubeObject | undefined, ctx: SimContext, op: 'create' | 'update'): void {
  obj.metadata ??= {};
  if (type.namespaced === false) delete obj.metadata.namespace;
  const errs = new FieldErrors();
  validateMetadata(errs, type, obj, op);
  if (op === 'create') {
    checkNamespace(type, obj, ctx);
    if (type.subresources?.includes('status') && !OWN_STATUS.has(resourceKey(type))) obj.status = {};
  }
  // LimitRanger's mutating half runs before the pod strategy (so the QoS class sees its defaults).
  if (op === 'create' && resourceKey(type) === 'pods') applyLimitRangeDefaults(obj, ctx);
  HANDLERS[resourceKey(type)]?.(errs, obj, op === 'update' ? old : undefined, ctx);
  if (!errs.empty) throw errs.toError(type.kind, type.group, obj.metadata.name ?? '');
  if (resourceKey(type) === 'persistentvolumeclaims') {
    const denied = resizeForbidden(obj, op === 'update' ? old : undefined, ctx.store);
    if (denied) throw denied;
  }
  if (op === 'create') addStorageProtectionFinalizer(resourceKey(type), obj);
  if (op === 'create') enforceLimitRanges(resourceKey(type), obj, ctx);
  // ResourceQuota is the last validating admission plugin: it charges only what passed the others.
  enforceQuota(type, obj, op === 'update' ? old : undefined, ctx);
}

export { defaultNewPod, defaultPodSpec } from './pods.ts';
