import { createHash } from 'node:crypto';
import { apiVersionOf, type KubeMinor, type ResourceRegistry, type ResourceType } from './resources.ts';

/** What the router writes back: status, Content-Type and a JSON body. */
export interface DiscoveryResponse {
  status: number;
  contentType: string;
  body: unknown;
}

const JSON_TYPE = 'application/json';
/** client-go reads the discovery format from these exact Content-Types. */
const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

interface GroupKindVersion {
  group: string;
  version: string;
  kind: string;
}

/** Verbs and response kind of each subresource, as the real API server registers them. */
function subresourceInfo(sub: string, minor: KubeMinor): { verbs: string[]; kind: GroupKindVersion | undefined } {
  switch (sub) {
    case 'status':
    case 'ephemeralcontainers':
      return { verbs: ['get', 'patch', 'update'], kind: undefined };
    case 'scale':
      return { verbs: ['get', 'patch', 'update'], kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } };
    case 'log':
      return { verbs: ['get'], kind: undefined };
    case 'exec':
      return { verbs: ['create', 'get'], kind: { group: '', version: 'v1', kind: 'PodExecOptions' } };
    case 'attach':
      return { verbs: ['create', 'get'], kind: { group: '', version: 'v1', kind: 'PodAttachOptions' } };
    case 'portforward':
      return { verbs: ['create', 'get'], kind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' } };
    case 'eviction':
      // policy/v1 Eviction arrived in 1.22.
      return { verbs: ['create'], kind: { group: 'policy', version: minor >= 22 ? 'v1' : 'v1beta1', kind: 'Eviction' } };
    case 'binding':
      return { verbs: ['create'], kind: { group: '', version: 'v1', kind: 'Binding' } };
    case 'finalize':
      return { verbs: ['update'], kind: undefined };
    case 'token':
      return { verbs: ['create'], kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } };
    default:
      return { verbs: ['get'], kind: undefined };
  }
}

/** base64 of the first 8 bytes of sha256("group/version/kind"), as apiserver's discovery.StorageVersionHash. */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

function typesIn(registry: ResourceRegistry, group: string, version: string): ResourceType[] {
  return registry.types.filter((t) => t.group === group && t.versions.includes(version));
}

/** Legacy APIResourceList entries: each resource, then each of its subresources. */
function apiResourceList(registry: ResourceRegistry, minor: KubeMinor, group: string, version: string) {
  const resources: Record<string, unknown>[] = [];
  for (const t of typesIn(registry, group, version)) {
    const entry: Record<string, unknown> = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs };
    if (t.shortNames?.length) entry.shortNames = t.shortNames;
    if (t.categories?.length) entry.categories = t.categories;
    if (!t.virtual) entry.storageVersionHash = storageVersionHash(t.group, t.versions[0], t.kind);
    resources.push(entry);
    for (const sub of t.subresources ?? []) {
      const info = subresourceInfo(sub, minor);
      const subEntry: Record<string, unknown> = { name: `${t.plural}/${sub}`, singularName: '', namespaced: t.namespaced };
      // Only a response kind from another group (autoscaling Scale, policy Eviction) names its group/version.
      if (info.kind?.group) {
        subEntry.group = info.kind.group;
        subEntry.version = info.kind.version;
      }
      subEntry.kind = info.kind?.kind ?? t.kind;
      subEntry.verbs = info.verbs;
      resources.push(subEntry);
    }
  }
  const body: Record<string, unknown> = { kind: 'APIResourceList', groupVersion: apiVersionOf({ group }, version), resources };
  // The real server omits apiVersion on /api/v1 and sets it for groups.
  if (group) return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: body.groupVersion, resources };
  return body;
}

function groupVersions(group: string, versions: string[]) {
  return versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
}

function apiGroup(group: string, versions: string[]) {
  const vs = groupVersions(group, versions);
  return { name: group, versions: vs, preferredVersion: vs[0] };
}

/** Served versions of a group, preferred first: v1 before betas (batch on 1.20 serves v1 jobs and v1beta1 cronjobs). */
function versionsOf(registry: ResourceRegistry, group: string): string[] {
  const vs = registry.groups().get(group) ?? [];
  return [...vs].sort((a, b) => versionPriority(a) - versionPriority(b));
}

function versionPriority(v: string): number {
  const m = /^v(\d+)(alpha|beta)?(\d*)$/.exec(v);
  if (!m) return 1000;
  const major = Number(m[1]);
  const level = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
  return level * 100 - major * 10 - Number(m[3] || 0);
}

function aggregatedResource(t: ResourceType, minor: KubeMinor) {
  const r: Record<string, unknown> = {
    resource: t.plural,
    responseKind: { group: '', version: '', kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
  };
  if (t.shortNames?.length) r.shortNames = t.shortNames;
  if (t.categories?.length) r.categories = t.categories;
  if (t.subresources?.length) {
    r.subresources = t.subresources.map((sub) => {
      const info = subresourceInfo(sub, minor);
      const kind = info.kind?.group ? info.kind : { group: '', version: '', kind: info.kind?.kind ?? t.kind };
      return { subresource: sub, responseKind: kind, verbs: info.verbs };
    });
  }
  return r;
}

function aggregatedGroup(registry: ResourceRegistry, minor: KubeMinor, group: string) {
  const metadata: Record<string, unknown> = { creationTimestamp: null };
  if (group) metadata.name = group;
  return {
    metadata,
    versions: versionsOf(registry, group).map((version) => ({
      version,
      resources: typesIn(registry, group, version).map((t) => aggregatedResource(t, minor)),
      freshness: 'Current',
    })),
  };
}

/** Which aggregated discovery version the client accepts, if any (clients list v2 before v2beta1). */
function aggregatedVersionAsked(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const params = new Map<string, string>();
    for (const p of part.split(';').slice(1)) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k && v) params.set(k, v);
    }
    if (params.get('g') === 'apidiscovery.k8s.io' && params.get('as') === 'APIGroupDiscoveryList') {
      const v = params.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
    }
  }
  return undefined;
}

const RELEASES: Record<KubeMinor, { patch: string; commit: string; buildDate: string; goVersion: string }> = {
  20: { patch: 'v1.20.15', commit: '8f1e5bf0b9729a899b8df86249b56e2c74aebc55', buildDate: '2022-01-19T17:23:01Z', goVersion: 'go1.15.15' },
  24: { patch: 'v1.24.17', commit: '22a9682c8fe855c321be75c5faacde343f909b04', buildDate: '2023-08-23T23:37:25Z', goVersion: 'go1.20.7' },
  32: { patch: 'v1.32.0', commit: '70d3cc986aa8221cd1dfb1121852688902d3bf53', buildDate: '2024-12-11T17:59:15Z', goVersion: 'go1.23.3' },
};

export function versionInfo(minor: KubeMinor) {
  const r = RELEASES[minor];
  return {
    major: '1',
    minor: String(minor),
    gitVersion: r.patch,
    gitCommit: r.commit,
    gitTreeState: 'clean',
    buildDate: r.buildDate,
    goVersion: r.goVersion,
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function json(body: unknown, status = 200): DiscoveryResponse {
  return { status, contentType: JSON_TYPE, body };
}

function notFoundPage(): DiscoveryResponse {
  return json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }, 404);
}

/**
 * Discovery documents: /version, /api, /apis, /api/v1, /apis/G, /apis/G/V.
 * Returns undefined for any other path. Aggregated discovery (1.27+) answers /api and
 * /apis when the Accept header asks for it; older emulated versions only know the legacy form.
 */
export function serveDiscovery(registry: ResourceRegistry, kubeMinor: KubeMinor, path: string, accept: string | undefined): DiscoveryResponse | undefined {
  const clean = path.split('?')[0].replace(/\/+$/, '') || '/';
  if (clean === '/version') return json(versionInfo(kubeMinor));

  const aggregated = kubeMinor >= 27 ? aggregatedVersionAsked(accept) : undefined;
  if (clean === '/api') {
    if (aggregated) return aggregatedList(registry, kubeMinor, [''], aggregated);
    return json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }] });
  }
  if (clean === '/apis') {
    const groups = [...registry.groups().keys()].filter((g) => g !== '');
    if (aggregated) return aggregatedList(registry, kubeMinor, groups, aggregated);
    return json({ kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => apiGroup(g, versionsOf(registry, g))) });
  }
  if (clean === '/api/v1') return json(apiResourceList(registry, kubeMinor, '', 'v1'));

  const parts = clean.split('/').filter(Boolean);
  if (parts[0] !== 'apis' || parts.length < 2 || parts.length > 3) return undefined;
  const group = parts[1];
  const versions = versionsOf(registry, group);
  if (parts.length === 2) {
    if (!versions.length) return notFoundPage();
    return json({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) });
  }
  if (!versions.includes(parts[2])) return notFoundPage();
  return json(apiResourceList(registry, kubeMinor, group, parts[2]));
}

function aggregatedList(registry: ResourceRegistry, minor: KubeMinor, groups: string[], version: 'v2' | 'v2beta1'): DiscoveryResponse {
  return {
    status: 200,
    contentType: version === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1,
    body: {
      kind: 'APIGroupDiscoveryList',
      apiVersion: `apidiscovery.k8s.io/${version}`,
      metadata: {},
      items: groups.map((g) => aggregatedGroup(registry, minor, g)),
    },
  };
}
