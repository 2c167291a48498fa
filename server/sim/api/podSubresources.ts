import { spendDisruptionBudget } from './evictionBudget.ts';
import { ApiError, badRequest, conflict } from '../../kube/status.ts';
import { rfc3339, type KubeObject } from '../../kube/object.ts';
import type { Store } from './store.ts';
import { parseBody, readBody, sendJson } from './respond.ts';
import type { Scope } from './scope.ts';
import { currentObject } from './write.ts';

interface Container {
  name: string;
}

function containerNames(pod: KubeObject, field: 'containers' | 'initContainers' | 'ephemeralContainers'): string[] {
  return ((pod.spec?.[field] as Container[] | undefined) ?? []).map((c) => c.name);
}

/**
 * The container a log/exec/attach request means, validated as the real server does:
 * an unknown name and an ambiguous pod are 400s with the real messages (LogLocation names
 * the ephemeral containers among the choices, streamLocation does not).
 */
export function resolveContainer(pod: KubeObject, wanted: string | null, listEphemeral = true): string {
  const name = pod.metadata.name ?? '';
  const app = containerNames(pod, 'containers');
  const init = containerNames(pod, 'initContainers');
  const eph = containerNames(pod, 'ephemeralContainers');
  if (wanted) {
    if (![...app, ...init, ...eph].includes(wanted)) throw badRequest(`container ${wanted} is not valid for pod ${name}`);
    return wanted;
  }
  if (app.length === 1) return app[0];
  let msg = `a container name must be specified for pod ${name}, choose one of: [${app.join(' ')}]`;
  if (init.length) msg += ` or one of the init containers: [${init.join(' ')}]`;
  if (eph.length && listEphemeral) msg += ` or one of the ephemeral containers: [${eph.join(' ')}]`;
  throw badRequest(msg);
}

export function serveLog(scope: Scope): void {
  const pod = currentObject(scope);
  const container = resolveContainer(pod, scope.query.get('container'));
  const query = new URLSearchParams(scope.query);
  query.set('container', container);
  scope.deps.kubelet.serveLog(scope.req, scope.res, pod, query);
}

/** policy/v1 Eviction: a graceful delete, once the pod's PodDisruptionBudget allows it (429 otherwise). */
export async function serveEviction(scope: Scope): Promise<void> {
  const body = (parseBody(await readBody(scope.req), scope.req.headers['content-type']) ?? {}) as {
    metadata?: { name?: string };
    deleteOptions?: { gracePeriodSeconds?: number };
  };
  if (body.metadata?.name && body.metadata.name !== scope.name) throw badRequest(`name in URL does not match name in Eviction object`);
  const pod = currentObject(scope);
  const { store } = scope.deps.ctx;
  const bound = !!pod.spec?.nodeName && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
  const grace = body.deleteOptions?.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  spendDisruptionBudget(store, pod);
  markDisruptionTarget(store, pod);
  store.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: bound ? grace : 0 });
  sendJson(scope.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/**
 * addConditionAndDeletePod: before deleting, the eviction subresource marks the pod with
 * DisruptionTarget (UpdatePodCondition keeps the transition time of a condition already True),
 * which a Job's pod failure policy can match.
 */
function markDisruptionTarget(store: Store, pod: KubeObject): void {
  store.mutate('pods', pod.metadata.namespace, pod.metadata.name!, (p) => {
    p.status ??= {};
    const conditions = ((p.status.conditions ??= []) as { type: string; status: string; reason?: string; message?: string; lastProbeTime?: null; lastTransitionTime?: string }[]);
    const wanted = { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
    const existing = conditions.find((c) => c.type === wanted.type);
    if (existing) Object.assign(existing, wanted, existing.status === 'True' ? {} : { lastTransitionTime: rfc3339() });
    else conditions.push({ ...wanted, lastProbeTime: null, lastTransitionTime: rfc3339() });
  });
}

/** core/v1 Binding: what a scheduler posts to put a pod on a node. */
export async function serveBinding(scope: Scope): Promise<void> {
  const body = parseBody(await readBody(scope.req), scope.req.headers['content-type']) as { target?: { name?: string } } | undefined;
  const node = body?.target?.name;
  if (!node) throw new ApiError(422, 'Invalid', `Binding "${scope.name}" is invalid: target.name: Required value`);
  const pod = currentObject(scope);
  if (pod.spec?.nodeName) throw conflict('pods/binding', '', scope.name ?? '');
  scope.deps.ctx.store.mutate('pods', pod.metadata.namespace, pod.metadata.name!, (p) => {
    p.spec = { ...p.spec, nodeName: node };
  });
  sendJson(scope.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/**
 * streamLocation (pkg/registry/core/pod/strategy.go), what ExecLocation and AttachLocation run
 * before any upgrade: the container must be valid (or the only one) and the pod on a node.
 */
function streamLocation(pod: KubeObject, query: URLSearchParams): string {
  const container = resolveContainer(pod, query.get('container'), false);
  if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  return container;
}

/**
 * exec/attach without a websocket upgrade (a plain request, or kubectl's SPDY fallback after a
 * refused websocket): the location checks answer first, as the real server's Connect does;
 * only a request that passes them hears that an upgrade is required.
 */
export function refuseStreamWithoutUpgrade(pod: KubeObject, query: URLSearchParams): never {
  streamLocation(pod, query);
  throw badRequest('Upgrade request required');
}

/** Checks before handing an exec/attach upgrade to the kubelet. */
export function checkStreamTarget(pod: KubeObject, query: URLSearchParams, kind: 'exec' | 'attach'): string {
  const container = streamLocation(pod, query);
  const statuses = [
    ...((pod.status?.containerStatuses as { name: string; state?: { running?: unknown } }[] | undefined) ?? []),
    ...((pod.status?.initContainerStatuses as { name: string; state?: { running?: unknown } }[] | undefined) ?? []),
    ...((pod.status?.ephemeralContainerStatuses as { name: string; state?: { running?: unknown } }[] | undefined) ?? []),
  ];
  const st = statuses.find((s) => s.name === container);
  if (!st?.state?.running) throw badRequest(`unable to upgrade connection: container not found ("${container}")`);
  if (kind === 'exec' && query.getAll('command').length === 0) throw badRequest('you must specify at least 1 command');
  return container;
}

/** PortForwardLocation: the pod must be on a node; a plain request then hears that it must upgrade. */
export function checkPortForwardTarget(pod: KubeObject): void {
  if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
}

export function refusePortForwardWithoutUpgrade(pod: KubeObject): never {
  checkPortForwardTarget(pod);
  throw badRequest('Upgrade request required');
}
