import type { KubeObject } from '../sim/api/object.ts';
import { badRequest } from '../clusters/kubeStatus.ts';

/**
 * The changes the actions make to a workload, as pure edits of an object read from the API
 * server; the route PUTs the result (asSeen.ts decides when the page was stale).
 */

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export function setReplicas(obj: KubeObject, replicas: unknown): void {
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) throw badRequest('replicas must be a whole number of 0 or more');
  obj.spec.replicas = replicas;
}

/** `kubectl set image`, recording the change-cause the revision list shows. */
export function setImage(obj: KubeObject, container: unknown, image: unknown, changeCause?: string): void {
  if (typeof container !== 'string' || !container) throw badRequest('container is required');
  if (typeof image !== 'string' || !image.trim()) throw badRequest('image is required');
  const spec = obj.spec?.template?.spec ?? {};
  const target = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c: { name: string }) => c.name === container);
  if (!target) throw badRequest(`${obj.kind} "${obj.metadata.name}" has no container "${container}"`);
  target.image = image.trim();
  obj.metadata.annotations = { ...obj.metadata.annotations, [CHANGE_CAUSE]: changeCause ?? `set image ${container}=${image.trim()}` };
}

/** `kubectl rollout restart`: a new template annotation makes a new revision with the same spec. */
export function restart(obj: KubeObject, now: Date): void {
  if (obj.kind === 'Deployment' && obj.spec?.paused) throw badRequest(`can't restart paused deployment (run rollout resume first)`);
  const template = (obj.spec.template ??= {});
  template.metadata ??= {};
  template.metadata.annotations = { ...template.metadata.annotations, [RESTARTED_AT]: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

export function setPaused(obj: KubeObject, paused: boolean): void {
  if (obj.kind !== 'Deployment') throw badRequest('only deployments can be paused and resumed');
  if (!!obj.spec.paused === paused) throw badRequest(`deployment "${obj.metadata.name}" is ${paused ? 'already paused' : 'not paused'}`);
  obj.spec.paused = paused;
}

