import type { KubeObject } from '../../kube/object.ts';
import { JOB_LABELS, JOB_TRACKING_FINALIZER } from './jobStatus.ts';
import { ownerRef } from './ownership.ts';
import { podFromTemplate } from './podTemplate.ts';

export const JOB_KIND = { apiVersion: 'batch/v1', kind: 'Job' };

interface ContainerShape {
  env?: { name: string }[];
}

/**
 * A pod for a Job, as the job controller builds it: the template, the job labels (which
 * API defaulting normally put on the template already), the tracking finalizer, and for
 * Indexed jobs the completion index as annotation, label, hostname and env var (and, with
 * backoffLimitPerIndex, the index's failure counts as annotations).
 */
export function jobPod(job: Readonly<KubeObject>, index: number | undefined, annotations: Record<string, string> = {}): KubeObject {
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  const pod = podFromTemplate(job.spec?.template ?? {}, job.metadata.namespace ?? 'default', ownerRef(job, JOB_KIND), {
    generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
  });
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [JOB_LABELS.controllerUid]: uid,
    [JOB_LABELS.jobName]: name,
    [JOB_LABELS.legacyControllerUid]: uid,
    [JOB_LABELS.legacyJobName]: name,
  };
  pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
  if (index !== undefined) {
    pod.metadata.annotations = { ...pod.metadata.annotations, [JOB_LABELS.completionIndex]: String(index), ...annotations };
    pod.metadata.labels[JOB_LABELS.completionIndex] = String(index);
    pod.spec.hostname ??= `${name}-${index}`;
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_LABELS.completionIndex}']` } } };
    for (const c of [...((pod.spec.initContainers as ContainerShape[] | undefined) ?? []), ...((pod.spec.containers as ContainerShape[] | undefined) ?? [])]) {
      if (!c.env?.some((e) => e.name === env.name)) c.env = [...(c.env ?? []), env];
    }
  }
  pod.status = { phase: 'Pending' };
  return pod;
}
