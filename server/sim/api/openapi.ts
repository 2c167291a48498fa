import { documents } from './openapi/documents.ts';
import type { ResourceRegistry } from './resources.ts';

export interface OpenApiResponse {
  status: number;
  contentType: string;
  body: unknown;
}

const notFound = (): OpenApiResponse => ({
  status: 404,
  contentType: 'application/json',
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 },
});

/**
 * /openapi/v3 (index of group-version documents with `?hash=`) and /openapi/v3/<api/v1|apis/G/V>.
 * kubectl 1.32 validates, explains and checks field-validation support through v3 only, so
 * /openapi/v2 answers 404 (kubectl then relies on v3 and its compiled-in types).
 * Returns undefined for paths outside /openapi.
 */
export function serveOpenApi(registry: ResourceRegistry, path: string, accept: string | undefined): OpenApiResponse | undefined {
  const clean = path.split('?')[0].replace(/\/+$/, '');
  if (clean !== '/openapi' && !clean.startsWith('/openapi/')) return undefined;
  void accept; // JSON is the only format served; protobuf-only clients fall back to JSON-capable requests.
  if (clean === '/openapi/v3') {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const d of documents(registry).values()) paths[d.key] = { serverRelativeURL: `/openapi/v3/${d.key}?hash=${d.hash}` };
    return { status: 200, contentType: 'application/json', body: { paths } };
  }
  if (clean.startsWith('/openapi/v3/')) {
    const doc = documents(registry).get(clean.slice('/openapi/v3/'.length));
    return doc ? { status: 200, contentType: 'application/json', body: doc.body } : notFound();
  }
  return notFound();
}
