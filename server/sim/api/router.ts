import { healthAnswer } from './health.ts';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../../kube/status.ts';
import { authenticate, forbiddenRequest, type UserInfo } from './auth.ts';
import { serveTokenRequest } from './tokenRequest.ts';
import type { ServiceAccountTokens } from './tokens.ts';
import { withEscalationCheck } from './rbac/escalation.ts';
import { parseResourcePath, type ResourcePath } from './route.ts';
import { storeKeyOf } from './representation.ts';
import { asApiError, sendError } from './respond.ts';
import type { ApiDeps, Scope } from './scope.ts';
import { serveList } from './list.ts';
import { serveWatch } from './watch.ts';
import { serveCreate, serveGet, serveUpdate, currentObject } from './write.ts';
import { loadWriteParts } from './writeParts.ts';
import { serveDelete, serveDeleteCollection } from './delete.ts';
import { serveScale } from './scale.ts';
import { checkPortForwardTarget, checkStreamTarget, refusePortForwardWithoutUpgrade, refuseStreamWithoutUpgrade, serveBinding, serveEviction, serveLog } from './podSubresources.ts';
import { isSpdyUpgrade } from '../spdy/upgradeRequest.ts';
import { serveEphemeralContainers } from './ephemeralContainers.ts';
import { parseProxyPath, serveProxy } from './proxy/resourceProxy.ts';
import { serveVirtual } from './virtual.ts';
import { queryFlag } from '../../kube/queryBool.ts';
import { refuseStrategicMergePatch, withCustomResources } from './crd/customResourceMachinery.ts';
import { runDefinitionController } from './crd/definitionController.ts';

const NOT_FOUND = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
const NOT_ALLOWED = () => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

function verbOf(method: string, p: ResourcePath, query: URLSearchParams): string {
  const watch = p.legacyWatch || queryFlag(query, 'watch');
  if (p.legacyWatch && method !== 'GET') throw NOT_ALLOWED();
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return p.name ? 'get' : 'list';
    case 'POST':
      if (!p.name) return 'create';
      if (p.subresource && ['eviction', 'binding', 'exec', 'attach', 'portforward', 'token'].includes(p.subresource)) return 'create';
      throw NOT_ALLOWED();
    case 'PUT':
      if (!p.name) throw NOT_ALLOWED();
      return 'update';
    case 'PATCH':
      if (!p.name) throw NOT_ALLOWED();
      return 'patch';
    case 'DELETE':
      if (p.subresource) throw NOT_ALLOWED();
      return p.name ? 'delete' : 'deletecollection';
    default:
      throw NOT_ALLOWED();
  }
}

/** Route a resource path to its type and check the scope, verb and permission. */
function resolve(deps: ApiDeps, method: string, req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo): { scope: Scope; verb: string } {
  const p = parseResourcePath(url.pathname);
  if (!p) throw NOT_FOUND();
  const type = deps.registry.lookup(p.group, p.version, p.plural);
  if (!type || (p.namespace !== undefined && !type.namespaced)) throw NOT_FOUND();
  if (p.subresource && !(type.subresources ?? []).includes(p.subresource)) throw NOT_FOUND();
  if (p.subresource && !p.name) throw NOT_FOUND();
  const verb = verbOf(method, p, url.searchParams);
  if (!type.virtual && !type.verbs.includes(verb) && !p.subresource) throw NOT_ALLOWED();
  const scope: Scope = {
    deps,
    req,
    res,
    type,
    version: p.version,
    storeKey: storeKeyOf(type),
    namespace: type.namespaced ? p.namespace : undefined,
    name: p.name,
    subresource: p.subresource,
    query: url.searchParams,
    user,
  };
  const attrs = { verb, group: type.group, resource: type.plural, subresource: p.subresource, namespace: scope.namespace, name: p.name };
  if (!deps.authorizer.allows(user, attrs)) {
    throw forbiddenRequest(user.name, attrs);
  }
  return { scope, verb };
}

async function dispatch(scope: Scope, verb: string): Promise<void> {
  await scope.deps.machinery.prepare(scope.type, scope.req.headers.accept);
  if (verb !== 'get' && verb !== 'list' && verb !== 'watch') await loadWriteParts();
  if (scope.type.virtual) return serveVirtual(scope, verb);
  switch (scope.subresource) {
    case 'log':
      if (verb !== 'get') throw NOT_ALLOWED();
      return serveLog(scope);
    case 'exec':
    case 'attach':
      return refuseStreamWithoutUpgrade(currentObject(scope), scope.query);
    case 'portforward':
      return refusePortForwardWithoutUpgrade(currentObject(scope));
    case 'eviction':
      return serveEviction(scope);
    case 'binding':
      return serveBinding(scope);
    case 'token':
      return serveTokenRequest(scope);
    case 'scale':
      if (verb !== 'get' && verb !== 'update' && verb !== 'patch') throw NOT_ALLOWED();
      // The scale subresource of custom resources is loaded with its first use (few clusters have one).
      return scope.type.custom ? (await import('./crd/customScale.ts')).serveCustomScale(scope, verb) : serveScale(scope, verb);
    case 'ephemeralcontainers':
      return serveEphemeralContainers(scope, verb);
    case 'status':
    case 'finalize':
    case undefined:
      break;
    default:
      throw NOT_FOUND();
  }
  switch (verb) {
    case 'get':
      return serveGet(scope);
    case 'list':
      return serveList(scope);
    case 'watch':
      return serveWatch(scope);
    case 'create':
      return serveCreate(scope);
    case 'update':
      return serveUpdate(scope);
    case 'patch':
      refuseStrategicMergePatch(scope);
      return (await import('./patch/servePatch.ts')).servePatch(scope);
    case 'delete':
      return serveDelete(scope);
    case 'deletecollection':
      return serveDeleteCollection(scope);
  }
  throw NOT_ALLOWED();
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** Service-account issuer discovery: the OpenID configuration and the key set of the cluster's tokens. */
function serviceAccountIssuerDocument(tokens: ServiceAccountTokens, path: string, req: IncomingMessage): { contentType: string; body: unknown } | undefined {
  const clean = path.replace(/\/$/, '');
  if (clean === '/openid/v1/jwks') return { contentType: 'application/jwk-set+json', body: tokens.jwks() };
  if (clean !== '/.well-known/openid-configuration') return undefined;
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return { contentType: 'application/json', body: tokens.openIdConfiguration(`${scheme}://${req.headers.host ?? 'kubernetes.default.svc'}/openid/v1/jwks`) };
}

/** The demo cluster's HTTP surface: health, discovery, OpenAPI, then the resource API. */
export function createApiHandler(deps: ApiDeps) {
  // CustomResourceDefinitions: their admission and tables join the machinery, and an accepted CRD is served at once.
  deps.machinery = withCustomResources(deps.machinery);
  runDefinitionController(deps.ctx.store, deps.registry);
  const auth = deps.authn;
  const kubeMinor = deps.ctx.kubeMinor;

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Audit-Id', randomUUID());
    try {
      const url = new URL(req.url ?? '/', 'http://demo.local');
      const health = (HEALTH.has(url.pathname) || [...HEALTH].some((h) => url.pathname.startsWith(h + '/'))) && healthAnswer(url.pathname, url.searchParams);
      if (health) {
        res.writeHead(health.status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        res.end(health.body);
        return;
      }
      const user = await authenticate(req, auth, deps.authorizer);
      const proxyPath = parseProxyPath(url.pathname);
      if (proxyPath) return serveProxy(deps, req, res, url, user, proxyPath);
      const accept = req.headers.accept;
      if (req.method === 'GET') {
        const answer =
          deps.machinery.serveDiscovery(deps.registry, kubeMinor, url.pathname, accept) ??
          (await deps.machinery.serveOpenApi(deps.registry, url.pathname + url.search, accept, req.headers['if-none-match']));
        if (answer) {
          // Discovery and OpenAPI are non-resource URLs: system:discovery grants them to every authenticated user.
          if (!deps.authorizer.decideNonResource(user, 'get', url.pathname)) {
            throw new ApiError(403, 'Forbidden', `forbidden: User "${user.name}" cannot get path "${url.pathname}"`, {});
          }
          const text = answer.text ?? JSON.stringify(answer.body);
          res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': Buffer.byteLength(text), ...answer.headers });
          res.end(text);
          return;
        }
      }
      const issuerDocument = req.method === 'GET' && auth.serviceAccounts && serviceAccountIssuerDocument(auth.serviceAccounts, url.pathname, req);
      if (issuerDocument) {
        if (!deps.authorizer.decideNonResource(user, 'get', url.pathname)) {
          throw new ApiError(403, 'Forbidden', `forbidden: User "${user.name}" cannot get path "${url.pathname}"`, {});
        }
        const text = JSON.stringify(issuerDocument.body);
        res.writeHead(200, { 'Content-Type': issuerDocument.contentType, 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      const { scope, verb } = resolve(deps, req.method ?? 'GET', req, res, url, user);
      if (scope.type.group === 'rbac.authorization.k8s.io' && !scope.subresource) {
        // Who grants a role decides what it may hold (escalation prevention).
        const requester = {
          user,
          allows: (a: Parameters<typeof deps.authorizer.allows>[1]) => deps.authorizer.allows(user, a),
          allowsPath: (v: string, path: string) => deps.authorizer.decideNonResource(user, v, path) !== undefined,
        };
        scope.deps = { ...deps, machinery: withEscalationCheck(deps.machinery, requester) };
      }
      await dispatch(scope, verb);
    } catch (err) {
      sendError(res, err);
    }
  }

  /**
   * exec/attach/portforward over websocket (GET) or SPDY/3.1 (POST, or GET: the API server's
   * upgrade-aware proxy takes either); anything else asking to upgrade gets a Status.
   */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    void upgrade(req, socket, head);
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // A client that resets the connection after reading the refusal must not take the server down.
    socket.on('error', () => socket.destroy());
    const refuse = (err: unknown) => {
      const e = asApiError(err);
      const text = JSON.stringify(e.toStatus());
      // The reason phrase is HTTP's ("Bad Request"), which websocket clients quote in their error.
      socket.end(`HTTP/1.1 ${e.code} ${STATUS_CODES[e.code] ?? e.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://demo.local');
      const user = await authenticate(req, auth, deps.authorizer);
      const p = parseResourcePath(url.pathname);
      const isStream = p && p.group === '' && p.plural === 'pods' && (p.subresource === 'exec' || p.subresource === 'attach' || p.subresource === 'portforward');
      if (!isStream) throw new ApiError(400, 'BadRequest', 'Upgrade request required');
      // No ServerResponse exists for an upgrade; the stream handlers never touch it.
      const noResponse = undefined as unknown as ServerResponse;
      // exec/attach/portforward are authorized as `create` on the subresource, whatever the HTTP method.
      const { scope } = resolve(deps, 'POST', req, noResponse, url, user);
      const pod = currentObject(scope);
      const upgrading = isSpdyUpgrade(req) || (req.method === 'GET' && /websocket/i.test(String(req.headers.upgrade ?? '')));
      if (p.subresource === 'portforward') {
        if (!upgrading) refusePortForwardWithoutUpgrade(pod);
        checkPortForwardTarget(pod);
        return deps.kubelet.servePortForward(req, socket, head, pod, url.searchParams);
      }
      if (!upgrading) refuseStreamWithoutUpgrade(pod, url.searchParams);
      const kind = p.subresource as 'exec' | 'attach';
      const container = checkStreamTarget(pod, url.searchParams, kind);
      const query = new URLSearchParams(url.searchParams);
      query.set('container', container);
      deps.kubelet.serveStream(kind, req, socket, head, pod, query);
    } catch (err) {
      refuse(err);
    }
  }

  return { handleRequest, handleUpgrade };
}
