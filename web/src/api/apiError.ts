/**
 * The one error type for anything the SPA asks of the BFF or a cluster: it always holds a
 * Kubernetes `Status`, synthesised when the server sent something else (an HTML 502 from a
 * proxy, a dropped connection), so every error is rendered the same way.
 */
import type { StatusBody } from '../../../server/kube/status.ts';

export type { StatusBody };

/** Reason the SPA uses when the request never got an HTTP answer. */
export const NETWORK_ERROR_REASON = 'NetworkError';

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  502: 'ServiceUnavailable',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function isStatusBody(value: unknown): value is StatusBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'Status' && typeof v.code === 'number';
}

/** Builds a Status for a failure that did not come with one. */
export function syntheticStatus(code: number, message: string, reason?: string): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? REASON_BY_CODE[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest'),
    code,
  };
}

export class ApiError extends Error {
  readonly status: StatusBody;

  constructor(status: StatusBody) {
    super(status.message || status.reason);
    this.name = 'ApiError';
    this.status = status;
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string {
    return this.status.reason;
  }
}

/** Whatever was thrown, as a Status (unknown throws become an InternalError). */
export function toStatus(err: unknown): StatusBody {
  if (err instanceof ApiError) return err.status;
  if (isStatusBody(err)) return err;
  return syntheticStatus(500, err instanceof Error ? err.message : String(err), 'InternalError');
}
