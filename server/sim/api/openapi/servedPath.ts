import type { ResourceType } from '../resources.ts';

/**
 * Whether an OpenAPI path of group-version `base` (`/api/v1`, `/apis/apps/v1`) addresses what
 * `types` serve: the group-version root, a collection (namespaced or across namespaces), an
 * object, one of its subresources (proxy with its trailing path), or the same under the
 * deprecated `/watch/` prefix.
 */
export function servesPath(types: readonly ResourceType[], base: string, path: string): boolean {
  if (path === `${base}/`) return true;
  if (!path.startsWith(`${base}/`)) return false;
  let segs = path.slice(base.length + 1).split('/');
  if (segs[0] === 'watch') segs = segs.slice(1);
  const namespaced = segs[0] === 'namespaces' && segs[1] === '{namespace}';
  if (namespaced) segs = segs.slice(2);
  const t = types.find((r) => r.plural === segs[0]);
  if (!t || (namespaced && !t.namespaced)) return false;
  if (segs.length === 1) return true;
  if (segs[1] !== '{name}') return false;
  if (segs.length === 2) return true;
  if (!(t.subresources ?? []).includes(segs[2])) return false;
  // pods/NAME/proxy/{path}: the proxy subresource takes the rest of the path.
  return segs.length === 3 || (segs.length === 4 && segs[2] === 'proxy' && segs[3] === '{path}');
}
