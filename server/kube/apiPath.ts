/**
 * The one way the console builds a URL path to a Kubernetes API server. Every name and
 * namespace goes through `pathSegment`: percent-encoded, and `.`, `..`, `/` and `%` refused,
 * because URL parsers (WHATWG's, Node's) resolve `..` and `%2e%2e` as "up one level" — a
 * pod named `..` in namespace `victim` is the URL of the Namespace `victim`.
 */
import { pathSegmentProblems, quoted } from './names.ts';

/** Where the API serves a resource: `''` is the core group (`/api/v1`). */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
}

/** A segment the console must never put in an API URL (thrown before any request is made). */
export class InvalidPathSegment extends Error {
  constructor(
    readonly value: string,
    readonly problems: string[],
  ) {
    super(`${quoted(value)} cannot be used as a name in a URL: ${problems.join(', ')}`);
  }
}

/** One name or namespace, percent-encoded; throws InvalidPathSegment for '', '.', '..', '/' or '%'. */
export function pathSegment(value: string): string {
  const problems = value === '' ? ['may not be empty'] : pathSegmentProblems(value);
  if (problems.length) throw new InvalidPathSegment(value, problems);
  return encodeURIComponent(value);
}

/** `/api/v1` or `/apis/{group}/{version}`. */
export function groupVersionPath(r: Pick<ResourceRef, 'group' | 'version'>): string {
  return r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
}

export interface PathTarget {
  /** Omitted: cluster-scoped, or every namespace. */
  namespace?: string;
  name?: string;
  /** `scale`, `eviction`, `log`… (only with a name). */
  subresource?: string;
}

/** `/apis/apps/v1/namespaces/shop/deployments/web/scale` and every shorter form. */
export function resourcePath(r: ResourceRef, target: PathTarget = {}): string {
  let path = groupVersionPath(r);
  if (target.namespace !== undefined) path += `/namespaces/${pathSegment(target.namespace)}`;
  path += `/${r.plural}`;
  if (target.name !== undefined) path += `/${pathSegment(target.name)}`;
  if (target.subresource !== undefined) {
    if (target.name === undefined) throw new Error('a subresource needs an object name');
    path += `/${pathSegment(target.subresource)}`;
  }
  return path;
}

/** A segment percent-decoded up to three times (double encoding hides `..`); undefined when the encoding is broken. */
export function fullyDecodedSegment(segment: string): string | undefined {
  let s = segment;
  for (let i = 0; i < 3 && s.includes('%'); i++) {
    try {
      s = decodeURIComponent(s);
    } catch (err) {
      if (!(err instanceof URIError)) throw err;
      return undefined;
    }
  }
  return s;
}

/** A decoded segment that climbs (`.`, `..`) or hides a separator (`/`, `\`, NUL). */
export function isClimbingSegment(decoded: string): boolean {
  return decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded);
}

/**
 * True when `path` climbs or smuggles a separator once decoded — a last check at the point
 * where every request leaves the console, whatever built the path.
 */
export function escapesItsPath(path: string): boolean {
  return path.split('/').some((raw) => {
    const seg = fullyDecodedSegment(raw);
    return seg === undefined || isClimbingSegment(seg);
  });
}
