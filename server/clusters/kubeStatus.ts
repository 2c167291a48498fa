import { STATUS_CODES } from 'node:http';
import type { StatusBody } from '../kube/status.ts';

/** The one error a failed call to an API server (or a refused action) throws: it carries the Status to relay. */
export class KubeStatusError extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message);
  }
}

/** A request the console refuses before asking the API server. */
export function badRequest(message: string): KubeStatusError {
  return new KubeStatusError(failureStatus(400, 'BadRequest', message));
}

/** A Kubernetes `Status` failure, the one error shape the live channel and the actions send. */
export function failureStatus(code: number, reason: string, message: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The API server's Status when the body is one, otherwise one built from the HTTP status line. */
export function statusFromResponse(code: number, body: string): StatusBody {
  try {
    const parsed = JSON.parse(body) as Partial<StatusBody>;
    if (parsed && parsed.kind === 'Status' && typeof parsed.message === 'string') {
      return { ...failureStatus(code, parsed.reason ?? REASONS[code] ?? 'Unknown', parsed.message), ...parsed, code: parsed.code ?? code };
    }
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    // Not JSON (a proxy's HTML error page, say): fall through to the status line.
  }
  const text = body.trim().slice(0, 200);
  return failureStatus(code, REASONS[code] ?? 'Unknown', text || STATUS_CODES[code] || `HTTP ${code}`);
}

/** A cluster that cannot be reached: 503, naming the context and the cause (ECONNREFUSED, TLS, DNS...). */
export function unreachableStatus(context: string, cause: unknown): StatusBody {
  const err = cause as { code?: string; message?: string };
  const detail = err?.message || err?.code || String(cause);
  return failureStatus(503, 'ServiceUnavailable', `cluster "${context}" is unreachable: ${detail}`);
}
