import type { KubeObject } from '../../../kube/object.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { defaultPodSpec, validatePodSpec } from './pods.ts';
import { goLabelSelector, validateSelectorAndTemplate } from './selectors.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function templateSpec(spec: Json): Json {
  spec.template ??= {};
  spec.template.metadata ??= {};
  return (spec.template.spec ??= {});
}

/** The counts ValidateDeploymentSpec, ValidateReplicaSetSpec and ValidateStatefulSetSpec all keep non-negative. */
function validateCounts(errs: FieldErrors, spec: Json): void {
  errs.nonNegative('spec.replicas', spec.replicas);
  errs.nonNegative('spec.minReadySeconds', spec.minReadySeconds);
}

function validateTemplate(errs: FieldErrors, spec: Json): void {
  validatePodSpec(errs, spec.template?.spec, 'spec.template.spec');
  const policy = spec.template?.spec?.restartPolicy;
  if (policy && policy !== 'Always') errs.notSupported('spec.template.spec.restartPolicy', policy, ['Always']);
}

function immutableSelector(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  if (old && JSON.stringify(obj.spec?.selector) !== JSON.stringify(old.spec?.selector)) {
    errs.invalid('spec.selector', obj.spec?.selector, 'field is immutable', goLabelSelector(obj.spec?.selector));
  }
}

export function admitDeployment(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  const spec: Json = (obj.spec ??= {});
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ||= 'RollingUpdate'; // kubectl create sends an empty strategy (H1a)
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodSpec(templateSpec(spec));
  validateCounts(errs, spec);
  errs.nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit);
  errs.nonNegative('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds);
  if (typeof spec.progressDeadlineSeconds === 'number' && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
    errs.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds');
  }
  validateSelectorAndTemplate(errs, spec, 'deployment');
  validateTemplate(errs, spec);
  if (!['RollingUpdate', 'Recreate'].includes(spec.strategy.type)) errs.notSupported('spec.strategy.type', spec.strategy.type, ['Recreate', 'RollingUpdate']);
  if (spec.strategy.type === 'Recreate' && spec.strategy.rollingUpdate) errs.forbidden('spec.strategy.rollingUpdate', 'may not be specified when strategy `type` is \'Recreate\'');
  immutableSelector(errs, obj, old);
}

export function admitReplicaSet(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  const spec: Json = (obj.spec ??= {});
  spec.replicas ??= 1;
  defaultPodSpec(templateSpec(spec));
  validateCounts(errs, spec);
  validateSelectorAndTemplate(errs, spec, 'replicaset');
  validateTemplate(errs, spec);
  immutableSelector(errs, obj, old);
}

const STS_UPDATABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function admitStatefulSet(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  const spec: Json = (obj.spec ??= {});
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= { type: 'RollingUpdate' };
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
  for (const t of spec.volumeClaimTemplates ?? []) {
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
    t.spec ??= {};
    t.spec.volumeMode ??= 'Filesystem';
    t.status ??= { phase: 'Pending' };
  }
  defaultPodSpec(templateSpec(spec));
  validateCounts(errs, spec);
  errs.nonNegative('spec.updateStrategy.rollingUpdate.partition', spec.updateStrategy.rollingUpdate?.partition);
  errs.nonNegative('spec.ordinals.start', spec.ordinals?.start);
  validateSelectorAndTemplate(errs, spec, 'statefulset');
  validateTemplate(errs, spec);
  if (!['OrderedReady', 'Parallel'].includes(spec.podManagementPolicy)) errs.notSupported('spec.podManagementPolicy', spec.podManagementPolicy, ['OrderedReady', 'Parallel']);
  if (old) {
    const strip = (s: Json) => Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !STS_UPDATABLE.includes(k)));
    if (JSON.stringify(strip(spec)) !== JSON.stringify(strip(old.spec))) {
      errs.forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }
  }
}

export function admitDaemonSet(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  const spec: Json = (obj.spec ??= {});
  spec.updateStrategy ??= { type: 'RollingUpdate' };
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodSpec(templateSpec(spec));
  errs.nonNegative('spec.minReadySeconds', spec.minReadySeconds);
  errs.nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit);
  validateSelectorAndTemplate(errs, spec, 'daemonset');
  validateTemplate(errs, spec);
  immutableSelector(errs, obj, old);
}

export function admitControllerRevision(errs: FieldErrors, obj: KubeObject, old: KubeObject | undefined): void {
  if (typeof obj.revision !== 'number' || obj.revision < 0) errs.invalid('revision', obj.revision ?? 0, 'must be greater than or equal to 0');
  if (old && JSON.stringify(obj.data) !== JSON.stringify(old.data)) errs.invalid('data', obj.data, 'field is immutable', 'runtime.RawExtension{...}');
}
