import { documents, type GroupVersionDocument } from './openapi/documents.ts';
import { swaggerDocument } from './openapi/swaggerDocument.ts';
import { swaggerProtobuf } from './openapi/swaggerProtobuf.ts';
import type { ResourceRegistry } from './resources.ts';

export interface OpenApiResponse {
  status: number;
  contentType: string;
  body: unknown;
  /** The body already serialized (the cached document, JSON or protobuf); the router sends it as is. */
  text?: string | Uint8Array;
  headers?: Record<string, string>;
}

const notFound = (): OpenApiResponse => ({
  status: 404,
  contentType: 'application/json',
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 },
});

/** kube-openapi answers 406 with an empty body when no Accept clause names a format it serves. */
const notAcceptable = (): OpenApiResponse => ({ status: 406, contentType: 'text/plain; charset=utf-8', body: '', text: '' });

const JSON_TYPES = ['*/*', 'application/*', 'application/json'];
/** The gnostic protobuf media types kube-openapi serves /openapi/v2 in (client-go asks for the first). */
const V2_PROTOBUF = ['application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'];

/** The first Accept clause the handler can serve, in the client's order: JSON, a protobuf type, or none (406). */
function negotiate(accept: string | undefined, protobuf: string[]): string | undefined {
  if (!accept?.trim()) return 'application/json';
  for (const clause of accept.split(',')) {
    const type = clause.split(';')[0].trim().toLowerCase();
    if (JSON_TYPES.includes(type)) return 'application/json';
    if (protobuf.includes(type)) return type;
  }
  return undefined;
}

const acceptsJson = (accept: string | undefined) => negotiate(accept, []) !== undefined;

const protobufCache = new WeakMap<GroupVersionDocument, Uint8Array>();

function serveSwagger(registry: ResourceRegistry, accept: string | undefined, ifNoneMatch: string | undefined): OpenApiResponse {
  const type = negotiate(accept, V2_PROTOBUF);
  if (!type) return notAcceptable();
  const doc = swaggerDocument(registry);
  if (type === 'application/json') return serveDocument(doc, ifNoneMatch);
  let bytes = protobufCache.get(doc);
  if (!bytes) protobufCache.set(doc, (bytes = swaggerProtobuf(doc.body)));
  const answer = serveDocument(doc, ifNoneMatch);
  // The `@` form is not a valid media type (Go's mime package refuses it), so kube-openapi answers either with the dotted one.
  return { ...answer, contentType: V2_PROTOBUF[1], text: answer.status === 200 ? bytes : answer.text };
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
  if (clean === '/openapi/v2') return serveSwagger(registry, accept, ifNoneMatch);
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
