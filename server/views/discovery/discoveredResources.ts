/**
 * What the cluster serves, from its discovery documents, each resource placed in the kind
 * catalogue's categories and marked with whether the user may list it. The navigation and the
 * generic pages read this; nothing about a kind is assumed that discovery did not say.
 */
import { cacheKeyOf, type ClusterContext } from '../../clusters/types.ts';
import { kubeJson } from '../../clusters/kubeRequest.ts';
import { KubeStatusError } from '../../clusters/kubeStatus.ts';
import { categoryOf, resourceKey, type KindIdentity } from '../../kube/kinds.ts';

export interface DiscoveredResource extends KindIdentity {
  /** `pods`, `ingresses.networking.k8s.io`: as kubectl and the console's URLs name it. */
  key: string;
  verbs: string[];
  /**
   * The user may list it, as far as the API server's rules review can tell; true when it cannot
   * (an authorizer that does not enumerate rules): the API server still decides each request.
   */
  canList: boolean;
}

export interface DiscoveredResources {
  resources: DiscoveredResource[];
}

/** Aggregated discovery (Kubernetes ≥1.26 beta, GA 1.30): all groups and resources in two requests. */
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface AggregatedList {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: { version: string; resources?: { resource: string; responseKind?: { kind?: string }; scope?: string; verbs?: string[]; shortNames?: string[] }[] }[];
  }[];
}

interface ResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[]; shortNames?: string[] }[];
}

interface GroupList {
  groups?: { name: string; preferredVersion?: { version: string }; versions?: { version: string }[] }[];
}

type Served = Omit<DiscoveredResource, 'canList'>;

function served(group: string, version: string, plural: string, kind: string, namespaced: boolean, verbs: string[] = [], shortNames: string[] = []): Served {
  const r = { group, version, plural, kind, namespaced, verbs, shortNames };
  return { ...r, key: resourceKey(r), category: categoryOf(r) };
}

/**
 * Each resource at the first version, in the group's order of preference, that serves it (as
 * client-go's ServerPreferredResources): Kubernetes 1.20's batch prefers v1, which has Jobs,
 * while CronJobs exist only in v1beta1.
 */
function preferredOnly(all: Served[]): Served[] {
  const seen = new Set<string>();
  return all.filter((r) => !seen.has(r.key) && seen.add(r.key));
}

/** From the aggregated documents: versions come in the group's order of preference. */
function fromAggregated(list: AggregatedList, core: boolean): Served[] {
  const out: Served[] = [];
  for (const g of list.items ?? []) {
    const group = core ? '' : (g.metadata?.name ?? '');
    for (const v of g.versions ?? []) {
      for (const r of v.resources ?? []) out.push(served(group, v.version, r.resource, r.responseKind?.kind ?? '', r.scope === 'Namespaced', r.verbs, r.shortNames));
    }
  }
  return preferredOnly(out);
}

function fromResourceList(group: string, version: string, list: ResourceList): Served[] {
  // Subresources (`pods/log`) are listed beside their resources; they are not resources to browse.
  return (list.resources ?? []).filter((r) => !r.name.includes('/')).map((r) => served(group, version, r.name, r.kind, r.namespaced, r.verbs, r.shortNames));
}

/** Legacy discovery, for API servers older than aggregated discovery: one request per group version. */
async function legacyDiscovery(ctx: ClusterContext): Promise<Served[]> {
  const [core, groups] = await Promise.all([kubeJson<ResourceList>(ctx, '/api/v1'), kubeJson<GroupList>(ctx, '/apis')]);
  const versions = (groups.groups ?? []).flatMap((g) => {
    const preferred = g.preferredVersion?.version;
    const rest = (g.versions ?? []).map((v) => v.version).filter((v) => v !== preferred);
    return [...(preferred ? [preferred] : []), ...rest].map((version) => ({ group: g.name, version }));
  });
  const perVersion = await Promise.all(
    versions.map(async ({ group, version }) => {
      try {
        return fromResourceList(group, version, await kubeJson<ResourceList>(ctx, `/apis/${encodeURIComponent(group)}/${encodeURIComponent(version)}`));
      } catch (err) {
        // An aggregated API whose backend is down (metrics-server, say) answers 503: kubectl
        // skips that group and lists the rest, and so does the console.
        if (err instanceof KubeStatusError && err.status.code === 503) return [];
        throw err;
      }
    }),
  );
  return preferredOnly([...fromResourceList('', 'v1', core), ...perVersion.flat()]);
}

export async function servedResources(ctx: ClusterContext): Promise<Served[]> {
  const [core, groups] = await Promise.all([
    kubeJson<AggregatedList>(ctx, '/api', { accept: AGGREGATED }),
    kubeJson<AggregatedList>(ctx, '/apis', { accept: AGGREGATED }),
  ]);
  if (core.kind !== 'APIGroupDiscoveryList' || groups.kind !== 'APIGroupDiscoveryList') return legacyDiscovery(ctx);
  return [...fromAggregated(core, true), ...fromAggregated(groups, false)];
}

interface RulesReview {
  status?: { resourceRules?: { verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[]; incomplete?: boolean };
}

/** Which resources the user may list in `namespace` (cluster-wide grants included); undefined when the review cannot say. */
export async function listableBy(ctx: ClusterContext, namespace: string): Promise<((r: { group: string; plural: string }) => boolean) | undefined> {
  let review: RulesReview;
  try {
    review = await kubeJson<RulesReview>(ctx, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
    });
  } catch (err) {
    // A cluster without the review API (404) or one that forbids it: show what is served.
    if (err instanceof KubeStatusError && (err.status.code === 404 || err.status.code === 403)) return undefined;
    throw err;
  }
  if (review.status?.incomplete) return undefined;
  // A rule naming objects grants `get` on them, never `list`: only rules without resourceNames count.
  const rules = (review.status?.resourceRules ?? []).filter((r) => !r.resourceNames?.length);
  const has = (values: string[] | undefined, v: string) => !!values && (values.includes('*') || values.includes(v));
  return (r) => rules.some((rule) => has(rule.verbs, 'list') && has(rule.apiGroups, r.group) && has(rule.resources, r.plural));
}

/** Discovery changes when CRDs or aggregated APIs come and go: rarely, so a minute of reuse. */
const TTL_MS = 60_000;

/** `servedResources` per context, reused for a minute; a failed discovery is not remembered. */
export function createServedResourcesCache(now: () => number = Date.now): (ctx: ClusterContext) => Promise<Served[]> {
  const cache = new Map<string, { at: number; served: Promise<Served[]> }>();
  return (ctx) => {
    let hit = cache.get(cacheKeyOf(ctx));
    if (!hit || now() - hit.at >= TTL_MS) {
      const entry = { at: now(), served: servedResources(ctx) };
      cache.set(cacheKeyOf(ctx), entry);
      entry.served.catch(() => cache.get(cacheKeyOf(ctx)) === entry && cache.delete(cacheKeyOf(ctx)));
      hit = entry;
    }
    return hit.served;
  };
}

export function createDiscovery(now: () => number = Date.now) {
  const served = createServedResourcesCache(now);
  return async function discover(ctx: ClusterContext, namespace: string): Promise<DiscoveredResources> {
    const [all, canList] = await Promise.all([served(ctx), listableBy(ctx, namespace)]);
    return { resources: all.map((r) => ({ ...r, canList: canList ? canList(r) : true })) };
  };
}
