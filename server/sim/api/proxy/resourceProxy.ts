/**
 * The proxy subresources, as kube-apiserver serves them: services/NAME[:PORT]/proxy/PATH and
 * pods/NAME[:PORT]/proxy/PATH reach a pod's port over the pod network, nodes/NAME/proxy/PATH the
 * node's kubelet. The location is found by the registries' ResourceLocation rules (with their
 * errors, e.g. 503 `no endpoints available for service "x"`); the bytes go through the kubelet.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, notFound } from '../../../kube/status.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { forbiddenRequest, type UserInfo } from '../auth.ts';
import type { ApiDeps } from '../scope.ts';

export interface ProxyPath {
  resource: 'pods' | 'services' | 'nodes';
  namespace?: string;
  /** The id as written: NAME, NAME:PORT or SCHEME:NAME:PORT. */
  id: string;
  /** The path after /proxy, still encoded ('' when the URL ends at /proxy). */
  rest: string;
}

const PROXY_PATH = /^\/api\/v1\/(?:namespaces\/([^/]+)\/(pods|services)|(nodes))\/([^/]+)\/proxy(\/.*)?$/;

/** `/api/v1/namespaces/NS/{pods,services}/ID/proxy[/PATH]` or `/api/v1/nodes/ID/proxy[/PATH]`. */
export function parseProxyPath(pathname: string): ProxyPath | undefined {
  const m = PROXY_PATH.exec(pathname);
  if (!m) return undefined;
  const resource = (m[2] ?? m[3]) as ProxyPath['resource'];
  return { resource, namespace: m[1] ? decodeURIComponent(m[1]) : undefined, id: decodeURIComponent(m[4]), rest: m[5] ?? '' };
}

/** RequestInfo's verb for a proxy request: the HTTP method, as for any resource. */
const VERBS: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** utilnet.SplitSchemeNamePort: "name", "name:port" or "scheme:name:port" (scheme http or https). */
function splitSchemeNamePort(id: string): { name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) [name, port] = parts;
  else if (parts.length === 3) [scheme, name, port] = parts;
  else return undefined;
  if (!name || (scheme !== '' && scheme !== 'http' && scheme !== 'https')) return undefined;
  return { name, port };
}

export function serveProxy(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo, p: ProxyPath): void {
  const verb = VERBS[req.method ?? 'GET'];
  if (!verb) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
  const attrs = { verb, group: '', resource: p.resource, subresource: 'proxy', namespace: p.namespace, name: p.id };
  if (!deps.authorizer.allows(user, attrs)) throw forbiddenRequest(user.name, attrs);
  // proxyRedirectsforRootPath: a GET of the bare location is sent to the same path with a slash.
  if (!p.rest && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(301, { Location: `${url.pathname}/${url.search}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const target = (p.rest || '/') + url.search;
  const { store } = deps.ctx;
  const split = splitSchemeNamePort(p.id);
  if (p.resource === 'nodes') {
    if (!split) throw badRequest(`invalid node request ${JSON.stringify(p.id)}`);
    const node = store.get('nodes', undefined, split.name);
    if (!node) throw notFound('nodes', '', split.name);
    const kubeletPort = String(node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250);
    if (split.port && split.port !== kubeletPort) throw unreachable(`dial tcp ${nodeAddress(node)}:${split.port}: connect: connection refused`);
    return deps.kubelet.serveNodeEndpoint(req, res, node, target);
  }
  if (p.resource === 'pods') {
    if (!split) throw badRequest(`invalid pod request ${JSON.stringify(p.id)}`);
    const pod = store.get('pods', p.namespace, split.name);
    if (!pod) throw notFound('pods', '', split.name);
    const port = split.port || firstContainerPort(pod);
    const ip = String(pod.status?.podIP ?? '');
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || ip.startsWith('127.') || ip === '0.0.0.0') throw badRequest('address not allowed');
    return deps.kubelet.proxyToPod(req, res, pod, Number(port || 80), target);
  }
  if (!split) throw badRequest(`invalid service request ${JSON.stringify(p.id)}`);
  const { pod, port } = serviceEndpoint(deps, p.namespace ?? 'default', p.id, split);
  deps.kubelet.proxyToPod(req, res, pod, port, target);
}

function serviceUnavailable(message: string): ApiError {
  return new ApiError(503, 'ServiceUnavailable', message, {});
}

/** transport.go's wording for a dial that failed. */
function unreachable(cause: string): ApiError {
  return serviceUnavailable(`error trying to reach service: ${cause}`);
}

function nodeAddress(node: KubeObject): string {
  const addresses = (node.status?.addresses ?? []) as { type: string; address: string }[];
  return addresses.find((a) => a.type === 'InternalIP')?.address ?? addresses[0]?.address ?? '';
}

/** The pod's first declared container port, which pods/NAME/proxy uses when the id names none. */
function firstContainerPort(pod: KubeObject): string {
  for (const c of (pod.spec?.containers ?? []) as { ports?: { containerPort: number }[] }[]) {
    if (c.ports?.length) return String(c.ports[0].containerPort);
  }
  return '';
}

interface Subset {
  addresses?: { ip: string; targetRef?: { kind?: string; name: string; namespace?: string } }[];
  ports?: { name?: string; port: number }[];
}

/**
 * The service registry's ResourceLocation: a port number is mapped to the service port's name,
 * then a ready address of a subset that has a port of that name (from the Endpoints object, as
 * the real registry reads it), whose pod still exists with that IP (isValidAddress).
 */
function serviceEndpoint(deps: ApiDeps, namespace: string, id: string, split: { name: string; port: string }): { pod: KubeObject; port: number } {
  const { store } = deps.ctx;
  let portName = split.port;
  if (/^\d+$/.test(split.port)) {
    const svc = store.get('services', namespace, split.name);
    if (!svc) throw notFound('services', '', split.name);
    const found = ((svc.spec?.ports ?? []) as { name?: string; port: number }[]).find((sp) => sp.port === Number(split.port));
    if (!found) throw serviceUnavailable(`no service port ${Number(split.port)} found for service ${JSON.stringify(split.name)}`);
    portName = found.name ?? '';
  }
  const endpoints = store.get('endpoints', namespace, split.name);
  if (!endpoints) throw notFound('endpoints', '', split.name);
  const subsets = (endpoints.subsets ?? []) as Subset[];
  if (!subsets.length) throw serviceUnavailable(`no endpoints available for service ${JSON.stringify(split.name)}`);
  for (const subset of subsets) {
    const ep = (subset.ports ?? []).find((sp) => (sp.name ?? '') === portName);
    if (!ep || !subset.addresses?.length) continue;
    // The real registry starts at a random address; rotating spreads requests the same way.
    const start = Math.floor(Math.random() * subset.addresses.length);
    for (let i = 0; i < subset.addresses.length; i++) {
      const address = subset.addresses[(start + i) % subset.addresses.length];
      const ref = address.targetRef;
      const pod = ref && ref.kind !== 'Node' ? store.get('pods', ref.namespace ?? namespace, ref.name) : undefined;
      if (pod && pod.status?.podIP === address.ip) return { pod, port: ep.port };
    }
  }
  throw serviceUnavailable(`no endpoints available for service ${JSON.stringify(id)}`);
}
