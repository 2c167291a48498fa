import { ApiError } from '../../kube/status.ts';

/** The representation a client asked for in its Accept header. */
export type Representation =
  | { as: 'Object' }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata' | 'PartialObjectMetadataList'; version: 'v1' | 'v1beta1' };

interface MediaRange {
  type: string;
  params: Map<string, string>;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      const map = new Map<string, string>();
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0) map.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
      }
      return { type: type.toLowerCase(), params: map };
    })
    .filter((m) => m.type);
}

/**
 * Pick the first acceptable media range, as the API server does: Table and
 * PartialObjectMetadata(List) from meta.k8s.io v1/v1beta1, else plain JSON. Protobuf is
 * not offered, so clients that list it first fall through to JSON.
 */
export function negotiate(accept: string | undefined, collection: boolean): Representation {
  if (!accept) return { as: 'Object' };
  for (const m of parseAccept(accept)) {
    if (m.type !== 'application/json' && m.type !== 'application/*' && m.type !== '*/*') continue;
    const as = m.params.get('as');
    if (!as) return { as: 'Object' };
    const g = m.params.get('g');
    const v = m.params.get('v');
    if (g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
    if (as === 'Table') return { as: 'Table', version: v };
    // Metadata informers ask for ...List on lists and the singular form on watches.
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as: collection ? 'PartialObjectMetadataList' : 'PartialObjectMetadata', version: v };
  }
  throw new ApiError(406, 'NotAcceptable', `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectParam(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}
