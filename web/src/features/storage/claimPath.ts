/** The claim page's address: `/c/{context}/persistentvolumeclaims/{namespace}/{name}`. */
import { viewPath } from '../../app/selection.ts';

export function claimPath(context: string, namespace: string, name: string): string {
  return viewPath(context, `persistentvolumeclaims/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`);
}
