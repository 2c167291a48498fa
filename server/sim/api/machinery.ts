import type { KubeObject } from '../../kube/object.ts';
import type { KubeMinor, ResourceRegistry, ResourceType } from './resources.ts';
import type { SimContext } from '../context.ts';
import { serveDiscovery } from './discovery.ts';
import { admit } from './admission/index.ts';

/**
 * The API server's pluggable parts (discovery, OpenAPI, tables, admission), bundled so
 * the router depends on one interface and tests could swap a part.
 */
export interface DiscoveryAnswer {
  status: number;
  contentType: string;
  body: unknown;
  /** The body already serialized (cached OpenAPI documents, JSON or protobuf), sent instead of JSON.stringify(body). */
  text?: string | Uint8Array;
  /** Extra response headers (ETag, Cache-Control, Location...). */
  headers?: Record<string, string>;
}

export interface TableOptions {
  includeObject: 'None' | 'Metadata' | 'Object';
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Machinery {
  serveDiscovery(registry: ResourceRegistry, kubeMinor: KubeMinor, path: string, accept: string | undefined): DiscoveryAnswer | undefined;
  /** `path` includes the query (`?hash=`); `ifNoneMatch` is the request's If-None-Match. */
  serveOpenApi(registry: ResourceRegistry, path: string, accept: string | undefined, ifNoneMatch?: string): Promise<DiscoveryAnswer | undefined>;
  /**
   * Loads the parts a request for `type` answered as `accept` needs that start-up leaves out
   * (the Table printers, a custom resource's schema machinery). The router awaits it before
   * any handler runs, so `toTable` and `admit` stay synchronous.
   */
  prepare(type: ResourceType, accept: string | undefined): Promise<void>;
  /** Needs `prepare` with a Table media type first. */
  toTable(type: ResourceType, objects: readonly KubeObject[], opts: TableOptions): object;
  admit(type: ResourceType, obj: KubeObject, old: KubeObject | undefined, ctx: SimContext, op: 'create' | 'update'): void;
}

/**
 * The OpenAPI documents (every kind's 1.32 schema, JSON and protobuf) are built by modules
 * loaded at the first /openapi request: most clients never ask, and loading them at start
 * would cost every start-up the time.
 */
async function serveOpenApi(registry: ResourceRegistry, path: string, accept: string | undefined, ifNoneMatch?: string): Promise<DiscoveryAnswer | undefined> {
  const pathname = path.split('?')[0];
  if (pathname !== '/openapi' && !pathname.startsWith('/openapi/')) return undefined;
  return (await import('./openapi.ts')).serveOpenApi(registry, path, accept, ifNoneMatch);
}

/** Whether `accept` may negotiate a Table (the negotiation itself happens in the handler). */
function mayAskForTable(accept: string | undefined): boolean {
  return accept !== undefined && /\bas=Table\b/.test(accept);
}

export function defaultMachinery(): Machinery {
  // The printers of every built-in kind: kubectl get asks for Tables, most other clients never do.
  let tables: typeof import('./tables/index.ts') | undefined;
  return {
    serveDiscovery,
    serveOpenApi,
    async prepare(_type, accept) {
      if (!tables && mayAskForTable(accept)) tables = await import('./tables/index.ts');
    },
    toTable(type, objects, opts) {
      if (!tables) throw new Error('toTable before prepare() loaded the Table printers');
      return tables.toTable(type, objects, opts);
    },
    admit,
  };
}
