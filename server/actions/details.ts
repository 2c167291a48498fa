import type { ClusterContext } from '../clusters/types.ts';
import type { KubeObject } from '../kube/object.ts';
import { controllerOf } from '../views/workloads/ownership.ts';
import { podDetail, type PodDetail } from '../views/workloads/podDetail.ts';
import { workloadDetail, type WorkloadDetail } from '../views/workloads/workloadDetail.ts';
import { collectionPath, kindByName, kindOf, objectPath, type KindInfo } from './kinds.ts';
import { kubeJson } from '../clusters/kubeRequest.ts';
import { KubeStatusError } from '../clusters/kubeStatus.ts';
import { resourcePath } from '../kube/apiPath.ts';

const list = async (ctx: ClusterContext, path: string): Promise<KubeObject[]> => (await kubeJson<{ items: KubeObject[] }>(ctx, path)).items;
const CORE = (plural: string) => ({ group: '', version: 'v1', plural });
const APPS = (plural: string) => ({ group: 'apps', version: 'v1', plural });

/** The detail view model of a workload, read fresh from the API server (namespace-wide lists, joined here). */
export async function workloadDetailFor(ctx: ClusterContext, kind: KindInfo, ns: string, name: string): Promise<WorkloadDetail> {
  const obj = await kubeJson<KubeObject>(ctx, objectPath(kind, ns, name));
  obj.kind ??= kind.kind;
  const [replicaSets, controllerRevisions, pods, events, owner] = await Promise.all([
    kind.kind === 'Deployment' ? list(ctx, collectionPath(APPS('replicasets'), ns)) : [],
    kind.kind === 'StatefulSet' || kind.kind === 'DaemonSet' ? list(ctx, collectionPath(APPS('controllerrevisions'), ns)) : [],
    list(ctx, collectionPath(CORE('pods'), ns)),
    list(ctx, collectionPath(CORE('events'), ns)),
    // A ReplicaSet's page says whether it holds its Deployment's current revision.
    kind.kind === 'ReplicaSet' ? ownerOf(ctx, obj) : undefined,
  ]);
  return workloadDetail(obj, { replicaSets, controllerRevisions, pods, events, ...(owner ? { owner } : {}) });
}

/** The controlling object of `obj`, or undefined when it has none, is of an unknown kind, is gone or is not readable. */
async function ownerOf(ctx: ClusterContext, obj: KubeObject): Promise<KubeObject | undefined> {
  const ref = controllerOf(obj);
  const k = ref && kindByName(ref.apiVersion, ref.kind);
  if (!ref || !k) return undefined;
  try {
    const owner = await kubeJson<KubeObject>(ctx, objectPath(k, obj.metadata.namespace ?? '', ref.name));
    owner.kind ??= k.kind;
    return owner;
  } catch (err) {
    if (err instanceof KubeStatusError && (err.status.code === 404 || err.status.code === 403)) return undefined;
    throw err;
  }
}

/** Pod → ReplicaSet → Deployment (or Job → CronJob), as far as the kinds are known and readable. */
async function ownerChain(ctx: ClusterContext, pod: KubeObject): Promise<{ kind: string; name: string }[]> {
  const chain: { kind: string; name: string }[] = [];
  let current = pod;
  for (let depth = 0; depth < 4; depth++) {
    const ref = controllerOf(current);
    if (!ref) break;
    chain.push({ kind: ref.kind, name: ref.name });
    const k = kindByName(ref.apiVersion, ref.kind);
    if (!k) break;
    try {
      current = await kubeJson<KubeObject>(ctx, objectPath(k, pod.metadata.namespace ?? '', ref.name));
    } catch (err) {
      if (err instanceof KubeStatusError && (err.status.code === 404 || err.status.code === 403)) break;
      throw err;
    }
  }
  return chain;
}

/** A 403 leaves an optional part out; anything else is still an error. */
function unlessForbidden(err: unknown): undefined {
  if (err instanceof KubeStatusError && err.status.code === 403) return undefined;
  throw err;
}

export async function podDetailFor(ctx: ClusterContext, ns: string, name: string): Promise<PodDetail> {
  const pod = await kubeJson<KubeObject>(ctx, objectPath(kindOf('pods'), ns, name));
  const pending = !pod.spec?.nodeName;
  const [chain, events, nodes, pods] = await Promise.all([
    ownerChain(ctx, pod),
    list(ctx, collectionPath(CORE('events'), ns)),
    // Explaining a Pending pod needs every node and what is bound to them; a user with
    // namespaced rights may read neither, and then gets the page without that explanation.
    pending ? kubeJson<{ items: KubeObject[] }>(ctx, resourcePath(CORE('nodes'))).then((l) => l.items, unlessForbidden) : undefined,
    pending ? kubeJson<{ items: KubeObject[] }>(ctx, resourcePath(CORE('pods')), { query: { fieldSelector: 'spec.nodeName!=' } }).then((l) => l.items, unlessForbidden) : undefined,
  ]);
  return podDetail(pod, { ownerChain: chain, events, ...(nodes && pods ? { nodes, pods } : {}) });
}
