import type { KubeObject } from '../../kube/object.ts';
import type { KubeMinor, ResourceRegistry, ResourceType } from './resources.ts';
import type { SimContext } from '../context.ts';
import { serveDiscovery } from './discovery.ts';
import { serveOpenApi } from './openapi.ts';
import { toTable } from './tables/index.ts';
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
  serveOpenApi(registry: ResourceRegistry, path: string, accept: string | undefined, ifNoneMatch?: string): DiscoveryAnswer | undefined;
  toTable(type: ResourceType, objects: readonly KubeObject[], opts: TableOptions): object;
  admit(type: ResourceType, obj: KubeObject, old: KubeObject | undefined, ctx: SimContext, op: 'create' | 'update'): void;
}

export function defaultMachinery(): Machinery {
  return { serveDiscovery, serveOpenApi, toTable, admit };
}
