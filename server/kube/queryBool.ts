/**
 * A boolean query parameter as kube-apiserver decodes it into ListOptions, PodLogOptions,
 * PodExecOptions and DeleteOptions (apimachinery's Convert_Slice_string_To_bool and
 * Convert_Slice_string_To_Pointer_bool): absent is unset, `false` and `0` (any case) are
 * false, and every other value, the empty string included, is true. So the Python client's
 * `watch=True`, `follow=True` and `stdout=True` mean what they say.
 */
export function queryBool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  return !(v === '0' || v.toLowerCase() === 'false');
}

/** The same rule where absence means false (a plain `bool` field). */
export function queryFlag(q: URLSearchParams, name: string): boolean {
  return queryBool(q, name) ?? false;
}
