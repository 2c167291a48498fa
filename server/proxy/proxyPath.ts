/**
 * Splitting `/{context}/{api path}?{query}` (the part after `/k8s`) and refusing paths that could
 * climb out of the API server's root or smuggle a separator: `..` (also percent-encoded, in any
 * case, or double-encoded), `//`, encoded slashes or backslashes, NUL.
 */
import { fullyDecodedSegment, isClimbingSegment } from '../kube/apiPath.ts';

export interface ProxyTarget {
  context: string;
  /** Starts with `/`; forwarded byte for byte. */
  path: string;
  /** `?…` or ''. */
  search: string;
}

export interface PathRefusal {
  code: 400 | 404;
  reason: 'BadRequest' | 'NotFound';
  message: string;
}

export function parseProxyPath(url: string): ProxyTarget | PathRefusal {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? '' : url.slice(q);
  const bad = (message: string): PathRefusal => ({ code: 400, reason: 'BadRequest', message });
  if (!pathname.startsWith('/') || pathname.length === 1) {
    return { code: 404, reason: 'NotFound', message: 'the path must name a context: /k8s/{context}/{api path}' };
  }
  if (pathname.includes('\\')) return bad('backslashes are not allowed in proxied paths');
  const slash = pathname.indexOf('/', 1);
  const rawContext = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
  const rest = slash === -1 ? '/' : pathname.slice(slash);
  let context: string;
  try {
    context = decodeURIComponent(rawContext);
  } catch (err) {
    if (!(err instanceof URIError)) throw err;
    return bad(`context "${rawContext}" is not valid percent-encoding`);
  }
  if (!context || context === '.' || context === '..') return bad(`context "${rawContext}" is not allowed`);
  if (rest.includes('//')) return bad('empty path segments ("//") are not allowed in proxied paths');
  const segments = rest.slice(1).split('/');
  for (const seg of segments) {
    const decoded = fullyDecodedSegment(seg);
    if (decoded === undefined) return bad(`path segment "${seg}" is not valid percent-encoding`);
    if (isClimbingSegment(decoded)) return bad(`path segment "${seg}" is not allowed (path traversal)`);
  }
  return { context, path: rest, search };
}

export function isRefusal(x: ProxyTarget | PathRefusal): x is PathRefusal {
  return 'code' in x;
}
