/**
 * Which version of batch the cluster serves CronJobs in. CronJob moved: batch/v2alpha1 (1.7,
 * opt-in, gone after 1.20), batch/v1beta1 (1.8–1.24), batch/v1 (1.21+). A console that assumed
 * batch/v1 would show no CronJobs on a 1.20 cluster, so the version is read from discovery:
 * batch/v1 when it lists cronjobs, else v1beta1, else v2alpha1 — whichever the group prefers.
 */
import { cacheKeyOf, type ClusterContext } from '../../clusters/types.ts';
import { kubeJson } from '../../clusters/kubeRequest.ts';
import { failureStatus, KubeStatusError } from '../../clusters/kubeStatus.ts';

/** The CronJob versions Kubernetes has served, in the order the console picks them. */
export const CRONJOB_VERSIONS = ['v1', 'v1beta1', 'v2alpha1'] as const;
export type CronJobVersion = (typeof CRONJOB_VERSIONS)[number];

interface ApiGroup {
  versions?: { version: string }[];
}

interface ResourceList {
  resources?: { name: string }[];
}

/** The version to read and write CronJobs in; 404 (a Status) when the cluster serves none. */
export async function discoverCronJobVersion(ctx: ClusterContext): Promise<CronJobVersion> {
  // /apis/batch lists the group's versions; each version's resource list says whether it has
  // cronjobs (1.20's batch/v1 serves Jobs only).
  const group = await kubeJson<ApiGroup>(ctx, '/apis/batch');
  const served = new Set((group.versions ?? []).map((v) => v.version));
  for (const version of CRONJOB_VERSIONS) {
    if (!served.has(version)) continue;
    const list = await kubeJson<ResourceList>(ctx, `/apis/batch/${version}`);
    if ((list.resources ?? []).some((r) => r.name === 'cronjobs')) return version;
  }
  throw new KubeStatusError(failureStatus(404, 'NotFound', 'the server doesn\'t have a resource type "cronjobs" in batch/v1, batch/v1beta1 or batch/v2alpha1'));
}

/** Discovery changes with upgrades, rarely: a minute of reuse, as the served-resources cache does. */
const TTL_MS = 60_000;

/** discoverCronJobVersion per context, reused for a minute; a failed discovery is not remembered. */
export function createCronJobVersionCache(now: () => number = Date.now): (ctx: ClusterContext) => Promise<CronJobVersion> {
  const cache = new Map<string, { at: number; version: Promise<CronJobVersion> }>();
  return (ctx) => {
    let hit = cache.get(cacheKeyOf(ctx));
    if (!hit || now() - hit.at >= TTL_MS) {
      const entry = { at: now(), version: discoverCronJobVersion(ctx) };
      cache.set(cacheKeyOf(ctx), entry);
      entry.version.catch(() => cache.get(cacheKeyOf(ctx)) === entry && cache.delete(cacheKeyOf(ctx)));
      hit = entry;
    }
    return hit.version;
  };
}

/** The process's one cache: the live view and the actions ask the same question. */
export const cronJobVersionOf = createCronJobVersionCache();
