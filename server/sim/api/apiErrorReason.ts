import { ApiError } from '../../kube/status.ts';

/**
 * The simulator's own ApiError with one of these reasons ('NotFound', 'Conflict', ...):
 * the error a caller expects and handles; anything else it rethrows or logs.
 */
export function hasReason(err: unknown, ...reasons: string[]): err is ApiError {
  return err instanceof ApiError && reasons.includes(err.reason);
}
