import { includeObjectParam, negotiate, type Representation } from './negotiation.ts';
import type { KubeObject } from '../../kube/object.ts';
import { apiVersionOf } from './resources.ts';
import { listKind, toServed } from './representation.ts';
import type { Scope } from './scope.ts';

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function representationOf(scope: Scope, collection: boolean): Representation {
  return negotiate(scope.req.headers.accept, collection);
}

function partial(o: KubeObject, version: string): object {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: o.metadata };
}

function table(scope: Scope, served: readonly KubeObject[], meta: ListMeta, version: string): object {
  const t = scope.deps.machinery.toTable(scope.type, served, {
    includeObject: includeObjectParam(scope.query),
    resourceVersion: meta.resourceVersion,
    continue: meta.continue,
    remainingItemCount: meta.remainingItemCount,
  }) as { apiVersion?: string };
  if (version !== 'v1') t.apiVersion = `meta.k8s.io/${version}`;
  return t;
}

/** A list (stored objects in) in the representation the client negotiated. */
export function renderList(scope: Scope, stored: readonly KubeObject[], meta: ListMeta, rep: Representation): object {
  const served = stored.map((o) => toServed(scope.type, scope.version, o));
  const listMeta: ListMeta = { resourceVersion: meta.resourceVersion };
  if (meta.continue) listMeta.continue = meta.continue;
  if (meta.remainingItemCount !== undefined) listMeta.remainingItemCount = meta.remainingItemCount;
  if (rep.as === 'Table') return table(scope, served, listMeta, rep.version);
  if (rep.as !== 'Object') {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${rep.version}`,
      metadata: listMeta,
      items: served.map((o) => partial(o, rep.version)),
    };
  }
  return { kind: listKind(scope.type), apiVersion: apiVersionOf(scope.type, scope.version), metadata: listMeta, items: served };
}

/** One object (stored form in) as the client asked for it: itself, a one-row Table, or its metadata. */
export function renderObject(scope: Scope, stored: Readonly<KubeObject>, rep: Representation): object {
  const served = toServed(scope.type, scope.version, stored);
  if (rep.as === 'Table') return table(scope, [served], { resourceVersion: stored.metadata.resourceVersion ?? '' }, rep.version);
  if (rep.as !== 'Object') return partial(served, rep.version);
  return served;
}
