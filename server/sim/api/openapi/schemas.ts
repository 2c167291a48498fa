import { apiVersionOf, type ResourceType } from '../resources.ts';

/** OpenAPI v3 schema object (the subset the demo cluster writes). */
export type Schema = Record<string, unknown>;

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** `io.k8s.api.apps.v1.Deployment`: the definition name kube-openapi gives a kind. */
export function definitionName(group: string, version: string, kind: string): string {
  if (group === 'metrics.k8s.io') return `io.k8s.metrics.pkg.apis.metrics.${version}.${kind}`;
  const pkg = group === '' ? 'core' : group.split('.')[0];
  return `io.k8s.api.${pkg}.${version}.${kind}`;
}

const ref = (name: string, description: string): Schema => ({ description, allOf: [{ $ref: `#/components/schemas/${name}` }], default: {} });
const str = (description: string): Schema => ({ type: 'string', description });
const int = (description: string): Schema => ({ type: 'integer', format: 'int32', description });
/** Nested objects are left open: kubectl validates through the server (fieldValidation), so the shape only serves `kubectl explain`. */
const open = (description: string): Schema => ({ type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true });

const DESCRIPTIONS = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  metadata: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};

/** First-level spec fields for the kinds operators explain most. */
const SPEC_FIELDS: Record<string, Record<string, Schema>> = {
  Deployment: {
    replicas: int('Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'),
    selector: open("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels."),
    template: open('Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".'),
    strategy: open('The deployment strategy to use to replace existing pods with new ones.'),
    minReadySeconds: int('Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)'),
    revisionHistoryLimit: int('The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.'),
    paused: { type: 'boolean', description: 'Indicates that the deployment is paused.' },
    progressDeadlineSeconds: int('The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.'),
  },
  Pod: {
    containers: { type: 'array', description: 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.', items: open('A single application container that you want to run within a pod.') },
    initContainers: { type: 'array', description: 'List of initialization containers belonging to the pod.', items: open('A single application container that you want to run within a pod.') },
    restartPolicy: str('Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always.'),
    nodeName: str('NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.'),
    nodeSelector: { type: 'object', description: "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node.", additionalProperties: { type: 'string', default: '' } },
    tolerations: { type: 'array', description: "If specified, the pod's tolerations.", items: open('The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.') },
    volumes: { type: 'array', description: 'List of volumes that can be mounted by containers belonging to the pod.', items: open('Volume represents a named volume in a pod that may be accessed by any container in the pod.') },
    serviceAccountName: str('ServiceAccountName is the name of the ServiceAccount to use to run this pod.'),
  },
};

function specSchema(kind: string): Schema {
  const fields = SPEC_FIELDS[kind];
  const description = `Specification of the desired behavior of the ${kind}.`;
  if (!fields) return open(description);
  return { type: 'object', description, properties: fields, 'x-kubernetes-preserve-unknown-fields': true };
}

/** Top-level schema of a kind: apiVersion, kind, metadata, spec and status (or the open body of data-only kinds). */
export function kindSchema(t: ResourceType, version: string): Schema {
  const properties: Record<string, Schema> = {
    apiVersion: str(DESCRIPTIONS.apiVersion),
    kind: str(DESCRIPTIONS.kind),
    metadata: ref(OBJECT_META, DESCRIPTIONS.metadata),
    spec: specSchema(t.kind),
    status: open(`Most recently observed status of the ${t.kind}. Populated by the system. Read-only.`),
  };
  return {
    description: `${t.kind} of ${apiVersionOf(t, version)}.`,
    type: 'object',
    properties,
    // Data-only kinds (ConfigMap, Secret, Event, StorageClass...) keep their fields at the top level.
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': [{ group: t.group, kind: t.kind, version }],
  };
}

export function objectMetaSchema(): Schema {
  const map = (description: string): Schema => ({ type: 'object', description, additionalProperties: { type: 'string', default: '' } });
  return {
    description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    type: 'object',
    properties: {
      name: str('Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.'),
      generateName: str('GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.'),
      namespace: str('Namespace defines the space within which each name must be unique.'),
      labels: map('Map of string keys and values that can be used to organize and categorize (scope and select) objects.'),
      annotations: map('Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.'),
      uid: str('UID is the unique in time and space value for this object.'),
      resourceVersion: str('An opaque value that represents the internal version of this object.'),
      generation: { type: 'integer', format: 'int64', description: 'A sequence number representing a specific generation of the desired state.' },
      creationTimestamp: { type: 'string', format: 'date-time', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' },
      deletionTimestamp: { type: 'string', format: 'date-time', description: 'DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted.' },
      finalizers: { type: 'array', description: 'Must be empty before the object is deleted from the registry.', items: { type: 'string', default: '' } },
      ownerReferences: { type: 'array', description: 'List of objects depended by this object.', items: open('OwnerReference contains enough information to let you identify an owning object.') },
      managedFields: { type: 'array', description: 'ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.', items: open('ManagedFieldsEntry') },
    },
  };
}
