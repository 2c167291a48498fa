/**
 * The Go types behind the integer fields the demo cluster serves, as k8s.io/api declares them.
 * kube-apiserver decodes every request into these structs, so a number that does not fit
 * (2147483648 in an int32, 1.5 anywhere, "3" or true where a number belongs) never reaches
 * validation. Struct names are part of the decoder's message ("Go struct field
 * DeploymentSpec.spec.replicas of type int32"). Only integer fields are listed; other
 * fields are not type-checked here.
 */

/** int32/int64 fields; `intstr` is IntOrString (a string, or a number decoded into an int32). */
export type GoScalar = 'int32' | 'int64' | 'intstr';

export interface GoStruct {
  readonly name: string;
  readonly fields: Readonly<Record<string, GoField>>;
}

/** A scalar, a nested struct, or a list of structs (`[s]`). */
export type GoField = GoScalar | GoStruct | readonly [GoStruct];

const struct = (name: string, fields: Record<string, GoField>): GoStruct => ({ name, fields });

const containerPort = struct('ContainerPort', { containerPort: 'int32', hostPort: 'int32' });
const container = struct('Container', { ports: [containerPort] });

const podSpec = struct('PodSpec', {
  terminationGracePeriodSeconds: 'int64',
  activeDeadlineSeconds: 'int64',
  containers: [container],
  initContainers: [container],
});
const podTemplate = struct('PodTemplateSpec', { spec: podSpec });

const deploymentSpec = struct('DeploymentSpec', {
  replicas: 'int32',
  minReadySeconds: 'int32',
  revisionHistoryLimit: 'int32',
  progressDeadlineSeconds: 'int32',
  template: podTemplate,
  strategy: struct('DeploymentStrategy', {
    rollingUpdate: struct('RollingUpdateDeployment', { maxUnavailable: 'intstr', maxSurge: 'intstr' }),
  }),
});

const replicaSetSpec = struct('ReplicaSetSpec', { replicas: 'int32', minReadySeconds: 'int32', template: podTemplate });

const statefulSetSpec = struct('StatefulSetSpec', {
  replicas: 'int32',
  minReadySeconds: 'int32',
  revisionHistoryLimit: 'int32',
  template: podTemplate,
  updateStrategy: struct('StatefulSetUpdateStrategy', {
    rollingUpdate: struct('RollingUpdateStatefulSetStrategy', { partition: 'int32', maxUnavailable: 'intstr' }),
  }),
  ordinals: struct('StatefulSetOrdinals', { start: 'int32' }),
});

const daemonSetSpec = struct('DaemonSetSpec', {
  minReadySeconds: 'int32',
  revisionHistoryLimit: 'int32',
  template: podTemplate,
  updateStrategy: struct('DaemonSetUpdateStrategy', {
    rollingUpdate: struct('RollingUpdateDaemonSet', { maxUnavailable: 'intstr', maxSurge: 'intstr' }),
  }),
});

const jobSpec = struct('JobSpec', {
  parallelism: 'int32',
  completions: 'int32',
  activeDeadlineSeconds: 'int64',
  backoffLimit: 'int32',
  backoffLimitPerIndex: 'int32',
  maxFailedIndexes: 'int32',
  ttlSecondsAfterFinished: 'int32',
  template: podTemplate,
});

const cronJobSpec = struct('CronJobSpec', {
  startingDeadlineSeconds: 'int64',
  successfulJobsHistoryLimit: 'int32',
  failedJobsHistoryLimit: 'int32',
  jobTemplate: struct('JobTemplateSpec', { spec: jobSpec }),
});

const serviceSpec = struct('ServiceSpec', {
  ports: [struct('ServicePort', { port: 'int32', targetPort: 'intstr', nodePort: 'int32' })],
});

const pdbSpec = struct('PodDisruptionBudgetSpec', { minAvailable: 'intstr', maxUnavailable: 'intstr' });

/** autoscaling/v1 Scale, the body of the `/scale` subresource. */
export const SCALE: GoStruct = struct('Scale', { spec: struct('ScaleSpec', { replicas: 'int32' }) });

/** Top-level structs by resource key (`resourceKey` of the served type). */
export const GO_TYPES: Readonly<Record<string, GoStruct>> = {
  pods: struct('Pod', { spec: podSpec }),
  podtemplates: struct('PodTemplate', { template: podTemplate }),
  services: struct('Service', { spec: serviceSpec }),
  'deployments.apps': struct('Deployment', { spec: deploymentSpec }),
  'replicasets.apps': struct('ReplicaSet', { spec: replicaSetSpec }),
  'statefulsets.apps': struct('StatefulSet', { spec: statefulSetSpec }),
  'daemonsets.apps': struct('DaemonSet', { spec: daemonSetSpec }),
  'jobs.batch': struct('Job', { spec: jobSpec }),
  'cronjobs.batch': struct('CronJob', { spec: cronJobSpec }),
  'poddisruptionbudgets.policy': struct('PodDisruptionBudget', { spec: pdbSpec }),
};
