/** A request path of the resource API, split into its parts (no lookup yet). */
export interface ResourcePath {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
  /** The deprecated `/watch/` prefix form. */
  legacyWatch: boolean;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * `/api/v1[/watch]/namespaces/NS/RES[/NAME[/SUB]]`, `/api/v1/RES[/NAME[/SUB]]` and the
 * same under `/apis/G/V`. Undefined for anything else (discovery, health, unknown).
 */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  const legacyWatch = rest[0] === 'watch';
  if (legacyWatch) rest = rest.slice(1);
  if (rest.length === 0) return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]))) {
    if (rest.length > 5) return undefined;
    return { group, version, namespace: rest[1], plural: rest[2], name: rest[3], subresource: rest[4], legacyWatch };
  }
  if (rest.length > 3) return undefined;
  return { group, version, plural: rest[0], name: rest[1], subresource: rest[2], legacyWatch };
}
