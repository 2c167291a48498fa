/**
 * Which proxied requests are long-lived streams (watches and log follows): they get no
 * first-byte deadline, TCP keep-alive instead, and a clean end on shutdown.
 */

/**
 * How kube-apiserver reads a boolean query parameter (apimachinery's Convert_Slice_string_To_bool):
 * the first value counts, and only "0" and "false" (any case) are false — `watch=`, `watch=yes`
 * and `watch=True` are all watches. Looser than Go's ParseBool on purpose: taking a real watch
 * for a plain GET would cut it at the first-byte deadline.
 */
export function apiserverBool(value: string | null): boolean {
  if (value === null) return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}

/** `/api/v1/watch/…` and `/apis/{group}/{version}/watch/…`, the deprecated watch paths. */
const WATCH_PATH = /^\/(?:api\/[^/]+|apis\/[^/]+\/[^/]+)\/watch(?:\/|$)/;

/** `path` is the API path (after the context), `search` is `?…` or ''. */
export function isStreamingRequest(path: string, search: string): boolean {
  if (WATCH_PATH.test(path)) return true;
  const query = new URLSearchParams(search);
  // `follow` is read wherever it appears: a false positive only loses the deadline.
  return apiserverBool(query.get('watch')) || apiserverBool(query.get('follow'));
}
