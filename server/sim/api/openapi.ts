import { documents, type GroupVersionDocument } from './openapi/documents.ts';
import { swaggerDocument } from './openapi/swaggerDocument.ts';
import type { ResourceRegistry } from './resources.ts';

export interface OpenApiResponse {
  status: number;
  contentType: string;
  body: unknown;
  /** The body already serialized (the cached document); the router sends it as is. */
  text?: string;
  headers?: Record<string, string>;
}

const notFound = (): OpenApiResponse => ({
  status: 404,
  contentType: 'application/json',
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 },
});

/** kube-openapi answers 406 with an empty body when no Accept clause names a format it serves. */
const notAcceptable = (): OpenApiResponse => ({ status: 406, contentType: 'text/plain; charset=utf-8', body: '', text: '' });

/**
 * Whether the Accept header admits JSON. The real handlers also serve the gnostic protobuf
 * encodings; a client asking only for those (client-go's v2 OpenAPISchema) gets 406, and
 * client-go treats that as it treats 404.
 */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept?.trim()) return true;
  return accept.split(',').some((clause) => ['*/*', 'application/*', 'application/json'].includes(clause.split(';')[0].trim().toLowerCase()));
}

/** If-None-Match as net/http's ServeContent reads it: `*` or any listed (weak or strong) tag. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** Go's time.RFC1123 in UTC, as the API server writes Expires. */
function rfc1123(d: Date): string {
  return d.toUTCString().replace(/GMT$/, 'UTC');
}

/** A cached document with its ETag: 304 when the client already holds it, as http.ServeContent does. */
function serveDocument(doc: GroupVersionDocument, ifNoneMatch: string | undefined, extra: Record<string, string> = {}): OpenApiResponse {
  const etag = `"${doc.hash}"`;
  const headers = { ETag: etag, ...extra };
  if (matches(ifNoneMatch, etag)) return { status: 304, contentType: 'application/json', body: '', text: '', headers };
  return { status: 200, contentType: 'application/json', body: doc.body, text: doc.text, headers };
}

/**
 * /openapi/v3 (index of group-version documents with `?hash=`), /openapi/v3/<api/v1|apis/G/V>
 * and /openapi/v2, as kube-openapi's handlers serve them: a group-version asked with its
 * current hash is immutable (cached for a year), with a stale hash it redirects (301) to the
 * current one. `path` may carry the query. Returns undefined for paths outside /openapi.
 */
export function serveOpenApi(registry: ResourceRegistry, path: string, accept: string | undefined, ifNoneMatch?: string): OpenApiResponse | undefined {
  const [rawPath, query = ''] = path.split('?');
  const clean = rawPath.replace(/\/+$/, '');
  if (clean !== '/openapi' && !clean.startsWith('/openapi/')) return undefined;
  if (clean === '/openapi/v2') return acceptsJson(accept) ? serveDocument(swaggerDocument(registry), ifNoneMatch) : notAcceptable();
  if (clean === '/openapi/v3') {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const d of documents(registry).values()) paths[d.key] = { serverRelativeURL: `/openapi/v3/${d.key}?hash=${d.hash}` };
    return { status: 200, contentType: 'application/json', body: { paths } };
  }
  if (!clean.startsWith('/openapi/v3/')) return notFound();
  const doc = documents(registry).get(clean.slice('/openapi/v3/'.length));
  if (!doc) return notFound();
  if (!acceptsJson(accept)) return notAcceptable();
  const hash = new URLSearchParams(query).get('hash');
  if (!hash) return serveDocument(doc, ifNoneMatch);
  if (hash !== doc.hash) {
    const location = `/openapi/v3/${doc.key}?hash=${doc.hash}`;
    return { status: 301, contentType: 'text/html; charset=utf-8', body: '', text: `<a href="${location}">Moved Permanently</a>.\n\n`, headers: { Location: location } };
  }
  const expires = new Date();
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  return serveDocument(doc, ifNoneMatch, { Vary: 'Accept', 'Cache-Control': 'public, immutable', Expires: rfc1123(expires) });
}
