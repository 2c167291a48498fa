import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from '../context.ts';
import type { KubeletApi } from './kubeletApi.ts';
import type { Machinery } from './machinery.ts';
import type { ResourceRegistry, ResourceType } from './resources.ts';
import type { AuthConfig, Authorizer, UserInfo } from './auth.ts';

/** Everything the API server is built from, shared by every request. */
export interface ApiDeps {
  ctx: SimContext;
  registry: ResourceRegistry;
  machinery: Machinery;
  kubelet: KubeletApi;
  authorizer: Authorizer;
  /** How callers are authenticated (static tokens, certificates, service-account tokens, OIDC). */
  authn: AuthConfig;
  /** Continue tokens older than this answer 410 (tests shorten it). */
  continueTtlMs: number;
  /** Interval of periodic watch BOOKMARKs. */
  bookmarkIntervalMs: number;
}

/** One resource request after routing: which type, which version, which object. */
export interface Scope {
  deps: ApiDeps;
  req: IncomingMessage;
  res: ServerResponse;
  type: ResourceType;
  version: string;
  storeKey: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  user: UserInfo;
}
