/** The proxy's own refusals, as Status fields: an unreachable API server names the context and the cause. */
export interface ProxyRefusal {
  code: number;
  reason: string;
  message: string;
}

export function unreachable(context: string, server: URL, err: NodeJS.ErrnoException): ProxyRefusal {
  const cause = err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
  const where = server.origin + (server.pathname === '/' ? '' : server.pathname);
  return { code: 502, reason: 'ServiceUnavailable', message: `context "${context}": cannot reach the API server at ${where}: ${cause}` };
}

export function unknownContext(context: string): ProxyRefusal {
  return { code: 404, reason: 'NotFound', message: `context "${context}" not found` };
}

/** The API server took the connection but sent no response headers in time (KUBE_REQUEST_TIMEOUT). */
export function noResponse(context: string, server: URL, ms: number): ProxyRefusal {
  const where = server.origin + (server.pathname === '/' ? '' : server.pathname);
  return { code: 504, reason: 'Timeout', message: `context "${context}": the API server at ${where} sent no response within ${ms / 1000} s` };
}
