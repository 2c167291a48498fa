import type { KubeObject } from '../kube/object.ts';
import { badRequest, failureStatus, KubeStatusError } from '../clusters/kubeStatus.ts';
import { imageReferenceProblem } from '../kube/imageReference.ts';
import { integerProblem } from '../kube/integers.ts';
import { invalidNameMessage } from '../kube/names.ts';

/**
 * The changes the actions make to a workload, as pure edits of an object read from the API
 * server; the route PUTs the result (asSeen.ts decides when the page was stale).
 */

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/**
 * More new replicas than this in one step needs `allowLargeScale`: a typo (10000 for 100) can
 * start thousands of pods and fill the cluster before anyone notices.
 */
export const LARGE_SCALE_UP = 1000;

/** `spec.replicas` is an int32 of 0 or more. */
export function replicasProblem(replicas: unknown): string | undefined {
  return integerProblem('spec.replicas', replicas, { type: 'int32', min: 0 });
}

export function setReplicas(obj: KubeObject, replicas: unknown, allowLargeScale = false): void {
  const problem = replicasProblem(replicas);
  if (problem) throw badRequest(problem);
  const wanted = replicas as number;
  const current = typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : 1;
  if (wanted - current > LARGE_SCALE_UP && !allowLargeScale) {
    const message = `scaling ${obj.metadata.name} from ${current} to ${wanted} adds ${wanted - current} replicas at once (more than ${LARGE_SCALE_UP}); send allowLargeScale: true if you mean it`;
    const status = failureStatus(400, 'BadRequest', message);
    // The page asks "do you mean it?" from this cause and its numbers, in the reader's language.
    status.details = { name: obj.metadata.name, kind: obj.kind, causes: [{ reason: 'LargeScaleUp', field: 'spec.replicas', message: `${current}→${wanted}` }] };
    throw new KubeStatusError(status);
  }
  obj.spec.replicas = wanted;
}

/** `kubectl set image`, recording the change-cause the revision list shows. */
export function setImage(obj: KubeObject, container: unknown, image: unknown, changeCause?: string): void {
  if (typeof container !== 'string' || !container) throw badRequest('container is required');
  const badContainer = invalidNameMessage('container', 'dns1123Label', container);
  if (badContainer) throw badRequest(badContainer);
  if (typeof image !== 'string') throw badRequest('image is required: a container image reference such as nginx:1.27');
  const badImage = imageReferenceProblem(image);
  if (badImage) throw badRequest(`image: ${badImage}`);
  const spec = obj.spec?.template?.spec ?? {};
  const target = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c: { name: string }) => c.name === container);
  if (!target) throw badRequest(`${obj.kind} "${obj.metadata.name}" has no container "${container}"`);
  target.image = image;
  obj.metadata.annotations = { ...obj.metadata.annotations, [CHANGE_CAUSE]: changeCause ?? `set image ${container}=${image}` };
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

